// Profile and fit requests, in German and English, read by rules like the rest of intent.ts:
// "show my profile", "forget my profile", "I also know Kubernetes", "I want remote or Frankfurt
// within 30 km, German or English, at least 60k, senior", "why 72 for job 3?", "evaluate all
// Frankfurt jobs for me".
import { readFilters, type SalaryFloor } from "./intent-filters.js";
import { jobNumbersIn } from "./intent-jobs.js";
import { urlIn } from "./intent-url.js";

/** Preferences as update_profile takes them. */
export interface StatedPreferences {
  places?: string[] | undefined;
  radiusKm?: number | undefined;
  remote?: "remote_only" | "remote_ok" | "no_remote" | undefined;
  languages?: string[] | undefined;
  salaryMin?: number | undefined;
  seniority?: "junior" | "senior" | undefined;
  workPermit?: boolean | undefined;
}

export type ProfileIntent =
  | { kind: "profile_show" }
  | { kind: "profile_forget" }
  | { kind: "profile_add"; skills: string[] }
  | { kind: "profile_prefs"; prefs: StatedPreferences }
  | { kind: "explain_fit"; n: number }
  | { kind: "evaluate"; text: string };

const SHOW =
  /^\W*(?:(?:please )?(?:show|display|see|view)(?: me)? my (?:profile|cv)|what(?:'s| is) (?:in )?my profile|my profile|mein profil|(?:zeig\w*|anzeigen)(?: mir)? mein(?:en)? (?:profil|lebenslauf)|mein(?:en)? (?:profil|lebenslauf) (?:an)?(?:zeigen|sehen|ansehen)|was wei(?:ß|ss)t du (?:über|ueber) mich)\W*(?:bitte|please)?\W*$/i;
// "what do you know about me?", "Was steht in meinem Profil?", "was hast du über mich gespeichert?"
const SHOW_ASKED =
  /^\W*(?:(?:zeig\w*|show|tell|sag\w*)(?: mir| me)?\W+)?(?:what|was|which|welche)\b.{0,40}\s(?:about me|(?:ü|ue|u)ber mich|von mir|in my (?:profile|cv)|in meinem (?:profil|lebenslauf)|on my (?:profile|cv))(?:\s+(?:wei(?:ß|ss)t|kennst|hast|gespeichert|gemerkt|know|have|stored|saved))*\W*$/i;
// "lösch alles, was du über mich gespeichert hast", "vergiss alles über mich", "delete everything you know about me"
const FORGET_ALL =
  /^\W*(?:forget|delete|remove|erase|wipe|clear|vergiss|l(?:ö|oe|o)sch\w*|entfern\w*)\b.{0,60}\s(?:about me|(?:ü|ue|u)ber mich|von mir|my data|meine daten)\b/i;
const FORGET =
  /\b(?:forget|delete|remove|erase) (?:my|the) (?:profile|cv|resume)\b|\b(?:vergiss|l(?:ö|oe|o)sch\w*|entfern\w*) (?:mein(?:en)?|das) (?:profil|lebenslauf)\b|\bmein (?:profil|lebenslauf) l(?:ö|oe|o)schen\b/i;
const ADD =
  /^\W*(?:i (?:also )?(?:know|can do|have experience (?:with|in)|am good at|speak)|i (?:also|too) (?:have|hold|got|did|do)|i'?ve also got|add(?: the skills?)?|ich kenne mich (?:auch |gut |sehr gut |bestens )*(?:mit|in)|ich (?:kann|kenne|beherrsche|spreche)(?: auch)?|ich hab(?:e)? (?:auch|au(?:ß|ss)erdem|zus(?:ä|ae|a)tzlich|noch)(?: erfahrung (?:mit|in))?|ich hab(?:e)? erfahrung (?:mit|in)|f(?:ü|ue|u)ge?|nimm|trag\w*|put|note)\s+(.+?)\W*$/i;
// "add Kubernetes to my skills", "füg Python zu meinen Kenntnissen hinzu": where it goes is no skill.
const ADD_TARGET =
  /\s+(?:to|on|in|into|zu|in die|in das|zu den|ins|auf)\s+(?:my|mein\w*|die|das|den)?\s*(?:skills?|profile?|cv|resume|lebenslauf|kenntnisse\w*|f(?:ä|ae|a)higkeiten|skill-?liste)(?:\s+(?:hinzu|auf|ein|an))?$|\s+(?:hinzu|dazu|aus)$/i;
// Adding to the profile needs a place to add to, or words of having or knowing: "nimm Bonn" is no skill.
const ADD_NEEDS_TARGET = /^\W*(?:f(?:ü|ue|u)ge?|nimm|trag\w*|put|note)\b/i;
// "I also have a question" has nothing to add.
// "add 2 to my favourites" saves a job: a list of jobs is no place for skills.
const NO_SKILL =
  /\b(?:questions?|fragen?|problems?|probleme?|ideas?|ideen?|idee|bitte|wish|wunsch|favou?rites?|favoriten|merkliste|bookmarks|saved|watch ?list)\b/i;
const PREFS_START =
  /^\W*(?:i (?:want|would like|'d like|prefer)|i'd prefer|my preferences?(?: are)?|ich (?:m(?:ö|oe|o)chte|will|bevorzuge)|meine w(?:ü|ue|u)nsche)\b/i;
const EXPLAIN_START = /^\W*(?:why|warum|wieso|weshalb|explain|erkl(?:ä|ae|a)r\w*)\b/i;
const EVALUATE =
  /\b(?:evaluate|score|rate|assess|bewerte\w*|einsch(?:ä|ae|a)tz\w*|pr(?:ü|ue|u)f\w* (?:alle|die))\b/i;

const LANGUAGE_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:german|deutsch)\b/i, "de"],
  [/\b(?:english|englisch)\b/i, "en"],
  [/\b(?:french|franz(?:ö|oe|o)sisch)\b/i, "fr"],
  [/\b(?:spanish|spanisch)\b/i, "es"],
];
const PERMIT_YES =
  /\b(?:i have (?:an? )?(?:eu )?work permit|eu citizen|eu-b(?:ü|ue|u)rger\w*|ich habe (?:eine )?arbeitserlaubnis|no visa needed)\b/i;
const PERMIT_NO = /\b(?:i need (?:a )?visa(?: sponsorship)?|need sponsorship|ich brauche (?:ein )?visum)\b/i;

function yearly(s: SalaryFloor | undefined): number | undefined {
  if (!s) return undefined;
  return Math.round(s.min * (s.period === "hour" ? 1720 : s.period === "month" ? 12 : 1));
}

/** Skills named in "I also know Kubernetes and Terraform too". */
function skillList(text: string): string[] {
  return text
    .replace(/\b(?:too|as well|also|auch|noch)\b/gi, " ")
    .split(/,|;|\/|&|\band\b|\bund\b/i)
    .map((s) => s.trim().replace(/^(?:the|das|die|der|den|a|an|ein|eine|einen|ne|nen|'?n)\s+/i, ""))
    .filter((s) => s.length > 0 && s.length <= 60)
    .slice(0, 20);
}

/**
 * Stated preferences in a message, with the places found by `findPlaces`; undefined when the
 * message states none beyond a place (then it is a search).
 */
export function statedPreferences(
  text: string,
  findPlaces: (rest: string) => string[],
): StatedPreferences | undefined {
  const remoteOr = /\bremote (?:or|oder)\b|\b(?:or|oder) remote\b/i.test(text);
  const { filters, rest } = readFilters(text);
  const languages = LANGUAGE_WORDS.filter(([re]) => re.test(text)).map(([, code]) => code);
  const workPermit = PERMIT_YES.test(text) ? true : PERMIT_NO.test(text) ? false : undefined;
  const remote =
    remoteOr || filters.remote === "remote_ok"
      ? "remote_ok"
      : filters.remote === "remote_only" || /\bremote\b/i.test(text)
        ? "remote_only"
        : filters.remote === "no_remote"
          ? "no_remote"
          : undefined;
  const prefs: StatedPreferences = {
    places: findPlaces(rest.replace(/\b(?:remote|or|oder|and|und|german|english|deutsch|englisch)\b/gi, ",")),
    radiusKm: filters.radiusKm,
    remote,
    languages: languages.length > 0 ? languages : undefined,
    salaryMin: yearly(filters.salaryMin),
    seniority: filters.seniority,
    workPermit,
  };
  const stated =
    prefs.radiusKm !== undefined ||
    prefs.languages !== undefined ||
    prefs.salaryMin !== undefined ||
    prefs.seniority !== undefined ||
    prefs.workPermit !== undefined ||
    prefs.remote !== undefined;
  if (!stated) return undefined;
  if (prefs.places?.length === 0) delete prefs.places;
  return prefs;
}

/** A profile or fit request, or undefined for anything else. */
export function profileIntent(
  text: string,
  findPlaces: (rest: string) => string[],
): ProfileIntent | undefined {
  const t = text.trim();
  if (FORGET.test(t) || FORGET_ALL.test(t)) return { kind: "profile_forget" };
  if (SHOW.test(t) || SHOW_ASKED.test(t)) return { kind: "profile_show" };
  if (EXPLAIN_START.test(t)) {
    // "why does the third one score low?": an ordinal names the job as a digit does.
    const nums = jobNumbersIn(t);
    if (nums.length > 0) return { kind: "explain_fit", n: Number(nums[nums.length - 1]) };
  }
  if (PREFS_START.test(t)) {
    const prefs = statedPreferences(t, findPlaces);
    if (prefs) return { kind: "profile_prefs", prefs };
  }
  const add = ADD.exec(t);
  // "add https://… to my sources" adds a job board to follow, not a skill.
  if (
    add?.[1] &&
    urlIn(add[1]) === undefined &&
    !NO_SKILL.test(add[1]) &&
    (!ADD_NEEDS_TARGET.test(t) || ADD_TARGET.test(add[1]))
  ) {
    const skills = skillList(add[1].replace(ADD_TARGET, ""));
    if (skills.length > 0) return { kind: "profile_add", skills };
  }
  if (EVALUATE.test(t) && !/\d{1,3}\s*$/.test(t))
    return {
      kind: "evaluate",
      text: t
        .replace(EVALUATE, " ")
        .replace(/\b(?:all|alle|the|die|for me|für mich|fuer mich|jobs?|stellen)\b/gi, " "),
    };
  return undefined;
}
