// The event table: rows from /api/events, a "More" button that follows
// next_cursor, and sortable columns (date, Goldstein and confidence are sorted by
// the server over all events; the other columns sort the rows loaded so far).

import { quad } from "./constants.js";
import { el, clear, formatNumber } from "./dom.js";

export const SERVER_SORTS = Object.freeze(["date", "goldstein", "confidence"]);

const COLUMNS = Object.freeze([
  { key: "date", label: "Date", value: (e) => e.date ?? "" },
  { key: "source", label: "Source", value: (e) => e.source_name || e.source_code || "" },
  { key: "event", label: "Event", value: (e) => e.cameo ?? "" },
  { key: "target", label: "Target", value: (e) => e.target_name || e.target_code || "" },
  { key: "quad", label: "Quad", value: (e) => Number(e.quad_class ?? 0) },
  { key: "goldstein", label: "Goldstein", value: (e) => Number(e.goldstein ?? 0), numeric: true },
  { key: "confidence", label: "Conf.", value: (e) => Number(e.confidence ?? 0), numeric: true },
  { key: "place", label: "Place", value: (e) => e.location_name ?? "" },
  { key: "sentence", label: "Sentence", value: (e) => e.sentence_text ?? "" },
]);

export class EventTable {
  /** `onSort(key, order)` for server sorts, `onOpen(event)` when a row is picked. */
  constructor(root, { onSort, onOpen, onMore }) {
    this.onSort = onSort;
    this.onOpen = onOpen;
    this.rows = [];
    this.localSort = null;
    this.selectedId = null;
    this.head = el("tr");
    this.body = el("tbody");
    this.table = el("table", { class: "events", id: "event-table" }, el("thead", {}, this.head), this.body);
    this.status = el("span", { class: "table-status", id: "table-status" });
    this.moreButton = el("button", { type: "button", id: "more-button", text: "More", on: { click: onMore } });
    clear(root).append(el("div", { class: "table-scroll" }, this.table), el("div", { class: "table-footer" }, this.status, this.moreButton));
  }

  /** Replace (or, with `append`, extend) the rows. */
  show(events, { append = false, hasMore = false, sort, order }) {
    this.rows = append ? this.rows.concat(events) : events;
    if (!append) this.localSort = null;
    this.serverSort = { sort, order };
    this.moreButton.hidden = !hasMore;
    this._renderHead();
    this._renderBody();
  }

  select(eventId) {
    this.selectedId = eventId;
    for (const row of this.body.rows) row.classList.toggle("selected", row.dataset.eventId === eventId);
  }

  _activeSort() {
    return this.localSort ?? { key: this.serverSort.sort, order: this.serverSort.order };
  }

  _renderHead() {
    const active = this._activeSort();
    clear(this.head);
    for (const column of COLUMNS) {
      const isActive = active.key === column.key;
      const arrow = isActive ? (active.order === "asc" ? " ▲" : " ▼") : "";
      const button = el("button", {
        type: "button",
        class: "sort",
        text: `${column.label}${arrow}`,
        title: SERVER_SORTS.includes(column.key) ? "Sort all matching events" : "Sort the loaded rows",
        on: { click: () => this._sortBy(column.key) },
      });
      this.head.append(el("th", { "aria-sort": isActive ? (active.order === "asc" ? "ascending" : "descending") : "none", dataset: { key: column.key } }, button));
    }
  }

  _sortBy(key) {
    const active = this._activeSort();
    const order = active.key === key && active.order === "desc" ? "asc" : "desc";
    if (SERVER_SORTS.includes(key)) {
      this.localSort = null;
      this.onSort(key, order);
      return;
    }
    this.localSort = { key, order };
    this._renderHead();
    this._renderBody();
  }

  _sortedRows() {
    if (!this.localSort) return this.rows;
    const column = COLUMNS.find((c) => c.key === this.localSort.key);
    const sign = this.localSort.order === "asc" ? 1 : -1;
    return [...this.rows].sort((a, b) => {
      const [x, y] = [column.value(a), column.value(b)];
      return sign * (typeof x === "number" ? x - y : String(x).localeCompare(String(y)));
    });
  }

  _renderBody() {
    clear(this.body);
    for (const event of this._sortedRows()) this.body.append(this._row(event));
    this.status.textContent = this.rows.length === 0 ? "No events match these filters." : `${formatNumber(this.rows.length)} events shown`;
    this.select(this.selectedId);
  }

  _row(event) {
    const q = quad(event.quad_class);
    const actor = (name, code, country) =>
      el("td", { class: "actor" }, el("span", { class: "actor-name", text: name || code || "–" }), code ? el("span", { class: "code", text: code }) : "", !code && country ? el("span", { class: "code", text: country }) : "");
    const row = el(
      "tr",
      { dataset: { eventId: event.event_id, docId: event.doc_id }, tabindex: "0", title: "Open the article" },
      el("td", { class: "nowrap", text: event.date ?? "–" }),
      actor(event.source_name, event.source_code, event.source_country),
      el("td", {}, el("span", { class: "code", text: event.cameo ?? "" }), " ", el("span", { text: event.cameo_name ?? "" })),
      actor(event.target_name, event.target_code, event.target_country),
      el("td", { class: "nowrap" }, el("span", { class: `swatch quad-bg-${q.id}` }), q.short),
      el("td", { class: "num", text: formatNumber(event.goldstein, 1) }),
      el("td", { class: "num", text: formatNumber(event.confidence, 2) }),
      el("td", { text: event.location_name ?? "" }),
      el("td", { class: "sentence", text: event.sentence_text ?? "", title: event.sentence_text ?? "" }),
    );
    row.addEventListener("click", () => this.onOpen(event));
    row.addEventListener("keydown", (e) => {
      if (e.key === "Enter") this.onOpen(event);
    });
    return row;
  }
}
