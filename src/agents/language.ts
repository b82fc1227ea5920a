// Which language a person writes in, German or English, by the words of their message: the offline
// model answers in it. Job requests are short ("Koch Berlin", "python remote"), where statistical
// detectors guess; the words people use to ask — "suche", "Stelle", "nur", "find", "show me" — are
// what tells, and an undecided message keeps the language of the conversation.
import { resolvePlace } from "../core/geo/gazetteer.js";
import { foldText } from "../core/text.js";
import { URL_IN_TEXT } from "./intent-url.js";

import type { Lang } from "../core/lang.js";

export type { Lang };

const GERMAN = new Set(
  (
    "ich du mir mich dir mein meine meinen einen eine einer ein der die das den dem des und oder aber auch nur noch mal " +
    "bitte danke als fur fuer im am auf aus bei mit nach von vom zum zur ohne gibt gib hast kannst kann mochte moechte " +
    "brauche suche suchen such finde zeig zeige zeigen anzeigen welche welcher was wie wo gesucht arbeiten stelle " +
    "stellen stellenangebote jobangebote arbeit offene neue neueste hallo moin servus hilfe quellen merk merke merken " +
    "speicher speichern nummer vollzeit teilzeit minijob werkstudent werkstudentin ausbildung praktikum homeoffice " +
    "moglich moeglich seit gestern heute woche tage tagen letzte letzten guten morgen tag abend gespeicherte " +
    "gespeicherten weitere nachste naechste seite aktualisiere aktualisieren neu laden umkreis nahe naehe rund bis " +
    "ab mindestens brutto netto berufseinsteiger einsteiger erfahrene lauf fertig ist sind es wäre ware waere dich " +
    "zu blende aus vergiss nicht mich interessiert merkliste komplett max mehr entferne entfernen " +
    "hier heisse heisst spreche lass weg wieder zuruck gefallt passt stunden beobachte beobachten verfolge " +
    "verfolgen folge abonniere abonnieren hinzu fuge hinzufugen aufnehmen nimm losche loeschen loschen stoppe"
  ).split(" "),
);

const ENGLISH = new Set(
  (
    "find me show get give list search look looking for some any the a an of please i im i'm want would like need " +
    "new latest fresh positions roles openings vacancies are is there what which can you could help with my to " +
    "that ones one also only just but and now then how about near around within from posted this week today yesterday " +
    "days last past month full part time hello good morning evening saved save more next page " +
    "sources track refresh update fetch okay fine possible not hide internship internships apprenticeship working " +
    "student mini salary at least entry level tell where do does run done finished number bookmark unsave unfollow " +
    "untrack nuremberg munich cologne vienna here anymore don't dont back again speak temp watch watching follow " +
    "following tracking monitor subscribe unsubscribe add remove delete stop"
  ).split(" "),
);

// Word endings that give away a language when no function word does ("Steuerberater", "data scientist").
const GERMAN_ENDING =
  /(ung|ungen|erin|keit|heit|schaft|kraft|krafte|meister|pfleger|pflegerin|helfer|helferin|leiter|leiterin|berater|beraterin|mitarbeiter|mitarbeiterin|angestellte|schwester|entwickler|entwicklerin|ingenieur|kaufmann|kauffrau|praktikum|job|liste|wesen)$/;
const ENGLISH_ENDING = /(ing|tion|tions|ness|ship|ist|ists)$/;

// The German of a place's own name ("Frankfurt am Main", "Freiburg im Breisgau") says nothing about
// the language of the request around it.
const PLACE_QUALIFIER =
  /\b(?:am|an der|an den|im|in der|ob der|vor der)\s+(?:Main|Rhein|Neckar|Oder|Ruhr|Saale|Donau|Breisgau|Lech|Inn|Isar|Weinstra(?:ß|ss)e|Taunus|Harz|W(?:ö|oe)rthersee|R(?:ü|ue)benberge|Elbe|Havel|Spree|Mosel|Lahn|Ems|Weser|Schwarzwald|Allg(?:ä|ae)u)\b/giu;

const UMLAUT = /[äöüß]/iu;
// Addresses say nothing about the language around them ("track https://www.stellen-hilfe.de/jobs"):
// Slack's <…> markup, and every address the request parser reads as one.
const SLACK_MARKUP = /<[^<>]*>/gu;
const ADDRESSES = new RegExp(URL_IN_TEXT.source, "giu");
const WORD_RUN = /[\p{L}-]+/giu;

/** The language of a message, or undefined when its words do not tell. */
export function detectLanguage(message: string): Lang | undefined {
  const text = message.replace(SLACK_MARKUP, " ").replace(ADDRESSES, " ").replace(PLACE_QUALIFIER, " ");
  // An umlaut says German, unless it is only in a place's name ("jobs in Nürnberg").
  // The words (runs of letters and hyphens) that hold one. Split first, then test each: a single
  // pattern /[\p{L}-]*[äöüß][\p{L}-]*/ backtracks through every start of a long word without one
  // (quadratic: a 6,000-letter word took about 70 ms of CPU, on every turn that looked back at it).
  const umlautWords = UMLAUT.test(text) ? (text.match(WORD_RUN) ?? []).filter((w) => UMLAUT.test(w)) : [];
  let de = umlautWords.some((w) => resolvePlace(w) === undefined) ? 2 : 0;
  let en = 0;
  for (const w of foldText(text).split(/[^\p{L}']+/u)) {
    if (w === "") continue;
    if (GERMAN.has(w)) de += 1;
    else if (ENGLISH.has(w)) en += 1;
    else if (w.length >= 6 && GERMAN_ENDING.test(w)) de += 0.5;
    else if (w.length >= 6 && ENGLISH_ENDING.test(w)) en += 0.5;
  }
  return de > en ? "de" : en > de ? "en" : undefined;
}

/** The language to answer in: this message's, else the conversation's latest, else `fallback`. */
export function replyLanguage(text: string, earlier: readonly string[] = [], fallback: Lang = "en"): Lang {
  const own = detectLanguage(text);
  if (own) return own;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const lang = detectLanguage(earlier[i] ?? "");
    if (lang) return lang;
  }
  return fallback;
}

// "antworte auf Deutsch", "bitte auf Englisch", "sprich deutsch", "answer in English", "reply in
// German please", "English please": a request to change the language of the answers.
const CHOOSE_LANGUAGE =
  /(?:^|[\s,.;!?])(?:(?:ab\s+jetzt|ab\s+sofort|from\s+now\s+on)\s+)?(?:(?:bitte\s+)?(?:antworte?|antworten\s+sie|schreib(?:e)?|sprich|rede)(?:\s+(?:mir|bitte|ab\s+jetzt|ab\s+sofort|nur|immer))*\s+(?:auf\s+|in\s+)?(deutsch|englisch)|(?:please\s+)?(?:answer|reply|respond|talk|speak|write)(?:\s+(?:to\s+me|me|from\s+now\s+on|only))*\s+(?:in\s+)?(german|english))(?:\s+(?:bitte|please|ab\s+jetzt|from\s+now\s+on))?(?=$|[\s,.;!?])/iu;
// Said alone, "auf Deutsch bitte" or "English please" asks for the language too; inside a request
// ("Jobs auf Englisch") it is about the jobs.
const LANGUAGE_ALONE =
  /^\s*(?:bitte\s+)?(?:auf\s+|in\s+)?(deutsch|englisch|german|english)(?:\s+(?:bitte|please))?\s*[.!]?\s*$/iu;

/**
 * A request to answer in a language ("antworte auf Deutsch", "answer in English"), with what else
 * the message says; undefined when it asks for none.
 */
export function languageRequest(text: string): { lang: Lang; rest: string } | undefined {
  const m = CHOOSE_LANGUAGE.exec(text) ?? LANGUAGE_ALONE.exec(text);
  if (!m) return undefined;
  const word = (m[1] ?? m[2] ?? "").toLowerCase();
  const lang: Lang = word === "deutsch" || word === "german" ? "de" : "en";
  const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`
    .replace(/^[\s,.;!?]+|[\s,;]+$/g, "")
    .trim();
  return { lang, rest: /[\p{L}\p{N}]/u.test(rest) ? rest : "" };
}
