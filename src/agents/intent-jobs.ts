// A job of the shown list by its number, and what to do with it: "Details zu 2", "merk dir Nummer
// 3", "blende 4 aus", "zeig mir die 3 nicht mehr", "save the third one", "die erste passt nicht".
// Ordinals and number words ("the third", "die erste", "Nummer zwei", "3rd") are read as the digit
// first, so every wording of an action works with every way of naming the job.
import { foldText } from "../core/text.js";
import { isJobNumber } from "./intent-understanding.js";
import type { Intent } from "./intent.js";

type JobAction = "details" | "save" | "hide" | "unsave" | "unhide";

const ORDINAL_STEMS: ReadonlyArray<[string, number]> = [
  ["first", 1],
  ["second", 2],
  ["third", 3],
  ["fourth", 4],
  ["fifth", 5],
  ["sixth", 6],
  ["seventh", 7],
  ["eighth", 8],
  ["ninth", 9],
  ["tenth", 10],
  ["erste", 1],
  ["zweite", 2],
  ["dritte", 3],
  ["vierte", 4],
  ["funfte", 5],
  ["fuenfte", 5],
  ["sechste", 6],
  ["siebte", 7],
  ["siebente", 7],
  ["achte", 8],
  ["neunte", 9],
  ["zehnte", 10],
];
const CARDINALS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eins: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  fuenf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
};
const ORDINAL_WORD = new RegExp(`\\b(?:${ORDINAL_STEMS.map(([w]) => w).join("|")})(?:n|r|s|m)?\\b`, "gi");
// A cardinal word names a job only after a word for it: "Nummer zwei", "number three", "job two".
const NAMED_CARDINAL = new RegExp(
  `\\b(nummer|number|nr\\.?|no\\.|job|stelle|anzeige)\\s+(${Object.keys(CARDINALS).join("|")})\\b`,
  "gi",
);

// "un-save", "un-hide", "un-bookmark": the hyphen of an undoing prefix is written or not.
const UN_HYPHEN = /\bun-(?=(?:save|hide|bookmark|star|mark)\b)/gi;

/**
 * The message with ordinals and named number words written as digits: "save the third one" →
 * "save the 3 one", "Nummer zwei merken" → "Nummer 2 merken", "the 2nd" → "the 2", "die 3." → "die 3".
 */
export function withJobDigits(text: string): string {
  return foldText(text)
    .replace(UN_HYPHEN, "un")
    .replace(ORDINAL_WORD, (w) => {
      const stem = w.replace(/(?:n|r|s|m)$/, "");
      const hit = ORDINAL_STEMS.find(([s]) => s === w || s === stem);
      return hit ? String(hit[1]) : w;
    })
    .replace(NAMED_CARDINAL, (_, noun: string, word: string) => `${noun} ${CARDINALS[word] ?? word}`)
    .replace(/\b(\d{1,3})(?:st|nd|rd|th)\b/g, "$1");
}

/**
 * The numbers a message names jobs by: its digits, or where it has none its ordinals and named
 * number words ("why is 4 ranked first?" is about job 4; "für die zweite Stelle" about job 2).
 */
export function jobNumbersIn(text: string): string[] {
  return text.match(/\b\d{1,3}\b/g) ?? withJobDigits(text).match(/\b\d{1,3}\b/g) ?? [];
}

// Checked in this order: the first that matches decides, and its words leave the message.
const JOB_ACTIONS: Array<[RegExp, JobAction]> = [
  // Out of the results, not the saved list: "remove 1 from the results", "nimm die 3 aus den Treffern".
  [
    /\b(?:remove|take|drop|delete|entfern\w*|nimm|streich\w*)\b.*\b(?:from|off|out of|aus|von)\b.*\b(?:(?:the |my |search )?(?:results|search|list of results|ergebniss\w*|treffer\w*|suche))\b(?: (?:raus|nehmen|entfernen|streichen))?/i,
    "hide",
  ],
  // "never show me 3 again", "zeig mir die 2 nie wieder": not again is hidden, before "show … again" unhides.
  [
    /\b(?:(?:never|don'?t|do not|no longer) (?:show|want to see|need to see)(?: me)?|(?:zeig\w*|show)\b.*\b(?:nie wieder|nie mehr|never again))\b/i,
    "hide",
  ],
  [
    /\b((remove|delete|take|drop|nimm|l(?:ö|oe|o)sch\w*|entfern\w*|streich\w*)\b.*\b(from|off|von|aus)\b.*\b(saved( jobs)?|list|liste|merkliste|bookmarks|gespeicherten|gemerkten|favoriten|favou?rites)( (nehmen|l(?:ö|oe|o)schen|entfernen|streichen))?|(von|aus|off)\b.*\b(liste|merkliste|gespeicherten|gemerkten|favoriten|favou?rites|bookmarks|list)\b.*\b(runter|raus|weg|nehmen|l(?:ö|oe|o)schen|entfernen|streichen))\b/i,
    "unsave",
  ],
  [
    /\b((gespeichert\w*|gemerkt\w*|saved|bookmarked)\b.*\b(l(?:ö|oe|o)schen|entfernen|streichen|remove|delete|drop)|(don'?t|do not|no longer) (need|want)\b.*\b(list|liste|merkliste|saved|bookmarks)|(brauch\w*|will|m(?:ö|oe|o)chte|muss)\b.*\bnicht mehr\b.*\b(liste|merkliste|gespeicherten|gemerkten|favoriten))\b/i,
    "unsave",
  ],
  [
    /\b(unsave|unbookmark|vergiss\w*|forget|remove|nicht mehr merken|(doch )?nicht (mehr )?(merken|speichern|behalten)|(don'?t|do not|no longer) (save|keep|bookmark))\b/i,
    "unsave",
  ],
  [
    /\b(unhide|restore|wiederherstell\w*|(show|bring|put|list|zeig\w*|hol\w*)\b.*\b(again|back|wieder( an)?|zur(?:ü|ue|u)ck)|wieder (zeigen|anzeigen|einblenden|sehen)|(ein)?blende\w*\b.*\bwieder ein|einblenden)\b/i,
    "unhide",
  ],
  [
    /\b((?:ist |is |sounds |klingt )?(?:not for me|(?:nicht|nix|nichts) f(?:ü|ue|u)r mich|nothing for me|not my (?:thing|cup of tea)|nicht mein ding)|not interested( in)?|hide|skip|dismiss|ignore|ignorier\w*|ausblenden|blende\w*( aus)?|versteck\w*|interessiert mich nicht|kein interesse( an)?|(zeig\w*|show)\b.*\b(nicht mehr|no more|anymore|any more)|nicht mehr (an)?(zeigen|sehen)|(will|m(?:ö|oe|o)chte|mag|muss) ich nicht (mehr )?sehen|(don'?t|do not|never|no longer) (show|want to see|need to see)( me)?|stop showing( me)?|get rid of|weg damit|weg mit|raus damit|passt (mir )?nicht|not a (good )?fit|not relevant|irrelevant|uninteressant|wegwerfen|wegschmei(?:ß|ss)en|weg ?mach\w*|wegklick\w*|verwerfen|discard|trash|throw (?:it )?away|bin (?:it|that))\b/i,
    "hide",
  ],
  [
    /\b(save|bookmark|keep|remember|pin|star|merk\w*|speicher\w*|behalte\w*|vormerken|favorisier\w*|(?:add|put|pack\w*|setz\w*|tu)\b.*\b(?:to|on|in|auf|in die|zu)\b.*\b(?:favou?rites|favoriten|merkliste|bookmarks|saved(?: jobs)?|watch ?list)\b)\b/i,
    "save",
  ],
  // A question about one fact of the job: "welche Firma ist die 5?", "wie viel zahlt die 3?".
  [
    /\b(?:(?:was (?:ist )?(?:denn )?(?:das )?(?:denn )?f(?:ü|ue|u)r (?:ein(?:e|en)? )?|welche[snrm]? |what(?:'s| is)? (?:the )?|what (?:kind|sort|type) of (?:an? )?|which )(?:gehalt|lohn|bezahlung|verdienst|salary|pay|wage|firma|arbeitgeber|unternehmen|company|employer|standort|location|arbeitszeit(?:en)?)|wie ?viel (?:zahlt|bezahlt|verdient man (?:bei|an|in))|how much (?:does|do|would)\b.*\bpay|where(?:'s| is)(?:\b.*\b(?:located|based))?|wo (?:ist|liegt)|^\W*(?:gehalt|lohn|standort|firma|arbeitgeber|salary|location|company|employer)(?= (?:von|of|bei|at|for|der|des|zu|zur)\b))\b(?:\s+(?:hat|has|bietet|offers?|zahlt|pays?|ist|is|are|sind|for|of|at|bei|von|posted|behind|located|based))*/i,
    "details",
  ],
  [
    /\b(details?|infos?|informationen|descriptions?|(?:stellen|job)?beschreibung|job description|volltext|(?:what(?:'s| is)|was ist)\b.*\b(?:about|los)|ans(?:ehen|chauen)|angucken|look at|check out|view|see|(?:where|how) (?:can|do|should) i apply(?: for| to)?|wo (?:kann|soll) ich mich\b.*\bbewerben|wie bewerbe ich mich(?: (?:bei|auf|f(?:ü|ue|u)r))?|(?:an)?zeigen|full text|more about|tell me more( about)?|mehr (zu[mr]?|(?:ü|ue|u)ber)|more (?:on|info(?:rmation)? (?:on|about))|show( me)?|open|(?:ö|oe|o)ffnen?|aufmachen|mach\w*\b.*\bauf|zeig\w*( mir)?|what about|was ist mit|was steht|what does|says?)\b/i,
    "details",
  ],
];
// What may stay around the action's words: the job's name and politeness. "wieder"/"again" only
// repeat the action ("vergiss die 2 wieder" unsaves; showing again is unhide's own).
const JOB_REF_FILLER =
  /\b(nummer|number|nr|no|job|stelle|anzeige|posting|die|der|das|den|dem|zu|zum|zur|dir|mir|me|the|this|that|about|of|bitte|please|aus|du|kannst|mal|you|can|could|pls|wieder|again|doch|one|eine|einen|ones|for|later|sp(?:ä|ae|a)ter|f(?:ü|ue|u)r|damit|einfach|jetzt|now|just|also|auch|halt|ja|ok|okay|jobs|stellen|in|full|ganz|ganze|komplett|vollst(?:ä|ae|a)ndig|genau|exactly|anymore|any more|i'm|im|i|am|ich|bei|at|to|will|m(?:ö|oe|o)chte|w(?:ü|ue|u)rde|would|want|i'd|id|und|and|it|sie|es|ihn|like|gefallt|mag|angebot|angebote|stellenangebot|position|posting|listing|treffer|ergebnis|ergebnisse|ergebnissen|result|results|hit|hits|list|liste)\b|[#.:!?,]/gi;
// Praise around an action is no part of it: "die 3 finde ich super, merken", "number 2 looks great, save it".
const PRAISE =
  /\b(?:finde? ich (?:(?:echt|richtig|sehr|ganz|wirklich) )?(?:gut|super|toll|klasse|spitze|interessant|spannend|stark)|(?:klingt|wirkt|sieht) (?:(?:echt|richtig|sehr|ganz|wirklich) )?(?:gut|super|toll|klasse|interessant|spannend)(?: aus)?|(?:sounds|looks|seems) (?:(?:really|very|pretty|quite) )?(?:good|great|interesting|nice|promising))\b/gi;
// A number alone, with its name and politeness only ("3 bitte", "die 2, please"), asks for that job.
const BARE_NUMBER_FILLER =
  /\b(nummer|number|nr|no|job|stelle|anzeige|die|der|the|bitte|please|pls|plz|mal|gerne?)\b|[#.:!?,\s]/gi;

/**
 * A request about one job of the shown list by its number, or undefined. A reason or an aside after
 * it ("show number 3 again, I hid it by mistake", "merk dir die 2, die klingt gut") is read as the
 * request alone when the first part holds the job and the action.
 */
export function jobReference(text: string): Intent | undefined {
  const whole = referenceIn(text);
  if (whole) return whole;
  const first = text.split(/\s*(?:[,;]|\s-\s|\b(?:because|since|weil|denn|da)\b)\s*/i)[0];
  return first && first !== text ? referenceIn(first) : undefined;
}

function referenceIn(text: string): Intent | undefined {
  const t = withJobDigits(text);
  const nums = t.match(/\b\d{1,3}\b/g);
  if (nums?.length !== 1) return undefined;
  const n = Number(nums[0]);
  if (!isJobNumber(n)) return undefined;
  // A number alone ("3", "#3", "Nr. 3", "job 3?") asks for that job; a word alone ("second") does not.
  if (
    (/\d/.test(text) || /\b(?:die|der|the|nummer|number|job|stelle|anzeige)\b/i.test(t)) &&
    t
      .replace(/\b\d{1,3}\b/, " ")
      .replace(BARE_NUMBER_FILLER, " ")
      .trim() === ""
  )
    return { kind: "details", n };
  let rest = t.replace(/\b\d{1,3}\b/, " ");
  let action: JobAction | undefined;
  for (const [re, a] of JOB_ACTIONS) {
    if (re.test(rest)) {
      action = a;
      rest = rest.replace(new RegExp(re.source, "gi"), " ");
      break;
    }
  }
  if (!action || rest.replace(PRAISE, " ").replace(JOB_REF_FILLER, " ").trim() !== "") return undefined;
  return action === "details" ? { kind: "details", n } : { kind: "mark", n, action };
}
