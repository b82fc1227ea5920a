import type { AgentAnswer } from "../../src/agents/agent.js";
import { replyWords } from "../../src/bot/shared/reply-text.js";

/** An agent's answer as a terminal shows its words: the run's outcome line (structure), then the text. */
export function answerWords(a: Pick<AgentAnswer, "text" | "outcome" | "lang">): string {
  return replyWords({ text: a.text, outcome: a.outcome ?? undefined, lang: a.lang });
}
