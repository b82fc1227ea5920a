import { html, type SafeHtml } from "../html.js";
import { layout } from "./layout.view.js";

/** The token form, and what to do when a link no longer works. */
export function loginPage(message?: string): SafeHtml {
  return layout(
    { title: "Log in" },
    html`${message ? html`<p class="notice" role="alert">${message}</p>` : ""}
      <p>
        Ask the bot for <code>dashboard</code> in chat to get a one-time login link, or log in with the
        operator token (<code>JOBSCOUT_DASHBOARD_TOKEN</code>).
      </p>
      <form method="post" action="/login">
        <label>Token <input type="password" name="token" autocomplete="current-password" required /></label>
        <button type="submit">Log in</button>
      </form>`,
  );
}

/** A short page for 403/404: says what to do, shows nothing of the workspace asked for. */
export function problemPage(title: string, text: string): SafeHtml {
  return layout(
    { title },
    html`<p class="notice">${text}</p>
      <p><a href="/">Back to your workspaces</a></p>`,
  );
}
