import { markUnsupported } from "../jobs/applications/grounding.js";
import type { LetterView } from "../jobs/applications/letter-service.js";
import { letterTexts } from "../jobs/applications/letter-texts.js";

/**
 * A letter for review: what it is for, the text with every unsupported sentence marked, whether it
 * can go out, and how to act on it. The letter's own text stays in the letter's language; the
 * words around it are in the person's.
 */
export function renderLetter(view: LetterView, lang: "de" | "en"): string {
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
    t.heading(view.job.title, view.job.company),
    markUnsupported(l.text, l.report, t.unsupportedLabel),
    view.focusMissing ? t.focusMissing : "",
    status,
    l.status === "approved" ? "" : t.howToAct,
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
