// Why a source or a run failed, as a reader reads it: rendered from the stored code in their
// language, said once per source; rows from before codes show their stored text. Expected texts are
// written out.
import { describe, expect, it } from "vitest";
import {
  failureText,
  renderRunOneLine,
  renderRunSummary,
  renderSourceHealth,
} from "../../src/agents/render.js";
import { digestText } from "../../src/answers/digest.js";
import type { RunSummary } from "../../src/answers/run-summary.js";
import { readFailure, storedFailure, type Failure } from "../../src/core/failure.js";
import type { SourceHealth } from "../../src/tools/source-health.tool.js";

type Source = RunSummary["sources"][number];
const source = (over: Partial<Source>): Source => ({
  source: "arbeitnow",
  label: "Arbeitnow",
  status: "failed",
  fetched: 0,
  newJobs: 0,
  updatedJobs: 0,
  rejected: 0,
  closedJobs: 0,
  retries: 0,
  http: {},
  durationMs: null,
  complete: false,
  httpStatus: null,
  error: null,
  retryAt: null,
  ...over,
});
const run = (over: Partial<RunSummary>): RunSummary => ({
  runId: "3f2a9c1e-0000-4000-8000-000000000000",
  status: "failed",
  stage: "done",
  progress: 100,
  query: {},
  createdAt: "2026-03-10T12:00:00.000Z",
  finishedAt: "2026-03-10T12:00:05.000Z",
  sources: [],
  ...over,
});

// Both sources failed: the run's own (English) reason lists them, and each says why itself.
const twoFailed = run({
  error:
    "arbeitnow: 127.0.0.1:8787 did not answer within 3000 ms; ba-jobsuche: 127.0.0.1:8787 answered HTTP 503",
  failure: { code: "sources_failed", count: 2 },
  sources: [
    source({
      error: "127.0.0.1:8787 did not answer within 3000 ms",
      failure: { code: "timeout", ms: 3000 },
    }),
    source({
      source: "ba-jobsuche",
      label: "Bundesagentur für Arbeit",
      error: "127.0.0.1:8787 answered HTTP 503 Service Unavailable",
      failure: { code: "http_status", status: 503 },
      httpStatus: 503,
    }),
  ],
});

describe("failure reasons in the reader's language", () => {
  it("say each failed source's reason once, in German or English, without the run's summary of them", () => {
    expect(renderRunOneLine(twoFailed, "de")).toBe(
      "Der Abruf ist fehlgeschlagen — Arbeitnow: fehlgeschlagen — keine Antwort innerhalb von 3 s; " +
        "Bundesagentur für Arbeit: fehlgeschlagen — Störung bei der Quelle (HTTP 503).",
    );
    expect(renderRunOneLine(twoFailed, "en")).toBe(
      "The run failed — Arbeitnow: failed — no answer within 3 s; " +
        "Bundesagentur für Arbeit: failed — a fault at the source (HTTP 503).",
    );
    expect(renderRunSummary(twoFailed, "de")).toBe(
      "Abruf 3f2a9c1e: fehlgeschlagen\n" +
        "- Arbeitnow: fehlgeschlagen — keine Antwort innerhalb von 3 s\n" +
        "- Bundesagentur für Arbeit: fehlgeschlagen — Störung bei der Quelle (HTTP 503)",
    );
  });

  it("say a run's own reason when no source says one, in the reader's language", () => {
    const lost = run({
      error: "the job queue lost this run (Redis restarted without its data); ask me again to fetch anew",
      failure: { code: "run_lost" },
    });
    expect(renderRunOneLine(lost, "de")).toBe(
      "Der Abruf ist fehlgeschlagen: die Warteschlange hat diesen Abruf verloren (Redis wurde ohne seine Daten neu gestartet); frag mich noch einmal, dann rufe ich neu ab.",
    );
    const stage = run({
      error: "embed failed: boom",
      failure: { code: "stage_failed", stage: "embed" },
      sources: [source({ status: "ok", fetched: 3, newJobs: 3 })],
    });
    expect(renderRunSummary(stage, "de")).toBe(
      "Abruf 3f2a9c1e: fehlgeschlagen\n- Arbeitnow: 3 Stellen, 3 neu\n- der Schritt „einbetten“ ist fehlgeschlagen",
    );
    expect(renderRunSummary(stage, "en")).toBe(
      "Run 3f2a9c1e: failed\n- Arbeitnow: 3 jobs, 3 new\n- the step “embed” failed",
    );
    // A later step failing after one source did: both said, each once.
    const both = {
      ...stage,
      sources: [...stage.sources, source({ source: "b", label: "B", failure: { code: "unreachable" } })],
    };
    expect(renderRunOneLine(both, "de")).toBe(
      "Der Abruf ist fehlgeschlagen: der Schritt „einbetten“ ist fehlgeschlagen — Arbeitnow: 3 Stellen, 3 neu; " +
        "B: fehlgeschlagen — die Quelle ist nicht erreichbar.",
    );
  });

  it("show the stored text of rows from before codes, and of codes this version does not know", () => {
    const old = run({ error: "HTTP 500", sources: [source({ error: "HTTP 500" })] });
    expect(renderRunOneLine(old, "de")).toBe(
      "Der Abruf ist fehlgeschlagen — Arbeitnow: fehlgeschlagen — HTTP 500.",
    );
    expect(readFailure(null, null)).toBeNull();
    expect(readFailure("from_a_newer_version", '{"x":1}')).toBeNull();
    expect(readFailure("http_status", '{"status":"503"}')).toBeNull();
    expect(failureText({ failure: readFailure("from_a_newer_version", null), error: "HTTP 418" }, "de")).toBe(
      "HTTP 418",
    );
    expect(failureText({ error: null }, "de")).toBeNull();
  });

  it("store a code and its parameters apart, and read them back", () => {
    const f: Failure = { code: "http_status", status: 429, notWaitingUntil: "10:42" };
    const stored = storedFailure(f);
    expect(stored).toEqual({ code: "http_status", params: '{"status":429,"notWaitingUntil":"10:42"}' });
    expect(readFailure(stored.code, stored.params)).toEqual(f);
    expect(storedFailure({ code: "unreachable" })).toEqual({ code: "unreachable", params: null });
    expect(storedFailure(null)).toEqual({ code: null, params: null });
  });

  it("word every code in German apart from English, with what was given up on", () => {
    const all: Failure[] = [
      { code: "http_status", status: 503 },
      { code: "http_status", status: 404 },
      { code: "http_status", status: 429, notWaitingUntil: "10:42" },
      { code: "http_status", status: 403 },
      { code: "http_status", status: 418 },
      { code: "timeout", ms: 20_000, pastDeadlineS: 30 },
      { code: "unreachable" },
      { code: "bad_payload" },
      { code: "bad_payload", html: true },
      { code: "too_large", bytes: 10 * 1024 * 1024 },
      { code: "blocked_address" },
      { code: "robots_disallowed" },
      { code: "robots_unavailable" },
      { code: "throttled", until: "10:42", paused: true },
      { code: "throttled", until: "10:42", paused: false },
      { code: "paused", until: "10:42" },
      { code: "switched_off" },
      { code: "unknown_source" },
      { code: "deadline", seconds: 30, postings: 120, pages: 2 },
      { code: "did_not_finish" },
      { code: "run_lost" },
      { code: "stage_failed", stage: "index" },
      { code: "stage_stalled", stage: "dedupe" },
      { code: "sources_failed", count: 2 },
      { code: "unexpected" },
    ];
    for (const f of all) {
      const de = failureText({ failure: f }, "de")!;
      const en = failureText({ failure: f }, "en")!;
      expect(de, f.code).not.toBe(en);
      // Nothing from the site and no host: only our own words, numbers and times.
      expect(de).not.toMatch(/127\.0\.0\.1|undefined|NaN/);
    }
    expect(failureText({ failure: all[2] }, "de")).toBe(
      "zu viele Anfragen (HTTP 429) — ich warte nicht bis 10:42 UTC: der Abruf ging ohne sie weiter",
    );
    expect(failureText({ failure: all[5] }, "de")).toBe(
      "keine Antwort innerhalb von 20 s — kein neuer Versuch: 30 s nach Beginn des Abrufs noch nicht fertig",
    );
    expect(failureText({ failure: all[9] }, "de")).toBe("die Quelle schickte mehr als 10 MB — nicht gelesen");
    expect(failureText({ failure: all[18] }, "de")).toBe(
      "30 s nach Beginn des Abrufs noch nicht fertig: der Abruf ging ohne den Rest weiter (120 Stellen von 2 Seiten behalten)",
    );
  });

  it("list each source's latest fetch in German: when, why, its HTTP outcomes, retries and duration", () => {
    const at = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const health: SourceHealth[] = [
      {
        key: "ba-jobsuche",
        label: "Bundesagentur für Arbeit",
        origin: "default",
        enabled: true,
        lastRunAt: at,
        lastSuccessAt: null,
        last: {
          status: "failed",
          fetched: 0,
          newJobs: 0,
          updatedJobs: 0,
          closedJobs: 0,
          rejected: 0,
          http: { "503": 2, timeout: 1, network: 1 },
          retries: 2,
          durationMs: 1500,
          error: "127.0.0.1:8787 answered HTTP 503 Service Unavailable",
          failure: { code: "http_status", status: 503 },
        },
      },
      {
        key: "arbeitnow",
        label: "Arbeitnow",
        origin: "default",
        enabled: true,
        lastRunAt: at,
        lastSuccessAt: at,
        last: {
          status: "ok",
          fetched: 105,
          newJobs: 105,
          updatedJobs: 0,
          closedJobs: 0,
          rejected: 0,
          http: { "200": 2 },
          retries: 1,
          durationMs: 300,
          error: null,
        },
      },
    ];
    expect(renderSourceHealth(health, "de")).toBe(
      "Stellenquellen dieses Workspaces:\n" +
        "- Bundesagentur für Arbeit (Standard): vor 2 h fehlgeschlagen — Störung bei der Quelle (HTTP 503) " +
        "(HTTP 503×2, Zeitüberschreitung×1, Netzwerk×1, 2 Wiederholungen, 1,5 s); zuletzt erfolgreich nie\n" +
        "- Arbeitnow (Standard): vor 2 h ok — 105 Stellen, 105 neu, 0 geändert, 0 geschlossen, 0 übersprungen " +
        "(HTTP 200×2, 1 Wiederholung, 0,3 s); zuletzt erfolgreich vor 2 h",
    );
  });

  it("name failed sources under a digest in its reader's language", () => {
    const text = digestText(
      {
        searchId: "s1",
        name: "Elektriker",
        query: { keywords: "Elektriker", remote: "any" },
        jobs: [],
        matched: 0,
        health: [
          {
            label: "Bundesagentur für Arbeit",
            error: "x answered HTTP 503",
            failure: { code: "http_status", status: 503 },
          },
          { label: "Arbeitnow", error: "HTTP 500" },
        ],
      },
      "de",
    );
    expect(text).toContain("• Bundesagentur für Arbeit: fehlgeschlagen — Störung bei der Quelle (HTTP 503)");
    // A row from before codes: its stored text.
    expect(text).toContain("• Arbeitnow: fehlgeschlagen — HTTP 500");
  });
});
