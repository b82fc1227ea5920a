// The labelled request set (test/fixtures/requests/*.jsonl) and how a parser is scored against it.
// Shared by test/unit/request-set.test.ts and bench/intent.bench.ts, so both count the same way.
import { readFileSync } from "node:fs";
import { foldText } from "../../src/core/text.js";

/** One labelled request: text, the intent meant, its arguments, and the previous search if a follow-up. */
export interface LabelledRequest {
  t: string;
  i: string;
  a?: Record<string, string | number>;
  p?: Record<string, string | number>;
}

/**
 * `tune` may be used to tune rules; `heldout` only to measure them. `heldout-2` was written later,
 * by another hand, after the rules were done, and has never been used to change them: the honest
 * measure of how the parser does on requests nobody tuned for. `heldout-3` (issue 15, December 2026)
 * was written in one sitting, labelled before the parser ran on it, and is used the same way.
 * `heldout-4` (issue 15, the intent classifier) was written and labelled before the classifier was
 * built or any parser was run on it; the classifier is trained on `tune` only. `heldout-5` (issue 15,
 * after heldout-4's misses had been read) was written and committed before any parser ran on it, and
 * also holds profile and letter requests. `heldout-6` (issue 15, after heldout-5's misses had been read
 * while tuning) was written and committed before any parser ran on it; its misses were kept unprinted
 * until heldout-7 was measured. `heldout-7` (issue 15) was written and committed before any parser
 * ran on it; its misses were kept unprinted until heldout-8 was measured. `heldout-8` (issue 15) was
 * written by a second author who had not read the parser and committed before any parser ran on it;
 * it was blind until its first measure, and has been read for tuning since 2026-12-04 (keywords and
 * URLs, issue 15), so it no longer measures requests nobody tuned for. `heldout-9` (issue 15, 2026-12-04) was
 * written by a third author who neither read nor ran the parser, committed before any parser ran on
 * it; it was blind until its first measure, and has been read for tuning since 2026-12-04 late
 * (keywords, n, action; issue 15), so it too no longer measures requests nobody tuned for. `heldout-10`
 * (issue 15, 2026-12-04 late) was written by a fourth author under the same rule (read only this
 * file, `tune` and the issue), cut to the texts no earlier part holds, and committed before any parser
 * ran on it; it was blind until its first measure, and has been read for tuning since 2026-12-04
 * ~23:00 (issue 15), so it too no longer measures requests nobody tuned for. `heldout-11` (issue 15, 2026-12-04
 * late) was written by a fifth author under the same rule while heldout-10 was read for tuning, cut
 * and committed the same way; it was blind until its first measure, and has been read for tuning
 * since 2026-12-04 ~23:20 (issue 15), so it too no longer measures requests nobody tuned for.
 * `heldout-12` (issue 15, 2026-12-04 late) was written by a sixth author under the same rule while
 * heldout-11 was read for tuning, cut and committed the same way: the blind part now.
 */
export const REQUEST_PARTS = [
  "tune",
  "heldout",
  "heldout-2",
  "heldout-3",
  "heldout-4",
  "heldout-5",
  "heldout-6",
  "heldout-7",
  "heldout-8",
  "heldout-9",
  "heldout-10",
  "heldout-11",
  "heldout-12",
] as const;
export type RequestPart = (typeof REQUEST_PARTS)[number];

/**
 * The label the intent classifier learns for a request: its intent, with the action for marks and
 * tracking ("mark:hide", "untrack"), since those say different things in different words; a search
 * that follows up the previous one is "refine" (the parser keeps the previous search's keywords).
 */
export function classifierLabel(r: LabelledRequest): string {
  if (r.i === "search" && r.p) return "refine";
  if (r.i === "mark") return `mark:${String(r.a?.action)}`;
  if (r.i === "track") return String(r.a?.action);
  return r.i;
}

export function loadRequests(part: RequestPart): LabelledRequest[] {
  const file = new URL(`../fixtures/requests/${part}.jsonl`, import.meta.url);
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as LabelledRequest);
}

/** What any parser (old or new) returns, read loosely so both can be scored. */
export interface ParsedLike {
  kind: string;
  args?: object;
  n?: number | undefined;
  action?: string;
  url?: string;
}

export type Parse = (text: string, previous?: Record<string, unknown>) => ParsedLike;

/** Arguments scored on every search and refresh request (a missing label means "not given"). */
export const SEARCH_ARGS = [
  "keywords",
  "place",
  "radiusKm",
  "remote",
  "employmentType",
  "salary",
  "seniority",
  "postedWithinDays",
] as const;
const OTHER_ARGS = ["n", "action", "url"] as const;

function norm(key: string, v: unknown): string {
  if (v === undefined || v === null || v === "") return key === "remote" ? "any" : "";
  if (typeof v === "object") {
    const s = v as { min?: number; period?: string };
    return `${s.min ?? "?"}/${s.period ?? "?"}`;
  }
  const text = typeof v === "string" ? v : typeof v === "number" ? String(v) : "?";
  if (key === "keywords") return foldText(text).split(/\s+/).join(" ");
  return foldText(text);
}

function actualArg(p: ParsedLike, key: string): unknown {
  const args = (p.args ?? {}) as Record<string, unknown>;
  if (key === "salary") return args.salaryMin;
  if (key in args) return args[key];
  return (p as unknown as Record<string, unknown>)[key];
}

export interface Score {
  requests: number;
  intent: { ok: number; of: number };
  args: Record<string, { ok: number; of: number }>;
  misses: Array<{ text: string; expected: string; got: string }>;
}

/** Intent accuracy over all requests; per-argument exact match over the requests of that intent. */
export function scoreParser(parse: Parse, requests: readonly LabelledRequest[]): Score {
  const score: Score = { requests: requests.length, intent: { ok: 0, of: 0 }, args: {}, misses: [] };
  const count = (key: string, ok: boolean) => {
    const a = (score.args[key] ??= { ok: 0, of: 0 });
    a.of += 1;
    if (ok) a.ok += 1;
  };
  for (const r of requests) {
    const previous = r.p ? { remote: "any", limit: 5, ...r.p } : undefined;
    const got = parse(r.t, previous);
    score.intent.of += 1;
    if (got.kind === r.i) score.intent.ok += 1;
    const isSearch = r.i === "search" || r.i === "refresh";
    const keys: readonly string[] = isSearch ? SEARCH_ARGS : OTHER_ARGS.filter((k) => r.a?.[k] !== undefined);
    const wrong: string[] = [];
    for (const key of keys) {
      const want = norm(key, r.a?.[key]);
      const have = got.kind === r.i ? norm(key, actualArg(got, key)) : "<wrong intent>";
      count(key, want === have);
      if (want !== have) wrong.push(`${key}: ${JSON.stringify(have)} ≠ ${JSON.stringify(want)}`);
    }
    if (got.kind !== r.i || wrong.length > 0)
      score.misses.push({
        text: r.t,
        expected: r.i,
        got: `${got.kind}${wrong.length ? ` (${wrong.join("; ")})` : ""}`,
      });
  }
  return score;
}

export const ratio = (x: { ok: number; of: number }): number => (x.of === 0 ? 1 : x.ok / x.of);
