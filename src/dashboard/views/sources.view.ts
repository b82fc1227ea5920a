import { html, jsonScript, type SafeHtml } from "../html.js";
import type { Session } from "../sessions.js";
import type { SourceHealthRow } from "../source-health.js";
import { ago, duration, httpCounts } from "./format.js";
import { actionButton } from "./layout.view.js";

function pauseButton(workspaceId: string, s: SourceHealthRow, session: Session): SafeHtml {
  // Defaults are fetched by every workspace (JOBSCOUT_SOURCES): only tracked sources pause per workspace.
  if (!session.admin || s.origin === "default") return html``;
  const base = `/w/${encodeURIComponent(workspaceId)}/sources/${encodeURIComponent(s.key)}`;
  return s.enabled
    ? actionButton(session, `${base}/pause`, "Pause", `pause-${s.key}`)
    : actionButton(session, `${base}/resume`, "Resume", `resume-${s.key}`);
}

/** The health table (re-sent over SSE): badge, last success, latest counts, HTTP outcomes, latency. */
export function sourcesTable(workspaceId: string, sources: SourceHealthRow[], session: Session): SafeHtml {
  return html`<table class="sources">
    <thead>
      <tr>
        <th>Source</th>
        <th>State</th>
        <th>Last success</th>
        <th>Last run</th>
        <th>Fetched</th>
        <th>New</th>
        <th>Closed</th>
        <th>HTTP</th>
        <th>Latency</th>
        <th>Last error</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${sources.map(
        (s) =>
          html`<tr data-source="${s.key}">
            <td>
              ${s.label}
              <div class="muted">${s.origin}</div>
            </td>
            <td>
              <span class="badge ${s.badge.replace(/ /g, "-").toLowerCase()}" data-testid="badge-${s.key}"
                >${s.badge}</span
              >
            </td>
            <td>${ago(s.lastSuccessAt)}</td>
            <td>${ago(s.lastRunAt)}</td>
            <td>${s.last?.fetched ?? "–"}</td>
            <td>${s.last?.newJobs ?? "–"}</td>
            <td>${s.last?.closedJobs ?? "–"}</td>
            <td>${s.last ? httpCounts(s.last.http) : "–"}</td>
            <td>${duration(s.last?.durationMs ?? null)}</td>
            <td class="error">${s.last?.error ?? ""}</td>
            <td>${pauseButton(workspaceId, s, session)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Health table (live) and one chart per source over its recent runs. */
export function sourcesPage(workspaceId: string, sources: SourceHealthRow[], session: Session): SafeHtml {
  const charts = sources
    .filter((s) => s.history.length > 0)
    .map((s) => ({
      id: `chart-${s.key}`,
      label: s.label,
      x: s.history.map((p) => Math.round(Date.parse(p.at) / 1000)),
      fetched: s.history.map((p) => p.fetched),
      newJobs: s.history.map((p) => p.newJobs),
      closed: s.history.map((p) => p.closedJobs),
      failed: s.history.map((p) => (p.status === "failed" ? 1 : 0)),
      latencyMs: s.history.map((p) => p.durationMs),
    }));
  return html`<div hx-ext="sse" sse-connect="/w/${encodeURIComponent(workspaceId)}/events?feed=sources">
      <div id="live-sources" sse-swap="sources">${sourcesTable(workspaceId, sources, session)}</div>
    </div>
    <h2>Over time</h2>
    ${charts.length === 0 ? html`<p class="muted">No runs yet.</p>` : ""}
    <div class="charts">
      ${charts.map(
        (c) =>
          html`<figure>
            <figcaption>${c.label}</figcaption>
            <div class="chart" data-chart="${c.id}"></div>
          </figure>`,
      )}
    </div>
    ${jsonScript("chart-data", charts)}`;
}
