// Why a source or a run failed, and how each source did lately, in the words of each language: the
// reasons are rendered from the stored code and parameters (core/failure.ts), never from the English
// text the store keeps for logs and operators.
import type { Failure } from "../../core/failure.js";
import { ageInEnglish, type Age } from "../../core/time-ago.js";
import type { Count } from "./plural.js";
import { plural } from "./plural.js";

/** How much a source's latest fetch brought, in the sources listing. */
export interface FetchCounts {
  fetched: number;
  new: number;
  updated: number;
  closed: number;
  skipped: number;
}

/** The failure words of one language. */
export interface FailureWords {
  /** Why a source's fetch or a run failed. */
  reason: (f: Failure) => string;
  /** A failure without a code or a stored text. */
  unknown: string;
  /** "2 h ago", "gerade eben", "never". */
  ago: (a: Age) => string;
  /** A source's latest fetch in the sources listing: failed, and why. */
  healthFailed: (ago: string, reason: string) => string;
  /** A source's latest fetch that did not fail: its state and what it brought. */
  healthDone: (state: string, ago: string, c: FetchCounts) => string;
  /** An HTTP outcome's count key: a status ("503"), `timeout` or `network`. */
  httpKey: (key: string) => string;
  retries: Count;
  /** A duration in seconds, one decimal. */
  seconds: (s: number) => string;
}

const mb = (bytes: number, decimal: string): string =>
  `${String(Math.round((bytes / 1024 / 1024) * 10) / 10).replace(".", decimal)} MB`;
const secs = (ms: number, decimal: string): string =>
  `${String(Math.round(ms / 100) / 10).replace(".", decimal)} s`;

function httpEn(status: number): string {
  if (status >= 500) return `a fault at the source (HTTP ${status})`;
  if (status === 429) return `too many requests (HTTP ${status})`;
  if (status === 404 || status === 410) return `not found (HTTP ${status})`;
  if (status === 401 || status === 403) return `access denied (HTTP ${status})`;
  return `the source answered HTTP ${status}`;
}

function httpDe(status: number): string {
  if (status >= 500) return `Störung bei der Quelle (HTTP ${status})`;
  if (status === 429) return `zu viele Anfragen (HTTP ${status})`;
  if (status === 404 || status === 410) return `nicht gefunden (HTTP ${status})`;
  if (status === 401 || status === 403) return `Zugriff verweigert (HTTP ${status})`;
  return `die Quelle antwortete mit HTTP ${status}`;
}

/** English failure words; `stage` names a run's stage by its id. */
export function failuresEn(stage: (id: string) => string): FailureWords {
  const base = (f: Failure): string => {
    switch (f.code) {
      case "http_status":
        return httpEn(f.status);
      case "timeout":
        return `no answer within ${secs(f.ms, ".")}`;
      case "unreachable":
        return "the source could not be reached";
      case "bad_payload":
        return f.html
          ? "the source sent a web page instead of data (often an error or maintenance page)"
          : "the source sent data I cannot read";
      case "too_large":
        return `the source sent more than ${mb(f.bytes, ".")}; not read`;
      case "blocked_address":
        return "this address is not allowed";
      case "robots_disallowed":
        return "the site's robots.txt does not allow fetching it";
      case "robots_unavailable":
        return "the site's robots.txt is unavailable, so it is not fetched for now";
      case "throttled":
        return f.paused
          ? `the source asked us to slow down; paused until ${f.until} UTC`
          : `no free request slot at the source before ${f.until} UTC (its rate limit)`;
      case "paused":
        return `paused after repeated failures; tried again after ${f.until} UTC`;
      case "switched_off":
        return "requests to this source are switched off (its rate limit is 0)";
      case "unknown_source":
        return "unknown source";
      case "deadline":
        return `still not done ${f.seconds} s after the run began: this run went on without the rest${
          f.postings > 0
            ? ` (${plural(f.postings, "posting", "postings")} from ${plural(f.pages, "page", "pages")} kept)`
            : ""
        }`;
      case "did_not_finish":
        return "did not finish";
      case "run_lost":
        return "the job queue lost this run (Redis restarted without its data); ask me again to fetch anew";
      case "stage_failed":
        return `the step “${stage(f.stage)}” failed`;
      case "stage_stalled":
        return `the step “${stage(f.stage)}” stopped: the worker doing it died or hung repeatedly`;
      case "sources_failed":
        return `${plural(f.count, "source", "sources")} failed`;
      case "unexpected":
        return "an unexpected error";
    }
  };
  return {
    reason: (f) =>
      `${base(f)}${
        f.notWaitingUntil
          ? ` — not waiting until ${f.notWaitingUntil} UTC: this run went on without it`
          : f.pastDeadlineS !== undefined
            ? ` — not retrying: still not done ${f.pastDeadlineS} s after the run began`
            : ""
      }`,
    unknown: "unknown error",
    ago: ageInEnglish,
    healthFailed: (ago, reason) => `failed ${ago} — ${reason}`,
    healthDone: (state, ago, c) =>
      `${state} ${ago} — ${c.fetched} jobs, ${c.new} new, ${c.updated} updated, ${c.closed} closed, ${c.skipped} skipped`,
    httpKey: (k) => (/^\d+$/.test(k) ? `HTTP ${k}` : k),
    retries: (n) => `${n} retr${n === 1 ? "y" : "ies"}`,
    seconds: (s) => `${s.toFixed(1)} s`,
  };
}

/** German failure words; `stage` names a run's stage by its id. */
export function failuresDe(stage: (id: string) => string): FailureWords {
  const base = (f: Failure): string => {
    switch (f.code) {
      case "http_status":
        return httpDe(f.status);
      case "timeout":
        return `keine Antwort innerhalb von ${secs(f.ms, ",")}`;
      case "unreachable":
        return "die Quelle ist nicht erreichbar";
      case "bad_payload":
        return f.html
          ? "die Quelle schickte eine Webseite statt Daten (oft eine Fehler- oder Wartungsseite)"
          : "die Quelle schickte Daten, die ich nicht lesen kann";
      case "too_large":
        return `die Quelle schickte mehr als ${mb(f.bytes, ",")} — nicht gelesen`;
      case "blocked_address":
        return "diese Adresse ist nicht erlaubt";
      case "robots_disallowed":
        return "die robots.txt der Seite erlaubt den Abruf nicht";
      case "robots_unavailable":
        return "die robots.txt der Seite ist nicht erreichbar, daher vorerst kein Abruf";
      case "throttled":
        return f.paused
          ? `die Quelle bat uns, langsamer zu werden — Pause bis ${f.until} UTC`
          : `vor ${f.until} UTC ist bei der Quelle keine Anfrage frei (ihr Anfragelimit)`;
      case "paused":
        return `nach wiederholten Fehlern pausiert; nächster Versuch nach ${f.until} UTC`;
      case "switched_off":
        return "Anfragen an diese Quelle sind abgeschaltet (ihr Anfragelimit ist 0)";
      case "unknown_source":
        return "unbekannte Quelle";
      case "deadline":
        return `${f.seconds} s nach Beginn des Abrufs noch nicht fertig: der Abruf ging ohne den Rest weiter${
          f.postings > 0
            ? ` (${plural(f.postings, "Stelle", "Stellen")} von ${plural(f.pages, "Seite", "Seiten")} behalten)`
            : ""
        }`;
      case "did_not_finish":
        return "wurde nicht fertig";
      case "run_lost":
        return "die Warteschlange hat diesen Abruf verloren (Redis wurde ohne seine Daten neu gestartet); frag mich noch einmal, dann rufe ich neu ab";
      case "stage_failed":
        return `der Schritt „${stage(f.stage)}“ ist fehlgeschlagen`;
      case "stage_stalled":
        return `der Schritt „${stage(f.stage)}“ blieb stehen: der Worker dafür ist wiederholt abgestürzt oder hing`;
      case "sources_failed":
        return `${plural(f.count, "Quelle", "Quellen")} fehlgeschlagen`;
      case "unexpected":
        return "ein unerwarteter Fehler";
    }
  };
  return {
    reason: (f) =>
      `${base(f)}${
        f.notWaitingUntil
          ? ` — ich warte nicht bis ${f.notWaitingUntil} UTC: der Abruf ging ohne sie weiter`
          : f.pastDeadlineS !== undefined
            ? ` — kein neuer Versuch: ${f.pastDeadlineS} s nach Beginn des Abrufs noch nicht fertig`
            : ""
      }`,
    unknown: "unbekannter Fehler",
    ago: (a) =>
      a.kind === "never"
        ? "nie"
        : a.kind === "now"
          ? "gerade eben"
          : a.kind === "minutes"
            ? `vor ${a.n} min`
            : a.kind === "hours"
              ? `vor ${a.n} h`
              : a.date,
    healthFailed: (ago, reason) => `${ago} fehlgeschlagen — ${reason}`,
    healthDone: (state, ago, c) =>
      `${ago} ${state} — ${plural(c.fetched, "Stelle", "Stellen")}, ${c.new} neu, ${c.updated} geändert, ${c.closed} geschlossen, ${c.skipped} übersprungen`,
    httpKey: (k) =>
      /^\d+$/.test(k)
        ? `HTTP ${k}`
        : k === "timeout"
          ? "Zeitüberschreitung"
          : k === "network"
            ? "Netzwerk"
            : k,
    retries: (n) => `${n} ${n === 1 ? "Wiederholung" : "Wiederholungen"}`,
    seconds: (s) => `${s.toFixed(1).replace(".", ",")} s`,
  };
}
