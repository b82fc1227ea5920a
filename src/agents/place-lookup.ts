import { foldText } from "../core/text.js";
import type { PlaceLookup } from "./intent.js";

/** What the lookup needs from the gazetteer. */
export type Resolve = (name: string) => { name: string; country: string; population: number } | undefined;

// Words that are also town names somewhere but, in a job request, are not meant as a place.
const NOT_PLACES = new Set(
  "mobile java remote home office senior junior lead data sales marketing design support service nurse driver cook teacher manager engineer developer security digital energy media commerce".split(
    " ",
  ),
);

/** How big a city must be for a word one typo away from its name to mean it ("Stuttgard", "Müchen"). */
const TYPO_MIN_POPULATION = { preferred: 100_000, elsewhere: 1_000_000 };
/**
 * Shorter words are too often another word one edit away ("Bonn" from "Born", "Ulm" from "Ulme");
 * longer ones cost too many lookups (about 55 per letter) for the few big cities named so long.
 */
const TYPO_LENGTH = { min: 6, max: 12 };
const TYPO_WORD = new RegExp(`^\\p{L}{${TYPO_LENGTH.min},${TYPO_LENGTH.max}}$`, "u");
const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** The words one edit from a folded word: a letter dropped, swapped with the next, changed or added. */
function oneEditFrom(w: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i <= w.length; i++) {
    const [head, tail] = [w.slice(0, i), w.slice(i)];
    if (tail) out.add(head + tail.slice(1));
    if (tail.length > 1) out.add(head + (tail[1] ?? "") + (tail[0] ?? "") + tail.slice(2));
    for (const c of LETTERS) {
      if (tail) out.add(head + c + tail.slice(1));
      out.add(head + c + tail);
    }
  }
  out.delete(w);
  return out;
}

/**
 * Place recognition for the offline model: after "in/near/…" any known place counts; a bare word
 * must be a sizeable place in the preferred countries or a large city elsewhere. After a
 * preposition, a word the gazetteer does not know may be a big city's name with one typo
 * ("in Stuttgard", "near Hamburk"): it is that city when exactly one big city is one edit away.
 */
export function createPlaceLookup(
  resolve: Resolve,
  preferCountries: readonly string[] = ["DE", "AT", "CH"],
): PlaceLookup {
  const big = (p: { country: string; population: number }) =>
    p.population >=
    (preferCountries.includes(p.country) ? TYPO_MIN_POPULATION.preferred : TYPO_MIN_POPULATION.elsewhere);
  const mistyped = (phrase: string): string | undefined => {
    if (!TYPO_WORD.test(phrase)) return undefined;
    const names = new Set<string>();
    for (const variant of oneEditFrom(foldText(phrase))) {
      const p = resolve(variant);
      if (p && big(p)) names.add(p.name);
    }
    return names.size === 1 ? [...names][0] : undefined;
  };
  return (phrase, bare) => {
    if (NOT_PLACES.has(foldText(phrase))) return undefined;
    const p = resolve(phrase);
    if (!p) return bare ? undefined : mistyped(phrase);
    if (!bare) return p.name;
    const near = preferCountries.includes(p.country);
    return (near && p.population >= 20_000) || p.population >= 500_000 ? p.name : undefined;
  };
}
