// The words of answers as a person reads them in the terminal (and the text parts of Slack and
// Discord answers), in English and German: search answers, run lines, details, saved jobs, marks,
// source health. Expected texts are written out.
import { replyWords } from "../../src/bot/shared/reply-text.js";
import { describe, expect, it } from "vitest";
import {
  describeQuery,
  formatAge,
  renderDetails,
  renderJobLine,
  renderMarked,
  renderProgress,
  renderRunOneLine,
  renderRunSummary,
  renderSaved,
  renderSearchAnswer,
  renderSourceHealth,
  renderTracked,
  sourceName,
  sourceState,
} from "../../src/agents/render.js";
import type { RunSummary } from "../../src/answers/run-summary.js";
import type { JobCard } from "../../src/core/job-card.js";
import { timeAgo } from "../../src/core/time-ago.js";
import type { SearchJobsResult } from "../../src/tools/search-jobs.tool.js";
import type { SourceHealth } from "../../src/tools/source-health.tool.js";

const NOW = Date.parse("2026-03-10T12:00:00.000Z");
const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const HOUR = 3_600_000;

const card = (over: Partial<JobCard> = {}): JobCard => ({
  n: 1,
  id: 7,
  jobId: "j_7",
  title: "Backend Engineer",
  company: "Anlagenbau Franken GmbH",
  place: "Bamberg",
  remoteMode: "hybrid",
  postedAt: null,
  salary: { min: 60000, max: 75000, currency: "EUR", period: "year" },
  url: "https://arbeitnow.example/7",
  sources: ["arbeitnow", "ba-jobsuche"],
  score: null,
  why: [],
  ...over,
});

const query = (over: Partial<SearchJobsResult["query"]> = {}): SearchJobsResult["query"] => ({
  keywords: "python",
  place: "Frankfurt am Main",
  radiusKm: 25,
  remote: "remote_ok",
  postedWithinDays: 7,
  offset: 0,
  ...over,
});

type Source = RunSummary["sources"][number];
const source = (over: Partial<Source>): Source => ({
  source: "arbeitnow",
  label: "Arbeitnow",
  status: "ok",
  fetched: 100,
  newJobs: 37,
  updatedJobs: 0,
  rejected: 0,
  closedJobs: 0,
  retries: 0,
  http: {},
  durationMs: null,
  complete: true,
  httpStatus: 200,
  error: null,
  retryAt: null,
  ...over,
});
const run = (over: Partial<RunSummary>): RunSummary => ({
  runId: "3f2a9c1e-0000-4000-8000-000000000000",
  status: "completed",
  stage: "index",
  progress: 100,
  query: { keywords: "python", location: null } as unknown as RunSummary["query"],
  createdAt: "2026-03-10T11:00:00.000Z",
  finishedAt: null,
  sources: [],
  ...over,
});

describe("ages", () => {
  it("says today, yesterday, days ago, then the date, in either language", () => {
    expect(formatAge("2026-03-10T08:00:00.000Z", NOW)).toBe("posted today");
    expect(formatAge("2026-03-10T18:00:00.000Z", NOW)).toBe("posted today");
    expect(formatAge("2026-03-09T08:00:00.000Z", NOW)).toBe("posted yesterday");
    expect(formatAge("2026-03-07T08:00:00.000Z", NOW)).toBe("posted 3 days ago");
    expect(formatAge("2026-01-10T11:00:00.000Z", NOW)).toBe("posted 59 days ago");
    expect(formatAge("2026-01-09T08:00:00.000Z", NOW)).toBe("posted 2026-01-09");
    expect(formatAge("2026-03-07T08:00:00.000Z", NOW, "de")).toBe("vor 3 Tagen veröffentlicht");
    expect(formatAge("2026-03-09T08:00:00.000Z", NOW, "de")).toBe("gestern veröffentlicht");
    expect(formatAge(null, NOW)).toBeNull();
    expect(formatAge("not a date", NOW)).toBeNull();
  });

  it("says how long ago a source ran: just now, minutes, hours, then the date, or never", () => {
    expect(timeAgo(null, NOW)).toBe("never");
    expect(timeAgo("2026-03-10T11:59:50.000Z", NOW)).toBe("just now");
    expect(timeAgo("2026-03-10T11:55:00.000Z", NOW)).toBe("5 min ago");
    expect(timeAgo("2026-03-10T09:00:00.000Z", NOW)).toBe("3 h ago");
    expect(timeAgo("2026-03-08T13:00:00.000Z", NOW)).toBe("47 h ago");
    expect(timeAgo("2026-03-08T11:00:00.000Z", NOW)).toBe("2026-03-08");
  });
});

describe("search answers", () => {
  it("describe what was searched", () => {
    expect(describeQuery(query())).toBe(
      "“python” in or near Frankfurt am Main (25 km), remote ok, posted in the last 7 days",
    );
    expect(describeQuery(query({ postedWithinDays: 1, employmentType: "part_time" }))).toBe(
      "“python” in or near Frankfurt am Main (25 km), part-time, remote ok, posted in the last 1 day",
    );
    expect(
      describeQuery(query({ keywords: "", radiusKm: null, remote: "any", postedWithinDays: null })),
    ).toBe("jobs in or near Frankfurt am Main");
    expect(describeQuery(query({ place: null, remote: "remote_only", postedWithinDays: null }))).toBe(
      "“python”, remote only",
    );
    expect(describeQuery(query({ employmentType: "mini_job", postedWithinDays: 1 }), "de")).toBe(
      "„python“ in oder bei Frankfurt am Main (25 km), Minijob, auch remote, seit gestern veröffentlicht",
    );
    expect(
      describeQuery(query({ keywords: "", place: null, remote: "no_remote", postedWithinDays: 3 }), "de"),
    ).toBe("Stellen, ohne remote, in den letzten 3 Tagen veröffentlicht");
  });

  it("say how many of how many were found, that more follow, or that nothing was", () => {
    const q = query({ place: null, remote: "any", postedWithinDays: null });
    const two = [card(), card({ n: 2 })];
    expect(renderSearchAnswer({ query: q, total: 2, jobs: two, notes: [] })).toBe(
      "Here are 2 matches for “python”:",
    );
    expect(renderSearchAnswer({ query: q, total: 9, jobs: two, notes: [] })).toBe(
      "Here are 2 of 9 matches for “python”:",
    );
    expect(renderSearchAnswer({ query: { ...q, offset: 2 }, total: 9, jobs: two, notes: [] })).toBe(
      "More matches for “python”:",
    );
    expect(renderSearchAnswer({ query: q, total: 9, jobs: two, notes: [] }, undefined, "de")).toBe(
      "Hier sind 2 von 9 Treffern für „python“:",
    );
    expect(renderSearchAnswer({ query: q, total: 2, jobs: two, notes: [] }, undefined, "de")).toBe(
      "Hier sind 2 Treffer für „python“:",
    );
    // A count estimated over very many jobs is said rounded, as an estimate.
    const estimated = { query: q, total: 186_010, totalApproximate: true as const, jobs: two, notes: [] };
    expect(renderSearchAnswer(estimated)).toBe("Here are 2 of about 190,000 matches for “python”:");
    expect(renderSearchAnswer(estimated, undefined, "de")).toBe(
      "Hier sind 2 von etwa 190.000 Treffern für „python“:",
    );
    expect(renderSearchAnswer({ ...estimated, total: 24_449 })).toBe(
      "Here are 2 of about 24,000 matches for “python”:",
    );
    expect(renderSearchAnswer({ query: q, total: 0, jobs: [], notes: ["I can search up to 300 km."] })).toBe(
      "I can search up to 300 km.\n\nI found no “python”. Try other keywords, a larger radius, or “remote ok”.",
    );
    // What the run fetched is not in the words: it travels as the reply's outcome (replyWords).
    const fetched = run({ sources: [source({})] });
    expect(renderSearchAnswer({ query: q, total: 0, jobs: [], notes: [] }, true)).toBe(
      "I found no “python” even after fetching fresh postings. Try other keywords, a larger radius, or “remote ok”.",
    );
    expect(replyWords({ text: "Nothing new.", outcome: fetched, lang: "de" })).toBe(
      "Neue Stellen abgerufen — Arbeitnow: 100 Stellen, 37 neu.\n\nNothing new.",
    );
    expect(renderSearchAnswer({ query: q, total: 0, jobs: [], notes: [] }, true, "de")).toBe(
      "Ich habe nichts gefunden für „python“, auch nicht nach dem Abruf neuer Stellen. Versuche andere Stichwörter, einen größeren Umkreis oder „auch remote“.",
    );
  });

  it("list a job with its place, salary, age, reasons and link", () => {
    expect(renderJobLine(card({ postedAt: ago(3 * 24 * HOUR + HOUR), why: ["python", "12 km away"] }))).toBe(
      [
        "1. Backend Engineer — Anlagenbau Franken GmbH",
        "   Bamberg · 60k–75k EUR/year · posted 3 days ago",
        "   Why: python; 12 km away",
        "   https://arbeitnow.example/7",
      ].join("\n"),
    );
    expect(renderJobLine(card({ salary: null, url: null }))).toBe(
      "1. Backend Engineer — Anlagenbau Franken GmbH\n   Bamberg",
    );
  });
});

describe("runs", () => {
  const sources = [
    source({ updatedJobs: 2, closedJobs: 3, rejected: 1 }),
    source({ source: "ba-jobsuche", label: "Bundesagentur für Arbeit", status: "failed", error: "HTTP 500" }),
    source({
      source: "x",
      label: "Greenhouse n26",
      status: "retrying",
      retryAt: "2026-03-10T10:42:00.000Z",
      fetched: 20,
      error: "HTTP 429",
    }),
    source({ source: "y", label: "Lever acme", status: "fetching", fetched: 0 }),
  ];

  it("sum up each source in one line: jobs and what changed, failures, retries", () => {
    expect(renderRunOneLine(run({ sources }))).toBe(
      "Fetched fresh postings — Arbeitnow: 100 jobs, 37 new, 2 updated, 3 closed, 1 skipped; " +
        "Bundesagentur für Arbeit: failed — HTTP 500; " +
        "Greenhouse n26: retrying at 10:42 UTC, 20 so far — HTTP 429; Lever acme: fetching.",
    );
    expect(renderRunOneLine(run({ status: "failed", sources: [source({ status: "failed" })] }))).toBe(
      "The run failed — Arbeitnow: failed — unknown error.",
    );
    expect(
      renderRunOneLine(
        run({
          status: "running",
          stage: "dedupe",
          progress: 40,
          sources: [source({ fetched: 1, newJobs: 0 })],
        }),
      ),
    ).toBe("Run dedupe (40%) — Arbeitnow: 1 job.");
    expect(renderRunOneLine(run({ status: "running", stage: "fetch", progress: 10, sources }), "de")).toBe(
      "Abruf: abrufen (10 %) — Arbeitnow: 100 Stellen, 37 neu, 2 geändert, 3 geschlossen, 1 übersprungen; " +
        "Bundesagentur für Arbeit: fehlgeschlagen — HTTP 500; " +
        "Greenhouse n26: neuer Versuch um 10:42 UTC, bisher 20 — HTTP 429; Lever acme: wird abgerufen.",
    );
  });

  it("show a run's status with its stage while it works, and progress in the terminal", () => {
    expect(
      renderRunSummary(
        run({ status: "running", stage: "embed", progress: 70, sources: sources.slice(0, 2) }),
      ),
    ).toBe(
      "Run 3f2a9c1e: running (embed, 70%)\n- Arbeitnow: 100 jobs, 37 new, 2 updated, 3 closed, 1 skipped\n" +
        "- Bundesagentur für Arbeit: failed — HTTP 500",
    );
    expect(renderRunSummary(run({ status: "completed" }), "de")).toBe("Abruf 3f2a9c1e: fertig");
    expect(renderRunSummary(run({ status: "queued", stage: "fetch", progress: 0 }), "de")).toBe(
      "Abruf 3f2a9c1e: wartet (abrufen, 0%)",
    );
    expect(
      renderProgress(run({ status: "running", stage: "fetch", progress: 5, sources: sources.slice(1) })),
    ).toBe(
      "[  5%] fetch — Bundesagentur für Arbeit failed 100, Greenhouse n26 retrying at 10:42 UTC 20, Lever acme fetching",
    );
    expect(renderProgress(run({ status: "running", stage: "index", progress: 100 }))).toBe("[100%] index");
    expect(sourceState({ status: "retrying", retryAt: null })).toBe("retrying");
    expect(sourceState({ status: "pending", retryAt: null }, "de")).toBe("wartet");
  });
});

describe("jobs a person keeps", () => {
  const details = {
    card: card({ postedAt: null }),
    description: "Go und Postgres.",
    employmentType: "part_time",
    seniority: "senior",
    language: "de",
    saved: false,
  };

  it("show a job's details with how to apply and where it was listed", () => {
    expect(renderDetails(details)).toBe(
      [
        "Backend Engineer — Anlagenbau Franken GmbH",
        "Bamberg · 60k–75k EUR/year · part-time",
        "",
        "Go und Postgres.",
        "",
        "Apply: https://arbeitnow.example/7",
        "Sources: Arbeitnow, Bundesagentur für Arbeit",
      ].join("\n"),
    );
    expect(
      renderDetails(
        {
          ...details,
          employmentType: "unknown",
          card: card({ url: null, salary: null, sources: ["import", "lever"] }),
        },
        "de",
      ),
    ).toBe(
      [
        "Backend Engineer — Anlagenbau Franken GmbH",
        "Bamberg",
        "",
        "Go und Postgres.",
        "",
        "Quellen: Import, lever",
      ].join("\n"),
    );
    expect(renderDetails({ ...details, employmentType: "side_gig" }).split("\n")[1]).toBe(
      "Bamberg · 60k–75k EUR/year · side gig",
    );
    expect(sourceName("ba-jobsuche")).toBe("Bundesagentur für Arbeit");
  });

  it("list saved jobs, or say how to save one", () => {
    expect(renderSaved([])).toBe("You have no saved jobs yet. Say “save 2” after a search to keep one.");
    expect(renderSaved([], "de")).toBe(
      "Du hast noch keine Stellen gespeichert. Sag nach einer Suche „merk dir Nummer 2“, um eine zu behalten.",
    );
    expect(renderSaved([card({ salary: null, url: null })], "de")).toBe(
      "Deine gespeicherten Stellen:\n\n1. Backend Engineer — Anlagenbau Franken GmbH\n   Bamberg",
    );
  });

  it("confirm a save, a Not for me and their undoing", () => {
    const job = { title: "Backend Engineer", company: "Example e.V." };
    expect(renderMarked("save", job)).toBe("Saved “Backend Engineer” at Example e.V.");
    expect(renderMarked("save", { ...job, company: "Acme" })).toBe("Saved “Backend Engineer” at Acme.");
    expect(renderMarked("hide", job)).toBe(
      "Got it — I won't show you “Backend Engineer” at Example e.V. again.",
    );
    expect(renderMarked("unsave", job)).toBe(
      "Removed “Backend Engineer” at Example e.V. from your saved jobs.",
    );
    expect(renderMarked("unhide", job)).toBe("I'll show you “Backend Engineer” at Example e.V. again.");
    expect(renderMarked("hide", job, "de")).toBe(
      "Alles klar — „Backend Engineer“ bei Example e.V. zeige ich dir nicht mehr.",
    );
  });
});

describe("sources", () => {
  const health = (over: Partial<SourceHealth>): SourceHealth => ({
    key: "greenhouse:n26",
    label: "Greenhouse n26",
    origin: "chat",
    enabled: true,
    lastRunAt: ago(2 * HOUR),
    lastSuccessAt: ago(2 * HOUR),
    last: {
      status: "ok",
      fetched: 42,
      newJobs: 3,
      updatedJobs: 1,
      closedJobs: 0,
      rejected: 2,
      http: { "200": 1, timeout: 1 },
      retries: 1,
      durationMs: 1234,
      error: null,
    },
    ...over,
  });

  it("say how each source did, when it last worked, and which are paused or never fetched", () => {
    expect(
      renderSourceHealth([
        health({}),
        health({
          label: "Arbeitnow",
          origin: "default",
          enabled: false,
          lastSuccessAt: null,
          last: {
            ...health({}).last!,
            status: "failed",
            error: null,
            http: {},
            retries: 2,
            durationMs: null,
          },
        }),
        health({ label: "Lever acme", origin: "yaml", last: null, lastRunAt: null, lastSuccessAt: null }),
      ]),
    ).toBe(
      [
        "Job sources of this workspace:",
        "- Greenhouse n26 (added in chat): ok 2 h ago — 42 jobs, 3 new, 1 updated, 0 closed, 2 skipped (HTTP 200×1, timeout×1, 1 retry, 1.2 s); last success 2 h ago",
        "- Arbeitnow (default, paused): failed 2 h ago — unknown error (2 retries); last success never",
        "- Lever acme (from sources.yaml): not fetched yet",
      ].join("\n"),
    );
    expect(renderSourceHealth([])).toBe("This workspace fetches no sources.");
    expect(renderSourceHealth([health({ origin: "config", enabled: false, last: null })], "de")).toBe(
      "Stellenquellen dieses Workspaces:\n- Greenhouse n26 (aus der Konfiguration, pausiert): noch nicht abgerufen",
    );
  });

  it("confirm tracking and untracking", () => {
    const r = { key: "lever:acme", label: "Lever acme", kind: "lever" };
    expect(renderTracked({ ...r, action: "untrack" })).toBe("Stopped tracking Lever acme.");
    expect(renderTracked({ ...r, action: "track" }, "de")).toBe(
      "Ich beobachte jetzt Lever acme für diesen Workspace. Jeder Abruf holt sie ab jetzt mit — sag „aktualisiere“, um sie gleich abzurufen.",
    );
  });
});

describe("filters, fit and team marks, work other than fetching", () => {
  it("name the employment type, level and salary floor searched for, and what they could not check", () => {
    const filtered = query({
      employmentType: "full_time",
      seniority: "senior",
      salaryMin: { min: 60_000, period: "year", yearly: 60_000 },
    });
    expect(describeQuery(filtered, "de")).toBe(
      "„python“ in oder bei Frankfurt am Main (25 km), Vollzeit, Senior, mindestens 60k im Jahr, auch remote, in den letzten 7 Tagen veröffentlicht",
    );
    expect(
      describeQuery(
        query({ seniority: "junior", salaryMin: { min: 4000, period: "month", yearly: 48_000 } }),
      ),
    ).toBe(
      "“python” in or near Frankfurt am Main (25 km), junior, at least 4,000 a month, remote ok, posted in the last 7 days",
    );
    const q = query({ place: null, remote: "any", postedWithinDays: null });
    const two = [card(), card({ n: 2 })];
    expect(
      renderSearchAnswer({
        query: q,
        total: 2,
        jobs: two,
        notes: [],
        unchecked: { salary: 1, seniority: 2 },
      }),
    ).toBe(
      "1 of these names no salary, so I can't check it against your minimum. 2 of these do not say which level it is for.\n\nHere are 2 matches for “python”:",
    );
    expect(
      renderSearchAnswer(
        { query: q, total: 2, jobs: two, notes: [], unchecked: { salary: 2, seniority: 1 } },
        false,
        "de",
      ),
    ).toBe(
      "2 davon nennen kein Gehalt; dein Mindestgehalt kann ich dort nicht prüfen. Eine davon sagt nicht, für welche Erfahrungsstufe sie ist.\n\nHier sind 2 Treffer für „python“:",
    );
    expect(
      renderSearchAnswer({
        query: q,
        total: 2,
        jobs: two,
        notes: [],
        unchecked: { salary: 0, seniority: 0 },
      }),
    ).toBe("Here are 2 matches for “python”:");
  });

  it("list a job with its fit, the team's marks, and that it names no salary", () => {
    const scored = card({
      salary: null,
      noSalary: true,
      url: null,
      fit: { total: 72, reasons: ["python", "12 km away"] },
      team: ["claimed by <@U1>"],
    });
    expect(renderJobLine(scored)).toBe(
      [
        "1. Backend Engineer — Anlagenbau Franken GmbH",
        "   Bamberg · no salary stated",
        "   Fit 72/100: python; 12 km away",
        "   Team: claimed by <@U1>",
      ].join("\n"),
    );
    expect(renderJobLine({ ...scored, fit: { total: 40, reasons: [] }, team: [] }, "de")).toBe(
      "1. Backend Engineer — Anlagenbau Franken GmbH\n   Bamberg · kein Gehalt angegeben\n   Passung 40/100",
    );
  });

  it("say what other work (scoring, reading a CV) is doing, has done, or that it failed", () => {
    const activity = {
      working: "Scoring 12 jobs for you",
      done: "Scored 12 jobs for you",
      failed: "Scoring failed",
    };
    expect(renderRunOneLine(run({ status: "running", progress: 40, activity }))).toBe(
      "Scoring 12 jobs for you (40%)",
    );
    expect(renderRunOneLine(run({ status: "completed", activity }))).toBe("Scored 12 jobs for you");
    expect(renderRunOneLine(run({ status: "failed", activity }))).toBe("Scoring failed");
    expect(renderProgress(run({ status: "running", progress: 40, activity }))).toBe(
      "[ 40%] Scoring 12 jobs for you",
    );
  });

  it("say why a run failed when no source says it, once", () => {
    const lost = run({ status: "failed", error: "the job queue lost the run", sources: [source({})] });
    expect(renderRunOneLine(lost)).toBe(
      "The run failed: the job queue lost the run — Arbeitnow: 100 jobs, 37 new.",
    );
    // Lost before any source started: nothing to list after the reason.
    expect(renderRunOneLine({ ...lost, sources: [] })).toBe("The run failed: the job queue lost the run.");
    expect(renderRunSummary(lost)).toBe(
      "Run 3f2a9c1e: failed\n- Arbeitnow: 100 jobs, 37 new\n- the job queue lost the run",
    );
    const bySource = run({
      status: "failed",
      error: "HTTP 500",
      sources: [source({ status: "failed", error: "HTTP 500" })],
    });
    expect(renderRunOneLine(bySource)).toBe("The run failed — Arbeitnow: failed — HTTP 500.");
    expect(renderRunSummary(bySource, "de")).toBe(
      "Abruf 3f2a9c1e: fehlgeschlagen\n- Arbeitnow: fehlgeschlagen — HTTP 500",
    );
  });

  it("show a source's last run without a bracket when it had no HTTP figures, retries or duration", () => {
    expect(
      renderSourceHealth([
        {
          key: "arbeitnow",
          label: "Arbeitnow",
          origin: "default",
          enabled: true,
          lastRunAt: "2026-03-01T10:00:00.000Z",
          lastSuccessAt: "2026-03-01T10:00:00.000Z",
          last: {
            status: "ok",
            fetched: 5,
            newJobs: 0,
            updatedJobs: 0,
            closedJobs: 0,
            rejected: 0,
            http: {},
            retries: 0,
            durationMs: null,
            error: null,
          },
        },
      ]),
    ).toBe(
      "Job sources of this workspace:\n- Arbeitnow (default): ok 2026-03-01 — 5 jobs, 0 new, 0 updated, 0 closed, 0 skipped; last success 2026-03-01",
    );
  });
});
