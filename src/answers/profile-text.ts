// How a profile reads in chat, in English and German: what was read from a CV, "show my profile",
// what was added or forgotten. Facts show the CV lines they stand on (L3), so each can be checked.
import { detectLanguage } from "../agents/language.js";
import type { Profile, ProfileFact } from "../jobs/profiles/profile.js";

type Lang = "en" | "de";

const KIND: Record<Lang, Record<ProfileFact["kind"], string>> = {
  en: {
    title: "Titles",
    skill: "Skills",
    years: "Experience",
    language: "Languages",
    place: "Places",
    degree: "Education",
  },
  de: {
    title: "Titel",
    skill: "Kenntnisse",
    years: "Erfahrung",
    language: "Sprachen",
    place: "Orte",
    degree: "Ausbildung",
  },
};

const T = {
  en: {
    read: (name: string, lines: number) =>
      `I read your CV “${name}” (${lines} lines) into your profile. Only you can see it.`,
    noProfile:
      "You have no profile yet. Send me your CV (PDF, DOCX or text), or tell me what you know, e.g. “I also know Kubernetes”.",
    heading: (v: number, name: string | null) =>
      `Your profile (version ${v}${name ? `, from “${name}”` : ""}):`,
    years: (y: string) => `${y} years`,
    stated: "stated",
    preferences: "Preferences",
    noPreferences: "no preferences stated yet (e.g. “I want remote or Frankfurt within 30 km, at least 60k”)",
    linesHint: (n: number) => `${n} CV lines kept verbatim (L1–L${n}); scores quote them.`,
    forgotten: "I deleted your profile: CV text, facts, preferences and scores.",
    nothingToForget: "There was no profile to forget.",
    added: (what: string) => `Added to your profile (stated by you): ${what}.`,
    prefsSaved: (what: string) => `Saved your preferences: ${what}.`,
    next: "Say “show my profile” to check it, or search for jobs: they are ranked by fit now.",
    reading: (name: string) => `Reading your CV “${name}”`,
    readDone: (name: string) => `Read your CV “${name}”`,
    readFailed: (name: string) => `Could not read “${name}”`,
    prefs: {
      remote: { remote_only: "remote only", remote_ok: "remote ok", no_remote: "no remote" },
      place: (name: string, km: number) => `${name} within ${km} km`,
      languages: (list: string) => `languages ${list}`,
      salaryMin: (k: number) => `at least ${k}k a year`,
      seniority: {
        intern: "intern",
        junior: "junior",
        mid: "mid",
        senior: "senior",
        lead: "lead",
        executive: "executive",
      },
      permit: "has a work permit",
      visa: "needs visa sponsorship",
    },
  },
  de: {
    read: (name: string, lines: number) =>
      `Ich habe deinen Lebenslauf „${name}“ (${lines} Zeilen) in dein Profil übernommen. Nur du kannst es sehen.`,
    noProfile:
      "Du hast noch kein Profil. Schick mir deinen Lebenslauf (PDF, DOCX oder Text) oder sag mir, was du kannst, z. B. „Ich kann auch Kubernetes“.",
    heading: (v: number, name: string | null) =>
      `Dein Profil (Version ${v}${name ? `, aus „${name}“` : ""}):`,
    years: (y: string) => `${y} Jahre`,
    stated: "von dir genannt",
    preferences: "Wünsche",
    noPreferences:
      "noch keine Wünsche genannt (z. B. „remote oder Frankfurt im Umkreis von 30 km, mindestens 60k“)",
    linesHint: (n: number) =>
      `${n} Zeilen des Lebenslaufs wörtlich gespeichert (L1–L${n}); Bewertungen zitieren sie.`,
    forgotten: "Ich habe dein Profil gelöscht: Lebenslauf, Fakten, Wünsche und Bewertungen.",
    nothingToForget: "Es gab kein Profil zum Löschen.",
    added: (what: string) => `Zu deinem Profil hinzugefügt (von dir genannt): ${what}.`,
    prefsSaved: (what: string) => `Deine Wünsche sind gespeichert: ${what}.`,
    next: "Sag „zeig mein Profil“, um es zu prüfen, oder suche nach Stellen: sie sind jetzt nach Passung sortiert.",
    reading: (name: string) => `Ich lese deinen Lebenslauf „${name}“`,
    readDone: (name: string) => `Lebenslauf „${name}“ gelesen`,
    readFailed: (name: string) => `„${name}“ konnte nicht gelesen werden`,
    prefs: {
      remote: { remote_only: "nur remote", remote_ok: "auch remote", no_remote: "ohne remote" },
      place: (name: string, km: number) => `${name} im Umkreis von ${km} km`,
      languages: (list: string) => `Sprachen ${list}`,
      salaryMin: (k: number) => `mindestens ${k}k im Jahr`,
      seniority: {
        intern: "Praktikum",
        junior: "Junior",
        mid: "Berufserfahren",
        senior: "Senior",
        lead: "Lead",
        executive: "Führungsposition",
      },
      permit: "Arbeitserlaubnis vorhanden",
      visa: "braucht ein Visum",
    },
  },
} as const;

export function profileTexts(lang: Lang) {
  return T[lang];
}

function factText(f: ProfileFact, lang: Lang): string {
  const value = f.kind === "years" ? T[lang].years(f.value) : f.value;
  const level = f.level ? ` ${f.level}` : "";
  const where = f.stated
    ? ` (${T[lang].stated})`
    : f.lines.length > 0
      ? ` (${f.lines.map((n) => `L${n}`).join(", ")})`
      : "";
  return `${value}${level}${where}`;
}

/** The preferences as one line ("remote ok; Frankfurt am Main within 30 km; at least 60k a year"). */
export function preferencesText(p: Profile["preferences"], lang: Lang = "en"): string {
  const w = T[lang].prefs;
  const parts: string[] = [];
  if (p.remote) parts.push(w.remote[p.remote]);
  for (const place of p.places ?? []) parts.push(w.place(place.name, place.radiusKm));
  if (p.languages?.length) parts.push(w.languages(p.languages.join(", ")));
  if (p.salaryMin) parts.push(w.salaryMin(Math.round(p.salaryMin / 1000)));
  if (p.seniority) parts.push(w.seniority[p.seniority]);
  if (p.workPermit !== undefined) parts.push(p.workPermit ? w.permit : w.visa);
  return parts.join("; ");
}

/** A profile as shown and as given to a model: facts and preferences, the CV lines only counted. */
export type ProfileView = Pick<Profile, "version" | "sourceName" | "facts" | "preferences"> & {
  lineCount: number;
};

export function profileView(p: Profile): ProfileView {
  return {
    version: p.version,
    sourceName: p.sourceName,
    facts: p.facts,
    preferences: p.preferences,
    lineCount: p.lines.length,
  };
}

/** "show my profile": facts by kind with their lines, preferences, and how many lines are kept. */
export function renderProfile(p: ProfileView | undefined | null, lang: Lang = "en"): string {
  const t = T[lang];
  if (!p) return t.noProfile;
  const lines = [t.heading(p.version, p.sourceName)];
  for (const kind of ["title", "years", "skill", "language", "degree", "place"] as const) {
    const facts = p.facts.filter((f) => f.kind === kind);
    if (facts.length > 0)
      lines.push(`- ${KIND[lang][kind]}: ${facts.map((f) => factText(f, lang)).join(", ")}`);
  }
  lines.push(`- ${t.preferences}: ${preferencesText(p.preferences, lang) || t.noPreferences}`);
  if (p.lineCount > 0) lines.push(t.linesHint(p.lineCount));
  return lines.join("\n");
}

/** The answer to a CV that was read. */
export function renderProfileRead(p: Profile, lang: Lang = "en"): string {
  const t = T[lang];
  return `${t.read(p.sourceName ?? "CV", p.lines.length)}\n\n${renderProfile(profileView(p), lang)}\n\n${t.next}`;
}

/** The language a profile's CV is written in, for answers that have no message to go by (a button). */
export function profileLanguage(profile: Profile): Lang | undefined {
  return detectLanguage(
    profile.lines
      .slice(0, 40)
      .map((l) => l.text)
      .join(" "),
  );
}
