// DOM helpers that only ever insert text as text nodes: article text, titles and
// actor names come from the web and must never be parsed as HTML.

/** Create an element; `text` becomes a text node, `attrs` are set as properties. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
    else if (key === "href") {
      const safe = safeHref(value);
      if (safe) node.setAttribute("href", safe);
    } else node.setAttribute(key, value === true ? "" : String(value));
  }
  append(node, ...children);
  return node;
}

/** Append children; strings become text nodes. */
export function append(node, ...children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/**
 * The URL if it is same-page (#...), same-origin relative, or http(s); otherwise null,
 * so javascript:, data: and the like never become links.
 */
export function safeHref(value) {
  const text = String(value ?? "").trim();
  if (text.startsWith("#") || text.startsWith("?")) return text;
  try {
    const url = new URL(text, window.location.href);
    if (url.protocol === "http:" || url.protocol === "https:") return url.href;
  } catch {
    return null;
  }
  return null;
}

/** A link for an absolute http(s) article URL, else the URL as plain text. */
export function externalLink(url, label) {
  const text = String(url ?? "").trim();
  let absolute = null;
  try {
    const parsed = new URL(text);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") absolute = parsed.href;
  } catch {
    absolute = null;
  }
  if (!absolute) return el("span", { class: "url-text", text });
  return el("a", { href: absolute, rel: "noopener noreferrer", target: "_blank", text: label ?? text });
}

export function formatNumber(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return "–";
  return Number(value).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
