// English ↔ German names of common jobs, so "nursing jobs in Nürnberg" finds the postings that say
// "Pflege". Most postings here are German while many users write English. Each group is a set of
// single words as postings spell them; any member of a group (in any case or accent) finds the others.
import { foldText } from "./text.js";

const GROUPS: readonly (readonly string[])[] = [
  [
    "nurse",
    "nurses",
    "nursing",
    "pflege",
    "pflegekraft",
    "pflegefachkraft",
    "krankenpfleger",
    "krankenpflegerin",
  ],
  ["caregiver", "carer", "altenpflege", "altenpfleger", "altenpflegerin", "pflegehelfer"],
  ["developer", "developers", "entwickler", "entwicklerin", "softwareentwickler"],
  ["engineer", "engineers", "ingenieur", "ingenieurin"],
  ["warehouse", "lager", "lagerhelfer", "lagerist", "lagermitarbeiter"],
  ["driver", "drivers", "fahrer", "fahrerin", "kraftfahrer", "berufskraftfahrer"],
  ["cook", "koch", "köchin"],
  ["accountant", "accounting", "bookkeeper", "buchhalter", "buchhalterin", "buchhaltung"],
  ["electrician", "elektriker", "elektronikerin", "elektroniker"],
  ["mechanic", "mechaniker", "mechatroniker", "kfz-mechatroniker"],
  ["sales", "vertrieb", "verkauf"],
  ["salesperson", "verkäufer", "verkäuferin"],
  ["teacher", "lehrer", "lehrerin", "lehrkraft"],
  ["educator", "childcare", "erzieher", "erzieherin", "kita"],
  ["cleaner", "cleaning", "reinigung", "reinigungskraft"],
  ["doctor", "physician", "arzt", "ärztin"],
  ["logistics", "logistik"],
  ["cashier", "kassierer", "kassiererin"],
  ["retail", "einzelhandel"],
  ["welder", "schweißer"],
  ["carpenter", "joiner", "tischler", "schreiner", "zimmerer"],
  ["plumber", "installateur", "anlagenmechaniker"],
  ["painter", "maler", "lackierer"],
  ["hairdresser", "friseur", "friseurin"],
  ["receptionist", "rezeption", "empfang"],
  ["security", "sicherheit"],
  ["housekeeping", "housekeeper", "zimmermädchen", "hauswirtschaft"],
  ["waiter", "waitress", "kellner", "kellnerin", "servicekraft"],
  ["apprenticeship", "apprentice", "ausbildung", "azubi", "auszubildende"],
  ["internship", "praktikum", "praktikant", "praktikantin"],
  ["werkstudent", "werkstudentin"],
  ["part-time", "parttime", "teilzeit"],
  ["full-time", "fulltime", "vollzeit"],
  ["administration", "verwaltung"],
  ["consultant", "berater", "beraterin"],
  ["projektmanager", "projektleiter", "projektleiterin"],
  ["sozialarbeiter", "sozialarbeiterin", "sozialpädagoge", "sozialpädagogin"],
  ["pharmacist", "apotheker", "apothekerin"],
];

const byWord = new Map<string, readonly string[]>();
for (const group of GROUPS) for (const w of group) byWord.set(foldText(w), group);

/** The word itself first, then its other names as postings spell them; just the word when it has none. */
export function alternatives(term: string): string[] {
  const f = foldText(term);
  const group = byWord.get(f);
  if (!group) return [term];
  return [term, ...group.filter((w) => foldText(w) !== f)];
}

// The German word to ask a German job board for, where an English job name would find little there.
// IT titles (developer, engineer, security…) are left as typed: German postings use them too.
const GERMAN_SEARCH_WORD: ReadonlyMap<string, string> = new Map(
  (
    [
      [["nurse", "nurses", "nursing"], "Pflege"],
      [["caregiver", "carer"], "Pflegehelfer"],
      [["warehouse"], "Lager"],
      [["driver", "drivers"], "Fahrer"],
      [["cook"], "Koch"],
      [["accountant", "accounting", "bookkeeper"], "Buchhaltung"],
      [["electrician"], "Elektriker"],
      [["mechanic"], "Mechatroniker"],
      [["teacher"], "Lehrer"],
      [["educator", "childcare"], "Erzieher"],
      [["cleaner", "cleaning"], "Reinigung"],
      [["doctor", "physician"], "Arzt"],
      [["cashier"], "Kassierer"],
      [["retail"], "Einzelhandel"],
      [["welder"], "Schweißer"],
      [["carpenter", "joiner"], "Tischler"],
      [["plumber"], "Anlagenmechaniker"],
      [["painter"], "Maler"],
      [["hairdresser"], "Friseur"],
      [["receptionist"], "Rezeption"],
      [["housekeeping", "housekeeper"], "Hauswirtschaft"],
      [["waiter", "waitress"], "Servicekraft"],
      [["apprenticeship", "apprentice"], "Ausbildung"],
      [["internship"], "Praktikum"],
      [["logistics"], "Logistik"],
      [["pharmacist"], "Apotheker"],
    ] as const
  ).flatMap(([words, german]) => words.map((w) => [w, german] as const)),
);

/** Keywords for a German job board: English job names in German ("nursing jobs" → "Pflege jobs"), the rest as typed. */
export function inGerman(keywords: string): string {
  return keywords.replace(/[\p{L}-]+/gu, (w) => GERMAN_SEARCH_WORD.get(foldText(w)) ?? w);
}
