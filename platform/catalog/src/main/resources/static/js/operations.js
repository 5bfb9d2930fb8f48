// How a product is run, for its page: the cleaning report of its domain's newest run, the recent refreshes, the
// port's availability within its freshness SLA, and who read it. Served by GET /api/products/{id}/operations.
import { api, el, failure, formatNumber, formatTime, svg, table } from "./mesh.js";

export async function operations(id) {
  let ops;
  try {
    ops = await api(`/api/products/${encodeURIComponent(id)}/operations`);
  } catch (error) {
    return failure(error);
  }
  return el(
    "div",
    { id: "operations" },
    el("h3", {}, "Cleaning report"),
    cleaning(ops.cleaning, ops.domain),
    el("h3", {}, "Availability"),
    availability(ops.availability),
    el("h3", {}, "Refreshes"),
    runs(ops.runs),
    el("h3", {}, "Usage"),
    usage(ops.usage),
  );
}

function cleaning(report, domain) {
  if (!report) return el("p", { class: "muted", id: "cleaning-report" }, `${domain} has no cleaning report: it reads other products, not events.`);
  const balance = `${formatNumber(report.input)} raw records = ${formatNumber(report.clean)} clean + ${formatNumber(report.quarantined)} quarantined`;
  const rows = (counts) => Object.entries(counts || {}).sort((a, b) => b[1] - a[1]).map(([what, n]) => el("tr", {}, el("td", {}, what), el("td", { class: "num" }, formatNumber(n))));
  return el(
    "div",
    { id: "cleaning-report" },
    el("p", {}, `Run of ${formatTime(report.at)} over all of ${domain}'s events: `, el("strong", { id: "balance" }, balance), report.balanced ? " — balanced" : " — NOT balanced"),
    el("p", { class: "muted" }, `This run: ${formatNumber(report.batch?.input)} new raw records, ${formatNumber(report.batch?.clean)} clean, ${formatNumber(report.batch?.quarantined)} quarantined.`),
    el("div", { class: "charts" },
      el("div", { class: "card" }, el("h4", {}, "Quarantined by reason"), table({ id: "quarantine" }, ["reason", "records"], rows(report.quarantinedByRule))),
      el("div", { class: "card" }, el("h4", {}, "Repaired, mapped and masked"), table({ id: "changed" }, ["change", "events"], rows(report.changed))),
    ),
    report.gaps && report.gaps.length
      ? table({ id: "gaps" }, ["gap in", "from", "to", "missing periods"], report.gaps.map((gap) => el("tr", {}, el("td", {}, gap.eventType), el("td", {}, formatTime(gap.from)), el("td", {}, formatTime(gap.to)), el("td", { class: "num" }, `${formatNumber(gap.missingPeriods)} × ${gap.period}`))))
      : el("p", { class: "muted", id: "gaps" }, "No gaps found in the events."),
  );
}

function availability(av) {
  if (!av || av.share === null || av.share === undefined) return el("p", { class: "muted", id: "availability" }, "Not published yet.");
  const percent = `${(av.share * 100).toFixed(2)}%`;
  const sla = av.freshness ? `within its freshness of ${av.freshness}` : "(its contract states no freshness: time served)";
  return el("p", { id: "availability" }, el("strong", {}, percent), ` of the time from ${formatTime(av.from)} to ${formatTime(av.to)} the port served a snapshot ${sla}, over ${av.snapshots} snapshot(s) kept.`);
}

function runs(list) {
  if (!list || list.length === 0) return el("p", { class: "muted", id: "runs" }, "No refresh recorded yet.");
  const width = 640, height = 150, left = 44, bottom = 22, top = 10;
  const max = Math.max(1, ...list.map((run) => (run.input ?? run.rowCount ?? 0)));
  const step = Math.min(28, (width - left - 10) / list.length);
  const y = (v) => (height - top - bottom) * (v / max);
  const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "refreshes" });
  picture.append(svg("text", { x: 4, y: top + 10, fill: "#5b6475" }, formatNumber(max)), svg("text", { x: 4, y: height - bottom, fill: "#5b6475" }, "0"));
  list.forEach((run, index) => {
    const x = left + index * step;
    const clean = run.clean ?? run.rowCount ?? 0;
    const quarantined = run.quarantined ?? 0;
    const base = height - bottom;
    const tip = `${formatTime(run.at)} ${run.outcome}${run.reason ? ": " + run.reason : ""}${run.input !== undefined ? ` — ${run.input} in, ${clean} clean, ${quarantined} quarantined` : ""}`;
    picture.append(
      svg("rect", { x, y: base - y(clean), width: Math.max(1, step - 2), height: y(clean), fill: run.outcome === "published" ? "#2d5bd7" : "#c0392b", "data-outcome": run.outcome }, svg("title", {}, tip)),
      svg("rect", { x, y: base - y(clean) - y(quarantined), width: Math.max(1, step - 2), height: y(quarantined), fill: "#e67e22" }, svg("title", {}, tip)),
    );
  });
  picture.append(svg("text", { x: left, y: height - 4, fill: "#5b6475" }, `${list.length} refresh(es), oldest left; blue clean, orange quarantined, red refused`));
  const refused = list.filter((run) => run.outcome !== "published");
  return el(
    "div",
    { id: "runs" },
    el("div", { class: "card chart" }, picture),
    refused.length ? table({}, ["refresh", "outcome", "why"], refused.map((run) => el("tr", {}, el("td", {}, formatTime(run.at)), el("td", {}, run.outcome), el("td", {}, run.reason || "")))) : null,
  );
}

function usage(use) {
  if (!use || use.reads === 0) return el("p", { class: "muted", id: "usage" }, "Nobody has read it through the query service yet.");
  const days = use.byDay || [];
  const width = 640, height = 130, left = 44, bottom = 22, top = 10;
  const max = Math.max(1, ...days.map((d) => d.ok + d.refused));
  const step = Math.min(28, (width - left - 10) / Math.max(1, days.length));
  const picture = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "reads per day" });
  days.forEach((day, index) => {
    const h = (height - top - bottom) * ((day.ok + day.refused) / max);
    picture.append(svg("rect", { x: left + index * step, y: height - bottom - h, width: Math.max(2, step - 4), height: h, fill: "#16a085" }, svg("title", {}, `${day.day}: ${day.ok} read(s), ${day.refused} refused`)));
  });
  picture.append(svg("text", { x: 4, y: top + 10, fill: "#5b6475" }, formatNumber(max)), svg("text", { x: left, y: height - 4, fill: "#5b6475" }, `${days.length} day(s)`));
  const consumers = Array.isArray(use.byConsumer)
    ? table({ id: "consumers" }, ["consumer", "reads", "refused"], use.byConsumer.map((c) => el("tr", {}, el("td", {}, c.consumer), el("td", { class: "num" }, formatNumber(c.ok)), el("td", { class: "num" }, formatNumber(c.refused)))))
    : el("p", { class: "muted", id: "consumers" }, `Who read it is ${use.byConsumer}.`);
  return el("div", { id: "usage" }, el("p", {}, `${formatNumber(use.reads)} read(s) through the query service.`), el("div", { class: "card chart" }, picture), consumers);
}
