import { AppError } from "../../core/errors.js";
import { foldText } from "../../core/text.js";
import { checkGrounding, type CitedLine, type GroundingReport } from "./grounding.js";
import { FACTS_PER_LENGTH, LETTER_PHRASES, type LetterLength, type LetterTone } from "./letter-phrases.js";

/** A chosen fact: a CV line by id, verbatim, and the posting's requirement it answers if any. */
export interface LetterFact {
  lineId: string;
  text: string;
  /** The requirement as the posting words it (verbatim from the posting). */
  requirement?: string | undefined;
}

export interface LetterRequest {
  lang: "de" | "en";
  /** The CV line with the person's name (signs the letter). */
  applicant: CitedLine;
  job: { title: string; company: string };
  posting: string;
  facts: readonly LetterFact[];
  /** @defaultValue `"neutral"` */
  tone?: LetterTone | undefined;
  /** @defaultValue `"normal"` */
  length?: LetterLength | undefined;
  /** Words the person asked to mention ("Kubernetes"): facts with them come first. */
  focus?: string | undefined;
}

export interface LetterDraft {
  text: string;
  /** The CV lines the letter cites (the name line and each fact used). */
  cited: CitedLine[];
  report: GroundingReport;
  /** Facts left out because they would not pass the grounding check (never expected; reported). */
  dropped: LetterFact[];
  /** The focus asked for but found in no chosen fact. */
  focusMissing: boolean;
  templateVersion: string;
}

export const LETTER_TEMPLATE_VERSION = "offline-1";

/**
 * The facts a letter of the asked length uses: those with the asked-for focus first. Every writer
 * — the templates or a model — gets exactly these.
 */
export function factsFor(req: LetterRequest): { facts: LetterFact[]; focusMissing: boolean } {
  const focus = req.focus ? foldText(req.focus) : "";
  const has = (f: LetterFact) => focus !== "" && foldText(f.text).includes(focus);
  const ordered = [...req.facts].sort((a, b) => Number(has(b)) - Number(has(a)));
  const facts = ordered.slice(0, FACTS_PER_LENGTH[req.length ?? "normal"]);
  return { facts, focusMissing: focus !== "" && !facts.some(has) };
}

function render(req: LetterRequest, facts: readonly LetterFact[]): string {
  const p = LETTER_PHRASES[req.lang];
  const tone = req.tone ?? "neutral";
  const body = facts.map((f) =>
    f.requirement ? `${p.asked(f.requirement)} ${p.answer(f.text)}` : p.also(f.text),
  );
  return [
    p.salutation(tone),
    p.opening(req.job.title, req.job.company),
    ...body,
    p.closing(tone),
    `${p.signOff(tone)}\n${req.applicant.text}`,
  ].join("\n\n");
}

/**
 * The offline letter: the language's frame around the chosen facts, each quoted verbatim after the
 * requirement it answers, the asked-for focus first, as many as the length allows. The draft is
 * checked in code before it is returned; a fact that would not pass (a requirement not quoted from
 * the posting) is left out and named, so what comes back always passes.
 */
export function writeOfflineLetter(req: LetterRequest): LetterDraft {
  const chosen = factsFor(req);
  let facts = chosen.facts;
  const dropped: LetterFact[] = [];
  for (;;) {
    const text = render(req, facts);
    const cited = [req.applicant, ...facts.map((f) => ({ id: f.lineId, text: f.text }))];
    const report = checkGrounding({ letter: text, cited, posting: req.posting, lang: req.lang });
    if (report.supported)
      return {
        text,
        cited,
        report,
        dropped,
        focusMissing: chosen.focusMissing,
        templateVersion: LETTER_TEMPLATE_VERSION,
      };
    const bad = facts.find((f) =>
      report.unsupported.some(
        (u) =>
          u.sentence.includes(f.text) || (f.requirement !== undefined && u.sentence.includes(f.requirement)),
      ),
    );
    if (!bad)
      throw new AppError(
        "letter_ungrounded",
        `offline letter frame failed the grounding check: ${JSON.stringify(report.unsupported)}`,
      );
    dropped.push(bad);
    facts = facts.filter((f) => f !== bad);
  }
}
