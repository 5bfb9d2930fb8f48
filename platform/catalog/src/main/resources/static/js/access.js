// Access requests as the chosen domain sees them: what it asked for, and what others ask of its products.
import { requestTable } from "./requests.js";
import { api, el, failure, frame, formatTime, identity } from "./mesh.js";

async function main() {
  const me = identity();
  if (!me) {
    await frame("access", el("h1", {}, "Access"), el("p", {}, "You act for no domain: log in as a member of a domain team to see its requests and grants."));
    return;
  }
  const content = [el("h1", {}, `Access for ${me}`)];
  try {
    const [asked, all, grants, usage] = await Promise.all([
      api(`/api/access/requests?consumer=${encodeURIComponent(me)}`),
      api("/api/access/requests"),
      api(`/api/access/grants?consumer=${encodeURIComponent(me)}`),
      api(`/api/access/usage?consumer=${encodeURIComponent(me)}`),
    ]);
    const toDecide = all.filter((request) => request.product.split(".")[0] === me);
    content.push(
      el("h2", {}, `Requests for ${me}'s products`),
      el("div", { id: "to-decide" }, requestTable(toDecide, true)),
      el("h2", {}, `What ${me} asked for`),
      el("div", { id: "asked" }, requestTable(asked, false)),
      el("h2", {}, `Products ${me} may read`),
      grants.length
        ? el("ul", { id: "grants" }, grants.map((product) => el("li", {}, el("a", { href: `/product.html?id=${encodeURIComponent(product)}` }, product))))
        : el("p", { class: "muted", id: "grants" }, "None yet: find a product in the catalog and request access."),
      el("h2", {}, `Queries ${me} ran`),
      usage.length
        ? el(
            "table",
            { id: "usage" },
            el("thead", {}, el("tr", {}, ["When", "Products", "Outcome", "Rows", "ms"].map((h) => el("th", {}, h)))),
            el("tbody", {}, usage.slice(0, 50).map((u) => el("tr", {}, el("td", {}, formatTime(u.at)), el("td", {}, (u.products || []).join(", ")), el("td", {}, u.outcome, u.reason ? el("div", { class: "muted" }, u.reason) : null), el("td", {}, u.rows), el("td", {}, u.elapsedMs)))),
          )
        : el("p", { class: "muted" }, "No queries yet."),
    );
  } catch (error) {
    content.push(failure(error));
  }
  await frame("access", ...content);
}

main();
