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
  if (lang === "de")
    return r.path
      ? `${r.exported} Stellen exportiert nach ${r.path}`
      : `${r.exported} Stellen exportiert: ${r.name} (angehängt).`;
  return r.path
    ? `Exported ${r.exported} jobs to ${r.path}`
    : `Exported ${r.exported} jobs: ${r.name} (attached).`;
}

/** A mail step: the preview to confirm, or what was sent. */
export function renderMailStep(content: Record<string, unknown>, lang: "de" | "en"): string {
  const preview = content.preview as
    { to: string; subject: string; job: { title: string; company: string } } | undefined;
  const outcome = content.outcome as
    | { status: "sent" | "already_sent" | "sending"; to: string; job: { title: string; company: string } }
    | undefined;
  if (preview)
    return lang === "de"
      ? `Ich sende Ihr freigegebenes Anschreiben für ${preview.job.title} bei ${preview.job.company} an ${preview.to} (Betreff „${preview.subject}“, das Anschreiben und Ihr Lebenslauf als Textdateien angehängt). Sagen Sie „ja, senden“, um es jetzt zu senden.`
      : `I will send your approved letter for ${preview.job.title} at ${preview.job.company} to ${preview.to} (subject “${preview.subject}”, the letter and your CV attached as text files). Say “yes, send it” to send it now.`;
  if (outcome?.status === "already_sent")
    return lang === "de"
      ? `Dieses Anschreiben ging bereits an ${outcome.to}; ich habe es nicht noch einmal gesendet.`
      : `That letter already went to ${outcome.to}; I did not send it again.`;
  if (outcome?.status === "sending")
    return lang === "de"
      ? `Dieses Anschreiben wird gerade an ${outcome.to} gesendet; ich sende es nicht ein zweites Mal. Kommt es nicht an, fragen Sie in einigen Minuten erneut.`
      : `That letter is being sent to ${outcome.to} right now; I did not send it a second time. If it does not arrive, ask me again in a few minutes.`;
  if (outcome)
    return lang === "de"
      ? `Gesendet an ${outcome.to}. Die Stelle ${outcome.job.title} steht jetzt auf „beworben“.`
      : `Sent to ${outcome.to}. ${outcome.job.title} is now marked “applied”.`;
  return "";
}
