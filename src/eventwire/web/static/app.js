// eventwire dashboard: wires the filters, map, charts, table and article view to
// the API and keeps the whole view in the query string (shareable URLs).

import { api } from "./js/api.js";
import { ArticleView } from "./js/article.js";
import { SeriesChart } from "./js/charts.js";
import { CAMEO_ROOTS, FILTER_KEYS } from "./js/constants.js";
import { el, clear, formatNumber } from "./js/dom.js";
import { EventMap } from "./js/map.js";
import { eventQuery, readState, writeState } from "./js/state.js";
import { EventTable } from "./js/table.js";

const PAGE_SIZE = 100;
const $ = (id) => document.getElementById(id);

class Dashboard {
  constructor() {
    this.state = readState();
    this.stats = null;
    this.nextCursor = null;
    this.generation = 0;
    this.form = $("filters");
    this.chartForm = $("chart-controls");
    this.map = new EventMap($("map"), { onArea: (bbox) => this.setFilters({ ...this.state.filters, bbox }) });
    this.timeline = new SeriesChart($("timeline-chart"), "timeline");
    this.dyad = new SeriesChart($("dyad-chart"), "dyad");
    this.table = new EventTable($("table-panel"), {
      onSort: (sort, order) => {
        this.state = { ...this.state, sort, order };
        writeState(this.state);
        this.loadEvents();
      },
      onOpen: (event) => this.openEvent(event.event_id, { push: true }),
      onMore: () => this.loadEvents({ more: true }),
    });
    this.article = new ArticleView($("article"), {
      onSelect: (id) => this.openEvent(id, { push: true }),
      onClose: () => this.closeEvent(),
    });
    this._wire();
  }

  async start() {
    const started = performance.now();
    this._fillForms();
    const basemap = this.map.loadBasemap("static/vendor/world-atlas/countries-50m.json").catch((error) => this.notice(`Base map not loaded: ${error.message}`));
    const stats = api
      .stats()
      .then((answer) => {
        this.stats = answer;
        this._showStats();
      })
      .catch((error) => this.notice(`Cannot reach the API: ${error.message}`));
    const charts = this.loadEvents().then(() => this.loadCharts());
    await Promise.all([stats, charts, this.loadLocations({ fit: true }), basemap]);
    if (this.state.event) await this.openEvent(this.state.event);
    performance.measure("eventwire-first-view", { start: started, end: performance.now() });
    document.body.dataset.ready = "true";
  }

  _wire() {
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.setFilters(this._formFilters());
    });
    this.form.addEventListener("change", (e) => {
      if (e.target.matches("select, input[type=range]")) this.setFilters(this._formFilters());
    });
    $("min_confidence").addEventListener("input", () => this._showConfidence());
    $("reset-filters").addEventListener("click", () => this.setFilters({}));
    $("clear-bbox").addEventListener("click", () => this.setFilters({ ...this.state.filters, bbox: undefined }));
    this.chartForm.addEventListener("submit", (e) => {
      e.preventDefault();
      this._readChartForm();
    });
    this.chartForm.addEventListener("change", (e) => {
      if (e.target.matches("select")) this._readChartForm();
    });
    for (const id of ["actor", "source", "target", "chart_actor", "chart_other"]) this._suggestActors($(id));
    window.addEventListener("popstate", () => {
      this.state = readState();
      this._fillForms();
      this.refresh();
      if (this.state.event) this.openEvent(this.state.event);
      else this.article.hide();
    });
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && !$("article").hidden) this.closeEvent();
    });
  }

  notice(text) {
    const box = $("notice");
    box.hidden = false;
    box.textContent = text;
  }

  _formFilters() {
    const filters = {};
    for (const key of FILTER_KEYS) {
      const input = this.form.elements.namedItem(key);
      if (!input) continue;
      const value = String(input.value ?? "").trim();
      if (key === "min_confidence" && Number(value) === 0) continue;
      if (value) filters[key] = value;
    }
    return filters;
  }

  _fillForms() {
    for (const key of FILTER_KEYS) {
      const input = this.form.elements.namedItem(key);
      if (input) input.value = this.state.filters[key] ?? (key === "min_confidence" ? "0" : "");
    }
    $("clear-bbox").hidden = !this.state.filters.bbox;
    this._showConfidence();
    $("chart_actor").value = this.state.chart_actor;
    $("chart_other").value = this.state.chart_other;
    $("by").value = this.state.by;
  }

  _showConfidence() {
    $("min_confidence_value").textContent = Number($("min_confidence").value).toFixed(2);
  }

  _readChartForm() {
    this.state = { ...this.state, chart_actor: $("chart_actor").value.trim(), chart_other: $("chart_other").value.trim(), by: $("by").value };
    writeState(this.state);
    this.loadCharts();
  }

  setFilters(filters) {
    const clean = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ""));
    this.state = { ...this.state, filters: clean };
    this._fillForms();
    writeState(this.state, { push: true });
    this.refresh();
  }

  refresh() {
    this.loadEvents().then(() => this.loadCharts());
    this.loadLocations();
  }

  async loadEvents({ more = false } = {}) {
    const generation = more ? this.generation : ++this.generation;
    const params = eventQuery(this.state, { limit: String(PAGE_SIZE), cursor: more ? this.nextCursor : null });
    $("table-panel").classList.add("busy");
    try {
      const answer = await api.events(params);
      if (generation !== this.generation) return;
      this.nextCursor = answer.next_cursor ?? null;
      this.table.show(answer.events ?? [], { append: more, hasMore: Boolean(this.nextCursor), sort: this.state.sort, order: this.state.order });
      this.table.select(this.state.event || null);
      $("filter-error").textContent = "";
    } catch (error) {
      $("filter-error").textContent = error.detail ?? error.message;
      if (!more) this.table.show([], { hasMore: false, sort: this.state.sort, order: this.state.order });
    } finally {
      $("table-panel").classList.remove("busy");
    }
  }

  async loadLocations({ fit = false } = {}) {
    const params = new URLSearchParams(this.state.filters);
    try {
      const answer = await api.locations(params);
      const locations = answer.locations ?? [];
      this.map.show(locations);
      if (fit && !this.state.filters.bbox) this.map.fit(locations);
      const total = locations.reduce((sum, p) => sum + Number(p.events ?? 0), 0);
      $("map-caption").textContent = `${formatNumber(locations.length)} places, ${formatNumber(total)} located events`;
    } catch (error) {
      this.map.show([]);
      $("map-caption").textContent = `Places not loaded: ${error.detail ?? error.message}`;
    }
  }

  /**
   * The charts' actors: what the user picked, else the filters' actor, else the
   * country most often involved in the table's first page; the partner defaults
   * to the actor's most frequent counterpart there (by country when known).
   * Using the rows already loaded keeps the first view to one round of requests.
   */
  _chartActors() {
    const f = this.state.filters;
    const rows = this.table.rows;
    const actor = this.state.chart_actor || f.actor || f.source || mostFrequent(rows.flatMap((e) => [e.source_country, e.target_country]));
    const counterparts = (byCountry) =>
      rows.map((e) => {
        const sourceIsActor = e.source_code === actor || e.source_country === actor;
        const targetIsActor = e.target_code === actor || e.target_country === actor;
        if (sourceIsActor === targetIsActor) return null;
        const [code, country] = sourceIsActor ? [e.target_code, e.target_country] : [e.source_code, e.source_country];
        return byCountry ? country : code;
      });
    const other = this.state.chart_other || f.target || mostFrequent(counterparts(true), actor) || mostFrequent(counterparts(false), actor);
    return { actor, other };
  }

  async loadCharts() {
    const { actor, other } = this._chartActors();
    $("chart_actor").placeholder = actor || "actor code";
    $("chart_other").placeholder = other || "actor code";
    const by = this.state.by;
    const draw = async (chart, caption, params, label) => {
      $(caption).textContent = label;
      try {
        const answer = await api.series(new URLSearchParams(params));
        chart.draw(answer.points ?? [], by);
      } catch (error) {
        chart.message(`No series: ${error.detail ?? error.message}`);
      }
    };
    if (!actor) {
      this.timeline.message("Pick an actor to see its timeline.");
      this.dyad.message("Pick two actors to see their dyad.");
      return;
    }
    const jobs = [draw(this.timeline, "timeline-caption", { actor, by }, `${actor}: all events it took part in`)];
    if (other) jobs.push(draw(this.dyad, "dyad-caption", { actor, other, by }, `${actor} ↔ ${other}`));
    else this.dyad.message("Pick a second actor to see the dyad.");
    await Promise.all(jobs);
  }

  _showStats() {
    const s = this.stats;
    const range = s.date_min ? `${s.date_min} – ${s.date_max}` : "no dates";
    clear($("stats")).append(
      el("span", {}, el("strong", { text: formatNumber(s.documents) }), " articles"),
      el("span", {}, el("strong", { text: formatNumber(s.events) }), " events"),
      el("span", { text: range }),
    );
    const plover = $("plover");
    const current = this.state.filters.plover ?? "";
    clear(plover).append(el("option", { value: "", text: "any" }));
    for (const [type, n] of Object.entries(s.by_plover ?? {}).sort()) plover.append(el("option", { value: type, text: `${type} (${n})` }));
    plover.value = current;
    const root = $("root");
    const currentRoot = this.state.filters.root ?? "";
    clear(root).append(el("option", { value: "", text: "any" }));
    for (const [code, name] of CAMEO_ROOTS) {
      const n = s.by_root?.[code] ?? s.by_root?.[String(Number(code))] ?? 0;
      root.append(el("option", { value: code, text: `${code} ${name}${n ? ` (${n})` : ""}` }));
    }
    root.value = currentRoot;
  }

  _suggestActors(input) {
    const list = $(input.getAttribute("list"));
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(async () => {
        try {
          const answer = await api.actors(q, 15);
          clear(list);
          for (const a of answer.actors ?? []) list.append(el("option", { value: a.code, text: `${a.name ?? ""} (${a.num_events} events)` }));
        } catch {
          // suggestions are optional
        }
      }, 200);
    });
  }

  async openEvent(eventId, { push = false } = {}) {
    this.state = { ...this.state, event: eventId };
    writeState(this.state, { push });
    this.table.select(eventId);
    document.body.classList.add("article-open");
    this.article.loading();
    try {
      const detail = await api.event(eventId);
      const doc = await api.document(detail.doc_id ?? detail.document?.doc_id);
      if (this.state.event !== eventId) return;
      this.article.show(doc, detail);
    } catch (error) {
      this.article.error(`Event ${eventId} not loaded: ${error.detail ?? error.message}`);
    }
  }

  closeEvent() {
    this.state = { ...this.state, event: "" };
    writeState(this.state, { push: true });
    this.table.select(null);
    document.body.classList.remove("article-open");
    this.article.hide();
  }
}

/** The most frequent non-empty value (other than `except`), or "". */
function mostFrequent(values, except = null) {
  const counts = new Map();
  for (const value of values) if (value && value !== except) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best = "";
  for (const [value, n] of counts) if (!best || n > counts.get(best)) best = value;
  return best;
}

const dashboard = new Dashboard();
dashboard.start();
