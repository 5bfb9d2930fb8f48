// Manual data, self-service: the datasets the logged-in user's domain keeps by hand, what an upload must hold, the
// uploads taken, and a form to upload one for a period. The server checks the upload whole: a bad one is refused
// with the reason for each row, and nothing of it is taken.
import { api, el, failure, frame, formatTime, identity } from "./mesh.js";

/** The largest file the page sends; the server has its own limit, per dataset. */
const MAX_BYTES = 8 * 1024 * 1024;

async function main() {
  const me = identity();
  if (!me) {
    await frame("uploads", el("h1", {}, "Uploads"), el("p", {}, "You act for no domain: log in as a member of a domain team to upload its manual data."));
    return;
  }
  const content = [el("h1", {}, `Manual data of ${me}`)];
  try {
    const datasets = await api(`/api/domains/${encodeURIComponent(me)}/datasets`);
    if (!datasets.length) {
      content.push(el("p", { class: "muted", id: "no-datasets" }, `${me} keeps no dataset by hand. A domain declares one as a ManualDataset beside its FileExport (platform/ingest).`));
    }
    datasets.forEach((dataset) => content.push(section(me, dataset)));
  } catch (error) {
    content.push(failure(error));
  }
  await frame("uploads", ...content);
}

function section(domain, dataset) {
  const result = el("div", { class: "upload-result", id: `result-${dataset.name}`, role: "status" });
  const uploads = el("div", { id: `uploads-${dataset.name}` }, uploadTable(dataset.uploads));
  return el(
    "section",
    { class: "dataset", id: `dataset-${dataset.name}` },
    el("h2", {}, dataset.name),
    el("p", {}, dataset.description),
    el("p", { class: "muted" }, `Owner: ${dataset.owner}. Key: ${dataset.key.join(", ")}; a row for every month of the period.`),
    el(
      "table",
      { class: "columns" },
      el("thead", {}, el("tr", {}, el("th", {}, "Column"), el("th", {}, "Each value is"))),
      el("tbody", {}, dataset.columns.map((column) => el("tr", {}, el("td", {}, el("code", {}, column)), el("td", {}, dataset.forms[column])))),
    ),
    form(domain, dataset, result, uploads),
    result,
    el("h3", {}, "Uploads taken"),
    uploads,
  );
}

function form(domain, dataset, result, uploads) {
  const id = (field) => `${field}-${dataset.name}`;
  const from = el("input", { type: "month", id: id("from"), required: "" });
  const to = el("input", { type: "month", id: id("to"), required: "" });
  const description = el("input", { type: "text", id: id("description"), maxlength: "500", placeholder: "what this upload is, for the log" });
  const file = el("input", { type: "file", id: id("file"), accept: ".csv,text/csv" });
  const pasted = el("textarea", { id: id("csv"), rows: "6", placeholder: `${dataset.columns.join(",")}\n...` });
  const send = el("button", { type: "submit", id: id("upload") }, "Upload");
  const label = (text, input) => el("label", {}, text, " ", input);
  const element = el(
    "form",
    { class: "upload", id: id("form") },
    label("From", from),
    label("to", to),
    label("Description", description),
    el("p", {}, label("CSV file", file), " or paste it below"),
    pasted,
    el("p", {}, send),
  );
  element.addEventListener("submit", async (event) => {
    event.preventDefault();
    send.disabled = true;
    result.replaceChildren(el("p", { class: "muted" }, "Checking the upload..."));
    try {
      const chosen = file.files && file.files[0];
      if (chosen && chosen.size > MAX_BYTES) {
        throw new Error(`The file has ${chosen.size} bytes; the page sends at most ${MAX_BYTES}.`);
      }
      const text = chosen ? await chosen.text() : pasted.value;
      if (!text.trim()) {
        throw new Error("Choose a CSV file or paste its content.");
      }
      const query = new URLSearchParams({ from: from.value, to: to.value, description: description.value });
      const taken = await api(`/api/domains/${encodeURIComponent(domain)}/datasets/${encodeURIComponent(dataset.name)}/uploads?${query}`, {
        method: "POST",
        raw: text,
      });
      result.replaceChildren(
        el(
          "p",
          { class: "taken", id: `taken-${dataset.name}` },
          `Taken: ${taken.rows} rows as ${taken.file} (SHA-256 ${taken.sha256.slice(0, 12)}...). ${domain}'s next refresh uses it.`,
        ),
      );
      const [now] = (await api(`/api/domains/${encodeURIComponent(domain)}/datasets`)).filter((candidate) => candidate.name === dataset.name);
      if (now) uploads.replaceChildren(uploadTable(now.uploads));
    } catch (error) {
      const reasons = (error.problem && error.problem.reasons) || [];
      result.replaceChildren(
        el("p", { class: "refused", id: `refused-${dataset.name}` }, reasons.length ? "Refused, nothing of it was taken:" : error.message),
        reasons.length ? el("ul", { id: `reasons-${dataset.name}` }, reasons.map((reason) => el("li", {}, reason))) : null,
      );
    } finally {
      send.disabled = false;
    }
  });
  return element;
}

function uploadTable(uploads) {
  if (!uploads.length) return el("p", { class: "muted" }, "None yet.");
  return el(
    "table",
    { class: "uploads" },
    el("thead", {}, el("tr", {}, ["When", "Who", "Period", "Rows", "File", "Description"].map((header) => el("th", {}, header)))),
    el(
      "tbody",
      {},
      [...uploads].reverse().map((upload) =>
        el(
          "tr",
          {},
          el("td", {}, formatTime(upload.at)),
          el("td", {}, upload.uploader),
          el("td", {}, `${upload.from} to ${upload.to}`),
          el("td", {}, String(upload.rows)),
          el("td", {}, el("code", {}, upload.file)),
          el("td", {}, upload.description || ""),
        ),
      ),
    ),
  );
}

main();
