// Which language a person writes in, German or English, by the words of their message: the offline
// model answers in it. Job requests are short ("Koch Berlin", "python remote"), where statistical
// detectors guess; the words people use to ask — "suche", "Stelle", "nur", "find", "show me" — are
// what tells, and an undecided message keeps the language of the conversation.
import { foldText } from "../core/text.js";

export type Lang = "en" | "de";

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
    "zu blende aus vergiss nicht mich interessiert merkliste komplett max mehr entferne entfernen"
  ).split(" "),
);

const ENGLISH = new Set(
  (
    "find me show get give list search look looking for some any the a an of please i im i'm want would like need " +
    "new latest fresh positions roles openings vacancies are is there what which can you could help with my to " +
    "that ones one also only just but and now then how about near around within from posted this week today yesterday " +
    "days last past month full part time hello hey good morning evening saved save more next page " +
    "sources track refresh update fetch okay fine possible not hide internship internships apprenticeship working " +
    "student mini salary at least entry level tell where do does run done finished number bookmark unsave unfollow " +
    "untrack nuremberg munich cologne vienna"
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

/** The language of a message, or undefined when its words do not tell. */
export function detectLanguage(message: string): Lang | undefined {
  const text = message.replace(PLACE_QUALIFIER, " ");
  let de = /[äöüß]/i.test(text) ? 2 : 0;
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

/** The language to answer in: this message's, else the conversation's latest, else English. */
export function replyLanguage(text: string, earlier: readonly string[] = []): Lang {
  const own = detectLanguage(text);
  if (own) return own;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const lang = detectLanguage(earlier[i] ?? "");
    if (lang) return lang;
  }
  return "en";
}
