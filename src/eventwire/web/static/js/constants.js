// Fixed vocabularies of the CAMEO/PLOVER scheme and the colours that encode them.

// Okabe-Ito palette (colour-blind safe): blues for cooperation, oranges for conflict.
export const QUADS = Object.freeze([
  { id: 1, label: "Verbal cooperation", short: "verbal coop.", colour: "#56B4E9" },
  { id: 2, label: "Material cooperation", short: "material coop.", colour: "#0072B2" },
  { id: 3, label: "Verbal conflict", short: "verbal conflict", colour: "#E69F00" },
  { id: 4, label: "Material conflict", short: "material conflict", colour: "#D55E00" },
]);

export function quad(id) {
  return QUADS.find((q) => q.id === Number(id)) ?? { id, label: `Quad ${id}`, short: `quad ${id}`, colour: "#999999" };
}

export const CAMEO_ROOTS = Object.freeze([
  ["01", "Make public statement"],
  ["02", "Appeal"],
  ["03", "Express intent to cooperate"],
  ["04", "Consult"],
  ["05", "Engage in diplomatic cooperation"],
  ["06", "Engage in material cooperation"],
  ["07", "Provide aid"],
  ["08", "Yield"],
  ["09", "Investigate"],
  ["10", "Demand"],
  ["11", "Disapprove"],
  ["12", "Reject"],
  ["13", "Threaten"],
  ["14", "Protest"],
  ["15", "Exhibit force posture"],
  ["16", "Reduce relations"],
  ["17", "Coerce"],
  ["18", "Assault"],
  ["19", "Fight"],
  ["20", "Use unconventional mass violence"],
]);

// Evidence roles in the article view, in legend order. The CSS classes hl-<role>
// give each its colour and underline style (so the roles differ without colour too).
export const EVIDENCE_ROLES = Object.freeze([
  { role: "source", label: "Source actor" },
  { role: "trigger", label: "Verb / trigger" },
  { role: "target", label: "Target actor" },
  { role: "location", label: "Place" },
  { role: "date", label: "Date" },
  { role: "reported_by", label: "Reported by" },
]);

// Query-string keys that are event filters, passed through to /api/events as-is.
export const FILTER_KEYS = Object.freeze([
  "actor", "source", "target", "root", "plover", "quad", "start", "end", "q", "min_confidence", "bbox",
]);
