import { renderJobLine, renderRunOneLine } from "../../agents/render.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";
import type { ChatReply } from "../../chat/chat-turn.js";

/**
 * The words of a reply as every surface shows them: the outcome of the run the turn started (when
 * no progress message above already ended on it), then the text.
 */
export function replyWords(reply: Pick<ChatReply, "text" | "outcome" | "lang">): string {
  const outcome = reply.outcome ? renderRunOneLine(reply.outcome, reply.lang ?? "en") : "";
  return [outcome, reply.text.trim()].filter(Boolean).join("\n\n");
}

/**
 * A reply as plain text: the words, then the job cards as paragraphs, then how to page on. What a
 * terminal prints, and what Slack shows in notifications and reads to screen readers.
 */
export function replyAsText(
  reply: Pick<ChatReply, "text" | "jobs" | "buttons" | "outcome" | "lang">,
): string {
  const lang = reply.lang ?? "en";
  const parts = [replyWords(reply)];
  if (reply.jobs.length > 0) parts.push(reply.jobs.map((j) => renderJobLine(j, lang)).join("\n\n"));
  if (reply.buttons.some((b) => b.action === "more")) parts.push(phrasesFor(lang).moreHint);
  return parts.filter(Boolean).join("\n\n");
}
