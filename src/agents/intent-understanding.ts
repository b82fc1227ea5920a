// Where the rules of intent.ts found only a search, the trained intent classifier gets a say. The
// rules are strong on searches (places, filters, keywords) and on the commands in their word
// lists; the classifier (intent-classifier.ts, trained on the tune part of the request set) knows
// the other intents in wordings no list holds. So it may turn a "search" into another intent only
// when it is confident and the message states no place and no filter (those make a search), and
// it needs the other intent's argument to be in the message: a job number for details and marks,
// a URL for tracking. It may turn a search into a refresh even with a place: refreshing is a
// search that fetches first.
import { foldText } from "../core/text.js";
import { wordsOf, type IntentClassifier } from "./intent-classifier.js";
import { builtInIntentClassifier } from "./intent-model-file.js";
import type { Intent } from "./intent.js";
import { URL_IN_TEXT, urlIn } from "./intent-url.js";

export { urlIn };

let model: IntentClassifier | undefined;

/** The classifier trained from INTENT_EXAMPLES (stored by the build, or trained once per process on first use). */
export function intentModel(): IntentClassifier {
  return (model ??= builtInIntentClassifier());
}

/** How sure the classifier must be (its probability of the intent) to overrule the rules' search. */
export const CLASSIFIER_CONFIDENCE = 0.5;

const ORDINALS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  erste: 1,
  zweite: 2,
  dritte: 3,
  vierte: 4,
  funfte: 5,
  sechste: 6,
  siebte: 7,
  achte: 8,
  neunte: 9,
  zehnte: 10,
};

/**
 * The highest number a message can mean as a job of the shown list: lists are a few pages of five,
 * so "404: Not Found" or "HTTP 500" names no job.
 */
export const MAX_JOB_NUMBER = 100;

/** Whether a number can be a job of the shown list (1 to MAX_JOB_NUMBER). */
export function isJobNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= MAX_JOB_NUMBER;
}

/** The one job a message refers to: "2", "#2", "2nd", "the second", "die zweite", "der dritten". */
export function jobNumber(text: string): number | undefined {
  const nums = text.match(/\b\d{1,3}(?=\b|st\b|nd\b|rd\b|th\b)/g);
  if (nums) return nums.length === 1 && isJobNumber(Number(nums[0])) ? Number(nums[0]) : undefined;
  const found = foldText(text)
    .split(/[^\p{L}]+/u)
    .map((w) => ORDINALS[w] ?? ORDINALS[w.replace(/(?:n|r|s|m)$/, "")])
    .filter((n): n is number => n !== undefined);
  return found.length === 1 ? found[0] : undefined;
}

/** The intent the classifier reads in a message the rules took for a search, or undefined to keep it. */
export function reconsider(
  text: string,
  ruleKind: "search" | "refresh",
  statesSearch: boolean,
): Intent | "refresh" | undefined {
  const model = intentModel();
  const { label, p } = model.classify(text);
  if (p < CLASSIFIER_CONFIDENCE || label === ruleKind || label === "search" || label === FOLLOW_UP)
    return undefined;
  // One word says little: "bot" was seen in greetings, "Done." looks like "fertig?", "type" like
  // nothing at all. A lone word asks for another intent only if it was taught alone as asking for it.
  if (wordsOf(text).length === 1 && !model.seenAlone(text, label)) return undefined;
  // With none of its words ever asking for that intent ("KI", "UX"), the label comes only from the
  // message's length and letters: the rules' keywords are the better guess.
  if (!model.seenWith(text, label)) return undefined;
  if (label === "refresh") return "refresh";
  if (statesSearch) return undefined;
  switch (label) {
    case "status":
    case "sources":
    case "help":
    case "greeting":
    case "dashboard":
    case "saved":
    case "more":
      return { kind: label };
    case "track":
    case "untrack": {
      // Words around the URL must ask for it: a URL alone, or a question ("what is <url>?"), tracks
      // nothing, since tracking changes the workspace's sources.
      const url = urlIn(text);
      const asks = model.seenWith(text.replace(URL_IN_TEXT, " "), label) && !text.trim().endsWith("?");
      return url && asks ? { kind: "track", url, action: label } : undefined;
    }
    default: {
      const n = jobNumber(text);
      if (n === undefined) return undefined;
      if (label === "details") return { kind: "details", n };
      const action = label.replace(/^mark:/, "");
      if (action === "save" || action === "hide" || action === "unsave" || action === "unhide")
        return { kind: "mark", n, action };
      return undefined;
    }
  }
}

/**
 * The classifier's label for a search that changes the previous one ("nur remote", "lieber
 * Teilzeit", "what about Hamburg?"): its wording, not its filters, tells it from a new search.
 */
export const FOLLOW_UP = "refine";

/** Whether the classifier is sure a message changes the previous search rather than starting one. */
export function isFollowUp(text: string): boolean {
  const { label, p } = intentModel().classify(text);
  return label === FOLLOW_UP && p >= CLASSIFIER_CONFIDENCE;
}

/** Keywords without the words that on their own ask for something other than a search ("abrufen"). */
export function withoutRequestWords(keywords: string): string {
  return keywords
    .split(" ")
    .filter((w) => {
      if (w === "") return false;
      const { label, p } = intentModel().classify(w);
      return label === "search" || label === FOLLOW_UP || p < CLASSIFIER_CONFIDENCE;
    })
    .join(" ");
}

/**
 * Track or untrack, where the rules found a URL and a tracking word. A word of stopping
 * ("unfollow", "entferne") is plain; but words around a tracking verb can turn it round ("no longer
 * follow …"), which the classifier may see when it is sure.
 */
export function trackAction(text: string, ruleAction: "track" | "untrack"): "track" | "untrack" {
  if (ruleAction === "untrack") return ruleAction;
  const { label, p } = intentModel().classify(text);
  return label === "untrack" && p >= CLASSIFIER_CONFIDENCE ? label : ruleAction;
}
