// Cooperation vs conflict over time, with the Goldstein sum, from /api/series.
// uPlot draws them: 50 kB, no dependencies, canvas (fast with thousands of periods).

import { QUADS } from "./constants.js";
import { el, clear } from "./dom.js";

const uPlot = window.uPlot;
const COOP = QUADS[1].colour;
const CONFLICT = QUADS[3].colour;
const COUNT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

/** Seconds since the epoch of a period label: 2020-01-05, 2020-01, 2020-W02 or 2020. */
export function periodStart(period) {
  const text = String(period);
  let match = /^(\d{4})-W(\d{1,2})$/.exec(text);
  if (match) {
    const [year, week] = [Number(match[1]), Number(match[2])];
    const jan4 = Date.UTC(year, 0, 4);
    const mondayWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86400000;
    return (mondayWeek1 + (week - 1) * 7 * 86400000) / 1000;
  }
  match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(text);
  if (match) return Date.UTC(Number(match[1]), Number(match[2] ?? 1) - 1, Number(match[3] ?? 1)) / 1000;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? null : parsed / 1000;
}

/** Per period: cooperation events (quads 1-2), conflict events (3-4), Goldstein sum. */
export function seriesColumns(points) {
  const byPeriod = new Map();
  for (const point of points) {
    const x = periodStart(point.period);
    if (x === null) continue;
    const row = byPeriod.get(x) ?? { coop: 0, conflict: 0, goldstein: 0 };
    const events = Number(point.events ?? 0);
    if (Number(point.quad_class) <= 2) row.coop += events;
    else row.conflict += events;
    row.goldstein += Number(point.goldstein_sum ?? 0);
    byPeriod.set(x, row);
  }
  const xs = [...byPeriod.keys()].sort((a, b) => a - b);
  return [
    xs,
    xs.map((x) => byPeriod.get(x).coop),
    xs.map((x) => -byPeriod.get(x).conflict),
    xs.map((x) => Math.round(byPeriod.get(x).goldstein * 10) / 10),
  ];
}

export class SeriesChart {
  constructor(container, title) {
    this.container = container;
    this.title = title;
    this.plot = null;
    new ResizeObserver(() => this._resize()).observe(container);
  }

  _size() {
    return { width: Math.max(240, this.container.clientWidth), height: 180 };
  }

  _resize() {
    if (this.plot) this.plot.setSize(this._size());
  }

  /** Show a message instead of a chart (no actor picked, no data). */
  message(text) {
    this.plot?.destroy();
    this.plot = null;
    clear(this.container).append(el("p", { class: "chart-empty", text }));
    this.container.dataset.points = "0";
  }

  draw(points, by) {
    const data = seriesColumns(points);
    this.plot?.destroy();
    this.plot = null;
    clear(this.container);
    if (data[0].length === 0) {
      this.message("No events for this selection.");
      return;
    }
    const days = { day: 1, week: 7, month: 30 }[by] ?? 30;
    const bars = uPlot.paths.bars({ size: [0.7, 40], align: 0 });
    const dataMin = data[0][0];
    const dataMax = data[0][data[0].length - 1];
    const pad = days * 86400 * 0.75;
    const opts = {
      ...this._size(),
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true, range: () => [dataMin - pad, dataMax + pad] },
        y: { range: (u, min, max) => symmetric(min, max) },
        g: { range: (u, min, max) => symmetric(min, max) },
      },
      axes: [
        { stroke: "#52606d", grid: { stroke: "#eef0f3" }, ticks: { stroke: "#d9dde3" } },
        { stroke: "#52606d", label: "events", labelSize: 18, size: 42, space: 18, incrs: COUNT_STEPS, values: (u, vals) => vals.map((v) => Math.abs(v)), grid: { stroke: "#eef0f3" } },
        { side: 1, scale: "g", stroke: "#7b2e8e", label: "Goldstein sum", labelSize: 18, size: 46, space: 18, grid: { show: false } },
      ],
      series: [
        { label: "period", value: (u, v) => (v === null ? "–" : formatPeriod(v, by)) },
        { label: "cooperation", stroke: COOP, fill: COOP, paths: bars, points: { show: false }, value: (u, v) => (v === null ? "–" : String(Math.abs(v))) },
        { label: "conflict", stroke: CONFLICT, fill: CONFLICT, paths: bars, points: { show: false }, value: (u, v) => (v === null ? "–" : String(Math.abs(v))) },
        { label: "Goldstein sum", scale: "g", stroke: "#7b2e8e", width: 2, points: { show: true, size: 5, fill: "#7b2e8e" } },
      ],
    };
    this.plot = new uPlot(opts, data, this.container);
    this.container.dataset.points = String(data[0].length);
  }
}

/** A range symmetric around zero with a round bound (1, 2, 5, 10, 20, ...). */
function symmetric(min, max) {
  const m = Math.max(1, Math.abs(min ?? 0), Math.abs(max ?? 0));
  const magnitude = 10 ** Math.floor(Math.log10(m));
  const bound = [1, 2, 5, 10].map((step) => step * magnitude).find((b) => b >= m);
  return [-bound, bound];
}

function formatPeriod(seconds, by) {
  const date = new Date(seconds * 1000).toISOString();
  return by === "month" ? date.slice(0, 7) : date.slice(0, 10);
}
