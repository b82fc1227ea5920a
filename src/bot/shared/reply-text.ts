import { MORE_HINT, renderJobLine } from "../../agents/render.js";
import type { ChatReply } from "../../chat/chat-turn.js";

/**
 * A reply as plain text: the words, then the job cards as paragraphs, then how to page on. What a
 * terminal prints, and what Slack shows in notifications and reads to screen readers.
 */
export function replyAsText(reply: Pick<ChatReply, "text" | "jobs" | "buttons">): string {
  const parts = [reply.text.trim()];
  if (reply.jobs.length > 0) parts.push(reply.jobs.map(renderJobLine).join("\n\n"));
  if (reply.buttons.some((b) => b.action === "more")) parts.push(MORE_HINT);
  return parts.filter(Boolean).join("\n\n");
}
