// What the tools accept, and the one-line corrections people see when they ask for more: a model (or
// the offline parser) may pass any number; the tool searches within its limits and says so.

import { phrasesFor } from "../answers/phrases/phrases.js";
import type { Lang } from "../core/lang.js";

/** Inclusive bounds of the numbers the search and run tools take. */
export const TOOL_LIMITS = {
  radiusKm: { min: 1, max: 300 },
  postedWithinDays: { min: 1, max: 365 },
  limit: { min: 1, max: 25 },
  offset: { min: 0, max: 500 },
  keywordsChars: 200,
  placeChars: 100,
} as const;

/** Corrections made to a tool's input, in the words (and the language) shown to the person. */
export type Notes = string[] & { lang?: Lang };

/** An empty list of notes, to be written in `lang`. */
export function notesIn(lang: Lang = "en"): Notes {
  return Object.assign([], { lang });
}

const words = (notes: Notes) => phrasesFor(notes.lang ?? "en").limits;

function within(value: number, b: { min: number; max: number }): number {
  return Math.min(b.max, Math.max(b.min, Math.round(Number.isFinite(value) ? value : b.min)));
}

export function radiusWithin(value: number | undefined, notes: Notes): number | undefined {
  if (value === undefined) return undefined;
  const v = within(value, TOOL_LIMITS.radiusKm);
  if (v !== value) notes.push(words(notes).radius(TOOL_LIMITS.radiusKm.max, v));
  return v;
}

export function daysWithin(value: number | undefined, notes: Notes): number | undefined {
  if (value === undefined) return undefined;
  const v = within(value, TOOL_LIMITS.postedWithinDays);
  if (v !== value) notes.push(words(notes).days(TOOL_LIMITS.postedWithinDays.max, v));
  return v;
}

/** Page size and offset quietly kept within bounds (nobody types these). */
export function pageWithin(limit: number, offset: number): { limit: number; offset: number } {
  return { limit: within(limit, TOOL_LIMITS.limit), offset: within(offset, TOOL_LIMITS.offset) };
}

/** The words and place of a query within their limits, and a radius within its bounds, with notes. */
export function queryWithin<
  Q extends { keywords: string; place?: string | undefined; radiusKm?: number | undefined },
>(q: Q, notes: Notes): Q {
  return {
    ...q,
    keywords: clipped(q.keywords, TOOL_LIMITS.keywordsChars, words(notes).keywords, notes),
    place:
      q.place === undefined ? undefined : clipped(q.place, TOOL_LIMITS.placeChars, words(notes).place, notes),
    radiusKm: radiusWithin(q.radiusKm, notes),
  };
}

/** Text cut to `max` characters, with a note when it was cut. */
export function clipped(text: string, max: number, what: string, notes: Notes): string {
  if (text.length <= max) return text;
  notes.push(words(notes).clipped(max, what));
  return text.slice(0, max).trimEnd();
}
