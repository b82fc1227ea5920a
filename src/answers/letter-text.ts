import { markUnsupported } from "../jobs/applications/grounding.js";
import type { LetterView } from "../jobs/applications/letter-service.js";
import { letterTexts } from "../jobs/applications/letter-texts.js";

/**
 * A letter for review: what it is for, the text with every unsupported sentence marked, whether it
 * can go out, and how to act on it. The letter's own text stays in the letter's language; the
 * words around it are in the person's.
 */
export function renderLetter(view: LetterView, lang: "de" | "en", numbered?: number): string {
  const t = letterTexts(lang);
  const l = view.letter;
  const n = l.report.unsupported.length;
  const status =
    l.status === "approved"
      ? t.approved(l.approvedUnsupported)
      : n === 0
        ? t.allSupported
        : t.someUnsupported(n);
  return [
    view.notice ?? "",
    `${numbered === undefined ? "" : `${numbered}. `}${t.heading(view.job.title, view.job.company)}`,
    markUnsupported(l.text, l.report, t.unsupportedLabel),
    view.focusMissing ? t.focusMissing : "",
    status,
    l.status === "approved" || numbered !== undefined ? "" : t.howToAct,
  ]
    .filter(Boolean)
    .join("\n\n");
}

/**
 * Several letters at once ("the top 3"): one line above them, each letter numbered as its job in
 * the list, a job without a letter with why, and how to act once at the end.
 */
export function renderLetters(
  drafted: { letters: Array<{ n: number; view?: LetterView | undefined; error?: string | undefined }> },
  lang: "de" | "en",
): string {
  const t = letterTexts(lang);
  const written = drafted.letters.filter((l) => l.view).length;
  return [
    // No letter written: "0 drafts, each waiting for your approval" would promise what is not there.
    written > 0 ? t.manyHeading(written) : "",
    ...drafted.letters.map((l) => (l.view ? renderLetter(l.view, lang, l.n) : t.skipped(l.n, l.error ?? ""))),
    written > 0 ? t.howToAct : "",
  ]
    .filter(Boolean)
    .join("\n\n");
}

/** After an export: how many jobs, and where the file is (terminal) or that it is attached. */
export function renderExported(
  r: { exported: number; name: string; path?: string | undefined },
  lang: "de" | "en",
): string {
  return letterTexts(lang).exported(r.exported, r);
}

/** A mail step: the preview to confirm, or what was sent. */
export function renderMailStep(content: Record<string, unknown>, lang: "de" | "en"): string {
  const t = letterTexts(lang);
  const preview = content.preview as
    { to: string; subject: string; job: { title: string; company: string } } | undefined;
  const outcome = content.outcome as
    | { status: "sent" | "already_sent" | "sending"; to: string; job: { title: string; company: string } }
    | undefined;
  if (preview) return t.mailPreview({ ...preview.job, to: preview.to, subject: preview.subject });
  if (outcome?.status === "already_sent") return t.mailAlreadySent(outcome.to);
  if (outcome?.status === "sending") return t.mailSending(outcome.to);
  if (outcome) return t.mailSent(outcome.to, outcome.job.title);
  return "";
}
