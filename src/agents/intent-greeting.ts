// A greeting, read as the parts of a message between punctuation: it opens with a word of greeting
// ("Hallo", "hey", "Guten Morgen"), and every other part is one of the things people add to a
// greeting — whom they greet ("zusammen", "bot"), who they are ("ich bin Anna", "mein Name ist
// Tobias", "I'm Sam", "Lea hier"), or how-are-you small talk. A part that asks for anything else
// ("hi, any python jobs in Berlin?", "Hallo, ich suche Arbeit als Koch") makes it no greeting.
import { foldText } from "../core/text.js";
import { STOP_WORDS } from "./intent-words.js";

const OPENING =
  /^(?:hi+|hello+|hey+|hu+hu+|hallihallo|heyho|hola|ciao|salut|gr(?:ü|ue)ezi|mahlzeit|hallo+|hallöchen|halli hallo|moin(?:sen| ?moin)?|tagchen|gude|hall(?:ö|oe)le|servus|tach|tag|hiya|howdy|yo|ahoi|gr(?:ü|ue)(?:ß|ss)(?: gott| dich| euch)?|good (?:morning|evening|afternoon|day)|guten (?:morgen|tag|abend)|morgen|(?:'?n'?)?abend|(?:good )?(?:mornin'?g?|evening|afternoon)|g'?day)\b/i;

/** Whom a greeting addresses. */
const ADDRESSEE =
  /^(?:there|all|everyone|everybody|folks|team|bot|jobscout|zusammen|allerseits|leute|ihr|du|miteinander|herr bot|lieber bot|liebes team)$/i;

/** Small talk that comes with a greeting: "wie geht's", "how are you", "alles klar". */
const SMALL_TALK =
  /^(?:na|na du|wie geht'?s(?: dir| euch)?|wie geht es dir|alles (?:klar|gut|fit|okay|ok)(?: bei dir)?|how are (?:you|u)(?: doing)?|how'?s it going|what'?s up|sup|nice to meet you|freut mich|sch(?:ö|oe)n dich kennenzulernen)$/i;

/** "ich bin Anna", "mein Name ist Tobias", "I'm Sam", "this is Lea", "Lea hier", "ich heiße Jo". */
const INTRODUCTION =
  /^(?:(?:ich bin|ich hei(?:ß|ss)e|mein name ist|hier ist|hier spricht|i'?m|i am|my name is|my name's|this is|it'?s)\s+([\p{L}'-]+(?:\s+[\p{L}'-]+)?)|([\p{L}'-]+)\s+(?:hier|here))(?:\s+(?:from|aus|von|in)\s+[\p{L}'-]+)?$/iu;

/** Whether a part of a message names who is writing: a name, not a word of a request ("ich bin auf der Suche"). */
function introduces(part: string): boolean {
  const m = INTRODUCTION.exec(part);
  const name = m?.[1] ?? m?.[2];
  if (!name) return false;
  return name.split(/\s+/).every((w) => !STOP_WORDS.has(foldText(w)));
}

/** Whether the whole message greets, perhaps with whom, who is writing and how-are-you. */
export function isGreeting(text: string): boolean {
  const parts = text
    .split(/[,.!?;:–—]+|\s+-\s+/)
    .map((p) => p.trim().replace(/\s+/g, " "))
    .filter((p) => p !== "" && !/^[\p{Emoji_Presentation}\p{Extended_Pictographic}\s]+$/u.test(p));
  const first = parts[0];
  if (first === undefined) return false;
  const opening = OPENING.exec(first);
  // Small talk alone greets too ("na du, alles fit?", "how's it going?"), but not a bare "alles klar".
  if (!opening) return parts.every((p) => SMALL_TALK.test(p)) && parts.some((p) => !/^alles\b/i.test(p));
  // What follows the greeting word in its own part: nothing, an addressee, small talk or who is writing.
  const tail = first.slice(opening[0].length).trim();
  const fits = (p: string) => p === "" || ADDRESSEE.test(p) || SMALL_TALK.test(p) || introduces(p);
  return fits(tail) && parts.slice(1).every(fits);
}

/**
 * A request without the greeting it opens with: "Guten Tag, ich suche …" → "ich suche …". Only a
 * greeting in a part of its own (before a comma, a full stop or a dash), perhaps with whom it greets.
 */
export function withoutGreeting(text: string): string {
  const m = /^\s*([^,.!?;:–—]+)[,.!?;:–—]+\s*/.exec(text);
  const part = m?.[1]?.trim().replace(/\s+/g, " ");
  if (!m || part === undefined) return text;
  const opening = OPENING.exec(part);
  if (!opening) return text;
  const tail = part.slice(opening[0].length).trim();
  return tail === "" || ADDRESSEE.test(tail) ? text.slice(m[0].length) : text;
}
