import type { UserText } from "../core/errors.js";
import type { JobCard } from "../core/job-card.js";
import type { RunSummary } from "../answers/run-summary.js";
import type { Lang } from "../agents/language.js";
import type { Conversation } from "./conversation.js";

export type { Platform } from "./conversation.js";

/** Who is speaking, as the platform says (never as a model says). */
export interface ChatUser {
  id: string;
  name?: string | undefined;
  /** Slack workspace admin/owner, Discord Manage Server. */
  isAdmin: boolean;
  /** The person's IANA time zone from their platform profile (Slack `users.info`), when it has one. */
  timeZone?: string | undefined;
}

/** A file sent with a message: where to fetch it, or why it cannot be fetched. */
export interface ChatFile {
  name: string;
  /** Where the surface can download it (Slack `url_private` with the bot token, Discord's signed URL). */
  url?: string | undefined;
  mimeType?: string | undefined;
  size?: number | undefined;
  /** Set when the bot cannot fetch the file: what the person can do instead (in their language). */
  unavailable?: UserText | undefined;
}

/** One message to the bot, the same for every surface, in its conversation (see conversation.ts). */
export interface ChatTurn extends Conversation {
  user: ChatUser;
  text: string;
  files: ChatFile[];
}

/** What a button does; `more` and `choose` continue the conversation whose reference they carry. */
export const ACTION_KINDS = [
  "details",
  "save",
  "hide",
  "unsave",
  "more",
  "choose",
  "why",
  "claim",
  "seen",
  "letter_approve",
  "letter_approve_anyway",
  "letter_edit",
  "letter_regenerate",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** A button a reply offers. `value` is what comes back with the press (a job id, or a conversation reference). */
export interface ChatButton {
  action: ActionKind;
  label: string;
  value: string;
  style?: "primary" | "danger" | undefined;
}

/** A button press, the same for every surface, in the conversation of the message it was on. */
export interface ChatAction extends Conversation {
  user: ChatUser;
  kind: ActionKind;
  /** A job id, or (More) a conversation reference, or (a choice) `<n>:<conversation reference>`, or a letter id. */
  value: string;
  /** What the person typed in a form (a letter's edited text from a modal). */
  text?: string | undefined;
}

/** A file a reply carries: small text shown inline, or a file on disk (an export) to upload. */
export type ReplyFile = { name: string; content: string } | { name: string; path: string; mimeType: string };

/** What the bot says back; each surface renders it within its own limits. */
export interface ChatReply {
  text: string;
  /** Shown as cards, each with Details / Save / Not for me buttons. */
  jobs: JobCard[];
  /** Buttons for the whole reply (e.g. "More"). */
  buttons: ChatButton[];
  /** The run this reply reports on (progress messages, run summaries). */
  run?: RunSummary | undefined;
  /**
   * The run this turn started: surfaces show its outcome as one line above the text, unless a
   * progress message above the answer already ends on it.
   */
  outcome?: RunSummary | undefined;
  /** The language the reply is in; structure (run lines, cards) is rendered in it. @defaultValue `"en"` */
  lang?: Lang | undefined;
  files: ReplyFile[];
  /** The letter this reply shows: surfaces offer a form to edit its text. */
  letter?: { id: string; text: string } | undefined;
  /** Only the acting user should see it (answers to button presses). */
  ephemeral?: boolean | undefined;
  /** The turn itself failed (the text says why). */
  failed?: boolean | undefined;
}

export function textReply(text: string, extra: Partial<ChatReply> = {}): ChatReply {
  return { text, jobs: [], buttons: [], files: [], ...extra };
}
