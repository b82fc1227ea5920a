import type { LetterView } from "../jobs/applications/letter-service.js";
import type { ChatButton } from "./chat-turn.js";
import { phrasesFor } from "../answers/phrases/phrases.js";

/**
 * The buttons under a letter. A letter with unsupported sentences offers "Approve anyway" instead
 * of "Approve", so approving them is always an explicit choice; an approved letter offers none.
 */
/** A letter button's value → the letter id and the language to answer in. */
export function letterRef(value: string): { id: string; lang: "de" | "en" | undefined } {
  const m = /^(de|en):(.+)$/.exec(value);
  return m ? { id: m[2]!, lang: m[1] as "de" | "en" } : { id: value, lang: undefined };
}

export function letterButtons(view: LetterView, lang: "de" | "en", n?: number): ChatButton[] {
  const l = view.letter;
  if (l.status === "approved") return [];
  // Under several letters at once, each button names its letter's number, as job cards' buttons do.
  const labels = phrasesFor(lang).letter.buttons;
  const t = Object.fromEntries(
    Object.entries(labels).map(([k, v]) => [k, n === undefined ? v : `${v} #${n}`]),
  ) as Record<keyof typeof labels, string>;
  // The person's language rides with the letter id, so the answer to a press speaks it too.
  const id = `${lang}:${l.id}`;
  return [
    l.report.supported
      ? { action: "letter_approve", label: t.approve, value: id, style: "primary" }
      : { action: "letter_approve_anyway", label: t.anyway, value: id, style: "danger" },
    { action: "letter_edit", label: t.edit, value: id },
    { action: "letter_regenerate", label: t.regenerate, value: id },
  ];
}
