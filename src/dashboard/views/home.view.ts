import type { StoreSizes, WorkspaceSummary } from "../../store/dashboard.repo.js";
import { html, type SafeHtml } from "../html.js";

/** The workspaces this login may open, and the size of the store and of each embedder's index. */
export function homePage(workspaces: WorkspaceSummary[], sizes: StoreSizes): SafeHtml {
  return html`<h2>Workspaces</h2>
    ${workspaces.length === 0 ? html`<p class="muted">No workspaces yet: they appear when someone first writes to the bot.</p>` : ""}
    <ul class="workspaces">
      ${workspaces.map(
        (w) =>
          html`<li>
            <a href="/w/${encodeURIComponent(w.id)}/">${w.name}</a>
            <span class="muted">${w.platform} · ${w.id}</span> ·
            <a href="/w/${encodeURIComponent(w.id)}/sources">sources</a>
          </li>`,
      )}
    </ul>
    <h2>Store and index</h2>
    <table class="sizes">
      <tbody>
        <tr>
          <th>Open jobs</th>
          <td data-testid="open-jobs">${sizes.openJobs}</td>
        </tr>
        <tr>
          <th>Closed jobs</th>
          <td>${sizes.closedJobs}</td>
        </tr>
        ${sizes.vectors.map(
          (v) =>
            html`<tr>
              <th>Vectors · ${v.embedder}</th>
              <td>${v.count}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
