import { formatPlace, type Posting } from "./posting.js";

/** A job as every surface shows it: the fields of a card, plus why it matched. */
export interface JobCard {
  /** Position in the answer (1-based), so a user can say "tell me more about 2". */
  n: number;
  /** Store id (integer label). */
  id: number;
  /** Stable posting id. */
  jobId: string;
  title: string;
  company: string;
  place: string;
  remoteMode: Posting["remoteMode"];
  postedAt: string | null;
  /**
   * What the posting says it pays, worded per language by the renderers (`salaryOf`). A string is a
   * card stored before salaries were kept as data (conversation memory), shown as it was.
   */
  salary: CardSalary | string | null;
  url: string | null;
  sources: string[];
  score: number | null;
  why: string[];
  /** The search asked for a salary floor and this posting names no salary: it was not checked. */
  noSalary?: true | undefined;
  /** The person's fit score (0–100) and its top reasons, when they have a profile. */
  fit?: CardFit | undefined;
  /** In a team channel, the marks its members share ("claimed by <@U1>", "applied: <@U2>"). */
  team?: string[] | undefined;
}

/** A posting's salary as the card carries it: one end or both, a currency and a period. */
export type CardSalary = NonNullable<Posting["salary"]>;

/** One reason a card gives for its fit, as data: a hard rule's outcome, requirements met or missing. */
export type FitReason =
  | {
      kind: "rule";
      rule: string;
      outcome: "pass" | "fail" | "unknown";
      code: string;
      args: Record<string, string | number>;
    }
  | { kind: "met"; terms: Array<{ term: string; line?: number | undefined }> }
  | { kind: "missing"; terms: string[] };

/** A card's fit: the total, its reasons in English, and the same as data to word in another language. */
export interface CardFit {
  total: number;
  reasons: string[];
  top?: FitReason[] | undefined;
}

export function toJobCard(
  n: number,
  job: { id: number; posting: Posting },
  extra: { score?: number | null; why?: string[] } = {},
): JobCard {
  const p = job.posting;
  return {
    n,
    id: job.id,
    jobId: p.id,
    title: p.title,
    company: p.company,
    place: formatPlace(p),
    remoteMode: p.remoteMode,
    postedAt: p.postedAt ?? null,
    salary: p.salary ?? null,
    url: p.applyUrl ?? p.sources.find((s) => s.url)?.url ?? null,
    sources: [...new Set(p.sources.map((s) => s.source))],
    score: extra.score ?? null,
    why: extra.why ?? [],
  };
}
