import { foldText } from "../core/text.js";
import { readAlertRequest, type AlertRequest } from "./intent-alerts.js";
import { readTeamRequest, type TeamRequest } from "./intent-team.js";
import { readFilters, type StatedFilters } from "./intent-filters.js";
import {
  isMistypedRequestWord,
  isStopWord,
  keptInTitle,
  LOWER_CASE_STOP_WORDS,
  STOP_WORDS,
} from "./intent-words.js";
import { profileIntent, type ProfileIntent } from "./intent-profile.js";
import { isGreeting, withoutGreeting } from "./intent-greeting.js";
import { jobReference } from "./intent-jobs.js";
import {
  BOARD,
  BOARD_ASKED,
  HELP,
  HELP_EXAMPLES,
  HELP_TIPS,
  HELP_WORD,
  SOURCES,
  STATUS,
  asksIfBusy,
} from "./intent-commands.js";
import {
  isFollowUp,
  jobNumber,
  reconsider,
  trackAction,
  urlIn,
  withoutRequestWords,
} from "./intent-understanding.js";

export type { RemoteWish, SalaryFloor, WantedEmployment, WantedSeniority } from "./intent-filters.js";

/** Search arguments as the search_jobs tool takes them ("Werkstudent" the tool keeps as a keyword). */
export interface SearchArgs extends Omit<StatedFilters, "remote"> {
  keywords: string;
  place?: string | undefined;
  remote: NonNullable<StatedFilters["remote"]>;
  limit: number;
  offset?: number | undefined;
}

export type Intent =
  | { kind: "search"; args: SearchArgs; refinement: boolean; placeWritten?: string | undefined }
  | { kind: "refresh"; args: SearchArgs; placeWritten?: string | undefined }
  | { kind: "status"; runId?: string | undefined }
  | { kind: "more" }
  | { kind: "details"; n: number }
  | { kind: "mark"; n: number; action: "save" | "hide" | "unsave" | "unhide" }
  | { kind: "saved" }
  | { kind: "track"; url: string; action: "track" | "untrack" }
  | { kind: "sources" }
  | { kind: "dashboard" }
  | { kind: "alert"; request: AlertRequest }
  | { kind: "team"; request: TeamRequest }
  | { kind: "help" }
  | { kind: "greeting" }
  | ProfileIntent;

/**
 * Tells whether a phrase names a place we know (the gazetteer), and its canonical name. `bare` is
 * true when no preposition ("in", "near"…) introduces the phrase, so only well-known places should
 * count (a word like "mobile" is also a town in Alabama).
 */
export type PlaceLookup = (phrase: string, bare: boolean) => string | undefined;

const PLACE_PREPOSITION = /^(in|near|around|at|of|from|bei|um|nahe|nach|aus|von)$/i;

// "in der Nähe von", "rund um", "im Raum", "in und um" all introduce a place as "in" does; folding
// them first keeps "Nähe" from being read as the town of Nahe.
export const NEAR =
  /\b(?:in der )?n(?:ä|ae|a)he (?:von |zu )?|\bin der umgebung (?:von )?|\brund um\b|\bim raum\b|\bin und um\b|\bin the area of\b|\bnear(?:by)?\b/gi;

const REFINE_START =
  /^(only|just|and|but|now|also|what about|how about|same|instead|then|try|make it|probier\w*|versuch\w*|rather|nur|und|aber|auch|jetzt|lieber|eher|dasselbe|das ?selbe|das gleiche|statt|wie w(?:ä|ae)re es mit|wie w(?:ä|ae)r'?s mit|wie sieht'?s|was ist mit)\b/i;

const SAVED =
  /^\W*saved\W*$|\b(saved jobs|my saved|saved ones|gespeichert\w*|gemerkt\w*|merkliste|(?:did|have) i (?:saved?|bookmark\w*|keep|kept|mark\w*|star\w*|merk\w*)|i(?:'ve)? saved|favou?rites?|favorit(?:en)?|bookmarks|(?:bookmarked|starred) (?:jobs|ones|positions|roles|postings|listings))\b/i;
const DASHBOARD =
  /^\W*((open|show|öffne|zeig)( me| mir)? )?(the |my |das )?dashboard([- ](link|login))?( bitte| please| öffnen)?\W*$/i;
// "lade die Jobs in Kiel neu", "hol die Stellen für Bonn neu": the German verb parts around the rest.
const REFRESH =
  /\b(refresh|update|fetch|start a run|run a search|pull (?:in )?(?:new|fresh|the latest)|re-?scan|re-?crawl|re-?run|(?:scan|crawl) (?:the|all|die|alle)|neu laden|lade\w* neue|aktualisier\w*|auffrisch\w*|frisch\w* \S+(?: \S+)? auf|(?:crawl|scan|search|run|check|fetch)(?: (?:it|that|this|them|the search|the scan))? (?:again|once more|one more time)|(?:start|kick off|launch|trigger|begin)(?: a| an| the| another)? (?:new |fresh )?(?:run|search|crawl|scan|fetch)|re-?check|(?:another|a new|a fresh) (?:crawl|scan|run)|hole? (?:neue|frische)|neu (?:holen|abrufen|suchen|durchsuchen)|(?:nochmal|noch einmal|erneut) (?:suchen|durchsuchen)|such\w*\s+(?:nochmal|noch mal|noch einmal|erneut)|(?:such|durch)lauf|(?:lade?|hole?)\b(?:\s+\S+){1,6}\s+neu(?: (?:laden|holen|abrufen))?|(?:nochmal|noch mal|noch einmal|erneut|neu) abrufen|ruf\w*\b(?:\s+\S+){0,6}\s+(?:nochmal|noch mal|noch einmal|erneut|neu)\s+ab)\b/i;
const REFRESHED_THING =
  /\b(?:the|die|den|das|my|meine|fresh|frische)\s+(?:data|daten|search|suche|list|liste|job ?sites|sites|boards|portale|jobb(?:ö|oe|o)rsen|quellen|sources)\b/gi;
/** "in Ulm", "near Bonn", "bei Fulda": a preposition and a capitalised name (case matters here). */
const NAMES_A_PLACE = /\b(?:in|near|around|bei|nahe|um)\s+\p{Lu}/u;
const INSTEAD_OF =
  /\b(?:statt|anstatt|instead of|rather than)\s+(?:(?:in|im|der|dem|den|the)\s+)?[\p{L}-]+/giu;
const JOB_SITES =
  /\b(?:(?:the|all|die|den|alle|allen) )?(?:job ?sites|job ?boards|jobb(?:ö|oe|o)rsen|job ?portals|(?:job|stellen)portale[n]?)\b/gi;
const TRACK =
  /\b(track|tracken|trackt?|monitoren|(?:ü|ue)berwach\w*|follow|watch|monitor|subscribe|add|keep (?:an eye|tabs) on|im (?:auge|blick)|ein auge (?:auf|drauf)|beobacht\w*|verfolg\w*|folge|f(?:ü|ue)g\w*|hinzuf(?:ü|ue)g\w*|abonnier\w*|aufnehm\w*|new source|neue quelle)\b/i;
const UNTRACK =
  /\b(untrack|unfollow|unsubscribe|stop (tracking|following|watching)|remove|drop|delete|get rid of|nimm\b.*\braus|(?:her)?ausnehmen|rausnehmen|entfern\w*|l(?:ö|oe|o)sch\w*|streich\w*|nicht mehr (verfolgen|beobachten)|h(?:ö|oe|o)r\w* auf|(?:don'?t|do not|no longer) (?:watch|track|follow|monitor)|lass\b.*\bweg)\b/i;

// "more", "zeig mehr", "noch mehr bitte", "next page": only these words, with at least one of MORE_CORE
// (or a count after "noch"/"another").
const MORE_CORE = new Set(
  "more mehr weitere weiter continue next nachste nachsten else paar rest restlichen restliche ubrigen ubrige remaining".split(
    " ",
  ),
);
const MORE_WORDS = new Set(
  "show give get send me mir zeig zeige gib noch bitte please pls ok okay and und some the die der den das of them those ones jobs stellen results ergebnisse matches page seite anzeigen can i see let a few couple anything ein paar two three five ten zwei drei funf zehn any got have you there are is do gibt es gibts s hast du habt ihr treffer like to d would want stuck stueck stk pieces another".split(
    " ",
  ),
);
// "noch welche?", "gibt es noch andere?", "any others?": others of the same list, asked for as more.
const MORE_OTHERS = /\b(?:noch|any|some|got|have) (?:welche|andere|anderen|others|other ones)\b/;

/** "mehr", "next 5", "noch 10 weitere": more words, with at most one count. */
function isMore(f: string): boolean {
  const words = f
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ");
  const counts = words.filter((w) => /^\d{1,2}$/.test(w)).length;
  const others = MORE_OTHERS.test(words.join(" "));
  const other = (w: string) => others && /^(?:welche|andere|anderen|others|other)$/.test(w);
  // "noch 5 Stück", "another 3": a count right after "noch"/"another" asks for that many more ("noch die 3" is job 3).
  const anotherCount = words.some(
    (w, i) => (w === "noch" || w === "another") && /^\d{1,2}$/.test(words[i + 1] ?? ""),
  );
  return (
    counts <= 1 &&
    (others || anotherCount || words.some((w) => MORE_CORE.has(w))) &&
    words.every((w) => MORE_CORE.has(w) || MORE_WORDS.has(w) || other(w) || /^\d{1,2}$/.test(w))
  );
}

/** "Python-Jobs", "IT-Stellen", "java-job": the last part only says it is about jobs. */
const JOB_NOUN_SUFFIX = /-(jobs?|stellen?|stellenangebote?|jobangebote?|positions?|roles?)$/i;

/**
 * A phrase without the quotes and punctuation around it; a parenthesis stays when the phrase holds
 * both halves ("Frankfurt (Oder)", "Halle (Saale)" are names; "(Bamberg)" or "Oder)" are not).
 */
function trimPhrase(phrase: string): string {
  let s = phrase;
  for (;;) {
    const before = s;
    s = s.replace(/^["'“]+|["'”.,;:!?]+$/g, "");
    if (s.startsWith("(") && !s.includes(")")) s = s.slice(1);
    if (s.endsWith(")") && !s.includes("(")) s = s.slice(0, -1);
    if (s.startsWith("(") && s.endsWith(")")) s = s.slice(1, -1);
    if (s === before) return s;
  }
}

/**
 * Find a place: "in Frankfurt", "near Bamberg", "around München", "within 30 km of Berlin", or a
 * bare known city anywhere in the text ("python berlin"). Longest known phrase wins.
 */
export function findPlace(text: string, lookup: PlaceLookup): { place: string; phrase: string } | undefined {
  const words = text.split(/\s+/).filter(Boolean);
  let best: { place: string; phrase: string; len: number } | undefined;
  for (let i = 0; i < words.length; i++) {
    const bare = i === 0 || !PLACE_PREPOSITION.test(words[i - 1] ?? "");
    for (let len = Math.min(4, words.length - i); len >= 1; len--) {
      const phrase = trimPhrase(words.slice(i, i + len).join(" "));
      if (phrase.length < 2 || STOP_WORDS.has(foldText(phrase))) continue;
      const place = lookup(phrase, bare);
      if (place && (!best || len > best.len)) best = { place, phrase, len };
    }
  }
  return best ? { place: best.place, phrase: best.phrase } : undefined;
}

/** The intents that are not a search, recognised by their own words; undefined for a search. */
function commandOf(t: string, f: string, greets: boolean): Intent | undefined {
  if (greets) return { kind: "greeting" };
  if (HELP.test(t) || HELP_WORD.test(t) || HELP_TIPS.test(t) || HELP_EXAMPLES.test(t))
    return { kind: "help" };
  const url = urlIn(t);
  if (url && (TRACK.test(t) || UNTRACK.test(t)))
    return { kind: "track", url, action: UNTRACK.test(t) ? "untrack" : "track" };
  if (DASHBOARD.test(t)) return { kind: "dashboard" };
  // With a URL, the sources are where to add it or remove it from: the classifier reads which.
  // "starte eine neue Suche auf den Jobbörsen für Koch in Ulm" names a place: it asks for jobs there.
  if (
    (SOURCES.test(t) || (BOARD.test(t) && BOARD_ASKED.test(t) && /\?\s*$/.test(t))) &&
    !url &&
    !/\bjobs? (in|near|at)\b/i.test(t) &&
    !NAMES_A_PLACE.test(t)
  )
    return { kind: "sources" };
  const runId = /\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/i.exec(t)?.[1];
  if (STATUS.test(t) || asksIfBusy(t)) return { kind: "status", runId };
  if (isMore(f)) return { kind: "more" };
  const ref = jobReference(t);
  if (ref) return ref;
  // "remove 3 from my saved jobs" is about job 3 (the classifier reads what to do with it).
  if (SAVED.test(t) && jobNumber(t) === undefined) return { kind: "saved" };
  return undefined;
}

/** Words of being posted: "posted", "veröffentlicht", "seit gestern online", "since Monday online". */
const POSTED_WORDS =
  /\b(?:posted|ver(?:ö|oe)ffentlicht|ausgeschrieben|erschienen)\b|(?<=\b(?:seit|since|vor|ab|from)\s+[\p{L}\p{N}]+(?:\s+[\p{L}\p{N}]+)?\s+)online\b/giu;

/** What the person does not mind is nothing to search for: "Schichtarbeit egal", "Ort ist mir egal", "weekends don't matter". */
const INDIFFERENT =
  /[\p{L}-]+\s+(?:(?:ist|sind|wäre|waere)\s+)?(?:mir\s+|uns\s+)?(?:egal|wurscht|wumpe)\b|[\p{L}-]+\s+(?:doesn'?t|don'?t|does not|do not)\s+matter\b/giu;

/**
 * What the person would also accept is nothing to search for: "gern auch am Wochenende", "auch
 * abends", "also weekends", "nights too", "Schichtarbeit kein Problem". (Asked for on its own,
 * "Minijob am Wochenende" or "Nachtschicht", it is what they look for and stays.)
 */
const SCHEDULE =
  "(?:wochenende\\p{L}*|feiertag\\p{L}*|sonn- und feiertag\\p{L}*|nachts|abends|morgens|fr(?:ü|ue)h|samstag\\p{L}*|sonntag\\p{L}*|(?:nacht|spät|spaet|fr(?:ü|ue)h|wechsel)?schicht\\p{L}*|weekends?|nights?|evenings?|mornings?|holidays|(?:night |late |early )?shifts?)";
const ACCEPTED = new RegExp(
  `(?:\\b(?:gerne?|ruhig)\\s+)?\\bauch\\s+(?:(?:am|an|in der|zu|mal)\\s+)?${SCHEDULE}|\\b(?:also|even)\\s+(?:(?:on|at|in the|during)\\s+)?${SCHEDULE}|${SCHEDULE}\\s+(?:too|as well|(?:are |is )?(?:fine|ok|okay|no problem)|(?:sind |ist )?(?:kein problem|in ordnung|okay|ok))\\b|[\\p{L}-]+\\s+(?:(?:ist|sind|is|are)\\s+)?(?:kein problem|no problem)\\b`,
  "giu",
);

/**
 * When a job is done, with a preposition ("Kellnerin am Wochenende", "cook on weekends", "Fahrer in
 * der Nacht"), is no keyword beside a job; asked for on its own ("Minijob am Wochenende") or beside
 * only a general kind of work ("Aushilfe am Wochenende", where it is what tells the job) it stays.
 */
const WHEN = new RegExp(`\\b(?:am|an|on|at|in der|during|(?:on|at|in|during) the)\\s+${SCHEDULE}`, "giu");

const GENERAL_WORK =
  /^(?:aushilfe|aushilfen|aushilfskraft|hilfskraft|hilfskr(?:ä|ae)fte|helfer|helferin|helper|helpers|temp|temps|nebenjob|minijob|ferienjob|studentenjob|sch(?:ü|ue)lerjob)$/i;

/** Thanks at either end of a request: "thanks a lot", "vielen Dank im Voraus", "danke schön". */
const THANKS =
  /\b(?:(?:many )?thanks|thank you|thx|cheers)(?: (?:a lot|a bunch|so much|very much|in advance))?\b|\b(?:vielen |besten |herzlichen |tausend )?dank(?:e)?(?: (?:sch(?:ö|oe)n|sehr|dir|euch|im voraus))?\b/giu;

/** A start or posting date by weekday ("seit Montag", "since last Friday", "ab Montag") is no keyword. */
const WEEKDAY_DATE =
  /\b(?:seit|since|ab|from|starting|beginning|von)\s+(?:(?:letztem|letzten|vergangenem|diesem|kommendem|nächstem|naechstem|last|this|next|on)\s+)?(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/giu;

const CONJUNCTION = /^(?:und|oder|and|or)$/i;
/**
 * "Fachkraft für Lagerlogistik", "Elektroniker für Betriebstechnik": a German occupation's official
 * name joins a person (the occupation) and a field with "für", which stays between two kept words
 * as "und" does ("Jobs für Köche" keeps no "Jobs", "Koch für Bonn" no place). After a kind of job,
 * not a person, it says for whom ("Ferienjob für Schüler") and goes.
 */
const TITLE_FOR = /^f(?:ü|ue|u)r$/i;
const KIND_OF_JOB =
  /(?:job|jobs|stelle|stellen|arbeit|platz|angebot|angebote|anstellung|t(?:ä|ae|a)tigkeit)$/i;
/**
 * What separates words: anything but letters, digits and "+#./-", except the star, colon or
 * underscore of a gendered German title ("Erzieher*in", "Lehrer:innen"), which stays as written.
 */
const BETWEEN_WORDS = /(?:(?!(?<=\p{L})[*:_](?=in(?:nen)?\b))[^\p{L}\p{N}+#./-])+/gu;
/** "m/w/d", "w/m/d", "m/f/d": the gender tag of a German job title says nothing to search for. */
const GENDER_TAG = /^[mwfdx]\/[mwfdx](?:\/[mwfdx])?$/i;

/**
 * The words of what is searched for: all but stop words, and "und"/"oder" only between two kept
 * words ("Maler und Lackierer", "Koch oder Küchenhilfe"; not "Koch und in Teilzeit").
 */
function keywordsOf(rest: string): string {
  const wanted = rest.replace(THANKS, " ").replace(WEEKDAY_DATE, " ").replace(INDIFFERENT, " ");
  // "gern auch am Wochenende" and "am Wochenende" go only when something else is asked for ("Minijob am Wochenende" asks for weekends).
  const withoutAccepted = wanted.replace(ACCEPTED, " ");
  const withoutWhen = keywordWords(withoutAccepted.replace(WHEN, " "));
  const accepted =
    withoutWhen !== "" && !withoutWhen.split(" ").every((w) => GENERAL_WORK.test(w))
      ? withoutWhen
      : keywordWords(withoutAccepted);
  return accepted !== "" ? accepted : keywordWords(wanted);
}

function keywordWords(rest: string): string {
  const raw = rest
    .replace(/['’](?:s|d|ll|ve|re)\b/g, "")
    .replace(/['’]/g, "")
    .replace(BETWEEN_WORDS, " ")
    .split(/\s+/)
    .filter((w) => w !== "");
  // "Gesundheits- und Krankenpfleger": a hyphen before "und"/"oder" stands for the shared ending, so it stays.
  const words = raw
    .map((w, i) =>
      /^\p{L}{2,}-$/u.test(w) && CONJUNCTION.test(raw[i + 1] ?? "")
        ? w
        : w.replace(/^[./-]+|[./-]+$/g, "").replace(JOB_NOUN_SUFFIX, ""),
    )
    .filter((w) => w.length > 0);
  const kept = words.map(
    (w) =>
      !isStopWord(foldText(w)) &&
      !LOWER_CASE_STOP_WORDS.has(w) &&
      !GENDER_TAG.test(w) &&
      !isMistypedRequestWord(foldText(w)),
  );
  // "area manager", "social work", "open source developer": a stop word that is part of a title stays.
  const inTitle = keptInTitle(
    words.map((w) => foldText(w)),
    kept,
  );
  for (let i = 0; i < words.length; i++) if (inTitle[i]) kept[i] = true;
  const between = (i: number) => kept[i - 1] === true && kept[i + 1] === true;
  return words
    .filter(
      (w, i) =>
        kept[i] ||
        (CONJUNCTION.test(w) && between(i)) ||
        (TITLE_FOR.test(w) && between(i) && !KIND_OF_JOB.test(words[i - 1] ?? "")),
    )
    .join(" ")
    .trim();
}

/**
 * Turn a chat message into an intent (the offline model's "understanding"): by rules, with the
 * trained intent classifier consulted where the rules found only a search (intent-understanding.ts).
 */
export function parseIntent(text: string, lookup: PlaceLookup, previous?: SearchArgs): Intent {
  const t = text.trim();
  // Team requests first: "who paused the #jobs alert?" asks the audit trail, it pauses nothing.
  const greets = isGreeting(t);
  const team = greets || HELP.test(t) ? undefined : readTeamRequest(t);
  if (team) return { kind: "team", request: team };
  // Alerts next: "my saved searches" and "stop my alerts" are not saved jobs or a search.
  // A URL with a word of following it is a board to track ("kannst du <url> abonnieren?"), no alert.
  const tracksUrl = urlIn(t) !== undefined && (TRACK.test(t) || UNTRACK.test(t));
  const alert = greets || HELP.test(t) || tracksUrl ? undefined : readAlertRequest(t);
  if (alert) return { kind: "alert", request: alert };
  const profile = profileIntent(t, (rest) =>
    rest
      .split(/[,;]/)
      .map((seg) => findPlace(seg, lookup)?.place)
      .filter((p): p is string => p !== undefined),
  );
  if (profile) return profile;
  const command = commandOf(t, foldText(t), greets);
  if (command?.kind === "track") return { ...command, action: trackAction(t, command.action) };
  if (command) return command;

  const ruleKind = REFRESH.test(t) ? "refresh" : "search";
  // "update the data for Munich": what a refresh renews is no keyword.
  // The job sites a search or refresh looks at are not what it looks for.
  // "in Köln statt Bonn": what it replaces is neither keyword nor place.
  // "Guten Tag, ich suche …": the greeting before a request is none of its words.
  const request = withoutGreeting(t);
  const asked = (ruleKind === "refresh" ? request.replace(REFRESHED_THING, " ") : request)
    .replace(JOB_SITES, " ")
    .replace(INSTEAD_OF, " ");
  const { filters, rest: afterFilters } = readFilters(asked.replace(NEAR, " in ").replace(POSTED_WORDS, " "));
  let rest = afterFilters;
  const found = findPlace(rest.replace(/[,;?!]/g, " "), lookup);
  if (found) rest = rest.replace(found.phrase, " ");

  const keywords = keywordsOf(rest);

  const stated = Object.values(filters).some((v) => v !== undefined);
  const saysFollowUp = REFINE_START.test(t);
  // A follow-up in other words ("Teilzeit wäre mir lieber", "same but remote"): the classifier
  // reads the wording, the message must change a filter or the place, and what is left of it is
  // the wish's wording, not new keywords.
  const readAsFollowUp =
    previous !== undefined && !saysFollowUp && (stated || found !== undefined) && isFollowUp(t);
  const refinement =
    previous !== undefined &&
    (saysFollowUp || (keywords === "" && (found !== undefined || stated)) || readAsFollowUp);
  const base: SearchArgs = refinement && previous ? previous : { keywords: "", remote: "any", limit: 5 };
  const keep = <K extends keyof SearchArgs>(k: K): SearchArgs[K] | undefined =>
    refinement ? base[k] : undefined;
  const args: SearchArgs = {
    keywords: refinement && (keywords === "" || readAsFollowUp) ? base.keywords : keywords,
    place: found?.place ?? keep("place"),
    radiusKm: filters.radiusKm ?? keep("radiusKm"),
    remote: filters.remote ?? (refinement ? base.remote : "any"),
    postedWithinDays: filters.postedWithinDays ?? keep("postedWithinDays"),
    employmentType: filters.employmentType ?? keep("employmentType"),
    seniority: filters.seniority ?? keep("seniority"),
    salaryMin: filters.salaryMin ?? keep("salaryMin"),
    rankFor: filters.rankFor ?? keep("rankFor"),
    limit: base.limit,
  };
  // The place as the person wrote it ("Frankfurt"), so a name several places share can be asked about.
  const placeWritten = found?.phrase;
  // "for me" (ranking by the asker's fit) is no sign of a search: "3 is not for me" hides a job.
  const searchStated = Object.entries(filters).some(([k, v]) => k !== "rankFor" && v !== undefined);
  const second = reconsider(t, ruleKind, found !== undefined || searchStated);
  if (second === "refresh") {
    const own = withoutRequestWords(keywords);
    return {
      kind: "refresh",
      args: { ...args, keywords: own === "" && refinement ? base.keywords : own },
      placeWritten,
    };
  }
  if (second) return second;
  if (ruleKind === "refresh") return { kind: "refresh", args, placeWritten };
  return { kind: "search", args, refinement, placeWritten };
}
