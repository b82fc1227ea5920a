// Letter requests, in German and English, read by rules like the rest of intent.ts: "draft a
// letter for job 2", "schreib ein Anschreiben für Stelle 2, kürzer", "more formal", "mention my
// Kubernetes work", "approve", "trotzdem freigeben", "edit letter: …", "export my applications as CSV".
import type { LetterLength, LetterTone } from "../jobs/applications/letter-phrases.js";
import { jobNumbersIn } from "./intent-jobs.js";

export interface LetterOptionsAsked {
  tone?: LetterTone | undefined;
  length?: LetterLength | undefined;
  focus?: string | undefined;
}

export type LetterIntent =
  | { kind: "letter_draft"; n: number; options: LetterOptionsAsked }
  | { kind: "letter_draft_top"; n: number; options: LetterOptionsAsked }
  | { kind: "letter_regenerate"; options: LetterOptionsAsked }
  | { kind: "letter_approve"; anyway: boolean }
  | { kind: "letter_edit"; text: string }
  | { kind: "letter_show" }
  | { kind: "export"; format: "csv" | "xlsx" }
  | { kind: "letter_send"; to: string; n?: number | undefined }
  | { kind: "letter_confirm" };

const LETTER_WORD =
  /\b(?:(?:cover )?letters?|anschreiben|bewerbungsschreiben|motivationsschreiben|application letter)\b/i;
const EDIT =
  /^\W*(?:edit(?: the| my)? letter|change(?: the| my)? letter|(?:das |mein )?anschreiben (?:ändern|aendern|bearbeiten)|(?:ändere|aendere|bearbeite) (?:das |mein )?anschreiben)\s*:\s*([\s\S]+)$/i;
const APPROVE =
  /^\W*(?:(?:i )?approve(?: it| the letter| this letter| letter)?|freigeben|(?:ich )?gebe? (?:es |das anschreiben )?frei|genehmig\w*|(?:das )?anschreiben freigeben)(?: anyway| regardless| trotzdem| dennoch)?\W*(?:bitte|please)?\W*$|^\W*(?:trotzdem|dennoch) freigeben\W*$/i;
const ANYWAY = /\b(?:anyway|regardless|trotzdem|dennoch)\b/i;
const SHOW =
  /^\W*(?:show(?: me)?(?: my| the)? (?:cover )?letter|zeig\w*(?: mir)? (?:das |mein )?anschreiben)\W*$/i;
const REGENERATE =
  /\b(?:regenerate|rewrite|redo|again|neu schreiben|schreib\w* (?:es |das )?neu|nochmal|noch einmal|shorter|longer|more formal|less formal|warmer|friendlier|more personal|k(?:ü|ue|u)rzer|l(?:ä|ae|a)nger|ausf(?:ü|ue|u)hrlicher|f(?:ö|oe|o)rmlicher|formeller|pers(?:ö|oe|o)nlicher|herzlicher|lockerer|mention|erw(?:ä|ae|a)hn\w*)\b/i;
const SEND = /\b(?:send|e-?mail|mail|schick\w*|versend\w*|sende)\b/i;
const ADDRESS_TOKEN = /[^\s<>"'„“]*@[^\s<>"'„“,;]*/;
const CONFIRM =
  /^\W*(?:yes|yep|ja|ok|okay|confirm\w*|best(?:ä|ae|a)tig\w*|send it|senden|abschicken)\b(?:[\s,]+(?:please|bitte|send it|senden|abschicken|go|do it|los))*\W*$/i;
/** "the top 3", "the best 3", "die besten 3", "die ersten 3", "top-3". */
const TOP = /\b(?:top|best|first|besten|ersten)[\s-]+(\d{1,2})\b/i;
const EXPORT = /\b(?:export\w*|exportier\w*)\b/i;

/**
 * The person's own words of a message: an edit's letter text is left out, so a German letter sent
 * with "edit letter:" is still answered in English.
 */
export function commandWords(t: string): string {
  const edit = EDIT.exec(t);
  return edit?.[1] ? t.slice(0, t.length - edit[1].length) : t;
}

/** Tone, length and focus as the person asked for them. */
export function letterOptions(t: string): LetterOptionsAsked {
  const length = /\b(?:shorter|short|brief|k(?:ü|ue|u)rzer|kurz)\b/i.test(t)
    ? "short"
    : /\b(?:longer|long|more detail\w*|l(?:ä|ae|a)nger|ausf(?:ü|ue|u)hrlicher)\b/i.test(t)
      ? "long"
      : undefined;
  const tone = /\b(?:more formal|formal|f(?:ö|oe|o)rmlicher|formeller|f(?:ö|oe|o)rmlich)\b/i.test(t)
    ? "formal"
    : /\b(?:warmer|friendlier|more personal|warm|pers(?:ö|oe|o)nlicher|herzlicher|lockerer)\b/i.test(t)
      ? "warm"
      : undefined;
  const m =
    /\b(?:mention(?:ing)?|highlight|emphasi[sz]e|erw(?:ä|ae|a)hn\w*|betone?\w*|hebe?)\s+(?:(?:my|the|meine[nr]?|die|den|das)\s+)?(.+?)(?:\s+(?:work|experience|skills?|background|erfahrung\w*|kenntnisse|arbeit|hervor))?\W*$/i.exec(
      t,
    );
  const focus = m?.[1]?.split(/[,;]| and | und /)[0]?.trim();
  return {
    ...(length ? { length } : {}),
    ...(tone ? { tone } : {}),
    ...(focus ? { focus } : {}),
  };
}

/**
 * A letter request, or undefined. `hasLetter` tells whether this conversation drafted a letter, so
 * "shorter" rewrites it instead of being read as a search.
 */
export function letterIntent(t: string, hasLetter: boolean, previewShown = false): LetterIntent | undefined {
  const edit = EDIT.exec(t);
  if (edit?.[1]?.trim()) return { kind: "letter_edit", text: edit[1].trim() };
  if (previewShown && CONFIRM.test(t)) return { kind: "letter_confirm" };
  const address = ADDRESS_TOKEN.exec(t)?.[0];
  if (address && SEND.test(t)) {
    const n = /\b(?:job|stelle|nr\.?|number|nummer)\s*#?(\d{1,3})\b/i.exec(t)?.[1];
    return { kind: "letter_send", to: address.replace(/[.!?]+$/, ""), ...(n ? { n: Number(n) } : {}) };
  }
  if (APPROVE.test(t)) return { kind: "letter_approve", anyway: ANYWAY.test(t) };
  if (SHOW.test(t)) return { kind: "letter_show" };
  if (EXPORT.test(t)) return { kind: "export", format: /\bcsv\b/i.test(t) ? "csv" : "xlsx" };
  const top = TOP.exec(t);
  if (top && LETTER_WORD.test(t))
    return { kind: "letter_draft_top", n: Number(top[1]), options: letterOptions(t) };
  // "für die zweite Stelle" names job 2 as "für Stelle 2" does.
  const nums = jobNumbersIn(t);
  if (LETTER_WORD.test(t) && nums.length === 1)
    return { kind: "letter_draft", n: Number(nums[0]), options: letterOptions(t) };
  if ((hasLetter || LETTER_WORD.test(t)) && REGENERATE.test(t) && nums.length === 0)
    return { kind: "letter_regenerate", options: letterOptions(t) };
  return undefined;
}
