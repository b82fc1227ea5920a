import type { AIMessage } from "@langchain/core/messages";
import { foldText } from "../core/text.js";

/**
 * One answer to a clarifying question: what a button shows, and what it stands for — the request
 * it answers, with the place chosen.
 */
export interface Choice {
  label: string;
  /** The request the question was about, as the person wrote it. */
  text: string;
  /** The place this choice settles on. */
  place: string;
}

/** Where a question's choices travel on its message (kept in the conversation's memory with it). */
const CHOICES_KEY = "jobscout_choices";

export function withChoices(choices: readonly Choice[]): Record<string, unknown> {
  return { [CHOICES_KEY]: choices };
}

function isChoice(x: unknown): x is Choice {
  if (typeof x !== "object" || x === null) return false;
  const c = x as Partial<Choice>;
  return typeof c.label === "string" && typeof c.text === "string" && typeof c.place === "string";
}

/** The choices a message offered (none for an ordinary answer). */
export function choicesOf(m: AIMessage | undefined): Choice[] {
  const raw: unknown = m?.additional_kwargs[CHOICES_KEY];
  return Array.isArray(raw) ? raw.filter(isChoice) : [];
}

/**
 * The choice an answer picks: its number ("2", "2."), or a part of one label only ("Oder",
 * "am Main"); undefined for anything else, which is then read as a request of its own.
 */
export function pickChoice(text: string, choices: readonly Choice[]): Choice | undefined {
  const t = text.trim();
  const n = /^(\d{1,2})\.?$/.exec(t)?.[1];
  if (n !== undefined) return choices[Number(n) - 1];
  const f = foldText(t)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  if (f.length < 3) return undefined;
  const hits = choices.filter((c) =>
    ` ${foldText(c.label).replace(/[^\p{L}\p{N}]+/gu, " ")} `.includes(` ${f} `),
  );
  return hits.length === 1 ? hits[0] : undefined;
}
