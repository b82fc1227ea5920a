// The search filters a request states in words — time window, remote mode, radius, employment type,
// seniority, salary floor — read by phrase tables in German and English. Each reader removes the
// phrase it used, so what is left of the message are the keywords and the place.

/** Employment types a person can ask for: the posting schema's, plus German "Werkstudent". */
export type WantedEmployment =
  | "full_time"
  | "part_time"
  | "contract"
  | "temporary"
  | "internship"
  | "apprenticeship"
  | "mini_job"
  | "working_student";

export type WantedSeniority = "junior" | "senior";
export type RemoteWish = "any" | "remote_only" | "remote_ok" | "no_remote" | "hybrid";

/** A salary floor as said: 60000 a year, 4000 a month, 15 an hour. */
export interface SalaryFloor {
  min: number;
  period: "hour" | "month" | "year";
}

export interface StatedFilters {
  postedWithinDays?: number | undefined;
  remote?: RemoteWish | undefined;
  radiusKm?: number | undefined;
  employmentType?: WantedEmployment | undefined;
  seniority?: WantedSeniority | undefined;
  salaryMin?: SalaryFloor | undefined;
  /** "best for me" ranks by the asker's fit, "best for the team" by the members' best fit. */
  rankFor?: "me" | "team" | undefined;
}

// Umlauts as typed: "ö", "oe" or a plain "o".
const OE = "(?:ö|oe|o)";
const UE = "(?:ü|ue|u)";

const NUMBER_WORDS: Record<string, number> = { zwei: 2, two: 2, drei: 3, three: 3, vier: 4, four: 4 };
const count = (s: string | undefined): number => NUMBER_WORDS[s?.toLowerCase() ?? ""] ?? Number(s);

const TIME: Array<[RegExp, (m: RegExpExecArray) => number]> = [
  [/\b(?:seit|since) (?:gestern|yesterday)\b|\b(?:von )?heute\b|\btoday\b|\blast 24 ?h(?:ours)?\b/i, () => 1],
  [
    /\b(?:(?:in )?(?:the )?(?:last|past) (\d{1,2}|two|three|four) weeks|(?:der |die |in den )?letzten (\d{1,2}|zwei|drei|vier) wochen)\b/i,
    (m) => 7 * count(m[1] ?? m[2]),
  ],
  [
    /\b(?:(?:in )?(?:the )?(?:last|past) (\d{1,3}) days?|(?:der |die |in den )?letzten? (\d{1,3}) tagen?)\b/i,
    (m) => count(m[1] ?? m[2]),
  ],
  [/\b(?:(?:this|past|last) week|(?:von |aus )?diese[rn]? woche)\b/i, () => 7],
  [/\b(?:(?:this|past|last) month|(?:von |aus )?diese[mn]? monat)\b/i, () => 30],
];

// First match wins, in this order: explicit "no remote", explicit "only remote", "remote ok", hybrid,
// then a bare "remote"/"Homeoffice" word.
const REMOTE: Array<[RegExp, RemoteWish]> = [
  [
    new RegExp(
      `\\b(?:no remote|not remote|on-?site(?: only)?|in[- ]office|(?:nur )?vor ort|(?:ohne|kein(?:e|en)?) (?:homeoffice|home[- ]office|remote))\\b`,
      "i",
    ),
    "no_remote",
  ],
  [
    /\b(?:(?:nur|only|fully|komplett|ausschlie(?:ß|ss)lich|100 ?%) (?:remote|homeoffice|home[- ]office)|remote only)\b/i,
    "remote_only",
  ],
  [
    new RegExp(
      `\\b(?:remote (?:is )?(?:ok|okay|fine|possible|welcome|too)|or remote|remote allowed|auch remote|remote m${OE}glich|(?:mit )?(?:homeoffice|home[- ]office)(?:[- ]option| m${OE}glich|[- ]m${OE}glichkeit(?:en)?| anteil)?)\\b`,
      "i",
    ),
    "remote_ok",
  ],
  [/\bhybrid\w*\b/i, "hybrid"],
  [/\bremote(?:[- ]jobs?| ones| roles| work)?\b/i, "remote_only"],
];

const RANK_FOR: Array<[RegExp, "me" | "team"]> = [
  [
    new RegExp(
      `\\b(?:(?:the )?best |am besten |am meisten )?(?:for (?:the|our|my) team|f${UE}r (?:das|unser|mein) team|f${UE}rs team|(?:for|f${UE}r) (?:the )?team)\\b`,
      "i",
    ),
    "team",
  ],
  [new RegExp(`\\b(?:(?:the )?best |am besten |am meisten )?(?:for me|f${UE}r mich)\\b`, "i"), "me"],
];

const RADIUS =
  /(?:\b(?:within|up to|im umkreis von|im umkreis|umkreis(?: von)?|bis(?: zu)?|max(?:imal)?\.?|in)\s*)?\b(\d{1,3})\s?(?:km|kilometern?|kilometers?)\b(?:\s*(?:of|from|around|von|um|rund um))?/i;

const EMPLOYMENT: Array<[RegExp, WantedEmployment]> = [
  [/\b(?:werkstudent\w*|working students?)\b/i, "working_student"],
  [/\b(?:ausbildung\w*(?: (?:zum|zur|als))?|apprenticeships?(?: as(?: an?)?)?|azubi)\b/i, "apprenticeship"],
  [/\b(?:(?:pflicht)?praktik(?:um|a|ant\w*)(?: im bereich)?|internships?|intern)\b/i, "internship"],
  [/\b(?:mini[- ]?jobs?(?:-basis)?|(?:450|520|538)[- ]euro[- ]jobs?)\b/i, "mini_job"],
  [/\b(?:(?:in )?teilzeit\w*|part[- ]time)\b/i, "part_time"],
  [/\b(?:(?:in )?vollzeit\w*|full[- ]time)\b/i, "full_time"],
  [/\b(?:freelance\w*(?: projekte?)?|freiberuflich\w*|contract(?:or)?)\b/i, "contract"],
  [/\bbefristet\w*\b/i, "temporary"],
];

const SENIORITY: Array<[RegExp, WantedSeniority]> = [
  [/\b(?:senior(?:positionen?|stellen?|rollen?|jobs?)?|sr\.|erfahrene[rnm]?|experienced)\b/i, "senior"],
  [
    /\b(?:junior|jr\.|(?:berufs)?einsteiger\w*|einstiegs\w*|entry[- ]level|graduates?|absolvent\w*)\b/i,
    "junior",
  ],
];

const SALARY = new RegExp(
  [
    `(?:\\b(?:ab|mindestens|min\\.|at least|paying(?: at least)?|from|${UE}ber|over|mehr als|more than)\\s+)?`,
    `\\b(\\d{1,3}(?:[.,]\\d{3})+|\\d+)(\\s?k\\b|\\s?tsd\\.?)?(\\+)?`,
    `\\s*(€|eur\\b|euro\\b)?\\s*(?:brutto|netto|gross)?`,
    `\\s*(?:(?:im|pro|per|a|die|the|in der|je) (jahr|year|monat|month|stunde|hour)|(jahresgehalt)|(stundenlohn))?`,
  ].join(""),
  "i",
);
const SALARY_CUE = new RegExp(
  `^(?:ab|mindestens|min\\.|at least|paying|from|${UE}ber|over|mehr als|more than)`,
  "i",
);

function salaryFrom(m: RegExpExecArray): SalaryFloor | undefined {
  const [all, digits = "", k, plus, currency, unit, yearly, hourly] = m;
  if (!SALARY_CUE.test(all.trim()) && !k && !plus && !currency && !unit && !yearly && !hourly)
    return undefined;
  const amount = Number(digits.replace(/[.,](?=\d{3}\b)/g, "").replace(",", ".")) * (k ? 1000 : 1);
  if (!Number.isFinite(amount) || amount <= 0) return undefined;
  const u = (unit ?? "").toLowerCase();
  const period: SalaryFloor["period"] =
    hourly || u === "stunde" || u === "hour"
      ? "hour"
      : u === "monat" || u === "month"
        ? "month"
        : yearly || u === "jahr" || u === "year"
          ? "year"
          : amount < 200
            ? "hour"
            : amount < 20_000
              ? "month"
              : "year";
  return { min: amount, period };
}

/** Read the filters a message states; returns them and the message without their phrases. */
export function readFilters(text: string): { filters: StatedFilters; rest: string } {
  let rest = ` ${text} `;
  const filters: StatedFilters = {};
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(rest);
    if (m) rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m;
  };
  for (const [re, days] of TIME) {
    const m = take(re);
    if (m) {
      filters.postedWithinDays = days(m);
      break;
    }
  }
  for (const [re, mode] of REMOTE) {
    if (!take(re)) continue;
    filters.remote ??= mode;
    // "ohne Homeoffice, nur vor Ort": every phrase of the same wish goes.
    while (take(re));
  }
  const radius = RADIUS.exec(rest);
  if (radius) {
    filters.radiusKm = Number(radius[1]);
    // The place that follows "30 km um" is introduced as by a preposition.
    rest = `${rest.slice(0, radius.index)} in ${rest.slice(radius.index + radius[0].length)}`;
  }
  for (const [re, type] of EMPLOYMENT) {
    if (take(re)) {
      filters.employmentType = type;
      break;
    }
  }
  for (const [re, level] of SENIORITY) {
    if (!take(re)) continue;
    filters.seniority ??= level;
    while (take(re));
  }
  for (const [re, who] of RANK_FOR) {
    if (!take(re)) continue;
    filters.rankFor ??= who;
    while (take(re));
  }
  const salary = new RegExp(SALARY.source, "gi");
  for (const m of rest.matchAll(salary)) {
    const floor = salaryFrom(m);
    if (!floor) continue;
    filters.salaryMin = floor;
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    break;
  }
  return { filters, rest };
}
