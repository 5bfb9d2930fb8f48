// The table of access requests, with the owner's decisions, shared by the product page and the access page.
import { api, badge, el, failure, formatTime } from "./mesh.js";

/** One row per request; the owner gets buttons to approve, reject or revoke. */
export function requestTable(requests, canDecide) {
  if (requests.length === 0) return el("p", { class: "muted" }, "No access requests yet.");
  const act = (request, reason, action, label, style) =>
    el(
      "button",
      {
        class: style,
        "data-action": `${action}:${request.consumer}`,
        onclick: async (event) => {
          event.target.disabled = true;
          try {
            await api(`/api/access/requests/${encodeURIComponent(request.id)}/${action}`, {
              method: "POST",
              body: { reason: reason.value },
            });
            location.reload();
          } catch (error) {
            event.target.disabled = false;
            event.target.after(failure(error));
          }
        },
      },
      label,
    );
  const decisions = (request) => {
    if (!canDecide || (request.state !== "pending" && request.state !== "approved")) return null;
    const reason = el("input", { class: "reason", placeholder: "reason", "aria-label": "reason" });
    return request.state === "pending"
      ? [reason, " ", act(request, reason, "approve", "Approve"), " ", act(request, reason, "reject", "Reject", "secondary")]
      : [reason, " ", act(request, reason, "revoke", "Revoke", "danger")];
  };
  return el(
    "table",
    { class: "requests" },
    el("thead", {}, el("tr", {}, ["Consumer", "Product", "Purpose", "State", "History", ""].map((h) => el("th", {}, h)))),
    el(
      "tbody",
      {},
      requests.map((request) =>
        el(
          "tr",
          { "data-request": request.id, "data-consumer": request.consumer },
          el("td", {}, request.consumer),
          el("td", {}, el("a", { href: `/product.html?id=${encodeURIComponent(request.product)}` }, request.product)),
          el("td", {}, request.purpose),
          el("td", {}, badge(request.state)),
          el("td", {}, el("ul", { class: "history" }, (request.history || []).map((h) => el("li", {}, `${formatTime(h.at)} ${h.state} by ${h.actor}${h.reason ? `: ${h.reason}` : ""}`)))),
          el("td", {}, decisions(request)),
        ),
      ),
    ),
  );
}

