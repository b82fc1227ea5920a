// A message that asks for nothing: "hmm", "ok", "äh jo". The parser reads what is left after its
// stop words as a search, and an empty search would fetch every source and list whatever is newest —
// a guess. Such a message gets a question instead; asking for jobs at all ("show me all jobs",
// "zeig mir die neuesten Stellen"), a job, a place or any filter stays a search.
import { foldText } from "../core/text.js";
import type { Intent } from "./intent.js";

/** Sounds and one-word replies that carry no request. */
const FILLERS = new Set(
  "hm hmm hmmm mhm äh ähm öhm eh uh uhm um ok okay oki kk k jo ja yes yep ya nein no nope na tja aha achso lol"
    .split(" ")
    .map(foldText),
);
/** Words that ask for jobs as such, or for a list of them. */
const ASKS_FOR_JOBS =
  /\b(?:jobs?|stellen?\w*|stellenangebote?|angebote?|arbeit|positions?|vacanc\w*|openings?|roles?|postings?|suche?n?|search|find\w*|zeig\w*|show|list\w*|neueste\w*|latest|newest|alle?s?|all|everything)\b/u;

/** Whether a parsed search asks for nothing: no words that count, no place, no filter, no job word. */
export function asksForNothing(text: string, intent: Intent): boolean {
  if (intent.kind !== "search" || intent.refinement) return false;
  const a = intent.args;
  const filtered =
    a.remote !== "any" ||
    [a.place, a.radiusKm, a.employmentType, a.salaryMin, a.seniority, a.postedWithinDays, a.rankFor].some(
      (v) => v !== undefined,
    );
  if (filtered) return false;
  const folded = foldText(text);
  const words = foldText(a.keywords).split(/\s+/).filter(Boolean);
  if (words.some((w) => !FILLERS.has(w))) return false;
  return !ASKS_FOR_JOBS.test(folded);
}
