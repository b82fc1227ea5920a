// A place the person named but the gazetteer does not know. After "near", "in der Nähe von", "rund
// um", "within 10 km of" … only a place can follow, so a name there that resolves to none is a place
// we do not know — better asked about than searched for as a word ("Elektriker Xyzabc"). After a
// bare "in" it could as well be a field ("in Informatik", "in Marketing"), so that is left alone.
import { foldText } from "../core/text.js";
import { NEAR, type PlaceLookup } from "./intent.js";
import { isStopWord } from "./intent-words.js";

const NUMBER = String.raw`\d+(?:[.,]\d+)?`;
const KM = String.raw`${NUMBER}\s*(?:km|kilometern?|kilometers?|kilometres?|miles?|mi)\b\.?`;
/**
 * Phrases after which only a place can follow, on folded text (lower case, no accents): the parser's
 * own "near" phrases, and a distance with "um/of/from" after it.
 */
const MARKER = new RegExp(
  [
    String.raw`\bnahe bei`,
    NEAR.source,
    String.raw`\bim umkreis von (?:${KM}\s*)?(?:um|von)`,
    String.raw`\b(?:bis|max(?:imal)?\.?|hochstens) ${KM}\s*(?:um|von)`,
    String.raw`\b${KM}\s*(?:um|von|around|of|from)`,
    String.raw`\bclose to`,
    String.raw`\baround`,
    String.raw`\bwithin ${KM}\s*(?:of|from)`,
  ].join("|"),
  "gu",
);
/** Words after a marker that are no place: the person, here, and the like. */
const NOT_A_PLACE = new Set("me us you here home mir mich uns hier zuhause zu hause dir".split(" "));
/** Where the place's name ends: a comma, a full stop, "and", a filter word… */
const END =
  /[,;.!?()]|\s(?:und|and|oder|or|mit|with|ab|from|fur|for|als|as|seit|since|bis|remote|vollzeit|teilzeit|full|part)\s/u;

/**
 * The name written after a place marker when no known place is found there, as written (up to
 * three words); undefined when there is none, it is a known place, or it is no name at all.
 */
export function unknownPlaceIn(said: string, lookup: PlaceLookup): string | undefined {
  const text = said.trim();
  const folded = foldText(text);
  // Folding keeps the length of Latin text, so positions in it point into the written text.
  if (folded.length !== text.length) return undefined;
  for (const m of folded.matchAll(MARKER)) {
    const start = m.index + m[0].length;
    const rest = folded.slice(start);
    const lead = rest.length - rest.trimStart().length;
    const tail = rest.trimStart();
    const end = tail.search(END);
    const phrase = (end >= 0 ? tail.slice(0, end) : tail).trim();
    const words = phrase.split(/\s+/).filter(Boolean).slice(0, 3);
    const first = words[0];
    if (!first || /\d/.test(first) || NOT_A_PLACE.has(first) || isStopWord(first)) continue;
    const written = text
      .slice(start + lead)
      .split(/\s+/)
      .slice(0, words.length);
    // A known place in any of the word runs here settles it ("near Frankfurt Oder").
    const known = words.some((_, i) => lookup(written.slice(0, i + 1).join(" "), false) !== undefined);
    if (known) return undefined;
    return written.join(" ").replace(/[,;.!?()]+$/u, "");
  }
  return undefined;
}
