// One data product: what it is, its contract made readable, how it has been doing, and access to it.
import { operations } from "./operations.js";
import { requestTable } from "./requests.js";
import { api, badge, el, failure, formatNumber, formatTime, frame, identity, svg, table } from "./mesh.js";

const id = new URLSearchParams(location.search).get("id");

async function main() {
  let product;
  try {
    product = await api(`/api/products/${encodeURIComponent(id || "")}`);
  } catch (error) {
    await frame("catalog", el("h1", {}, id || "No product given"), failure(error), el("a", { href: "/" }, "Back to the catalog"));
    return;
  }
  const summary = product.summary;
  const snapshot = summary.latestSnapshot || {};
  const contract = product.contract || {};
  await frame(
    "catalog",
    el("h1", { id: "product-id" }, summary.id),
    el(
      "div",
      {},
      badge(summary.kind, "kind"),
      badge(formOf(product), "form"),
      badge(`gates ${summary.gates}`, summary.gates),
      ` v${summary.majorVersion}, contract ${summary.contractVersion}`,
    ),
    el("p", {}, summary.description || ""),
    versionWarnings(product.versions),
    el(
      "p",
      { class: "muted" },
      `Owner ${summary.owner || "unknown"} · ${formatNumber(snapshot.rowCount)} rows · snapshot ${snapshot.id} published ${formatTime(snapshot.publishedAt)}`,
    ),
    purpose(contract),
    await form(product, snapshot),
    el("h2", {}, "Schema"),
    schema(product.schema),
    el("h2", {}, "Quality rules and their latest results"),
    quality(product.quality),
    el("h2", {}, "Service levels"),
    serviceLevels(product.sla),
    el("h2", {}, "Governance"),
    governance(product.policies),
    el("h2", {}, "Over time"),
    charts(product.history),
    el("h2", {}, "Operations"),
    await operations(summary.id),
    el("h2", {}, "Lineage"),
    lineage(product),
    el("h2", {}, "Versions"),
    versions(product.versions),
    el("h2", {}, "Access"),
    await access(summary),
    el("h2", {}, "Contract (ODCS)"),
    el("details", {}, el("summary", {}, "The contract as published, as JSON"), el("pre", { class: "mono" }, JSON.stringify(contract, null, 2))),
  );
}

/** The form of the product's served port: dataset, report or model (ADR 27). */
function formOf(product) {
  const ports = (product.descriptor && product.descriptor.outputPorts) || [];
  return (ports[0] && ports[0].form) || "dataset";
}

/**
 * A report's or a model's files, as the served snapshot has them: a report shown in place and as a PDF, a model with
 * its card. The files are for the owner, governance and granted domains; anyone else learns how to get access.
 */
async function form(product, snapshot) {
  const kind = formOf(product);
  const files = snapshot.artifacts || [];
  if (kind === "dataset" || files.length === 0) return el("div", {});
  const section = el("div", { id: "product-files" }, el("h2", {}, kind === "report" ? "The report" : "The model"));
  const url = (name) =>
    `/api/products/${encodeURIComponent(product.summary.id)}/v${snapshot.major}/files/${encodeURIComponent(name)}`;
  section.append(
    table(
      { id: "files" },
      ["File", "Type", "Size", "SHA-256"],
      files.map((file) =>
        el(
          "tr",
          {},
          el("td", {}, el("a", { href: url(file.name), class: "file-link" }, file.name)),
          el("td", {}, file.mediaType),
          el("td", { class: "num" }, `${formatNumber(file.bytes)} bytes`),
          el("td", { class: "mono" }, file.sha256.slice(0, 16) + "…"),
        ),
      ),
    ),
  );
  if (!(await mayReadFiles(product.summary))) {
    section.append(
      el("p", { class: "muted", id: "files-need-access" }, `The ${kind}'s files are for ${product.summary.domain}, governance and the domains granted ${product.summary.id}: request access below to read them.`),
    );
    return section;
  }
  if (kind === "report") {
    const html = files.find((file) => file.mediaType.startsWith("text/html"));
    if (html) {
      section.append(el("iframe", { id: "report-frame", src: url(html.name), title: `${product.summary.id}: ${html.name}`, sandbox: "" }));
    }
    return section;
  }
  const card = files.find((file) => file.name === "model-card.json");
  if (card) {
    try {
      section.append(modelCard(await api(url(card.name))));
    } catch (error) {
      section.append(failure(error));
    }
  }
  return section;
}

/** Whether the logged-in user may read a product's files: its owner, governance and the platform, a granted domain. */
async function mayReadFiles(summary) {
  const me = identity();
  if (!me || me === summary.domain) return true;
  try {
    const grants = await api(`/api/access/grants?consumer=${encodeURIComponent(me)}`);
    return grants.includes(summary.id);
  } catch {
    return false;
  }
}

/** A model's card: what it is for, how it did on the held-out days, what it reads, what it learned from. */
function modelCard(card) {
  const evaluation = card.evaluation || {};
  const days = (value) => `${Number(value).toFixed(3)} days`;
  return el(
    "div",
    { id: "model-card" },
    el("p", {}, card.intendedUse),
    table(
      { id: "model-metrics" },
      ["Held out", "Rows", "Mean absolute error", "Root mean squared error", "Baseline", "Baseline's error"],
      [
        el(
          "tr",
          {},
          el("td", {}, evaluation.heldOutPeriod),
          el("td", { class: "num" }, formatNumber(evaluation.rows)),
          el("td", { class: "num", id: "model-mae" }, days(evaluation.meanAbsoluteError)),
          el("td", { class: "num" }, days(evaluation.rootMeanSquaredError)),
          el("td", {}, evaluation.baselineName),
          el("td", { class: "num", id: "baseline-mae" }, days(evaluation.baselineMeanAbsoluteError)),
        ),
      ],
    ),
    el("h3", {}, `Inputs, in the order of the ONNX input (${(card.inputs || []).length})`),
    table(
      { id: "model-inputs" },
      ["#", "Feature", "Meaning"],
      (card.inputs || []).map((input, i) => el("tr", {}, el("td", { class: "num" }, i + 1), el("td", { class: "mono" }, input.name), el("td", {}, input.description))),
    ),
    el("p", {}, `Predicts: ${card.label}`),
    el(
      "p",
      { class: "muted" },
      `Trained on ${formatNumber((card.trainingData || {}).rows)} rows from ${(card.trainingData || {}).from} to ${(card.trainingData || {}).to}, read from `,
      ((card.trainingData || {}).sources || []).map((source) => `${source.productId} (snapshot ${source.snapshotId})`).join(", "),
    ),
  );
}

function purpose(contract) {
  const description = contract.description || {};
  const rows = [
    ["Purpose", description.purpose],
    ["Usage", description.usage],
    ["Limitations", description.limitations],
  ].filter(([, text]) => text);
  return rows.length === 0
    ? null
    : el("div", { class: "card", id: "purpose" }, rows.map(([label, text]) => el("p", {}, el("strong", {}, `${label}: `), text)));
}

function schema(objects) {
  return el(
    "div",
    { id: "schema" },
    (objects || []).map((object) =>
      el(
        "div",
        { class: "card" },
        el("h3", {}, object.name),
        el("p", { class: "muted" }, object.description),
        table(
          {},
          ["Column", "Type", "Description", "Required", "Classification"],
          object.properties.map((property) =>
            el(
              "tr",
              { "data-column": property.name },
              el("td", {}, el("code", {}, property.name), property.primaryKey ? [" ", badge("key")] : ""),
              el("td", {}, `${property.logicalType} `, el("span", { class: "muted mono" }, property.physicalType)),
              el("td", {}, property.description),
              el("td", {}, property.required ? "yes" : ""),
              el("td", {}, property.classification ? badge(property.classification) : ""),
            ),
          ),
        ),
      ),
    ),
  );
}

function quality(checks) {
  const rules = (checks || []).filter((check) => check.category !== "SCHEMA");
  const schemaChecks = (checks || []).filter((check) => check.category === "SCHEMA");
  if (!checks || checks.length === 0) return el("p", { class: "muted" }, "No contract checks were recorded for the served snapshot.");
  return el(
    "div",
    { id: "quality" },
    table(
      {},
      ["Rule", "On", "Expected", "Measured", "Result"],
      rules.map((check) =>
        el(
          "tr",
          { "data-check": `${check.check}:${check.element}` },
          el("td", {}, check.check),
          el("td", {}, el("code", {}, check.element)),
          el("td", {}, check.threshold),
          el("td", {}, check.measured),
          el("td", {}, badge(check.status.toLowerCase()), check.fix ? el("div", { class: "muted" }, check.fix) : null),
        ),
      ),
    ),
    el(
      "p",
      { class: "muted" },
      `And ${schemaChecks.length} schema checks (types, required, unique): ${schemaChecks.filter((c) => c.status === "PASSED").length} passed.`,
    ),
  );
}

/** The mesh's policies as judged at the served snapshot's publish, and why the last refused one was refused. */
function governance(status) {
  const served = (status && status.served) || [];
  const report = (served.find((audit) => audit.gate === "governance") || {}).report || {};
  const policies = report.policies || [];
  const refused = status && status.lastRefused;
  return el(
    "div",
    { id: "governance" },
    policies.length === 0
      ? el("p", { class: "muted" }, "No governance report was recorded for the served snapshot.")
      : table(
          {},
          ["Policy", "Area", "Severity", "Status"],
          policies.map((policy) =>
            el(
              "tr",
              { "data-policy": policy.id },
              el("td", {}, policy.title, " ", el("code", { class: "muted" }, policy.id)),
              el("td", {}, policy.area),
              el("td", {}, policy.severity),
              el(
                "td",
                {},
                badge(policy.status),
                (policy.findings || []).map((finding) => el("div", { class: "muted" }, `${finding.field}: ${finding.message}`)),
              ),
            ),
          ),
        ),
    refused
      ? el(
        "div",
        { class: "card", id: "last-refused" },
        el("h3", {}, `Last refused snapshot ${refused.snapshot}`),
        el("p", { class: "muted" }, "The port kept serving the snapshot above. What blocked it:"),
        refused.audits
          .filter((audit) => audit.blocks)
          .map((audit) => el("div", { "data-gate": audit.gate }, el("strong", {}, `${audit.gate}: `), el("pre", { class: "mono" }, audit.summary))),
        )
      : null,
  );
}

function serviceLevels(levels) {
  if (!levels || levels.length === 0) return el("p", { class: "muted" }, "The contract promises no service levels.");
  return table(
    { id: "sla" },
    ["Property", "Promise", "On", "Measured at publish", "As of (mesh time)", "Result"],
      levels.map((level) =>
        el(
        "tr",
        { "data-sla": level.property },
        el("td", {}, level.property),
        el("td", {}, `${level.value} ${level.unit}`),
        el("td", {}, el("code", {}, level.element)),
        el("td", {}, level.measured),
        el("td", { class: "mono" }, level.measuredAt || ""),
        el("td", {}, badge(level.status.toLowerCase())),
        ),
      ),
  );
}

/** Three small charts over the kept and refused snapshots: rows, contract checks, freshness. */
function charts(history) {
  if (!history || history.length === 0) return el("p", { class: "muted" }, "No snapshot history yet.");
  return el(
    "div",
    { class: "charts", id: "charts" },
    chart("Rows per snapshot", history, (point) => point.rowCount, "#2d5bd7"),
    chart("Contract checks failed", history, (point) => point.checksFailed, "#c0392b"),
    chart(`Freshness at publish (${history.find((p) => p.freshnessUnit)?.freshnessUnit || "d"})`, history, (point) => point.freshness, "#16a085"),
  );
}

function chart(title, history, value, color) {
  const width = 320, height = 140, left = 44, bottom = 22, top = 10;
  const values = history.map(value);
  const max = Math.max(1, ...values.filter((v) => v !== null && v !== undefined));
  const step = history.length > 1 ? (width - left - 10) / (history.length - 1) : 0;
  const x = (index) => left + (history.length > 1 ? index * step : (width - left) / 2);
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title });
  picture.append(
    svg("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: "#d9dee7" }),
    svg("text", { x: 4, y: top + 10, fill: "#5b6475" }, formatNumber(Math.round(max * 100) / 100)),
    svg("text", { x: 4, y: height - bottom, fill: "#5b6475" }, "0"),
  );
  let path = "";
  history.forEach((point, index) => {
    const v = values[index];
    if (v === null || v === undefined) return;
    path += `${path ? "L" : "M"} ${x(index)} ${y(v)} `;
    picture.append(
      svg(
        "circle",
        { cx: x(index), cy: y(v), r: 4, fill: point.outcome === "refused" ? "#c0392b" : color, "data-outcome": point.outcome },
        svg("title", {}, `${point.snapshot} (${point.outcome}): ${v}`),
      ),
    );
  });
  if (path) picture.prepend(svg("path", { d: path, fill: "none", stroke: color, "stroke-width": 2 }));
  picture.append(svg("text", { x: left, y: height - 4, fill: "#5b6475" }, `${history.length} snapshot(s), oldest left`));
  return el("div", { class: "card chart" }, el("h3", {}, title), picture);
}

function lineage(product) {
  const link = (other) => el("a", { href: `/product.html?id=${encodeURIComponent(other)}` }, other);
  return el(
    "div",
    { class: "grid2", id: "lineage" },
    el("div", { class: "card" }, el("strong", {}, "Built from"), product.inputs.length ? el("ul", {}, product.inputs.map((i) => el("li", {}, link(i)))) : el("p", { class: "muted" }, "Its own domain's events only.")),
    el("div", { class: "card" }, el("strong", {}, "Used by"), product.consumers.length ? el("ul", {}, product.consumers.map((c) => el("li", {}, link(c)))) : el("p", { class: "muted" }, "No published product reads it yet.")),
  );
}

function versions(list) {
  return table(
    { id: "versions" },
    ["Major", "Status", "Contract", "Snapshot", "Published", "Rows"],
    (list || []).map((v) =>
      el(
        "tr",
        {},
        el("td", {}, `v${v.major}`),
        el("td", {}, badge(v.status || "active", v.status === "active" ? "passed" : "warning"), v.retiresAt ? ` until ${formatTime(v.retiresAt)}` : ""),
        el("td", {}, v.contractVersion),
        el("td", { class: "mono" }, v.snapshot),
        el("td", {}, formatTime(v.publishedAt)),
        el("td", {}, formatNumber(v.rowCount)),
      ),
    ),
  );
}

/** A warning for every major version that is deprecated or retired: who still reads it, and how to move. */
function versionWarnings(list) {
  const warned = (list || []).filter((v) => v.warning);
  return warned.length === 0 ? null : el("div", { id: "version-warnings" }, warned.map((v) => el("p", { class: "version-warning" }, v.warning)));
}

/** Requests for this product; the consumer can ask, the owner can decide. */
async function access(summary) {
  const section = el("div", { id: "access" });
  const me = identity();
  const owner = summary.domain;
  let requests = [];
  try {
    requests = await api(`/api/access/requests?product=${encodeURIComponent(summary.id)}`);
  } catch (error) {
    section.append(failure(error));
    return section;
  }
  if (!me) {
    section.append(el("p", { class: "muted" }, "You act for no domain: log in as a member of a domain team to request access or to decide on requests."));
  } else if (me !== owner) {
    const open = requests.find((r) => r.consumer === me && (r.state === "pending" || r.state === "approved"));
    if (open) {
      section.append(el("p", {}, `${me} ${open.state === "approved" ? "has access" : "has asked for access"} `, badge(open.state)));
    } else {
      const purpose = el("textarea", { id: "purpose-text", placeholder: `Why ${me} needs ${summary.id}`, "aria-label": "purpose" });
      const message = el("div");
      section.append(
        el(
          "form",
          {
            class: "card",
            id: "request-access",
            onsubmit: async (event) => {
              event.preventDefault();
              try {
                await api("/api/access/requests", { method: "POST", body: { consumer: me, product: summary.id, purpose: purpose.value } });
                location.reload();
              } catch (error) {
                message.replaceChildren(failure(error));
              }
            },
          },
          el("label", { for: "purpose-text" }, `Request access for ${me}`),
          purpose,
          el("button", { type: "submit", id: "submit-request" }, "Request access"),
          message,
        ),
      );
    }
  }
  section.append(requestTable(requests, me === owner));
  return section;
}

main();
