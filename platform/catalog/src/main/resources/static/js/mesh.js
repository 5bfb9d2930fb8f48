// Shared by every page of the catalog: the page frame, who is logged in, and calls to the API.
// No framework and no build: what the browser runs is what is in this folder.

/** Who is logged in, as the mesh took the session: {name, domain, roles}; the server sent the page after login. */
const ME = await fetch("/api/me", { headers: { Accept: "application/json" } })
  .then((response) => {
    if (response.status === 401) location.assign("/login");
    return response.ok ? response.json() : null;
  })
  .catch(() => null);

/** The domain the logged-in user acts for, or "" for one who acts for none (governance). */
export function identity() {
  return (ME && ME.domain) || "";
}

/** The session's CSRF token, which every state-changing call sends back. */
function csrfToken() {
  const cookie = document.cookie.split("; ").find((pair) => pair.startsWith("XSRF-TOKEN="));
  return cookie ? decodeURIComponent(cookie.slice("XSRF-TOKEN=".length)) : "";
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

/**
 * Calls the API with the page's session: a JSON `body`, or a `raw` text (such as a CSV upload) of `contentType`.
 * Rejects with the problem's detail when the answer is not OK; the error's `problem` is the whole answer.
 */
export async function api(path, { method = "GET", body, raw, contentType = "text/csv" } = {}) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") headers["X-XSRF-TOKEN"] = csrfToken();
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (raw !== undefined) headers["Content-Type"] = contentType;
  const payload = raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body);
  const response = await fetch(path, { method, headers, body: payload });
  if (response.status === 401) {
    location.assign("/login");
  }
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    const detail = json && (json.detail || json.title) ? json.detail || json.title : text || response.statusText;
    const error = new Error(detail);
    error.status = response.status;
    error.problem = json;
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

/** Puts the page frame around {@code content}: navigation, who is logged in, and the way out. */
export async function frame(active, ...content) {
  const link = (href, label, name) => el("a", { href, class: active === name ? "active" : null }, label);
  const who = ME
    ? `${ME.name}${ME.domain ? ` · acts for ${ME.domain}` : ` · ${(ME.roles || []).join(", ").toLowerCase()}`}`
    : "not logged in";
  const logout = el(
    "form",
    { method: "post", action: "/logout", class: "identity" },
    el("span", { id: "who" }, who),
    el("input", { type: "hidden", name: "_csrf", value: csrfToken() }),
    el("button", { type: "submit", class: "secondary", id: "logout" }, "Log out"),
  );
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
        link("/uploads.html", "Uploads", "uploads"),
        link("/query.html", "Query", "query"),
        link("/swagger-ui/index.html", "API", "api"),
      ),
      logout,
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
