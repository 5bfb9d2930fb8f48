// The catalog's home page: the mesh as a picture, and a search over its products.
import { api, badge, el, failure, formatNumber, formatTime, frame, svg } from "./mesh.js";

const params = new URLSearchParams(location.search);

async function main() {
  const results = el("div", { class: "products", id: "results" });
  const query = el("input", {
    type: "search",
    id: "q",
    name: "q",
    placeholder: "Find a product: orders, inventory, sessions, a column name...",
    value: params.get("q") || "",
    "aria-label": "search products",
  });
  const domain = el("select", { name: "domain", "aria-label": "domain" }, el("option", { value: "" }, "any domain"));
  const kind = el(
    "select",
    { name: "kind", "aria-label": "kind" },
    el("option", { value: "" }, "any kind"),
    ["source-aligned", "aggregate", "consumer-aligned"].map((value) =>
      el("option", { value, selected: params.get("kind") === value }, value),
    ),
  );
  const form = el(
    "form",
    { class: "search", role: "search", onsubmit: (event) => (event.preventDefault(), search()) },
    query,
    domain,
    kind,
    el("button", { type: "submit", id: "search" }, "Search"),
  );
  const picture = el("div", { id: "mesh" });
  await frame(
    "catalog",
    el("h1", {}, "The mesh"),
    el("p", { class: "muted" }, "Every domain publishes its data products here; arrows are input ports, from the product read to the product built."),
    picture,
    el("h2", {}, "Data products"),
    form,
    results,
  );
  try {
    const [graph, domains] = await Promise.all([api("/api/mesh/graph"), api("/api/domains")]);
    domains.forEach((info) =>
      domain.append(el("option", { value: info.name, selected: params.get("domain") === info.name }, info.name)),
    );
    picture.append(meshPicture(graph));
  } catch (error) {
    picture.append(failure(error));
  }

  async function search() {
    const filter = new URLSearchParams();
    if (query.value.trim()) filter.set("q", query.value.trim());
    if (domain.value) filter.set("domain", domain.value);
    if (kind.value) filter.set("kind", kind.value);
    if (params.get("tag")) filter.set("tag", params.get("tag"));
    history.replaceState(null, "", filter.toString() ? `?${filter}` : location.pathname);
    results.replaceChildren();
    try {
      const products = await api(`/api/products?${filter}`);
      if (products.length === 0) {
        results.append(
          el(
            "p",
            { class: "muted" },
            filter.toString()
              ? "No product matches. Try fewer words, or another domain."
              : "Nothing is published yet. A mesh that has just started is still filling: reload in a moment.",
          ),
        );
      }
      products.forEach((product) => results.append(card(product)));
    } catch (error) {
      results.append(failure(error));
    }
  }
  await search();
}

function card(product) {
  const snapshot = product.latestSnapshot || {};
  return el(
    "article",
    { class: "card product", "data-product": product.id },
    el("a", { class: "id", href: `/product.html?id=${encodeURIComponent(product.id)}` }, product.id),
    el("div", {}, badge(product.kind, "kind"), badge(product.gates), ` v${product.majorVersion}`),
    el("p", {}, product.description || ""),
    el(
      "div",
      { class: "muted" },
      `${product.owner || "no owner"} · ${formatNumber(snapshot.rowCount)} rows · published ${formatTime(snapshot.publishedAt)}`,
    ),
    el(
      "div",
      {},
      (product.tags || []).map((tag) => el("a", { class: "badge", href: `/?tag=${encodeURIComponent(tag)}` }, `#${tag}`)),
    ),
  );
}

/** Domains as columns, producers on the left; products as boxes in their domain; input ports as arrows. */
export function meshPicture(graph) {
  const domains = [...new Set(graph.nodes.map((node) => node.domain))].sort();
  const domainOf = new Map(graph.nodes.map((node) => [node.id, node.domain]));
  const level = new Map(domains.map((domain) => [domain, 0]));
  for (let round = 0; round < domains.length; round++) {
    for (const edge of graph.edges) {
      // an optional input port does not order its domain (it may close a loop: fulfillment scores its parcels with
      // the model trained on them); it is drawn back to the left, below the columns
      if (edge.optional) continue;
      const from = domainOf.get(edge.from);
      const to = domainOf.get(edge.to);
      if (from && to && from !== to && level.get(to) <= level.get(from)) level.set(to, level.get(from) + 1);
    }
  }
  const columns = Math.max(0, ...level.values()) + 1;
  const boxWidth = 210, boxHeight = 26, gap = 8, pad = 12, columnWidth = 290, header = 24;
  const place = new Map();
  const domainBoxes = [];
  const heights = new Array(columns).fill(16);
  for (const domain of domains) {
    const column = level.get(domain);
    const products = graph.nodes.filter((node) => node.domain === domain).map((node) => node.id).sort();
    const x = 16 + column * columnWidth;
    const y = heights[column];
    const height = header + products.length * (boxHeight + gap) + pad;
    domainBoxes.push({ domain, x, y, height });
    products.forEach((id, index) =>
      place.set(id, { x: x + pad, y: y + header + index * (boxHeight + gap), width: boxWidth, height: boxHeight }),
    );
    heights[column] = y + height + 16;
  }
  // Every edge runs only through the gaps between columns and below the domains it passes, never behind another
  // product's box, so that it is seen to leave its own product: the gap's middle after column c, and lanes below the
  // columns an edge skips, one a few pixels below the other.
  const gapAfter = (column) => 16 + column * columnWidth + (boxWidth + 2 * pad + columnWidth) / 2;
  const routes = [];
  let lanes = 0;
  for (const edge of graph.edges) {
    const from = place.get(edge.from);
    const to = place.get(edge.to);
    if (!from || !to) continue;
    const c1 = level.get(domainOf.get(edge.from)), c2 = level.get(domainOf.get(edge.to));
    const x1 = from.x + from.width, y1 = from.y + from.height / 2, y2 = to.y + to.height / 2;
    let points;
    if (c2 === c1 + 1) {
      points = null; // to the next column: a curve within the gap between them
    } else if (c2 > c1 + 1) {
      const lane = Math.max(...heights.slice(c1 + 1, c2)) - 8 + 6 * lanes++;
      points = [[x1, y1], [gapAfter(c1), y1], [gapAfter(c1), lane], [gapAfter(c2 - 1), lane], [gapAfter(c2 - 1), y2], [to.x, y2]];
    } else if (c2 < c1) {
      // back to a column on the left: out to the gap, along a lane below every column, up the gap before the
      // target's column (the margin, for the first) and in from its left
      const lane = Math.max(...heights) - 8 + 6 * lanes++;
      const back = c2 > 0 ? gapAfter(c2 - 1) : 8;
      points = [[x1, y1], [gapAfter(c1), y1], [gapAfter(c1), lane], [back, lane], [back, y2], [to.x, y2]];
    } else {
      // within one column (a domain reading its own product, or a domain beside it): out to the gap and back
      points = [[x1, y1], [gapAfter(c1), y1], [gapAfter(c1), y2], [to.x + to.width, y2]];
    }
    routes.push({ edge, from, to, points });
  }
  const width = 16 + columns * columnWidth;
  const height = Math.max(...heights, 60, lanes ? Math.max(...heights) + 6 * lanes - 8 : 0);
  const picture = svg("svg", { class: "mesh", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "the mesh: domains, products and input ports" });
  picture.append(
    svg(
      "defs",
      {},
      svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
        svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#5b6475" })),
    ),
  );
  for (const box of domainBoxes) {
    const color = `var(--${box.domain}, #5b6475)`;
    picture.append(
      svg("rect", { x: box.x, y: box.y, width: boxWidth + 2 * pad, height: box.height, rx: 8, fill: "#f8f9fc", stroke: color, "stroke-width": 2, "data-domain": box.domain }),
      svg("text", { x: box.x + pad, y: box.y + 17, fill: color, "font-weight": 700 }, box.domain),
    );
  }
  for (const { edge, from, to, points } of routes) {
    const x1 = from.x + from.width, y1 = from.y + from.height / 2, x2 = to.x, y2 = to.y + to.height / 2;
    const bend = (x2 - x1) / 2;
    picture.append(
      svg("path", {
        d: points ? rounded(points, 6) : `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`,
        fill: "none",
        stroke: "#5b6475",
        "stroke-width": 1.2,
        "marker-end": "url(#arrow)",
        "data-edge": `${edge.from}->${edge.to}`,
      }, svg("title", {}, `${edge.to} reads ${edge.from} v${edge.major}`)),
    );
  }
  for (const [id, box] of place) {
    const link = svg("a", { href: `/product.html?id=${encodeURIComponent(id)}`, "data-node": id });
    link.append(
      svg("rect", { x: box.x, y: box.y, width: box.width, height: box.height, rx: 5, fill: "#fff", stroke: "#b8c0cf" }),
      svg("text", { x: box.x + 8, y: box.y + 17 }, id),
    );
    picture.append(link);
  }
  return picture;
}

/** A path through {@code points}, straight between them and with corners rounded by {@code radius}. */
function rounded(points, radius) {
  let d = `M ${points[0][0]} ${points[0][1]}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [x, y] = points[i];
    const [px, py] = points[i - 1];
    const [nx, ny] = points[i + 1];
    const before = Math.min(radius, Math.hypot(x - px, y - py) / 2);
    const after = Math.min(radius, Math.hypot(nx - x, ny - y) / 2);
    const towards = (ax, ay, length) => {
      const distance = Math.hypot(ax - x, ay - y) || 1;
      return [x + ((ax - x) / distance) * length, y + ((ay - y) / distance) * length];
    };
    const [bx, by] = towards(px, py, before);
    const [cx, cy] = towards(nx, ny, after);
    d += ` L ${bx} ${by} Q ${x} ${y} ${cx} ${cy}`;
  }
  const [lx, ly] = points[points.length - 1];
  return `${d} L ${lx} ${ly}`;
}

main();
