import type { JobCard } from "../core/job-card.js";
import type { JobDetails } from "../jobs/job-actions.js";
import type { SourceHealth } from "../tools/source-health.tool.js";
import type { TrackedSourceResult } from "../tools/track-source.tool.js";
import type { SearchJobsResult } from "../tools/search-jobs.tool.js";
import type { RunSummary } from "../answers/run-summary.js";
import type { Failure } from "../core/failure.js";
import { ageOf } from "../core/time-ago.js";
import type { Lang } from "./language.js";
import { phrasesFor } from "../answers/phrases/phrases.js";

const SOURCE_NAMES: Record<string, string> = {
  arbeitnow: "Arbeitnow",
  "ba-jobsuche": "Bundesagentur für Arbeit",
  import: "Import",
};

export function sourceName(id: string): string {
  return SOURCE_NAMES[id] ?? id;
}

/** The card's salary in the reader's words, or (when a salary floor could not check it) that it names none. */
export function salaryOf(j: Pick<JobCard, "salary" | "noSalary">, lang: Lang = "en"): string | null {
  const p = phrasesFor(lang).card;
  if (typeof j.salary === "string") return j.salary;
  if (j.salary) return p.salary(j.salary);
  return j.noSalary ? p.noSalary : null;
}

/** "posted 3 days ago" style age, relative to `now`. */
export function formatAge(iso: string | null, now = Date.now(), lang: Lang = "en"): string | null {
  if (!iso) return null;
  const days = Math.floor((now - Date.parse(iso)) / 86_400_000);
  if (Number.isNaN(days)) return null;
  const p = phrasesFor(lang);
  if (days <= 0) return p.postedToday;
  if (days === 1) return p.postedYesterday;
  if (days < 60) return p.postedDaysAgo(days);
  return p.postedOn(iso.slice(0, 10));
}

/** One line describing what was searched: “python” in or near Frankfurt am Main (25 km), remote ok. */
export function describeQuery(q: SearchJobsResult["query"], lang: Lang = "en"): string {
  const p = phrasesFor(lang);
  const quoted = lang === "de" ? `„${q.keywords}“` : `“${q.keywords}”`;
  let head = q.keywords ? quoted : p.anyJobs;
  if (q.place) head += `${p.inOrNear(q.place)}${q.radiusKm ? ` (${q.radiusKm} km)` : ""}`;
  const parts: string[] = [head];
  if (q.employmentType) parts.push(p.employment[q.employmentType] ?? q.employmentType);
  if (q.seniority) parts.push(p.seniority[q.seniority]);
  if (q.salaryMin) parts.push(p.salaryFloor(q.salaryMin.min, q.salaryMin.period));
  const remote = p.remote[q.remote];
  if (remote) parts.push(remote);
  if (q.postedWithinDays) parts.push(p.postedWithin(q.postedWithinDays));
  return parts.join(", ");
}

export function renderJobLine(j: JobCard, lang: Lang = "en"): string {
  const card = phrasesFor(lang).card;
  const meta = [j.place, salaryOf(j, lang), formatAge(j.postedAt, Date.now(), lang)]
    .filter(Boolean)
    .join(" · ");
  const lines = [`${j.n}. ${j.title} — ${j.company}`, `   ${meta}`];
  if (j.fit) lines.push(`   ${card.fit(j.fit.total, j.fit.reasons)}`);
  if (j.why.length > 0) lines.push(`   ${card.why(j.why)}`);
  if (j.team?.length) lines.push(`   ${card.team(j.team)}`);
  if (j.url) lines.push(`   ${j.url}`);
  return lines.join("\n");
}

/**
 * The words of a search answer: corrections and what was found. The jobs themselves are not in it:
 * they travel as cards (the search's artifact), and what a run this turn brought travels as the
 * reply's `outcome`; every surface renders both itself — a terminal as {@link renderJobLine}
 * paragraphs under {@link renderRunOneLine}, Slack and Discord as cards under a progress message.
 */
export function renderSearchAnswer(r: SearchJobsResult, ranRun = false, lang: Lang = "en"): string {
  const p = phrasesFor(lang);
  const head = r.notes.length > 0 ? `${r.notes.join("\n")}\n\n` : "";
  const query = describeQuery(r.query, lang);
  if (r.jobs.length === 0) return `${head}${p.noResults(query, ranRun)}`;
  const total = r.total > r.jobs.length + r.query.offset ? r.total : undefined;
  // Said before the list: which of the shown jobs a salary or level filter could not check.
  const unchecked = [
    r.unchecked?.salary ? p.salaryUnknown(r.unchecked.salary) : "",
    r.unchecked?.seniority ? p.seniorityUnknown(r.unchecked.seniority) : "",
  ].filter(Boolean);
  const found =
    r.query.offset > 0 ? p.moreMatches(query) : p.matches(r.jobs.length, total, query, r.totalApproximate);
  return `${head}${unchecked.length > 0 ? `${unchecked.join(" ")}\n\n` : ""}${found}`;
}

/** A run's stage as the person reads it ("aufbereiten" for normalize in German). */
export function stageName(stage: string, lang: Lang = "en"): string {
  return phrasesFor(lang).stage[stage] ?? stage;
}

/** A source's state in a run: "fetching", "ok", "retrying at 10:42 UTC". */
export function sourceState(
  s: Pick<RunSummary["sources"][number], "status" | "retryAt">,
  lang: Lang = "en",
): string {
  const p = phrasesFor(lang);
  return s.status === "retrying" && s.retryAt
    ? p.retryingAt(s.retryAt.slice(11, 16))
    : (p.status[s.status] ?? s.status);
}

/**
 * Why a source or run failed, in the reader's language: from its code; a row from before codes (or
 * with a code this version does not know) shows its stored text; null when there is neither.
 */
export function failureText(
  s: { failure?: Failure | null | undefined; error?: string | null | undefined },
  lang: Lang = "en",
): string | null {
  if (s.failure) return phrasesFor(lang).failures.reason(s.failure);
  return s.error ?? null;
}

function renderSourceOutcome(s: RunSummary["sources"][number], lang: Lang): string {
  const p = phrasesFor(lang);
  const name = s.label;
  const why = failureText(s, lang);
  if (s.status === "failed") return p.sourceFailed(name, why);
  if (s.status === "ok") {
    const extra = { new: s.newJobs, updated: s.updatedJobs, closed: s.closedJobs, skipped: s.rejected };
    return `${name}: ${p.sourceJobs(s.fetched, extra)}`;
  }
  return `${name}: ${sourceState(s, lang)}${s.fetched ? `, ${p.soFar(s.fetched)}` : ""}${why ? ` — ${why}` : ""}`;
}

/**
 * Why a failed run failed, when its failed sources do not already say it: the queue lost it, a later
 * step failed. A reason that only sums up the sources (`sources_failed`) is not said again.
 */
function runReason(r: RunSummary, lang: Lang): string | null {
  if (r.status !== "failed") return null;
  if (r.failure) return r.failure.code === "sources_failed" ? null : failureText(r, lang);
  // Before codes, a run's text beside failed sources was their reasons joined.
  return r.sources.some((s) => s.status === "failed") ? null : (r.error ?? null);
}

/** "Fetched fresh postings — Arbeitnow: 100 postings (37 new); Bundesagentur für Arbeit: failed — HTTP 500". */
export function renderRunOneLine(r: RunSummary, lang: Lang = "en"): string {
  if (r.activity)
    return r.status === "completed"
      ? r.activity.done
      : r.status === "failed"
        ? r.activity.failed
        : `${r.activity.working} (${r.progress}%)`;
  const p = phrasesFor(lang);
  const verb =
    r.status === "completed"
      ? p.runCompleted
      : r.status === "failed"
        ? p.runFailed
        : p.runAt(stageName(r.stage, lang), r.progress);
  // Each failed source says why itself; the run's own reason only when none does (said once).
  const reason = runReason(r, lang);
  const why = reason ? `: ${reason}` : "";
  // A run lost before any source started has no outcomes to list after the reason.
  const outcomes = r.sources.map((s) => renderSourceOutcome(s, lang)).join("; ");
  return outcomes ? `${verb}${why} — ${outcomes}.` : `${verb}${why}.`;
}

export function renderRunSummary(r: RunSummary, lang: Lang = "en"): string {
  const p = phrasesFor(lang);
  const working = r.status === "running" || r.status === "queued";
  const lines = [
    `${p.run(r.runId.slice(0, 8))}: ${p.status[r.status] ?? r.status}${working ? ` (${stageName(r.stage, lang)}, ${r.progress}%)` : ""}`,
  ];
  for (const s of r.sources) lines.push(`- ${renderSourceOutcome(s, lang)}`);
  // Why a run failed when no source says it (the job queue lost it, Redis was gone).
  const reason = runReason(r, lang);
  if (reason) lines.push(`- ${reason}`);
  return lines.join("\n");
}

/** Progress line for the terminal while a run works. */
export function renderProgress(r: RunSummary, lang: Lang = "en"): string {
  if (r.activity) return `[${r.progress.toString().padStart(3)}%] ${r.activity.working}`;
  const sources = r.sources
    .map((s) => `${s.label} ${sourceState(s, lang)}${s.fetched ? ` ${s.fetched}` : ""}`)
    .join(", ");
  return `[${r.progress.toString().padStart(3)}%] ${stageName(r.stage, lang)}${sources ? ` — ${sources}` : ""}`;
}

/** What the assistant can do, with examples, in a language. */
export function helpText(lang: Lang = "en"): string {
  return phrasesFor(lang).help;
}

export function renderDetails(d: JobDetails, lang: Lang = "en"): string {
  const p = phrasesFor(lang);
  const j = d.card;
  const meta = [
    j.place,
    salaryOf(j, lang),
    formatAge(j.postedAt, Date.now(), lang),
    d.employmentType !== "unknown"
      ? (p.employment[d.employmentType] ?? d.employmentType.replace("_", " "))
      : null,
  ]
    .filter(Boolean)
    .join(" · ");
  return [
    `${j.title} — ${j.company}`,
    meta,
    "",
    d.description,
    "",
    j.url ? `${p.apply}: ${j.url}` : "",
    `${p.sources}: ${j.sources.map(sourceName).join(", ")}`,
  ]
    .filter((l, i, all) => l !== "" || (all[i - 1] ?? "") !== "")
    .join("\n")
    .trim();
}

export function renderSaved(jobs: JobCard[], lang: Lang = "en"): string {
  const p = phrasesFor(lang);
  if (jobs.length === 0) return p.noSaved;
  return `${p.savedHeading}\n\n${jobs.map((j) => renderJobLine(j, lang)).join("\n\n")}`;
}

export function renderMarked(
  action: string,
  job: { title: string; company: string },
  lang: Lang = "en",
): string {
  const marked = phrasesFor(lang).marked;
  const say = action === "save" || action === "hide" || action === "unsave" ? marked[action] : marked.unhide;
  return say(job.title, job.company);
}

/** "- Greenhouse n26 (added in chat): ok 2 h ago — 42 jobs, 3 new, HTTP 200×1; last success 2 h ago". */
export function renderSourceHealth(list: SourceHealth[], lang: Lang = "en"): string {
  const p = phrasesFor(lang);
  if (list.length === 0) return p.noSourcesFetched;
  const lines = list.map((s) => {
    const head = `- ${s.label} (${p.origin[s.origin]}${s.enabled ? "" : `, ${p.paused}`})`;
    const o = s.last;
    if (!o) return `${head}: ${p.notFetched}`;
    const f = p.failures;
    const http = Object.entries(o.http)
      .map(([k, n]) => `${f.httpKey(k)}×${n}`)
      .join(", ");
    const ago = f.ago(ageOf(s.lastRunAt));
    const body =
      o.status === "failed"
        ? f.healthFailed(ago, failureText(o, lang) ?? f.unknown)
        : f.healthDone(p.status[o.status] ?? o.status, ago, {
            fetched: o.fetched,
            new: o.newJobs,
            updated: o.updatedJobs,
            closed: o.closedJobs,
            skipped: o.rejected,
          });
    const extra = [
      http,
      o.retries ? f.retries(o.retries) : "",
      o.durationMs !== null ? f.seconds(o.durationMs / 1000) : "",
    ]
      .filter(Boolean)
      .join(", ");
    return `${head}: ${body}${extra ? ` (${extra})` : ""}; ${p.lastSuccess} ${f.ago(ageOf(s.lastSuccessAt))}`;
  });
  return `${p.sourcesHeading}\n${lines.join("\n")}`;
}

export function renderTracked(r: TrackedSourceResult, lang: Lang = "en"): string {
  const p = phrasesFor(lang);
  return r.action === "track" ? p.tracking(r.label) : p.untracked(r.label);
}
