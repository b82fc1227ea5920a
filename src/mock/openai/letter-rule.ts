// The stand-in as a letter-writing model: a request whose system prompt is jobscout's cover-letter
// prompt gets a letter built by fixed rules from the request's JSON — the facts it was given,
// quoted, in its own words per language, tone and length. With `inventRate` it adds a claim no fact
// supports (an employer, a team size, a year), as real models do, so tests can show the grounding
// check catches it.
import { seededRandom } from "../random.js";
import { contentText, type ChatCompletionRequest } from "./protocol.js";
import type { Rule } from "./rules.js";

/** Settings of {@link letterRule}. */
export interface LetterRuleOptions {
  /** Probability per letter of an invented claim. @defaultValue `0` */
  inventRate?: number | undefined;
  /** Seed of the invention draws. @defaultValue `1` */
  seed?: number | undefined;
}

interface LetterAsk {
  lang: "de" | "en";
  tone: string;
  length: string;
  applicant: { text: string };
  job: { title: string; company: string };
  facts: Array<{ id: string; text: string; requirement?: string }>;
}

/** The claim a stand-in model invents: in no CV, in no posting. */
export const INVENTED_CLAIM = {
  en: "At Globex Corporation I led a team of 250 engineers from 2012.",
  de: "Bei der Globex GmbH habe ich ab 2012 ein Team von 250 Personen geleitet.",
} as const;

const MARKER = "jobscout cover letter";
const PER_LENGTH: Record<string, number> = { short: 2, normal: 4, long: 6 };
const dot = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

function askOf(req: ChatCompletionRequest): LetterAsk | undefined {
  if (!req.messages.some((m) => m.role === "system" && contentText(m.content).includes(MARKER))) return;
  const last = [...req.messages].reverse().find((m) => m.role === "user");
  try {
    const ask = JSON.parse(contentText(last?.content)) as Partial<LetterAsk> & { task?: string };
    if (ask.task !== "cover_letter" || !ask.job || !ask.applicant || !Array.isArray(ask.facts)) return;
    return { ...ask, lang: ask.lang === "de" ? "de" : "en", tone: ask.tone ?? "neutral" } as LetterAsk;
  } catch {
    return undefined;
  }
}

function write(a: LetterAsk, invent: boolean): string {
  const facts = a.facts.slice(0, PER_LENGTH[a.length] ?? 4);
  if (a.lang === "de") {
    return [
      "Sehr geehrte Damen und Herren,",
      [
        `mit großem Interesse bewerbe ich mich um die Stelle als ${a.job.title} bei ${a.job.company}.`,
        ...(invent ? [INVENTED_CLAIM.de] : []),
      ].join(" "),
      ...facts.map((f) =>
        f.requirement
          ? `In Ihrer Anzeige nennen Sie: ${dot(f.requirement)} Dazu steht in meinem Lebenslauf: ${dot(f.text)}`
          : `Zudem bringe ich laut meinem Lebenslauf mit: ${dot(f.text)}`,
      ),
      a.tone === "formal"
        ? "Für ein persönliches Gespräch stehe ich Ihnen sehr gern zur Verfügung."
        : "Ich freue mich auf ein persönliches Gespräch.",
      `Mit freundlichen Grüßen\n${a.applicant.text}`,
    ].join("\n\n");
  }
  return [
    a.tone === "formal" ? "Dear Sir or Madam," : "Dear Hiring Team,",
    [
      `I am writing to apply for the role of ${a.job.title} at ${a.job.company}.`,
      ...(invent ? [INVENTED_CLAIM.en] : []),
    ].join(" "),
    ...facts.map((f) =>
      f.requirement
        ? `Your posting asks for ${dot(f.requirement)} My background offers this: ${dot(f.text)}`
        : `I can also offer this: ${dot(f.text)}`,
    ),
    a.tone === "formal"
      ? "I would welcome the opportunity of a personal interview."
      : a.tone === "warm"
        ? "I look forward to hearing from you."
        : "I look forward to an interview.",
    `${a.tone === "formal" ? "Yours faithfully," : "Kind regards,"}\n${a.applicant.text}`,
  ].join("\n\n");
}

/** The rule: a cover-letter request gets a letter; anything else is left to the next rule. */
export function letterRule(o: LetterRuleOptions = {}): Rule {
  const random = seededRandom(o.seed ?? 1);
  const rate = o.inventRate ?? 0;
  return (req) => {
    const ask = askOf(req);
    if (!ask) return undefined;
    return { text: write(ask, rate > 0 && random() < rate) };
  };
}
