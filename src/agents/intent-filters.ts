// The search filters a request states in words — time window, remote mode, radius, employment type,
// seniority, salary floor — read by phrase tables in German and English. Each reader removes the
// phrase it used, so what is left of the message are the keywords and the place.

import { foldText } from "../core/text.js";

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
const AE = "(?:ä|ae|a)";
const UE = "(?:ü|ue|u)";

const NUMBER_WORDS: Record<string, number> = {
  ein: 1,
  einen: 1,
  one: 1,
  zwei: 2,
  two: 2,
  drei: 3,
  three: 3,
  vier: 4,
  four: 4,
  fünf: 5,
  fuenf: 5,
  five: 5,
  sechs: 6,
  six: 6,
  sieben: 7,
  seven: 7,
  acht: 8,
  eight: 8,
  neun: 9,
  nine: 9,
  zehn: 10,
  ten: 10,
  vierzehn: 14,
  fourteen: 14,
};
const NUMBER_WORD =
  "ein|einen|one|zwei|two|drei|three|vier|four|f(?:ü|ue)nf|five|sechs|six|sieben|seven|acht|eight|neun|nine|zehn|ten|vierzehn|fourteen";
const count = (s: string | undefined): number => NUMBER_WORDS[s?.toLowerCase() ?? ""] ?? Number(s);

// Days in a unit, by its first letter: Tag/day, Woche/week, Monat/month.
const DAYS_PER: Readonly<Record<string, number>> = { d: 1, t: 1, w: 7, m: 30 };
const AMOUNT = `\\d{1,3}|${NUMBER_WORD}|eine[nm]?|an?`;
const TIME: Array<[RegExp, (m: RegExpExecArray) => number]> = [
  // An age limit: "nicht älter als eine Woche", "no older than 3 days", "höchstens 2 Wochen alt"
  // ("höchstens 3 Tage pro Woche" is no age: without "als"/"than" the word "alt"/"old" must follow).
  [
    new RegExp(
      `\\b(?:(?:nicht|not|no) (?:${AE}lter|older) (?:als|than) (${AMOUNT}) (tag|day|woche|week|monat|month)\\w*(?: alt| old)?|(?:h${OE}chstens|at most|max(?:imal)?\\.?) (${AMOUNT}) (tag|day|woche|week|monat|month)\\w* (?:alt|old))\\b`,
      "i",
    ),
    (m) => {
      const [amount, unit] = m[1] ? [m[1], m[2]] : [m[3], m[4]];
      return (
        (/^(?:eine[nm]?|an?)$/i.test(amount ?? "") ? 1 : count(amount)) *
        (DAYS_PER[foldText(unit ?? "")[0] ?? "t"] ?? 1)
      );
    },
  ],
  [/\b(?:in )?(?:the )?(?:last|past) fortnight\b/i, () => 14],
  [
    /\b(?:seit|since|von|from) (?:gestern|yesterday)(?: (?:und|and|oder|or) (?:heute|today))?\b|\b(?:von )?heute\b|\btoday\b|\b(?:last|past) 24 ?h(?:ours)?\b|\b(?:letzten|vergangenen) 24 ?(?:h|stunden)\b/i,
    () => 1,
  ],
  [
    /\b(?:seit|since) (?:vorgestern|the day before yesterday)\b|\b(?:last|past) 48 ?h(?:ours)?\b|\b(?:letzten|vergangenen) 48 ?(?:h|stunden)\b/i,
    () => 2,
  ],
  [
    new RegExp(
      `\\b(?:(?:in )?(?:the )?(?:last|past) (\\d{1,2}|${NUMBER_WORD}) weeks|(?:der |die |in den )?(?:letzten?|vergangenen?) (\\d{1,2}|${NUMBER_WORD}) wochen)\\b`,
      "i",
    ),
    (m) => 7 * count(m[1] ?? m[2]),
  ],
  [
    new RegExp(
      `\\b(?:(?:in )?(?:the )?(?:last|past) (\\d{1,3}|${NUMBER_WORD}) days?|(?:der |die |in den )?(?:letzten?|vergangenen?) (\\d{1,3}|${NUMBER_WORD}) tagen?)\\b`,
      "i",
    ),
    (m) => count(m[1] ?? m[2]),
  ],
  [
    /\b(?:(?:this|past|last) week|(?:von |aus |seit )?(?:diese[rn]?|letzte[rn]?|vergangene[rn]?) woche)\b/i,
    () => 7,
  ],
  [
    /\b(?:(?:this|past|last) month|(?:von |aus |seit )?(?:diese[mn]?|letzte[mn]?|vergangene[mn]?) monat)\b/i,
    () => 30,
  ],
];

// First match wins, in this order: days split between office and home (hybrid), explicit "no
// remote", explicit "only remote", "remote ok", hybrid, then a bare "remote"/"Homeoffice" word.
const REMOTE: Array<[RegExp, RemoteWish]> = [
  // Days split between office and home: "hybrid 3 days office", "2 Tage Homeoffice".
  [
    new RegExp(
      `\\b(?:hybrid\\w*(?:\\s+\\d\\s*(?:days?|tage?)(?:\\s+(?:in the |im |in )?(?:office|b${UE}ro|homeoffice|home[- ]office|remote|vor ort))?)?|\\d\\s*(?:days?|tage?)(?:\\s+(?:a |per |pro |die |in der )?(?:week|woche))?\\s+(?:in the |im |in )?(?:office|b${UE}ro|homeoffice|home[- ]office|remote|vor ort)(?:\\s+(?:a |per |pro |die |in der )?(?:week|woche))?)\\b`,
      "i",
    ),
    "hybrid",
  ],
  [
    new RegExp(
      `\\b(?:(?:no|not|without|ohne|kein(?:e|en)?) (?:homeoffice|home[- ]office|remote(?:[- ]work(?:ing)?|[- ]arbeit)?|wfh|working from home|work from home)|(?:fully |only )?on[- ]?site(?: only)?|in[- ]office|in[- ]person(?: only)?|(?:nur )?vor ort|(?:nur )?in pr${AE}senz|pr${AE}senz(?:stelle|arbeit)?)\\b`,
      "i",
    ),
    "no_remote",
  ],
  // Working from home is the whole job's place: "komplett von zuhause", "nur im Homeoffice", "from home".
  [
    /\b(?:(?:nur|only|fully|komplett|ausschlie(?:ß|ss)lich|100 ?%) (?:(?:im|von|from|at|in) )?(?:remote|homeoffice|home[- ]office|zu ?hause|daheim|home)|remote only|(?:work(?:ing)? )?from home|wfh|von (?:zu ?hause|daheim)(?: aus)?)\b/i,
    "remote_only",
  ],
  // "teilweise Homeoffice" is hybrid, before "Homeoffice" reads as remote ok.
  [/\bteil(?:weise|s) (?:remote|homeoffice|home[- ]office)\b/i, "hybrid"],
  [
    new RegExp(
      `\\b(?:remote (?:is )?(?:ok|okay|fine|possible|welcome|too)|remote[- ]friendly|mobile[nms]? arbeiten|mobile work(?:ing)?|or remote|remote allowed|(?:mit )?(?:der )?(?:option|m${OE}glichkeit) (?:auf|zu|zum|f${UE}r) (?:homeoffice|home[- ]office|remote)|auch remote|remote m${OE}glich|(?:mit )?(?:homeoffice|home[- ]office)(?:[- ]option| m${OE}glich|[- ]m${OE}glichkeit(?:en)?| anteil)?)\\b`,
      "i",
    ),
    "remote_ok",
  ],
  [/\bhybrid\w*\b/i, "hybrid"],
  [/\bremote(?:[- ]jobs?| ones| roles| work|[- ]first)?\b/i, "remote_only"],
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

// "30 km um", "im 20-km-Umkreis", "50km radius", "25 km Umkreis von": the radius and the words of a radius around it.
const RADIUS =
  /(?:\b(?:within|up to|no more than|not more than|no further than|at most|h(?:ö|oe|o)chstens|nicht (?:mehr|weiter) als|innerhalb(?: von)?|im umkreis von|im umkreis|umkreis(?: von)?|bis(?: zu)?|max(?:imal)?\.?|in|im|a|an|einem|einen)\s*)?\b(\d{1,3})[\s-]?(?:km|kilometern?|kilometers?|kilometres?|(mi|miles?|meilen))\b(?:[\s-]*(?:umkreis|radius|entfernung|distance|away|entfernt)\b)?(?:\s*(?:of|from|around|von|um|rund um)\b)?/i;
const KM_PER_MILE = 1.609;

const EMPLOYMENT: Array<[RegExp, WantedEmployment]> = [
  [/\b(?:werkstudent\p{L}*|working students?)\b/iu, "working_student"],
  [
    /(?<!\b(?:ohne|keine?|without)\s)\b(?:(?:ausbildung|lehrstelle)\p{L}*(?: (?:zum|zur|als))?|apprenticeships?(?: as(?: an?)?)?|azubi)\b/iu,
    "apprenticeship",
  ],
  [/\b(?:(?:pflicht)?praktik(?:um\p{L}*|a|ant\p{L}*)(?: im bereich)?|internships?|intern)\b/iu, "internship"],
  [/\b(?:mini[- ]?jobs?|(?:450|520|538)[- ]?(?:euro|€)[- ]?(?:jobs?|basis))(?:[- ]?basis)?\b/iu, "mini_job"],
  [/\b(?:(?:(?<![*:_/])in )?teilzeit\p{L}*|halbtags|part[- ]time)\b/iu, "part_time"],
  [/\b(?:(?:(?<![*:_/])in )?vollzeit\p{L}*|full[- ]time)\b/iu, "full_time"],
  // "permanent contract", "fester Vertrag" is an employment, not contract work.
  [
    /\b(?:freelance\p{L}*(?: projekte?)?|freiberuflich\p{L}*|(?<!\b(?:permanent|fixed|employment|work|job)\s)contract(?:or)?)\b/iu,
    "contract",
  ],
  [
    /\b(?:befristet\p{L}*|zeitarbeit\p{L}*|leiharbeit\p{L}*|temporary|temp(?= (?:work|jobs?|positions?|roles?)))\b/iu,
    "temporary",
  ],
];

const SENIORITY: Array<[RegExp, WantedSeniority]> = [
  [
    // Experience asked for is the senior level: "mit Erfahrung", "mit mehrjähriger Berufserfahrung",
    // "with 5 years of experience", "3+ Jahre Erfahrung" ("ohne Erfahrung" is read as no wish at all).
    new RegExp(
      `\\b(?:senior(?:positionen?|stellen?|rollen?|jobs?)?(?:[- ]level)?|sr\\.|erfahrene[rnm]?|experienced|(?:mit|with)\\s+(?:(?:\\d{1,2}\\+?|mehreren|einigen|vielen|several|many|some|a few)\\s+(?:jahren?|years?)\\s+(?:of\\s+)?|(?:mehrj${AE}hriger|langj${AE}hriger|einiger|viel|relevanter|relevant|prior|proven|solid)\\s+)?(?:berufs)?(?:erfahrung|experience)|\\d{1,2}\\+?\\s+(?:jahre?n?|years?)\\s+(?:of\\s+)?(?:berufs)?(?:erfahrung|experience))\\b`,
      "iu",
    ),
    "senior",
  ],
  [
    /\b(?:junior(?:[- ]level)?|jr\.|(?:berufs)?einsteiger\p{L}*|einstiegs\p{L}*|(?:berufs)?anf(?:ä|ae|a)nger\p{L}*|entry[- ]level|graduates?(?: (?:schemes?|programm?es?|programs?))?|absolvent\p{L}*)\b/iu,
    "junior",
  ],
];

// A pay period as said after the figure: "im Monat", "per hour", "monatlich", "p.a.", "/h", "a year".
const PERIOD = `(?:(?:im|pro|per|a|an|die|the|in der|je|each|every) (jahr|year|monat|month|stunde|hour)|\\/\\s?(std|h|hr|stunde|hour|monat|month|mo|jahr|year|yr|a)\\b|(monatlich|monthly|j${AE}hrlich|annually|yearly|per annum|p\\.\\s?a\\.?|st${UE}ndlich|hourly)|(jahresgehalt)|(stundenlohn|monatsgehalt))`;
const CURRENCY = `(€|\\$|£|eur\\b|euros?\\b|bucks\\b|dollars?\\b|pounds?\\b|chf\\b|franken\\b)`;
// What introduces a floor: "ab", "at least", "over"; before it, or alone, words of the pay itself
// ("paying over 75k", "that pays at least", "a minimum salary of 70,000", "Gehalt von mindestens").
const FLOOR_WORD = `(?:ab|mindestens|mind\\.|min\\.|minimum|at least|from|starting at|upwards of|${UE}ber|over|mehr als|more than|nicht unter|nicht weniger als|wenigstens|no less than|not less than)`;
const PAY_WORDS = `(?:(?:(?:that|which|and) )?(?:paying|pays?|earning|earns?)|(?:das|die|der) (?:zahlt|bezahlt)|(?:(?:an? |the )?(?:minimum|min\\.?|starting|base|hourly|annual|yearly|monthly) )?(?:salary|pay|wage|income|rate)(?: of| from)?|(?:ein |einem )?(?:mindest|jahres|monats|stunden|einstiegs)?(?:gehalt|lohn|verdienst|einkommen)(?: von| ab)?)`;
const SALARY_LEAD = `(?:${PAY_WORDS}\\s+(?:${FLOOR_WORD}\\s+)?|${FLOOR_WORD}\\s+)`;
const SALARY = new RegExp(
  [
    `(?:\\b${SALARY_LEAD})?`,
    `(?:[€$£]\\s?)?\\b(\\d{1,3}(?:[.,]\\d{3})+|\\d+)(\\s?k\\b|\\s?tsd\\.?|\\s?grand\\b)?(\\+)?`,
    `\\s*${CURRENCY}?\\s*(?:brutto|netto|gross|before tax)?`,
    `\\s*${PERIOD}?`,
    `(?:\\s*(?:brutto|netto|gross))?`,
    `(?:\\s*\\b(?:or more|or above|or higher|and up|and above|oder mehr|und mehr|aufw(?:ä|ae|a)rts|(?:at |as (?:a )?|als )?minimum|mindestens|at least))?`,
  ].join(""),
  "i",
);
const CEILING =
  /\b(?:bis(?: zu)?|up to|max(?:imal|imum)?\.?|h(?:ö|oe|o)chstens|unter|under|below|less than)\s*$/i;
const HOURS =
  /\b\d{1,2}(?:[-–]\d{1,2})?\s?(?:wochenstunden|stunden|std\.?|hours?|hrs?\.?|h)(?:\s?(?:pro|per|a|die|in der|\/)\s?(?:woche|week|wo\.?))?(?=\s|[,.;!?]|$)/gi;
const WITHOUT_TRAINING =
  /\b(?:ohne|keine?)\s+(?:berufs)?(?:ausbildung|erfahrung|vorkenntnisse|studium|abschluss)(?:\s+(?:n(?:ö|oe|o)tig|erforderlich|notwendig|vorausgesetzt|gefordert))?\b|\bwithout (?:a |any )?(?:degree|training|experience)\b|\bno (?:degree|experience)(?: (?:needed|required))?\b/gi;
// A training the person has finished is what they are, not what they look for: "hab meine Ausbildung
// als Bankkauffrau fertig", "nach meiner Ausbildung zum Koch", "mit abgeschlossener Ausbildung",
// "just finished my apprenticeship as a mechanic". The occupation after "als"/"as" stays.
const FINISHED_TRAINING = [
  /\b(?:(?:meine|die|eine|seine|ihre)\s+)?(?:berufs)?ausbildung((?:\s+(?:als|zum|zur)\s+[\p{L}*:/-]+)?)\s+(?:(?:jetzt|nun|gerade|endlich|schon|bald|erfolgreich)\s+)*(?:fertig|abgeschlossen|beendet|absolviert|gemacht|hinter mir|durch)\b/giu,
  /\b(?:nach|mit)\s+(?:(?:meiner|der|einer|abgeschlossener|fertiger|beendeter)\s+)+(?:berufs)?ausbildung\b()/giu,
  /\b(?:(?:just|recently|have|i've|ive)\s+)*(?:finished|completed|done with)\s+(?:my\s+|an?\s+|the\s+)?(?:apprenticeship|training|traineeship)((?:\s+as(?:\s+an?)?\s+[\p{L}-]+)?)/giu,
];
const SALARY_CUE = new RegExp(`^${SALARY_LEAD}`, "i");

function salaryFrom(m: RegExpExecArray): SalaryFloor | undefined {
  const [all, digits = "", k, plus, currency, unit, slashUnit, adverb, yearly, hourlyOrMonthly] = m;
  const said = foldText(unit ?? slashUnit ?? adverb ?? yearly ?? hourlyOrMonthly ?? "");
  // "4500 brutto", "52k gross": gross or net pay names a figure as pay.
  const cued =
    /^[€$£]/.test(all.trim()) ||
    /\b(?:brutto|netto|gross|before tax)\b/i.test(all) ||
    SALARY_CUE.test(all.trim()) ||
    /\b(?:minimum|mindestens|at least)$/i.test(all.trim());
  if (!cued && !k && !plus && !currency && said === "") return undefined;
  const amount = Number(digits.replace(/[.,](?=\d{3}\b)/g, "").replace(",", ".")) * (k ? 1000 : 1);
  if (!Number.isFinite(amount) || amount <= 0) return undefined;
  const period: SalaryFloor["period"] | undefined =
    /^(?:stunde|hour|std|h|hr|stundlich|hourly|stundenlohn)$/.test(said)
      ? "hour"
      : /^(?:monat|month|mo|monatlich|monthly|monatsgehalt)$/.test(said)
        ? "month"
        : said !== ""
          ? "year"
          : undefined;
  return { min: amount, period: period ?? periodOfAmount(amount) };
}

/** The period a figure means when none is said: 15 is an hour's pay, 3000 a month's, 60000 a year's. */
function periodOfAmount(amount: number): SalaryFloor["period"] {
  return amount < 200 ? "hour" : amount < 20_000 ? "month" : "year";
}

/** Read the filters a message states; returns them and the message without their phrases. */
export function readFilters(text: string): { filters: StatedFilters; rest: string } {
  let rest = ` ${FINISHED_TRAINING.reduce((r, re) => r.replace(re, " $1 "), text)} `;
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
    // "within 20 miles": the search takes kilometres.
    filters.radiusKm = radius[2] ? Math.round(Number(radius[1]) * KM_PER_MILE) : Number(radius[1]);
    // The place that follows "30 km um" is introduced as by a preposition.
    rest = `${rest.slice(0, radius.index)} in ${rest.slice(radius.index + radius[0].length)}`;
  }
  for (const [re, type] of EMPLOYMENT) {
    if (take(re)) {
      filters.employmentType = type;
      // "Minijob auf 520-Euro-Basis": every phrase of the same type goes.
      while (take(re));
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
    // "bis 50k", "up to 4000 €" is a ceiling, which no filter takes: the phrase goes, no floor is set.
    const ceiling = CEILING.exec(rest.slice(0, m.index));
    if (!ceiling) filters.salaryMin = floor;
    const start = ceiling ? ceiling.index : m.index;
    rest = `${rest.slice(0, start)} ${rest.slice(m.index + m[0].length)}`;
    break;
  }
  // Working hours ("20 Stunden", "30 Std. pro Woche") and "ohne Ausbildung" say nothing to search for.
  rest = rest.replace(HOURS, " ").replace(WITHOUT_TRAINING, " ");
  return { filters, rest };
}
