// Words that carry no search meaning in a job request, German and English: articles, pronouns,
// prepositions, verbs of asking, the words for "job" itself, and the filler of a wish ("gern",
// "wäre mir lieber", "would be great", "same but") and of asking for a new run ("einen neuen Lauf
// starten"). What is left are the keywords. Compared folded (foldText), so "für", "fuer" and "fur"
// are one entry.

const GERMAN =
  "ich du er sie es wir ihr mir mich dir dich uns mein meine meinen einen eine einer eines ein der die das den dem des " +
  "und oder aber auch nur noch mal bitte danke als fur fuer in im am an auf aus bei mit nach von vom zu zum zur um " +
  "uber ueber unter ohne gibt gib hast hat habe haben kannst kann konnen koennen mochte moechte wurde wuerde will brauche " +
  "suche suchen such sucht finde finden zeig zeige zeigen anzeigen welche welcher welches was wo wie gesucht arbeiten " +
  "job jobs stelle stellen stellenangebot stellenangebote jobangebot jobangebote arbeit arbeitsplatz offene offenen neue " +
  "neuen neueste neuesten aktuelle aktuellen freie freien bereich raum etwas irgendwas hallo hi moin servus da dort so " +
  "sind ist gerade jetzt mehr weitere andere bzw instead ggf ware waere es hol hole holen daten laden neu aktualisiere aktualisieren " +
  "gern gerne lieber liebsten am eher vielleicht waren waeren wurden wuerden sein gut super toll prima besser reicht " +
  "bin sieht lade frische frischen reichen passt okay wirklich eigentlich ruhig doch halt denn starte starten lauf abruf abrufen suchlauf ergebnisse angebote " +
  "anzeige inserate alle allen aller alles rein entfernt frisch probier probiere probieren probiers versuch versuche versuchen versuchs";

const ENGLISH =
  "find me show get give list search look looking for some any all the a an of please i im i'm want would like need " +
  "new latest fresh current open jobs job positions position roles role openings opening vacancies vacancy offers are " +
  "is there what which can you could help with my to that ones one also only just but and now then how about ok okay " +
  "fine possible too as well either refresh update fetch start run postings posting more anything something work " +
  "hi hello hey in near around at within from do does have has hiring jbos jobz " +
  "same keep would be nice great good better prefer preferably rather maybe perhaps ideally really " +
  "listings listing results ads adverts re-run rerun";

// Function words of everyday German and English beyond a job request's own (pronouns, articles,
// particles, verbs of wanting and looking, words for "the area", "currently", "urgently"), as a
// general stop-word list holds them; none of them names an occupation, a skill or a place. Words
// that are also keywords people search for ("IT", "Go", "US", "Office", "Service") stay out.
const GERMAN_FUNCTION =
  "nen ne nem einem welches welchen welchem gibts habt hab ihr euch sowas irgendwo irgendwelche irgendeine irgendeinen " +
  "irgendein dringend sofort momentan derzeit zurzeit aktuell grad bald schnell raussuchen heraussuchen suchst " +
  "schau schauen nachschauen gucken guck wollen wurdest haette hatte hatten haetten konntest koenntest dann dafur " +
  "dafuer damit dazu hier dein deine deinem meinem meiner unser unsere wer wem wen wann ob falls wenn sonst ganz sehr " +
  "viel viele vielen paar einige einigen jede jeden jeder kein keine keinen nichts naturlich natuerlich leider eben " +
  "also quasi umgebung nahe naehe gegend umland stellenanzeige stellenanzeigen jobsuche angebot vakanzen positionen " +
  "position tatigkeit taetigkeit beschaftigung beschaeftigung anstellung moglichkeit moeglichkeit moglichkeiten " +
  "moeglichkeiten infrage kommen kommt komme arbeite arbeitet gelernte gelernter gelerntes ausgebildete " +
  "ausgebildeter ausgelernt ausgelernte ausgelernter nein innerhalb hauptsache brauch brauchte braeuchte benotige benoetige neuer neuem irgendetwas bisschen wieder nochmal mache machen mach tun bekommen kriegen finden waer hatt " +
  "vorhanden verfugbar verfuegbar sucht ausgeschrieben statt anstatt stattdessen draus daraus dasselbe gleiche selbe " +
  // Words of changing the search or of what is searched, not what for.
  "umkreis radius erweiter erweitere erweitern vergrossere vergroessere andere andern aendern seiten portale " +
  "jobborsen jobboersen quellen anfangen beginnen einsteigen moglich moeglich durchlauf " +
  // Wishes without a subject ("egal", "neue Herausforderung") and a contract's length, which no filter reads.
  "grosser groesser kleiner aktualisier aktualisiert auffrischen auffrisch ab egal herausforderung unbefristet unbefristete festanstellung vertrag contract haste hasse " +
  // A start date ("ab August", "from September") is no keyword.
  "januar februar marz maerz april mai juni juli august september oktober november dezember " +
  // Praise and particles of a wish ("die besten Jobs", "bitte schön", "wie wär's", "was gibt's Neues").
  "beste besten bester bestes schon war wars neues raus heraus " +
  // Politeness and the preamble of a question ("hätte mal ne Frage", "ich interessiere mich für",
  // "würde mich freuen"), and who might hire ("sucht jemand …").
  "hattet haettet hattest haettest konntet koenntet wurdet wuerdet habt konnt koennt " +
  "frage fragen kurze interessiere interessieren interessiert interesse freuen freue freut " +
  "jemand jemanden jemandem irgendwer irgendjemand " +
  // Asking how it looks elsewhere ("und wie schaut's in Köln aus?").
  "schaut schauts siehts aussehen ausschauen " +
  // The pay itself, once its figure is read ("Gehalt ab 3.200 €", "3500 Euro monatlich").
  "gehalt gehalts lohn verdienst vergutung verguetung bezahlung verdienen verdiene monatlich jahrlich " +
  "jaehrlich stundlich stuendlich brutto netto bezahlt bezahlte bezahlten " +
  // Parts of a place ("im Großraum Stuttgart", "Landkreis Göppingen", "Innenstadt von Köln").
  "grossraum landkreis kreis innenstadt stadtgebiet stadtteil gebiet einzugsgebiet stadtrand " +
  // What freelancers take on, as "Jobs" is for employees ("freiberufliche Projekte als Texter").
  "projekte auftrage auftraege " +
  // Abbreviations of a sentence ("z.B.", "usw."), read without their last full stop.
  "z.b zb bspw usw etc u.a ua " +
  // Calling up a list again ("ruf die Jobs nochmal ab", "lass es nochmal laufen") and being posted ("heute eingestellte").
  "ruf rufe ruft erneut einmal laufen lass lassen eingestellt eingestellte eingestellten reingestellt reingestellte " +
  // The season of a job, as a month is ("Sommer", "im Winter").
  "sommer winter herbst fruhling fruehling";

const ENGLISH_FUNCTION =
  "anything something everything theres any available currently right urgently asap kindly lots plenty options " +
  "opportunities opportunity area region city town local nearby close somewhere where weve our your their them they " +
  "these those this its myself was were been being got getting wanna gonna let lets see check out tell know " +
  "searching seeking seek hunting employment career careers gig gigs hire openings there's " +
  // What the person is already ("a trained carpenter", "qualified electrician"), as "gelernter" is.
  "trained qualified continue " +
  // "still searching for …", "immer noch auf der Suche nach …": how long the search has gone on.
  "still immer " +
  "wondering interested sort like please thanks thank try make instead over " +
  "january february march june july october december wanted bigger larger wider smaller chance love wish hoping hope permanent scan rescan crawl recrawl pull again boards portals sources expand extend widen increase change set distance " +
  // "the best python jobs", "developer or …" where the rest of "or more" went to the salary.
  "best or once another after " +
  // A start date in words ("starting next month", "ab nächsten Monat") is no keyword, as a month is not.
  "starting next month months monat monaten nachsten naechsten nachstem naechstem kommenden " +
  // Politeness, the preamble of a question and who might hire ("quick question", "does anyone need …",
  // "do you happen to have", "I'd appreciate some help finding …").
  "question quick anyone anybody someone somebody appreciate finding happen happens " +
  // The pay itself, once its figure is read ("salary of 55k", "earning 18 an hour").
  "salary wage wages pay paid earning earn earns monthly yearly annually hourly gross " +
  // Parts of a place ("in greater Berlin", "downtown Leeds").
  "greater downtown vicinity surroundings outskirts " +
  // What freelancers take on ("freelance translator projects"); "reload" asks for a refresh.
  "projects reload refetch load e.g i.e " +
  // Starting a run ("kick off a new search", "trigger a scan").
  "kick off trigger " +
  // Shorthand and vague nouns of a chat ("pls", "stuff from this week", "same thing in Bremen",
  // "any jobs going"), and "min" for a floor whose figure the salary reads ("min 70k").
  "pls plz thx stuff things thing going min " +
  // The season of a job, as a month is ("summer internship", "winter jobs").
  "summer winter autumn spring";

/**
 * Words that are keywords only when capitalised: "it" and "us" as written, unlike "IT" or "US", and
 * chat's "rn" ("right now"), unlike "RN" (a registered nurse).
 */
export const LOWER_CASE_STOP_WORDS: ReadonlySet<string> = new Set(["it", "its", "us", "rn"]);

/** Folded words that never become keywords. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${GERMAN} ${ENGLISH} ${GERMAN_FUNCTION} ${ENGLISH_FUNCTION}`.split(/\s+/),
);

/**
 * Whether a folded word is no keyword: a stop word, or a stop word again with "re-" before it
 * ("re-fetch", "re-load", "re-check" ask for the same thing once more).
 */
export function isStopWord(folded: string): boolean {
  return STOP_WORDS.has(folded) || (folded.startsWith("re-") && STOP_WORDS.has(folded.slice(3)));
}

// The words of asking for a job itself, which people mistype ("suhe", "Stelen", "Arbiet"): a word
// one edit away from one of them (same first letter) is that word, no keyword.
const REQUEST_WORDS = ["stelle", "stellen", "suche", "arbeit", "angebote", "stellenangebote", "jobangebote"];

/** Damerau edit distance ≤ 1 between two folded words. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length)
    return (
      a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** A mistyped word of asking for a job ("suhe", "stelen"), compared folded. */
export function isMistypedRequestWord(folded: string): boolean {
  return (
    folded.length >= 4 &&
    REQUEST_WORDS.some((w) => w[0] === folded[0] && w !== folded && oneEditApart(folded, w))
  );
}

// English job titles are often several words, and some of their words are also the words of a
// request ("area", "change", "city", "help", "work"). Two kinds of data keep them:
// titles whose words are all common words ("social work", "help desk", "open source"), and nouns
// that make a title out of the word before them ("area manager", "change manager", "city planner",
// "career coach"), for the few stop words that name a field and are never the request's own verb or
// filler before a title ("open developer positions", "search engineer jobs" are requests).
const TITLE_PHRASES: ReadonlySet<string> = new Set([
  "social work",
  "youth work",
  "case work",
  "community work",
  "help desk",
  "service desk",
  "open source",
  "new business",
  "local government",
  "local authority",
  "one stop",
  "run crew",
  "set design",
  "set designer",
  "close protection",
  // German fields of study and work whose second word is also a request's ("Arbeit", "neue").
  "soziale arbeit",
  "sozialen arbeit",
  "neue medien",
  "neuen medien",
]);
const FIELD_WORDS: ReadonlySet<string> = new Set("area city change career careers".split(" "));
const TITLE_HEADS: ReadonlySet<string> = new Set(
  (
    "manager managers management planner planners planning designer designers coach coaches advisor " +
    "advisors adviser advisers counsellor counselor counsellors counselors officer officers coordinator " +
    "coordinators desk consultant consultants specialist specialists analyst analysts engineer engineers " +
    "developer developers worker workers lead leads director directors agent agents administrator " +
    "administrators clerk clerks technician technicians supervisor supervisors representative " +
    "representatives assistant assistants operator operators engine"
  ).split(" "),
);

// "Head of Marketing", "Director of Engineering", "VP of Sales": a rank "of" a field is one title.
const RANK_OF: ReadonlySet<string> = new Set(
  "head heads director directors vp vice president chief professor lecturer".split(" "),
);
// "kitchen help", "farm help": after a word naming a place of work, "help" is the job, not a plea;
// before "me", "with" or "finding" it asks for help again.
const PLEA_AFTER_HELP: ReadonlySet<string> = new Set("me us with finding to please pls bitte".split(" "));

/**
 * Which of a request's folded words belong to a title although they are stop words: both words of
 * a title phrase, a field word directly before a title's head noun, "of" after a rank ("head of
 * sales"), and "help" after a kept word. `kept` says which words are kept on their own.
 */
export function keptInTitle(folded: readonly string[], kept: readonly boolean[] = []): boolean[] {
  const inTitle = folded.map(() => false);
  for (let i = 0; i + 1 < folded.length; i++) {
    const [w, next] = [folded[i] ?? "", folded[i + 1] ?? ""];
    if (TITLE_PHRASES.has(`${w} ${next}`)) inTitle[i] = inTitle[i + 1] = true;
    else if (FIELD_WORDS.has(w) && TITLE_HEADS.has(next)) inTitle[i] = true;
    else if (RANK_OF.has(w) && next === "of" && kept[i + 2] === true) inTitle[i] = inTitle[i + 1] = true;
    else if (next === "help" && kept[i] === true && !PLEA_AFTER_HELP.has(folded[i + 2] ?? ""))
      inTitle[i + 1] = true;
  }
  return inTitle;
}
