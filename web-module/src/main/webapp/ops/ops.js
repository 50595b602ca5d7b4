// The ops page: polls the application's and the consumers' summaries every second with the admin
// token kept in this tab's sessionStorage, and shows them. No framework, no third-party code.
"use strict";

const TOKEN_KEY = "keystone.ops.token";
const POLL_MS = 1000;
const $ = (id) => document.getElementById(id);
let previous = {}; // cache name -> {served, reads} of the last poll, for the last-interval ratio
let polls = 0;
let timer = null;

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

function askForToken(message) {
  clearTimeout(timer);
  $("figures").hidden = true;
  $("forget-token").hidden = true;
  $("token-form").hidden = false;
  $("token-error").textContent = message || "";
  setStatus("not connected", "");
}

function setStatus(text, cls) {
  $("status").textContent = text;
  $("status").className = "status " + cls;
}

async function fetchJson(path) {
  const reply = await fetch(path, {
    headers: { Authorization: "Bearer " + token(), Accept: "application/json" },
    cache: "no-store",
  });
  if (reply.status === 401 || reply.status === 403) {
    const problem = await reply.json().catch(() => ({}));
    const error = new Error(problem.detail || "HTTP " + reply.status);
    error.auth = true;
    throw error;
  }
  if (!reply.ok) {
    throw new Error(path + ": HTTP " + reply.status);
  }
  return reply.json();
}

function percent(ratio) {
  return ratio === null || ratio === undefined ? "–" : (ratio * 100).toFixed(1) + " %";
}

function duration(ms) {
  return ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(1) + " s";
}

function cell(text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) {
    td.className = cls;
  }
  return td;
}

// the consistency sampler's finding: entries that differ from the database, and for how long
function inconsistency(c) {
  if (c.inconsistent === null || c.inconsistent === undefined) {
    return "–";
  }
  return c.inconsistent === 0
    ? "0"
    : c.inconsistent + " (oldest " + Math.round(c.inconsistentForSeconds) + " s)";
}

function showApplication(summary) {
  const body = $("caches").querySelector("tbody");
  body.replaceChildren();
  for (const c of summary.caches) {
    const served = c.hits + c.stale;
    const reads = served + c.misses;
    const before = previous[c.cache];
    const recent =
      before && reads > before.reads ? (served - before.served) / (reads - before.reads) : null;
    previous[c.cache] = { served, reads };
    const row = document.createElement("tr");
    row.dataset.cache = c.cache;
    row.append(
      cell(c.cache),
      cell(percent(c.hitRatio), "hit-ratio"),
      cell(percent(recent), "recent-ratio"),
      cell(c.hits, "hits"),
      cell(c.stale, "stale"),
      cell(c.misses, "misses"),
      cell(c.errors, "errors"),
      cell(c.breaker, "breaker " + c.breaker),
      cell(inconsistency(c), "inconsistent")
    );
    body.append(row);
  }
  $("outbox-backlog").textContent = summary.outbox.backlog;
  $("outbox-age").textContent = duration(summary.outbox.oldestAgeMs);
  $("outbox-sent").textContent = summary.outbox.sent + " / " + summary.outbox.failed;
  const stuck = summary.outbox.stuckRows;
  $("outbox-stuck").textContent = stuck + " / " + summary.outbox.blockedAggregates;
  $("outbox-stuck").className = stuck > 0 ? "error" : "";
}

/** The stuck rows themselves, read only while the summary counts some. */
function showStuckRows(listing) {
  const body = $("stuck-rows").querySelector("tbody");
  body.replaceChildren();
  for (const r of listing.rows) {
    const row = document.createElement("tr");
    row.dataset.event = r.eventId;
    row.append(
      cell(r.aggregateType + " " + r.aggregateId, "aggregate"),
      cell(r.aggregateVersion, "version"),
      cell(r.attempts, "attempts"),
      cell(duration(r.ageMs), "age"),
      cell(r.waitingBehind, "waiting"),
      cell(r.lastError || "", "last-error"),
      cell(r.eventId, "event-id")
    );
    body.append(row);
  }
  $("stuck-rows").hidden = listing.rows.length === 0;
}

function showConsumers(summary) {
  const body = $("groups").querySelector("tbody");
  body.replaceChildren();
  for (const g of summary.groups) {
    const row = document.createElement("tr");
    row.dataset.group = g.group;
    row.append(cell(g.group), cell(g.lag, "lag"), cell(g.partitions, "partitions"));
    body.append(row);
  }
  $("kafka-error").textContent = summary.kafkaError || "";
  $("parked").textContent = summary.parked;
  $("dead-lettered").textContent = summary.deadLettered;
}

/** The latest rebuild of the consumer chosen in the rebuild control; 404: never rebuilt. */
async function showRebuild() {
  const consumer = $("rebuild-consumer").value;
  const reply = await fetch("/consumers/admin/rebuilds/" + consumer, {
    headers: { Authorization: "Bearer " + token(), Accept: "application/json" },
    cache: "no-store",
  });
  if (reply.status === 404) {
    $("rebuild-state").textContent = consumer + ": never rebuilt";
    return;
  }
  if (!reply.ok) {
    throw new Error("rebuild: HTTP " + reply.status);
  }
  const r = await reply.json();
  $("rebuild-state").textContent =
    r.consumer + ": " + r.state + " · requested by " + r.requestedBy + " at " +
    new Date(r.requestedAt).toLocaleTimeString() + " · " + r.read + " records re-read · lag " +
    (r.lag === undefined ? "–" : r.lag) + (r.error ? " · last error: " + r.error : "");
}

/** Asks for a rebuild; a refusal (409 while one runs, email without suppressed mail) is shown. */
async function requestRebuild(event) {
  event.preventDefault();
  const consumer = $("rebuild-consumer").value;
  if (!window.confirm("Rebuild " + consumer + " from the log? Its tables are emptied and re-read.")) {
    return;
  }
  const reply = await fetch("/consumers/admin/rebuilds", {
    method: "POST",
    headers: {
      Authorization: "Bearer " + token(),
      Accept: "application/json",
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ consumer: consumer, suppressMail: $("rebuild-suppress").checked }),
  });
  const body = await reply.json().catch(() => ({}));
  $("rebuild-error").textContent = reply.ok ? "" : body.detail || "HTTP " + reply.status;
  await showRebuild();
}

async function poll() {
  let again = true;
  try {
    again = await pollOnce();
  } catch (e) {
    setStatus("error: " + e.message, "down");
  }
  if (again) {
    timer = setTimeout(poll, POLL_MS);
  }
}

/** One round of both summaries; false when the token was refused (polling stops). */
async function pollOnce() {
  const [app, consumers] = await Promise.allSettled([
    fetchJson("/api/ops/summary"),
    fetchJson("/consumers/ops/summary"),
  ]);
  const auth = [app, consumers].find((r) => r.status === "rejected" && r.reason.auth);
  if (auth) {
    sessionStorage.removeItem(TOKEN_KEY);
    askForToken("Refused: " + auth.reason.message);
    return false;
  }
  if (app.status === "fulfilled") {
    showApplication(app.value);
    if (app.value.outbox.stuckRows > 0) {
      showStuckRows(await fetchJson("/api/ops/outbox/stuck"));
    } else {
      $("stuck-rows").hidden = true;
    }
  }
  if (consumers.status === "fulfilled") {
    showConsumers(consumers.value);
    await showRebuild().catch((e) => ($("rebuild-error").textContent = e.message));
    $("consumers-error").textContent = "";
  } else {
    $("consumers-error").textContent = "consumers: " + consumers.reason.message;
  }
  if (app.status === "fulfilled") {
    setStatus(consumers.status === "fulfilled" ? "live" : "live (consumers unreachable)", "ok");
  } else {
    setStatus("application unreachable: " + app.reason.message, "down");
  }
  polls++;
  $("polls").textContent = polls;
  $("updated").textContent = new Date().toLocaleTimeString();
  return true;
}

function start() {
  $("token-form").hidden = true;
  $("figures").hidden = false;
  $("forget-token").hidden = false;
  setStatus("connecting…", "");
  previous = {};
  poll();
}

document.addEventListener("DOMContentLoaded", () => {
  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("token").value.trim().replace(/^Bearer\s+/i, "");
    if (value) {
      sessionStorage.setItem(TOKEN_KEY, value);
      $("token").value = "";
      start();
    }
  });
  $("rebuild-form").addEventListener("submit", (event) => {
    requestRebuild(event).catch((e) => ($("rebuild-error").textContent = e.message));
  });
  $("rebuild-consumer").addEventListener("change", () => showRebuild().catch(() => {}));
  $("forget-token").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    askForToken("");
  });
  if (token()) {
    start();
  } else {
    askForToken("");
  }
});
