import type { RunView } from "../../store/runs.repo.js";
import { html, type SafeHtml } from "../html.js";
import type { Session } from "../sessions.js";
import { ago, clock, duration, httpCounts, sourceState } from "./format.js";
import { actionButton } from "./layout.view.js";

const wsPath = (workspaceId: string): string => `/w/${encodeURIComponent(workspaceId)}`;
const runPath = (run: RunView): string => `${wsPath(run.workspaceId)}/runs/${encodeURIComponent(run.id)}`;

function queryText(run: RunView): string {
  const parts = [run.query.keywords, run.query.place].filter(Boolean);
  return parts.length > 0 ? parts.join(" in ") : "everything";
}

/** The per-source lines of a run: the same facts chat shows (state, retry time, counts, HTTP, error). */
function outcomesTable(run: RunView): SafeHtml {
  return html`<table class="outcomes">
    <thead>
      <tr>
        <th>Source</th>
        <th>State</th>
        <th>Fetched</th>
        <th>New</th>
        <th>Updated</th>
        <th>Closed</th>
        <th>Rejected</th>
        <th>HTTP</th>
        <th>Retries</th>
        <th>Time</th>
        <th>Error</th>
      </tr>
    </thead>
    <tbody>
      ${run.outcomes.map(
        (o) =>
          html`<tr data-source="${o.source}" data-status="${o.status}">
            <td>${o.label}</td>
            <td class="state ${o.status}">${sourceState(o)}</td>
            <td>${o.fetched}</td>
            <td>${o.newJobs}</td>
            <td>${o.updatedJobs}</td>
            <td>${o.closedJobs}</td>
            <td>${o.rejected}</td>
            <td>${httpCounts(o.http)}</td>
            <td>${o.retries}</td>
            <td>${duration(o.durationMs)}</td>
            <td class="error">${o.error ?? ""}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** One run as a card: status, stage, progress bar, per-source outcomes. */
export function runCard(run: RunView, session: Session): SafeHtml {
  return html`<section class="run" data-run="${run.id}" data-status="${run.status}">
    <header>
      <a href="${runPath(run)}">${queryText(run)}</a>
      <span class="badge ${run.status}" data-testid="run-status">${run.status}</span>
      <span class="stage">${run.stage} · ${run.progress}%</span>
      <span class="muted">started ${ago(run.createdAt)} by ${run.userId}</span>
      ${run.status === "failed" && session.admin ? actionButton(session, `${runPath(run)}/retry`, "Retry", "retry-run") : ""}
    </header>
    <progress max="100" value="${run.progress}">${run.progress}%</progress>
    ${run.error ? html`<p class="error">${run.error}</p>` : ""} ${outcomesTable(run)}
  </section>`;
}

/** The live part of the runs page, re-sent over SSE whenever it changes. */
export function liveRuns(runs: RunView[], session: Session): SafeHtml {
  if (runs.length === 0) return html`<p class="muted">No runs yet.</p>`;
  return html`${runs.map((r) => runCard(r, session))}`;
}

/** The runs page: start-a-run form for admins, then the live cards fed by `/events`. */
export function runsPage(workspaceId: string, runs: RunView[], session: Session): SafeHtml {
  const start = session.admin
    ? html`<form method="post" action="${wsPath(workspaceId)}/runs" class="start">
        <input type="hidden" name="csrf" value="${session.csrf}" />
        <input name="keywords" placeholder="keywords" maxlength="200" />
        <input name="place" placeholder="place" maxlength="100" />
        <button type="submit" data-testid="start-run">Start a run</button>
      </form>`
    : html``;
  return html`${start}
    <div hx-ext="sse" sse-connect="${wsPath(workspaceId)}/events?feed=runs">
      <div id="live-runs" sse-swap="runs">${liveRuns(runs, session)}</div>
    </div>`;
}

/** Every run of the workspace, newest first. */
export function historyPage(runs: RunView[]): SafeHtml {
  return html`<table class="history">
    <thead>
      <tr>
        <th>Started</th>
        <th>Query</th>
        <th>Status</th>
        <th>Sources</th>
        <th>New jobs</th>
        <th>Took</th>
        <th>Error</th>
      </tr>
    </thead>
    <tbody>
      ${runs.map((r) => {
        const took = r.finishedAt ? Date.parse(r.finishedAt) - Date.parse(r.createdAt) : null;
        const failed = r.outcomes.filter((o) => o.status === "failed").length;
        return html`<tr data-status="${r.status}">
          <td><a href="${runPath(r)}">${r.createdAt.slice(0, 10)} ${clock(r.createdAt)}</a></td>
          <td>${queryText(r)}</td>
          <td><span class="badge ${r.status}">${r.status}</span></td>
          <td>${r.outcomes.length}${failed > 0 ? ` (${failed} failed)` : ""}</td>
          <td>${r.outcomes.reduce((n, o) => n + o.newJobs, 0)}</td>
          <td>${duration(took)}</td>
          <td class="error">${r.error ?? ""}</td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** One run with its stage timeline. */
export function runPage(run: RunView, session: Session): SafeHtml {
  const stages = Object.entries(run.stageStartedAt);
  return html`${runCard(run, session)}
    <h2>Stages</h2>
    <ol class="stages">
      ${stages.map(([stage, at]) => html`<li>${stage} at ${clock(at)}</li>`)}
    </ol>`;
}
