// The view's state lives in the query string, so every view is a shareable URL:
// the event filters (same names as /api/events), the table's sort, the charts'
// actors and the opened event.

import { FILTER_KEYS } from "./constants.js";

export const VIEW_KEYS = Object.freeze(["sort", "order", "chart_actor", "chart_other", "by", "event"]);
const DEFAULTS = Object.freeze({ sort: "date", order: "desc", by: "month" });

/** Read the state from a query string (defaults for what is missing). */
export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "") filters[key] = value.trim();
  }
  const view = {};
  for (const key of VIEW_KEYS) {
    const value = params.get(key);
    view[key] = value !== null && value.trim() !== "" ? value.trim() : (DEFAULTS[key] ?? "");
  }
  return { filters, ...view };
}

/** The query string for a state, leaving out defaults and empty values. */
export function stateQuery(state) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (state.filters[key]) params.set(key, state.filters[key]);
  for (const key of VIEW_KEYS) if (state[key] && state[key] !== DEFAULTS[key]) params.set(key, state[key]);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Put the state in the address bar; `push` adds a history entry (Back returns). */
export function writeState(state, { push = false } = {}) {
  const url = `${window.location.pathname}${stateQuery(state)}`;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

/** The /api/events query for the filters plus the table's sort. */
export function eventQuery(state, extra = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state.filters)) params.set(key, value);
  params.set("sort", state.sort);
  params.set("order", state.order);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== null) params.set(key, value);
  return params;
}
