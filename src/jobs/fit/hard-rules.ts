// The hard rules of a fit: place and radius, remote mode, language, seniority, salary floor, work
// permit. Each passes, fails or is unknown — unknown when the posting or the person does not say,
// and shown as such, never a hidden penalty.
import { haversineKm } from "../../core/geo/distance.js";
import { yearlyTop, type Posting, type Seniority } from "../../core/posting.js";
import { foldText } from "../../core/text.js";
import { LANGUAGE_NAMES, LEVEL_RANK } from "../profiles/cv-facts.js";
import type { Profile } from "../profiles/profile.js";
import { ruleReason, type ReasonArgs, type ReasonCode } from "./fit-words.js";

export const ruleNames = ["place", "remote", "language", "seniority", "salary", "permit"] as const;
export type RuleName = (typeof ruleNames)[number];

export interface RuleOutcome {
  rule: RuleName;
  outcome: "pass" | "fail" | "unknown";
  /** Why, in a few words ("12 km from Frankfurt am Main", "on-site job"), in English. */
  reason: string;
  /** The same as a code and its values, so it reads in the person's language (fit-words.ts). */
  code: ReasonCode;
  args: ReasonArgs;
}

const SENIORITY_RANK: Partial<Record<Seniority, number>> = {
  intern: 0,
  junior: 1,
  mid: 2,
  senior: 3,
  lead: 4,
  executive: 5,
};

const PERMIT_REQUIRED =
  /\b(no visa sponsorship|not able to sponsor|cannot sponsor|unable to sponsor|keine visa|kein visum|eu work permit|work permit (is )?required|must be eligible to work|arbeitserlaubnis (ist )?(erforderlich|voraussetzung)|gultige arbeitserlaubnis|eu-?burger)\b/;
const PERMIT_OFFERED =
  /\b(visa sponsorship (is )?(available|provided|offered)|we sponsor visas?|relocation and visa support|visum(sunterstutzung)?)\b/;

const outcome =
  (kind: RuleOutcome["outcome"]) =>
  (rule: RuleName, code: ReasonCode, args: ReasonArgs = {}): RuleOutcome => ({
    rule,
    outcome: kind,
    reason: ruleReason(code, args, "en"),
    code,
    args,
  });
const pass = outcome("pass");
const fail = outcome("fail");
const unknown = outcome("unknown");

function placeRule(p: Posting, profile: Profile): RuleOutcome {
  const places = profile.preferences.places ?? [];
  const remoteOk = profile.preferences.remote === "remote_ok" || profile.preferences.remote === "remote_only";
  if (places.length === 0) return unknown("place", "no_place");
  if (p.remoteMode === "remote" && remoteOk) return pass("place", "remote_job");
  const located = p.locations.filter((l) => l.lat !== undefined && l.lon !== undefined);
  if (located.length === 0) return unknown("place", "no_coordinates");
  let best: { km: number; name: string; radius: number } | undefined;
  for (const w of places)
    for (const l of located) {
      const km = haversineKm(w.lat, w.lon, l.lat!, l.lon!);
      if (!best || km - w.radiusKm < best.km - best.radius) best = { km, name: w.name, radius: w.radiusKm };
    }
  const b = best!;
  const km = Math.round(b.km);
  return b.km <= b.radius
    ? pass("place", "within", { km, place: b.name })
    : fail("place", "too_far", { km, place: b.name, radius: b.radius });
}

function remoteRule(p: Posting, profile: Profile): RuleOutcome {
  const want = profile.preferences.remote;
  if (!want) return unknown("remote", "no_remote_pref");
  if (p.remoteMode === "unknown") return unknown("remote", "not_said");
  if (want === "remote_ok") return pass("remote", "mode_remote_optional", { mode: p.remoteMode });
  if (want === "remote_only")
    return p.remoteMode === "remote"
      ? pass("remote", "remote_job")
      : fail("remote", "mode_not_remote", { mode: p.remoteMode });
  return p.remoteMode === "remote"
    ? fail("remote", "remote_only_job")
    : pass("remote", "mode_ok", { mode: p.remoteMode });
}

/** Languages the person works in: stated, else those of the CV at B2 or above. */
export function workingLanguages(profile: Profile): string[] {
  if (profile.preferences.languages && profile.preferences.languages.length > 0)
    return profile.preferences.languages;
  return profile.facts
    .filter((f) => f.kind === "language" && (f.stated || (LEVEL_RANK[f.level ?? ""] ?? 0) >= LEVEL_RANK.B2!))
    .map((f) => f.value);
}

function languageRule(p: Posting, profile: Profile): RuleOutcome {
  const known = workingLanguages(profile);
  const text = foldText(p.description.slice(0, 20_000));
  const asked = new Set<string>();
  if (p.language !== "und") asked.add(p.language);
  if (
    /\b(fliessend(e|en)? deutsch|sehr gute deutschkenntnisse|deutsch (auf )?(c1|c2|muttersprach)|fluent (in )?german)\b/.test(
      text,
    )
  )
    asked.add("de");
  if (
    /\b(fluent (in )?english|sehr gute englischkenntnisse|fliessend(e|es)? englisch|english (c1|c2))\b/.test(
      text,
    )
  )
    asked.add("en");
  if (asked.size === 0) return unknown("language", "language_unknown");
  if (known.length === 0) return unknown("language", "no_language");
  const missing = [...asked].filter((l) => !known.includes(l));
  const names = (ls: string[]) => ls.map((l) => LANGUAGE_NAMES[l] ?? l).join(", ");
  return missing.length === 0
    ? pass("language", "languages_ok", { languages: names([...asked]) })
    : fail("language", "needs_language", { languages: names(missing) });
}

/** The seniority the person wants, else what their years of experience suggest. */
function wantedSeniority(profile: Profile): { level: Seniority; years?: number } | undefined {
  if (profile.preferences.seniority) return { level: profile.preferences.seniority };
  const years = profile.facts.find((f) => f.kind === "years");
  if (!years) return undefined;
  const y = Number(years.value);
  return { level: y >= 6 ? "senior" : y >= 3 ? "mid" : "junior", years: y };
}

function seniorityRule(p: Posting, profile: Profile): RuleOutcome {
  const want = wantedSeniority(profile);
  if (!want) return unknown("seniority", "no_seniority");
  if (p.seniority === "unknown") return unknown("seniority", "not_said");
  const gap = (SENIORITY_RANK[p.seniority] ?? 2) - (SENIORITY_RANK[want.level] ?? 2);
  return Math.abs(gap) <= 1
    ? pass("seniority", "seniority_ok", { level: p.seniority })
    : fail("seniority", "seniority_off", {
        level: p.seniority,
        yours: want.level,
        ...(want.years !== undefined ? { years: want.years } : {}),
      });
}

function salaryRule(p: Posting, profile: Profile): RuleOutcome {
  const floor = profile.preferences.salaryMin;
  if (!floor) return unknown("salary", "no_salary_floor");
  const s = p.salary;
  const yearly = yearlyTop(s);
  if (!s || yearly === undefined) return unknown("salary", "no_salary");
  const k = (n: number) => `${Math.round(n / 1000)}k`;
  return yearly >= floor
    ? pass("salary", "salary_ok", { top: k(yearly), currency: s.currency })
    : fail("salary", "salary_low", { top: k(yearly), currency: s.currency, floor: k(floor) });
}

function permitRule(p: Posting, profile: Profile): RuleOutcome {
  const text = foldText(p.description.slice(0, 20_000));
  const has = profile.preferences.workPermit;
  if (PERMIT_OFFERED.test(text)) return pass("permit", "visa_offered");
  if (!PERMIT_REQUIRED.test(text)) return unknown("permit", "not_said");
  if (has === undefined) return unknown("permit", "permit_unstated");
  return has ? pass("permit", "permit_ok") : fail("permit", "permit_missing");
}

/** Every hard rule for this job and person, in a fixed order. */
export function hardRules(p: Posting, profile: Profile): RuleOutcome[] {
  return [
    placeRule(p, profile),
    remoteRule(p, profile),
    languageRule(p, profile),
    seniorityRule(p, profile),
    salaryRule(p, profile),
    permitRule(p, profile),
  ];
}
