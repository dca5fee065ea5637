// The world map: Natural Earth country shapes (world-atlas TopoJSON, served by us)
// drawn by Leaflet without any tile server, and one circle per place and quad class.

import { QUADS, quad } from "./constants.js";
import { el, formatNumber } from "./dom.js";

const L = window.L;
const ANTARCTICA = "010";

/**
 * Make each ring's longitudes continuous (a step of more than 180° becomes a step
 * across the antimeridian), so Leaflet does not draw lines across the whole map
 * for shapes such as Chukotka or Fiji.
 */
function unwrapRing(ring) {
  let shift = 0;
  return ring.map(([lon, lat], i) => {
    if (i > 0) {
      const previous = ring[i - 1][0];
      if (lon - previous > 180) shift -= 360;
      else if (previous - lon > 180) shift += 360;
    }
    return [lon + shift, lat];
  });
}

function unwrapFeature(feature) {
  const g = feature.geometry;
  if (!g) return feature;
  if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
  else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map((polygon) => polygon.map(unwrapRing));
  return feature;
}

export class EventMap {
  /** `onArea(bbox)` is called when the user asks to filter by a place or the view. */
  constructor(container, { onArea }) {
    this.onArea = onArea;
    this.map = L.map(container, {
      preferCanvas: true,
      worldCopyJump: false,
      minZoom: 1,
      maxZoom: 10,
      zoomSnap: 0.25,
      maxBounds: [[-85, -200], [85, 200]],
      attributionControl: true,
    });
    this.map.attributionControl.setPrefix("Leaflet");
    this.map.attributionControl.addAttribution("Map: Natural Earth (public domain)");
    this.map.setView([25, 20], 1.5);
    this.markers = L.layerGroup().addTo(this.map);
    this.markerCount = 0;
    this._addLegend();
    this._addAreaButton();
  }

  /** Draw the country shapes; the map works (blank sea) even if this fails. */
  async loadBasemap(url) {
    const response = await fetch(url);
    const topology = await response.json();
    const countries = window.topojson.feature(topology, topology.objects.countries);
    countries.features = countries.features.filter((f) => f.id !== ANTARCTICA).map(unwrapFeature);
    L.geoJSON(countries, {
      interactive: false,
      style: { color: "#ffffff", weight: 0.6, fillColor: "#d9dde3", fillOpacity: 1 },
    }).addTo(this.map);
    this.markers.eachLayer((layer) => layer.bringToFront?.());
  }

  /** Replace the markers with the places of /api/locations. */
  show(locations) {
    this.markers.clearLayers();
    this.markerCount = 0;
    const circles = [];
    for (const place of locations) {
      if (!Number.isFinite(place.lat) || !Number.isFinite(place.lon)) continue;
      for (const q of QUADS) {
        const count = Number(place.by_quad?.[String(q.id)] ?? 0);
        if (count > 0) circles.push({ place, q, count });
      }
    }
    // Big circles first, so the small ones stay clickable on top; area ∝ events,
    // scaled to the busiest place so a large store does not cover the map.
    circles.sort((a, b) => b.count - a.count);
    const largest = circles.length ? circles[0].count : 1;
    for (const { place, q, count } of circles) {
      const marker = L.circleMarker([place.lat, place.lon], {
        radius: 3.5 + 18 * Math.sqrt(count / largest),
        color: "#1f2933",
        weight: 0.8,
        fillColor: q.colour,
        fillOpacity: 0.8,
        className: `event-marker quad-${q.id}`,
      });
      marker.bindPopup(() => this._popup(place));
      marker.bindTooltip(() => el("span", { text: `${place.name}: ${count} ${q.short}` }));
      marker.addTo(this.markers);
      this.markerCount += 1;
    }
    this.map.getContainer().dataset.markers = String(this.markerCount);
  }

  _popup(place) {
    const counts = el("ul", { class: "popup-counts" });
    for (const q of QUADS) {
      const n = Number(place.by_quad?.[String(q.id)] ?? 0);
      if (n > 0) counts.append(el("li", {}, el("span", { class: `swatch quad-bg-${q.id}` }), `${q.label}: ${n}`));
    }
    const pad = 0.05;
    const bbox = [place.lon - pad, place.lat - pad, place.lon + pad, place.lat + pad].map((v) => v.toFixed(3)).join(",");
    return el(
      "div",
      { class: "map-popup" },
      el("strong", { text: place.name }),
      place.country ? ` (${place.country})` : "",
      el("div", { text: `${formatNumber(place.events)} events` }),
      counts,
      el("button", { type: "button", class: "small", text: "Show these events", on: { click: () => this.onArea(bbox) } }),
    );
  }

  _addLegend() {
    const Legend = L.Control.extend({
      onAdd: () => {
        const box = el("div", { class: "map-legend" }, el("div", { class: "legend-title", text: "Quad class" }));
        for (const q of QUADS) box.append(el("div", {}, el("span", { class: `swatch quad-bg-${q.id}` }), quad(q.id).label));
        L.DomEvent.disableClickPropagation(box);
        return box;
      },
    });
    new Legend({ position: "bottomleft" }).addTo(this.map);
  }

  _addAreaButton() {
    const AreaButton = L.Control.extend({
      onAdd: () => {
        const button = el("button", {
          type: "button",
          class: "map-area-button",
          title: "Filter the events to the visible part of the map",
          text: "Filter to view",
          on: { click: () => this.onArea(this.viewBbox()) },
        });
        L.DomEvent.disableClickPropagation(button);
        return button;
      },
    });
    new AreaButton({ position: "topright" }).addTo(this.map);
  }

  viewBbox() {
    const b = this.map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -90, 90)]
      .map((v) => v.toFixed(2))
      .join(",");
  }

  /** Zoom to the markers (when there are any). */
  fit(locations) {
    const points = locations.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon)).map((p) => [p.lat, p.lon]);
    if (points.length === 0) return;
    const bounds = L.latLngBounds(points).pad(0.15);
    this.map.fitBounds(bounds, { maxZoom: 4 });
  }

  invalidate() {
    this.map.invalidateSize();
  }
}
