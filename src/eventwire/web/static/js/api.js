// Thin client for the eventwire HTTP API (docs/API.md). Relative URLs, so the
// dashboard only ever talks to the server that served it.

export class ApiError extends Error {
  constructor(status, detail) {
    super(`${status}: ${detail}`);
    this.status = status;
    this.detail = detail;
  }
}

async function getJson(path, params) {
  const query = params && [...params].length ? `?${params.toString()}` : "";
  const response = await fetch(`api/${path}${query}`, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    } catch {
      // keep the status text
    }
    throw new ApiError(response.status, detail);
  }
  return response.json();
}

export const api = {
  stats: () => getJson("stats"),
  health: () => getJson("health"),
  events: (params) => getJson("events", params),
  event: (id) => getJson(`events/${encodeURIComponent(id)}`),
  locations: (params) => getJson("locations", params),
  series: (params) => getJson("series", params),
  actors: (q, limit = 20) => getJson("actors", new URLSearchParams(q ? { q, limit: String(limit) } : { limit: String(limit) })),
  document: (id) => getJson(`documents/${encodeURIComponent(id)}`),
};
