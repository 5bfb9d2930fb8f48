// Shared by every page of the catalog: the page frame, the identity the user acts as, and calls to the API.
// No framework and no build: what the browser runs is what is in this folder.

const IDENTITY_KEY = "mesh.identity";

/** The domain the user acts as, or "" for nobody. */
export function identity() {
  return localStorage.getItem(IDENTITY_KEY) || "";
}

/** Builds an element: el("a", {href: "/"}, "text", child, ...). Text is always set as text, never as HTML. */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A table with one header row; `rows` are its `tr` elements. */
export function table(attributes, headers, rows) {
  return el("table", attributes, el("thead", {}, el("tr", {}, headers.map((h) => el("th", {}, h)))), el("tbody", {}, rows));
}

/** An SVG element, for charts and the mesh picture. */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

export function badge(text, kind = text) {
  return el("span", { class: `badge ${kind}` }, text);
}

/** Calls the API as the current identity; rejects with the problem's detail when the answer is not OK. */
export async function api(path, { method = "GET", body } = {}) {
  const headers = { Accept: "application/json" };
  if (identity()) headers["X-Mesh-Identity"] = identity();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    const detail = json && (json.detail || json.title) ? json.detail || json.title : text || response.statusText;
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return json;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Puts the page frame around {@code content}: navigation, the identity switch and the trust notice. */
export async function frame(active, ...content) {
  const domains = await api("/api/domains").catch(() => []);
  const chooser = el("input", {
    id: "identity",
    list: "identities",
    value: identity(),
    placeholder: "a domain",
    size: 12,
    "aria-label": "act as domain",
    onchange: (event) => {
      localStorage.setItem(IDENTITY_KEY, event.target.value.trim());
      location.reload();
    },
  });
  const known = el("datalist", { id: "identities" }, domains.map((domain) => el("option", { value: domain.name })));
  const link = (href, label, name) => el("a", { href, class: active === name ? "active" : null }, label);
  document.body.replaceChildren(
    el(
      "header",
      { class: "top" },
      el("a", { class: "brand", href: "/" }, "Mesh Shop"),
      el(
        "nav",
        {},
        link("/", "Catalog", "catalog"),
        link("/access.html", "Access", "access"),
        link("/query.html", "Query", "query"),
        link("/swagger-ui/index.html", "API", "api"),
      ),
      el("label", { class: "identity" }, "Acting as", chooser, known),
    ),
    el(
      "div",
      { class: "trust" },
      "Demo identity: the embedded mesh trusts whichever domain you choose here (the X-Mesh-Identity header). ",
      "A real deployment puts an identity provider in front; see the query service's trust model.",
    ),
    el("main", {}, ...content),
  );
}

/** Shows an error where the page would have been. */
export function failure(error) {
  return el("div", { class: "error", role: "alert" }, error.message || String(error));
}

export function formatTime(iso) {
  if (!iso) return "";
  return new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(/Z$/, " UTC");
}

export function formatNumber(value) {
  return value === null || value === undefined ? "" : Number(value).toLocaleString("en");
}
