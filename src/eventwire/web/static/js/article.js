// The article view: the cleaned text with the chosen event's evidence marked
// (source, verb, target, place, date, reporter in distinct colours and underline
// styles), the event's codes beside it, and the article's other events.
// Every string from the article goes in as a text node.

import { EVIDENCE_ROLES, quad } from "./constants.js";
import { el, append, clear, externalLink, formatNumber } from "./dom.js";

/**
 * Split `text` at every span boundary: [{start, end, roles}] in order, where
 * `roles` are the evidence roles covering that piece (shortest span first).
 */
export function segments(text, spans) {
  const marks = [];
  for (const [role, span] of Object.entries(spans ?? {})) {
    if (!Array.isArray(span) || span.length !== 2) continue;
    const [start, end] = [Math.max(0, Number(span[0])), Math.min(text.length, Number(span[1]))];
    if (Number.isFinite(start) && Number.isFinite(end) && end > start) marks.push({ role, start, end });
  }
  const cuts = new Set([0, text.length]);
  for (const m of marks) cuts.add(m.start).add(m.end);
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const roles = marks
      .filter((m) => m.start <= start && m.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start))
      .map((m) => m.role);
    pieces.push({ start, end, roles });
  }
  return pieces;
}

const ROLE_LABEL = Object.fromEntries(EVIDENCE_ROLES.map((r) => [r.role, r.label]));
const MARKED = new Set(EVIDENCE_ROLES.map((r) => r.role));

export class ArticleView {
  /** `onSelect(eventId)` when another event of the article is picked; `onClose()`. */
  constructor(root, { onSelect, onClose }) {
    this.root = root;
    this.onSelect = onSelect;
    this.onClose = onClose;
  }

  loading() {
    this.root.hidden = false;
    clear(this.root).append(el("p", { class: "muted", text: "Loading the article…" }));
  }

  error(text) {
    this.root.hidden = false;
    clear(this.root).append(this._closeButton(), el("p", { class: "error", text }));
  }

  hide() {
    this.root.hidden = true;
    clear(this.root);
  }

  /** Show `doc` (/api/documents) with `detail` (/api/events/{id}) as the chosen event. */
  show(doc, detail) {
    const chosen = (doc.events ?? []).find((e) => e.event_id === detail.event_id) ?? { spans: {} };
    this.root.hidden = false;
    const meta = el(
      "p",
      { class: "article-meta" },
      [doc.outlet, doc.published].filter(Boolean).join(" · "),
      doc.url ? " · " : "",
      doc.url ? externalLink(doc.url, "original") : "",
    );
    clear(this.root).append(
      el(
        "header",
        { class: "article-header" },
        this._closeButton(),
        el("h2", { id: "article-title", text: doc.title || "(untitled)" }),
        meta,
      ),
      el(
        "div",
        { class: "article-body" },
        el("div", { class: "article-main" }, this._legend(chosen.spans), this._text(doc.text ?? "", chosen.spans)),
        el("aside", { class: "article-side" }, this._codes(detail, chosen), this._otherEvents(doc, detail.event_id), this._mentions(detail)),
      ),
    );
    this.root.querySelector(".hl-trigger, .hl-source, .in-sentence")?.scrollIntoView({ block: "center" });
    this.root.scrollTop = 0;
  }

  _closeButton() {
    return el("button", { type: "button", class: "close", id: "article-close", title: "Close the article", text: "×", on: { click: () => this.onClose() } });
  }

  _legend(spans) {
    const legend = el("div", { class: "evidence-legend", id: "evidence-legend" });
    for (const { role, label } of EVIDENCE_ROLES) {
      const present = Array.isArray(spans?.[role]);
      legend.append(el("span", { class: `legend-item hl-${role}${present ? "" : " absent"}`, text: label, title: present ? label : `${label}: not found in the text` }));
    }
    return legend;
  }

  _text(text, spans) {
    const container = el("div", { class: "article-text", id: "article-text" });
    for (const piece of segments(text, spans)) {
      const chunk = text.slice(piece.start, piece.end);
      const marked = piece.roles.filter((r) => MARKED.has(r));
      const inSentence = piece.roles.includes("sentence");
      if (marked.length === 0 && !inSentence) {
        container.append(document.createTextNode(chunk));
        continue;
      }
      const classes = [];
      if (marked.length) classes.push("hl", `hl-${marked[0]}`, ...marked.slice(1).map((r) => `also-${r}`));
      if (inSentence) classes.push("in-sentence");
      const node = el(marked.length ? "mark" : "span", {
        class: classes.join(" "),
        title: marked.map((r) => ROLE_LABEL[r]).join(" · ") || undefined,
        dataset: marked.length ? { role: marked[0] } : undefined,
      });
      node.textContent = chunk;
      container.append(node);
    }
    return container;
  }

  _codes(detail, chosen) {
    const q = quad(detail.quad_class ?? chosen.quad_class);
    const rows = [
      ["Event", el("span", {}, el("span", { class: "code", text: detail.cameo ?? "" }), " ", detail.cameo_name ?? "")],
      ["Quad class", el("span", {}, el("span", { class: `swatch quad-bg-${q.id}` }), q.label)],
      ["PLOVER", [detail.plover_type, detail.plover_mode].filter(Boolean).join(" / ") || "–"],
      ["Modality", detail.modality || "–"],
      ["Goldstein", formatNumber(detail.goldstein, 1)],
      ["Confidence", formatNumber(detail.confidence, 2)],
      ["Source", actorText(detail.source_name, detail.source_code)],
      ["Target", actorText(detail.target_name, detail.target_code)],
      ["Reported by", detail.reported_by_code || "–"],
      ["Date", [detail.date, detail.date_precision ? `(${detail.date_precision})` : ""].filter(Boolean).join(" ") || "–"],
      ["Place", [detail.location_name, detail.location_country].filter(Boolean).join(", ") || "–"],
    ];
    const list = el("dl", { class: "event-codes", id: "event-codes" });
    for (const [label, value] of rows) list.append(el("dt", { text: label }), append(el("dd"), value));
    return el("section", {}, el("h3", { text: "Coded event" }), list);
  }

  _otherEvents(doc, chosenId) {
    const list = el("ol", { class: "other-events", id: "other-events" });
    for (const event of doc.events ?? []) {
      const q = quad(event.quad_class);
      const item = el(
        "button",
        { type: "button", class: event.event_id === chosenId ? "current" : "", dataset: { eventId: event.event_id }, on: { click: () => this.onSelect(event.event_id) } },
        el("span", { class: `swatch quad-bg-${q.id}` }),
        el("span", { class: "code", text: event.cameo ?? "" }),
        ` ${event.source_code || "?"} → ${event.target_code || "?"}: ${event.cameo_name ?? ""}`,
      );
      list.append(el("li", {}, item));
    }
    return el("section", {}, el("h3", { text: `Events in this article (${(doc.events ?? []).length})` }), list);
  }

  _mentions(detail) {
    const others = (detail.mentions ?? []).filter((m) => m.event_id !== detail.event_id);
    if (others.length === 0) return "";
    const list = el("ul", { class: "mentions" });
    for (const m of others) {
      list.append(el("li", {}, el("div", { class: "muted", text: [m.outlet, m.published].filter(Boolean).join(" · ") }), el("q", { text: m.sentence_text ?? "" }), m.url ? el("div", {}, externalLink(m.url, "original")) : ""));
    }
    return el("section", {}, el("h3", { text: `Also reported (${others.length})` }), list);
  }
}

function actorText(name, code) {
  if (!name && !code) return "–";
  return el("span", {}, name || "", code ? el("span", { class: "code", text: code }) : "");
}
