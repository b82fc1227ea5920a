import { html, type SafeHtml } from "../html.js";
import type { Session } from "../sessions.js";
import { isOperator } from "../sessions.js";

/** What every page's frame needs. */
export interface PageFrame {
  title: string;
  session?: Session | undefined;
  /** The workspace the page is about (its tabs are shown). */
  workspaceId?: string | undefined;
  /** Which tab is active. */
  tab?: "runs" | "history" | "sources" | undefined;
}

function nav(frame: PageFrame): SafeHtml {
  const s = frame.session;
  if (!s) return html``;
  const ws = frame.workspaceId;
  const tab = (name: NonNullable<PageFrame["tab"]>, label: string) =>
    html`<a
      href="/w/${encodeURIComponent(ws ?? "")}/${name === "runs" ? "" : name}"
      class="${frame.tab === name ? "on" : ""}"
      >${label}</a
    >`;
  return html`<nav>
    <a href="/" class="brand">jobscout</a>
    ${ws ? html`<span class="ws">${ws}</span> ${tab("runs", "Runs")} ${tab("history", "History")} ${tab("sources", "Sources")}` : ""}
    ${isOperator(s) ? html`<a href="/queues/">Queues</a>` : ""}
    <form method="post" action="/logout" class="logout">
      <input type="hidden" name="csrf" value="${s.csrf}" />
      <span class="who">${s.userId}${s.admin ? " (admin)" : ""}</span>
      <button type="submit">Log out</button>
    </form>
  </nav>`;
}

/** The page frame: htmx and its SSE extension from our own origin, no inline scripts. */
export function layout(frame: PageFrame, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${frame.title} · jobscout</title>
        <link rel="stylesheet" href="/assets/dashboard.css" />
        <link rel="stylesheet" href="/assets/uplot.css" />
        <script src="/assets/htmx.js" defer></script>
        <script src="/assets/htmx-sse.js" defer></script>
        <script src="/assets/uplot.js" defer></script>
        <script src="/assets/charts.js" defer></script>
      </head>
      <body>
        ${nav(frame)}
        <main>
          <h1>${frame.title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}

/** A POST button for an admin action, carrying the session's CSRF token. */
export function actionButton(session: Session, action: string, label: string, testId: string): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">
    <input type="hidden" name="csrf" value="${session.csrf}" />
    <button type="submit" data-testid="${testId}">${label}</button>
  </form>`;
}
