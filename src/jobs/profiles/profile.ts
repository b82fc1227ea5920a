import type { Seniority } from "../../core/posting.js";

/** One line of the CV, verbatim, numbered from 1 (shown as L1…Ln). */
export interface ProfileLine {
  n: number;
  text: string;
}

export const factKinds = ["skill", "title", "years", "language", "place", "degree"] as const;
export type FactKind = (typeof factKinds)[number];

/** Something the CV says (or the person said in chat), pointing at the lines that say it. */
export interface ProfileFact {
  kind: FactKind;
  /** Canonical value: "Kubernetes", "Data Scientist", "German", "Frankfurt am Main", "Master". */
  value: string;
  /** Language level (CEFR "C1", or "native"); years as a number string for `years`. */
  level?: string | undefined;
  /** CV lines that state it; empty for a stated fact. */
  lines: number[];
  /** Said in chat ("I also know Kubernetes"), not read from the CV. */
  stated?: boolean | undefined;
}

/** A place the person wants to work in, with how far they would travel. */
export interface WantedPlace {
  name: string;
  lat: number;
  lon: number;
  radiusKm: number;
}

/** What the person says they want; anything absent is "no preference" (never a hidden penalty). */
export interface Preferences {
  places?: WantedPlace[] | undefined;
  /** `remote` also accepts hybrid and on-site jobs at the wanted places. */
  remote?: "remote_only" | "remote_ok" | "no_remote" | undefined;
  /** Languages the person works in (ISO 639-1: "de", "en"). */
  languages?: string[] | undefined;
  /** Yearly salary floor (EUR or the posting's currency). */
  salaryMin?: number | undefined;
  seniority?: Exclude<Seniority, "unknown"> | undefined;
  /** Whether the person may work in the EU without a visa (true), or needs sponsorship (false). */
  workPermit?: boolean | undefined;
}

/** A person's profile in one workspace. Private to that user. */
export interface Profile {
  workspaceId: string;
  userId: string;
  /** Bumped on every change: scores name the version they were computed from. */
  version: number;
  sourceName: string | null;
  lines: ProfileLine[];
  facts: ProfileFact[];
  preferences: Preferences;
  updatedAt: string;
}

/** Who owns a profile: always from the platform event. */
export interface ProfileOwner {
  workspaceId: string;
  userId: string;
}

/** The CV text as the person sent it, one numbered line per non-empty line. */
export function numberLines(text: string, maxLines = 2000): ProfileLine[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/\s+$/, "").replace(/^\s+/, ""))
    .filter((l) => l.length > 0)
    .slice(0, maxLines)
    .map((text, i) => ({ n: i + 1, text }));
}
