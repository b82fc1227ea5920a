import type { JobCard } from "../core/job-card.js";
import type { JobDetails } from "../jobs/job-actions.js";
import type { SourceHealth } from "../tools/source-health.tool.js";
import type { TrackedSourceResult } from "../tools/track-source.tool.js";
import type { SearchJobsResult } from "../tools/search-jobs.tool.js";
import type { RunSummary } from "../answers/run-summary.js";
import { timeAgo } from "../core/time-ago.js";

const SOURCE_NAMES: Record<string, string> = {
  arbeitnow: "Arbeitnow",
  "ba-jobsuche": "Bundesagentur für Arbeit",
  import: "Import",
};

export function sourceName(id: string): string {
  return SOURCE_NAMES[id] ?? id;
}

/** "posted 3 days ago" style age, relative to `now`. */
export function formatAge(iso: string | null, now = Date.now()): string | null {
  if (!iso) return null;
  const days = Math.floor((now - Date.parse(iso)) / 86_400_000);
  if (Number.isNaN(days)) return null;
  if (days <= 0) return "posted today";
  if (days === 1) return "posted yesterday";
  if (days < 60) return `posted ${days} days ago`;
  return `posted ${iso.slice(0, 10)}`;
}

/** One line describing what was searched: “python” in or near Frankfurt am Main (25 km), remote ok. */
export function describeQuery(q: SearchJobsResult["query"]): string {
  let head = q.keywords ? `“${q.keywords}”` : "jobs";
  if (q.place) head += ` in or near ${q.place}${q.radiusKm ? ` (${q.radiusKm} km)` : ""}`;
  const parts: string[] = [head];
  const remote = {
    any: "",
    remote_only: "remote only",
    remote_ok: "remote ok",
    no_remote: "no remote",
    hybrid: "hybrid",
  }[q.remote];
  if (remote) parts.push(remote);
  if (q.postedWithinDays)
    parts.push(`posted in the last ${q.postedWithinDays} day${q.postedWithinDays === 1 ? "" : "s"}`);
  return parts.join(", ");
}

export function renderJobLine(j: JobCard): string {
  const meta = [j.place, j.salary, formatAge(j.postedAt)].filter(Boolean).join(" · ");
  const lines = [`${j.n}. ${j.title} — ${j.company}`, `   ${meta}`];
  if (j.why.length > 0) lines.push(`   Why: ${j.why.join("; ")}`);
  if (j.url) lines.push(`   ${j.url}`);
  return lines.join("\n");
}

/** What a terminal shows under a list that has more: the words that page on or narrow it. */
export const MORE_HINT = "Say “more” for the next ones, or refine (“only remote ones”).";

/**
 * The words of a search answer: corrections, what a run brought, and what was found. The jobs
 * themselves are not in it: they travel as cards (the search's artifact), and every surface renders
 * those itself — a terminal as {@link renderJobLine} paragraphs, Slack and Discord as cards.
 */
export function renderSearchAnswer(r: SearchJobsResult, ranRun?: RunSummary): string {
  const corrections = r.notes.length > 0 ? `${r.notes.join("\n")}\n\n` : "";
  const head = `${corrections}${ranRun ? `${renderRunOneLine(ranRun)}\n\n` : ""}`;
  if (r.jobs.length === 0) {
    const why = ranRun ? " even after fetching fresh postings" : "";
    return `${head}I found no ${describeQuery(r.query)}${why}. Try other keywords, a larger radius, or “remote ok”.`;
  }
  const count =
    r.total > r.jobs.length + r.query.offset ? `${r.jobs.length} of ${r.total}` : `${r.jobs.length}`;
  const intro =
    r.query.offset > 0
      ? `More matches for ${describeQuery(r.query)}:`
      : `Here are ${count} matches for ${describeQuery(r.query)}:`;
  return `${head}${intro}`;
}

/** A source's state in a run: "fetching", "ok", "retrying at 10:42 UTC". */
export function sourceState(s: Pick<RunSummary["sources"][number], "status" | "retryAt">): string {
  return s.status === "retrying" && s.retryAt ? `retrying at ${s.retryAt.slice(11, 16)} UTC` : s.status;
}

function renderSourceOutcome(s: RunSummary["sources"][number]): string {
  const name = s.label;
  if (s.status === "failed") return `${name}: failed — ${s.error ?? "unknown error"}`;
  if (s.status === "ok") {
    const extra = [
      s.newJobs ? `${s.newJobs} new` : null,
      s.updatedJobs ? `${s.updatedJobs} updated` : null,
      s.closedJobs ? `${s.closedJobs} closed` : null,
      s.rejected ? `${s.rejected} skipped` : null,
    ].filter(Boolean);
    return `${name}: ${s.fetched} job${s.fetched === 1 ? "" : "s"}${extra.length ? `, ${extra.join(", ")}` : ""}`;
  }
  return `${name}: ${sourceState(s)}${s.fetched ? `, ${s.fetched} so far` : ""}${s.error ? ` — ${s.error}` : ""}`;
}

/** "Fetched fresh postings — Arbeitnow: 100 postings (37 new); Bundesagentur für Arbeit: failed — HTTP 500". */
export function renderRunOneLine(r: RunSummary): string {
  const verb =
    r.status === "completed"
      ? "Fetched fresh postings"
      : r.status === "failed"
        ? "The run failed"
        : `Run ${r.stage} (${r.progress}%)`;
  return `${verb} — ${r.sources.map(renderSourceOutcome).join("; ")}.`;
}

export function renderRunSummary(r: RunSummary): string {
  const lines = [
    `Run ${r.runId.slice(0, 8)}: ${r.status}${r.status === "running" || r.status === "queued" ? ` (${r.stage}, ${r.progress}%)` : ""}`,
  ];
  for (const s of r.sources) lines.push(`- ${renderSourceOutcome(s)}`);
  return lines.join("\n");
}

/** Progress line for the terminal while a run works. */
export function renderProgress(r: RunSummary): string {
  const sources = r.sources
    .map((s) => `${s.label} ${sourceState(s)}${s.fetched ? ` ${s.fetched}` : ""}`)
    .join(", ");
  return `[${r.progress.toString().padStart(3)}%] ${r.stage}${sources ? ` — ${sources}` : ""}`;
}

export const HELP_TEXT = [
  "I search job postings for you. Try:",
  "- “find me jobs in Berlin”",
  "- “python jobs in Frankfurt posted this week, remote ok”",
  "- “only remote ones” (refines the last search) or “more”",
  "- “refresh data scientist jobs in Munich” (fetches fresh postings)",
  "- “details 2”, “save 2”, “not for me 3”, “saved jobs”",
  "- “track jobs at https://boards.greenhouse.io/n26”, “sources” (how each source did)",
  "- “status” (the latest run)",
].join("\n");

export function renderDetails(d: JobDetails): string {
  const j = d.card;
  const meta = [
    j.place,
    j.salary,
    formatAge(j.postedAt),
    d.employmentType !== "unknown" ? d.employmentType.replace("_", " ") : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return [
    `${j.title} — ${j.company}`,
    meta,
    "",
    d.description,
    "",
    j.url ? `Apply: ${j.url}` : "",
    `Sources: ${j.sources.map(sourceName).join(", ")}`,
  ]
    .filter((l, i, all) => l !== "" || (all[i - 1] ?? "") !== "")
    .join("\n")
    .trim();
}

export function renderSaved(jobs: JobCard[]): string {
  if (jobs.length === 0) return "You have no saved jobs yet. Say “save 2” after a search to keep one.";
  return `Your saved jobs:\n\n${jobs.map(renderJobLine).join("\n\n")}`;
}

export function renderMarked(action: string, job: { title: string; company: string }): string {
  const what = `“${job.title}” at ${job.company}`;
  switch (action) {
    case "save":
      // "… at Example e.V." already ends the sentence.
      return `Saved ${what}${what.endsWith(".") ? "" : "."}`;
    case "hide":
      return `Got it — I won't show you ${what} again.`;
    case "unsave":
      return `Removed ${what} from your saved jobs.`;
    default:
      return `I'll show you ${what} again.`;
  }
}

/** "- Greenhouse n26 (added in chat): ok 2 h ago — 42 jobs, 3 new, HTTP 200×1; last success 2 h ago". */
export function renderSourceHealth(list: SourceHealth[]): string {
  if (list.length === 0) return "This workspace fetches no sources.";
  const origin = {
    default: "default",
    chat: "added in chat",
    yaml: "from sources.yaml",
    config: "from config",
  } as const;
  const lines = list.map((s) => {
    const head = `- ${s.label} (${origin[s.origin]}${s.enabled ? "" : ", paused"})`;
    const o = s.last;
    if (!o) return `${head}: not fetched yet`;
    const http = Object.entries(o.http)
      .map(([k, n]) => `${/^\d+$/.test(k) ? `HTTP ${k}` : k}×${n}`)
      .join(", ");
    const body =
      o.status === "failed"
        ? `failed ${timeAgo(s.lastRunAt)} — ${o.error ?? "unknown error"}`
        : `${o.status} ${timeAgo(s.lastRunAt)} — ${o.fetched} jobs, ${o.newJobs} new, ${o.updatedJobs} updated, ${o.closedJobs} closed, ${o.rejected} skipped`;
    const extra = [
      http,
      o.retries ? `${o.retries} retr${o.retries === 1 ? "y" : "ies"}` : "",
      o.durationMs !== null ? `${(o.durationMs / 1000).toFixed(1)} s` : "",
    ]
      .filter(Boolean)
      .join(", ");
    return `${head}: ${body}${extra ? ` (${extra})` : ""}; last success ${timeAgo(s.lastSuccessAt)}`;
  });
  return `Job sources of this workspace:\n${lines.join("\n")}`;
}

export function renderTracked(r: TrackedSourceResult): string {
  return r.action === "track"
    ? `Now tracking ${r.label} for this workspace. Every run fetches it from now on — say “refresh” to fetch it now.`
    : `Stopped tracking ${r.label}.`;
}
