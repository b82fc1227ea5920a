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

/**
 * Place recognition for the offline model: after "in/near/…" any known place counts; a bare word
 * must be a sizeable place in the preferred countries or a large city elsewhere.
 */
export function createPlaceLookup(
  resolve: Resolve,
  preferCountries: readonly string[] = ["DE", "AT", "CH"],
): PlaceLookup {
  return (phrase, bare) => {
    if (NOT_PLACES.has(foldText(phrase))) return undefined;
    const p = resolve(phrase);
    if (!p) return undefined;
    if (!bare) return p.name;
    const near = preferCountries.includes(p.country);
    return (near && p.population >= 20_000) || p.population >= 500_000 ? p.name : undefined;
  };
}
