// The words of a fit score in English and German: why each hard rule passed, failed or is unknown,
// the labels of the parts, the reasons a card shows. Scores are stored as structure (a reason code
// with its values), so the same score reads in the person's language; the English text is also
// kept beside it for the model and the logs.
export type FitLang = "en" | "de";

/** Values a reason names: distances, places, job kinds, amounts. */
export type ReasonArgs = Record<string, string | number>;

const s = (a: ReasonArgs, k: string) => String(a[k] ?? "");

const MODE_DE: Record<string, string> = {
  remote: "Remote",
  hybrid: "Hybrid",
  onsite: "Vor Ort",
  unknown: "unbekannt",
};
const SENIORITY_DE: Record<string, string> = {
  intern: "Praktikum",
  junior: "Junior",
  mid: "Mid-Level",
  senior: "Senior",
  lead: "Lead",
  executive: "Führungsebene",
};
const LANG_DE: Record<string, string> = {
  English: "Englisch",
  German: "Deutsch",
  French: "Französisch",
  Spanish: "Spanisch",
  Italian: "Italienisch",
  Dutch: "Niederländisch",
  Polish: "Polnisch",
  Turkish: "Türkisch",
  Russian: "Russisch",
  Arabic: "Arabisch",
  Portuguese: "Portugiesisch",
};
const de = (table: Record<string, string>, v: string) => table[v] ?? v;
const languagesDe = (names: string) =>
  names
    .split(", ")
    .map((n) => de(LANG_DE, n))
    .join(", ");

/** Why a rule came out as it did, by code, in each language. */
export const RULE_REASONS = {
  no_place: { en: () => "no place stated", de: () => "kein Ort angegeben" },
  remote_job: { en: () => "remote job", de: () => "Remote-Stelle" },
  no_coordinates: {
    en: () => "the posting gives no coordinates",
    de: () => "die Anzeige nennt keinen genauen Ort",
  },
  within: {
    en: (a: ReasonArgs) => `${s(a, "km")} km from ${s(a, "place")}`,
    de: (a: ReasonArgs) => `${s(a, "km")} km von ${s(a, "place")}`,
  },
  too_far: {
    en: (a: ReasonArgs) => `${s(a, "km")} km from ${s(a, "place")} (more than ${s(a, "radius")} km)`,
    de: (a: ReasonArgs) => `${s(a, "km")} km von ${s(a, "place")} (mehr als ${s(a, "radius")} km)`,
  },
  no_remote_pref: { en: () => "no remote preference stated", de: () => "kein Wunsch zu Remote angegeben" },
  not_said: { en: () => "the posting does not say", de: () => "die Anzeige sagt es nicht" },
  mode_remote_optional: {
    en: (a: ReasonArgs) => `${s(a, "mode")} job, remote optional`,
    de: (a: ReasonArgs) => `${de(MODE_DE, s(a, "mode"))}, Remote ist für dich optional`,
  },
  mode_ok: {
    en: (a: ReasonArgs) => `${s(a, "mode")} job`,
    de: (a: ReasonArgs) => `Stelle: ${de(MODE_DE, s(a, "mode"))}`,
  },
  mode_not_remote: {
    en: (a: ReasonArgs) => `${s(a, "mode")} job`,
    de: (a: ReasonArgs) => `Stelle: ${de(MODE_DE, s(a, "mode"))}, nicht remote`,
  },
  remote_only_job: { en: () => "remote-only job", de: () => "nur remote" },
  language_unknown: {
    en: () => "the posting's language is unknown",
    de: () => "die Sprache der Anzeige ist unbekannt",
  },
  no_language: { en: () => "no working language stated", de: () => "keine Arbeitssprache angegeben" },
  languages_ok: {
    en: (a: ReasonArgs) => s(a, "languages"),
    de: (a: ReasonArgs) => languagesDe(s(a, "languages")),
  },
  needs_language: {
    en: (a: ReasonArgs) => `needs ${s(a, "languages")}`,
    de: (a: ReasonArgs) => `verlangt ${languagesDe(s(a, "languages"))}`,
  },
  no_seniority: { en: () => "no seniority stated", de: () => "keine Erfahrungsstufe angegeben" },
  seniority_ok: {
    en: (a: ReasonArgs) => `${s(a, "level")} role`,
    de: (a: ReasonArgs) => `Stufe ${de(SENIORITY_DE, s(a, "level"))}`,
  },
  seniority_off: {
    en: (a: ReasonArgs) =>
      `${s(a, "level")} role, you are ${s(a, "yours")} (${a.years !== undefined ? `${s(a, "years")} years of experience` : "stated"})`,
    de: (a: ReasonArgs) =>
      `Stufe ${de(SENIORITY_DE, s(a, "level"))}, du bist ${de(SENIORITY_DE, s(a, "yours"))} (${a.years !== undefined ? `${s(a, "years")} Jahre Erfahrung` : "von dir angegeben"})`,
  },
  no_salary_floor: { en: () => "no salary floor stated", de: () => "kein Mindestgehalt angegeben" },
  no_salary: { en: () => "the posting names no salary", de: () => "die Anzeige nennt kein Gehalt" },
  salary_ok: {
    en: (a: ReasonArgs) => `up to ${s(a, "top")} ${s(a, "currency")} a year`,
    de: (a: ReasonArgs) => `bis ${s(a, "top")} ${s(a, "currency")} im Jahr`,
  },
  salary_low: {
    en: (a: ReasonArgs) => `up to ${s(a, "top")} ${s(a, "currency")} a year, below ${s(a, "floor")}`,
    de: (a: ReasonArgs) => `bis ${s(a, "top")} ${s(a, "currency")} im Jahr, unter ${s(a, "floor")}`,
  },
  visa_offered: { en: () => "visa sponsorship offered", de: () => "Visum wird unterstützt" },
  permit_unstated: {
    en: () => "requires a work permit; yours is not stated",
    de: () => "verlangt eine Arbeitserlaubnis; deine ist nicht angegeben",
  },
  permit_ok: {
    en: () => "requires a work permit, you have one",
    de: () => "verlangt eine Arbeitserlaubnis, du hast eine",
  },
  permit_missing: {
    en: () => "requires a work permit, no sponsorship",
    de: () => "verlangt eine Arbeitserlaubnis, ohne Visum-Unterstützung",
  },
} as const;
export type ReasonCode = keyof typeof RULE_REASONS;

export function ruleReason(code: ReasonCode, args: ReasonArgs, lang: FitLang): string {
  return RULE_REASONS[code][lang](args);
}

export const RULE_LABELS: Record<FitLang, Record<string, string>> = {
  en: {
    place: "Place",
    remote: "Remote",
    language: "Language",
    seniority: "Seniority",
    salary: "Salary",
    permit: "Work permit",
  },
  de: {
    place: "Ort",
    remote: "Remote",
    language: "Sprache",
    seniority: "Erfahrungsstufe",
    salary: "Gehalt",
    permit: "Arbeitserlaubnis",
  },
};

export const OUTCOME_WORDS: Record<FitLang, Record<"pass" | "fail" | "unknown", string>> = {
  en: { pass: "pass", fail: "fail", unknown: "unknown" },
  de: { pass: "erfüllt", fail: "nicht erfüllt", unknown: "unbekannt" },
};

/** The words around a breakdown, per language. */
export const FIT_WORDS = {
  en: {
    noRequirements: "Requirements: none recognised in the posting (neutral)",
    requirementsMet: (mm: number, m: number, nm: number, n: number) =>
      `Requirements met: ${mm}/${m} must-have, ${nm}/${n} nice-to-have`,
    similarity: (x: string) => `CV and posting similarity ${x}`,
    floor: "Scores start at 0",
    heading: (total: number, title: string) => `Fit ${total}/100 for “${title}”:`,
    must: "must-have",
    nice: "nice-to-have",
    stated: "stated by you",
    notInCv: "not in your CV",
    quote: (q: string) => `“${q}”`,
    verdict: "Model verdict",
    verdictNotes: {
      unchecked: "The model's verdict was ignored: none of its quotes is in your CV.",
      quota: "Scored without the model's verdict: its quota is used up.",
      unavailable: "Scored without the model's verdict: the model did not answer.",
    },
    computed: (v: number, prompt: string, model: string, embedder: string) =>
      `Computed from profile version ${v} with ${prompt} (model: ${model}, embedder ${embedder}). Unknown rules cost nothing hidden: they are listed above.`,
    missing: "missing",
    statedShort: "stated",
  },
  de: {
    noRequirements: "Anforderungen: keine in der Anzeige erkannt (neutral)",
    requirementsMet: (mm: number, m: number, nm: number, n: number) =>
      `Anforderungen erfüllt: ${mm}/${m} Muss, ${nm}/${n} Kann`,
    similarity: (x: string) => `Ähnlichkeit von Lebenslauf und Anzeige ${x.replace(".", ",")}`,
    floor: "Bewertungen beginnen bei 0",
    heading: (total: number, title: string) => `Passung ${total}/100 für „${title}“:`,
    must: "Muss",
    nice: "Kann",
    stated: "von dir genannt",
    notInCv: "nicht in deinem Lebenslauf",
    quote: (q: string) => `„${q}“`,
    verdict: "Urteil des Modells",
    verdictNotes: {
      unchecked: "Das Urteil des Modells zählt nicht: keines seiner Zitate steht in deinem Lebenslauf.",
      quota: "Ohne Urteil des Modells bewertet: sein Kontingent ist aufgebraucht.",
      unavailable: "Ohne Urteil des Modells bewertet: das Modell hat nicht geantwortet.",
    },
    computed: (v: number, prompt: string, model: string, embedder: string) =>
      `Berechnet aus Profilversion ${v} mit ${prompt} (Modell: ${model}, Embedder ${embedder}). Unbekannte Regeln kosten nichts Verstecktes: sie stehen oben.`,
    missing: "fehlt",
    statedShort: "genannt",
  },
} as const;
