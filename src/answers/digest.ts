import type { JobCard } from "../core/job-card.js";
import type { AlertQuery } from "../jobs/alerts/saved-search.js";
import { textReply, type ChatReply } from "../chat/chat-turn.js";

/** One digest: the saved search's new jobs, and what went wrong fetching them. */
export interface DigestAnswer {
  searchId: string;
  name: string;
  query: AlertQuery;
  jobs: JobCard[];
  /** New or changed matches before the caps (per company, per digest). */
  matched: number;
  /** One line per source that failed in the run behind this digest ("Lever palantir: HTTP 429"). */
  health: string[];
}

type Lang = "en" | "de";

const W = {
  en: {
    head: (name: string, shown: number, matched: number) =>
      `New for your alert “${name}”: ${matched > shown ? `${shown} of ${matched}` : shown} job${matched === 1 ? "" : "s"} since the last digest.`,
    nothing: (name: string) => `Nothing new for your alert “${name}” since the last digest.`,
    health: "Some sources failed, so this digest may miss jobs:",
  },
  de: {
    head: (name: string, shown: number, matched: number) =>
      `Neu für deinen Alert „${name}“: ${matched > shown ? `${shown} von ${matched}` : shown} Job${matched === 1 ? "" : "s"} seit dem letzten Digest.`,
    nothing: (name: string) => `Nichts Neues für deinen Alert „${name}“ seit dem letzten Digest.`,
    health: "Einige Quellen sind ausgefallen, daher fehlen vielleicht Jobs:",
  },
} as const;

/** The digest's words (the jobs travel as cards). */
export function digestText(a: DigestAnswer, lang: Lang = "en"): string {
  const w = W[lang];
  const head = a.jobs.length === 0 ? w.nothing(a.name) : w.head(a.name, a.jobs.length, a.matched);
  const footer = a.health.length > 0 ? `\n\n${w.health}\n${a.health.map((h) => `• ${h}`).join("\n")}` : "";
  return `${head}${footer}`;
}

/** A digest as every surface renders replies: text plus job cards with their buttons. */
export function digestReply(a: DigestAnswer, lang: Lang = "en"): ChatReply {
  return textReply(digestText(a, lang), { jobs: a.jobs });
}
