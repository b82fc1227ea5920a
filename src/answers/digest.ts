import type { Failure } from "../core/failure.js";
import type { JobCard } from "../core/job-card.js";
import type { Lang } from "../core/lang.js";
import type { AlertQuery } from "../jobs/alerts/saved-search.js";
import { textReply, type ChatReply } from "../chat/chat-turn.js";
import { phrasesFor } from "./phrases/phrases.js";

/** A source that failed in the run behind a digest, and what it said ("HTTP 429"). */
export interface DigestSourceFailure {
  label: string;
  /** In English (rows from before failure codes show it). */
  error: string | null;
  /** Why, as a code: what the reader reads, in their language. */
  failure?: Failure | null;
}

/** One digest: the saved search's new jobs, and what went wrong fetching them. */
export interface DigestAnswer {
  searchId: string;
  name: string;
  query: AlertQuery;
  jobs: JobCard[];
  /** New or changed matches before the caps (per company, per digest). */
  matched: number;
  /** The sources that failed in the run behind this digest. */
  health: DigestSourceFailure[];
}

/** The digest's words in its reader's language (the jobs travel as cards). */
export function digestText(a: DigestAnswer, lang: Lang = "en"): string {
  const p = phrasesFor(lang);
  const w = p.digest;
  const head = a.jobs.length === 0 ? w.nothing(a.name) : w.head(a.name, a.jobs.length, a.matched);
  const footer =
    a.health.length > 0
      ? `\n\n${w.health}\n${a.health.map((h) => `• ${p.sourceFailed(h.label, h.failure ? p.failures.reason(h.failure) : h.error)}`).join("\n")}`
      : "";
  return `${head}${footer}`;
}

/** A digest as every surface renders replies: text plus job cards with their buttons, in `lang`. */
export function digestReply(a: DigestAnswer, lang: Lang = "en"): ChatReply {
  return textReply(digestText(a, lang), { jobs: a.jobs, lang });
}
