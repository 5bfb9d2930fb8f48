// SQL over the products the chosen domain may read, through the query service.
import { api, el, failure, formatNumber, frame, identity } from "./mesh.js";

const EXAMPLE = `SELECT status, count(*) AS orders, sum(total) AS revenue
FROM checkout.orders
GROUP BY status
ORDER BY orders DESC`;

async function main() {
  const me = identity();
  const sql = el("textarea", { id: "sql", "aria-label": "SQL", spellcheck: "false" }, new URLSearchParams(location.search).get("sql") || EXAMPLE);
  const output = el("div", { id: "result" });
  const run = el("button", { id: "run", type: "submit" }, "Run");
  await frame(
    "query",
    el("h1", {}, "Query the mesh"),
    el(
      "p",
      { class: "muted" },
      me
        ? `As ${me}: read-only SQL over the products ${me} was granted, named like checkout.orders. Rows are capped and long queries time out.`
        : "You act for no domain: log in as a member of a domain team; queries run over exactly the products it was granted.",
    ),
    el(
      "form",
      {
        onsubmit: async (event) => {
          event.preventDefault();
          run.disabled = true;
          output.replaceChildren(el("p", { class: "muted" }, "Running..."));
          try {
            output.replaceChildren(table(await api("/api/query", { method: "POST", body: { sql: sql.value } })));
          } catch (error) {
            output.replaceChildren(failure(error));
          } finally {
            run.disabled = false;
          }
        },
      },
      sql,
      el("p", {}, run),
    ),
    output,
  );
}

function table(result) {
  return el(
    "div",
    {},
    el(
      "p",
      { class: "muted", id: "result-summary" },
      `${formatNumber(result.rowCount)} row(s) in ${result.elapsedMs} ms${result.truncated ? ", cut at the row cap" : ""}`,
    ),
    el(
      "table",
      { id: "rows" },
      el("thead", {}, el("tr", {}, result.columns.map((column) => el("th", { title: column.type }, column.name)))),
      el("tbody", {}, result.rows.map((row) => el("tr", {}, row.map((value) => el("td", {}, value === null ? "" : String(value)))))),
    ),
  );
}

main();
