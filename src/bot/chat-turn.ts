import type { JobCard } from "../core/job-card.js";
import type { RunSummary } from "../tools/run-summary.js";

export type Platform = "slack" | "discord" | "cli";

/** Who is speaking, as the platform says (never as a model says). */
export interface ChatUser {
  id: string;
  name?: string | undefined;
  /** Slack workspace admin/owner, Discord Manage Server. */
  isAdmin: boolean;
}

export interface ChatFile {
  name: string;
  url: string;
  mimeType?: string | undefined;
  size?: number | undefined;
}

/** One message to the bot, the same for every surface. */
export interface ChatTurn {
  platform: Platform;
  /** Slack team / Discord guild; a DM belongs to its user (`dm-<user id>`). */
  workspace: { id: string; name?: string | undefined };
  channel: string;
  /** The conversation within the channel (Slack thread_ts, Discord thread or message id); memory is per thread. */
  thread: string;
  user: ChatUser;
  text: string;
  files: ChatFile[];
}

export type ActionKind = "details" | "save" | "hide" | "unsave" | "more";

/** A button a reply offers. `value` is what comes back with the press (a job id, or a thread key). */
export interface ChatButton {
  action: ActionKind;
  label: string;
  value: string;
  style?: "primary" | "danger" | undefined;
}

/** A button press, the same for every surface. */
export interface ChatAction {
  platform: Platform;
  workspace: { id: string; name?: string | undefined };
  channel: string;
  thread: string;
  user: ChatUser;
  kind: ActionKind;
  value: string;
}

/** What the bot says back; each surface renders it within its own limits. */
export interface ChatReply {
  text: string;
  /** Shown as cards, each with Details / Save / Not for me buttons. */
  jobs: JobCard[];
  /** Buttons for the whole reply (e.g. "More"). */
  buttons: ChatButton[];
  /** The run this reply reports on (progress messages, run summaries). */
  run?: RunSummary | undefined;
  files: Array<{ name: string; content: string }>;
  /** Only the acting user should see it (answers to button presses). */
  ephemeral?: boolean | undefined;
  /** The turn itself failed (the text says why). */
  failed?: boolean | undefined;
}

export function textReply(text: string, extra: Partial<ChatReply> = {}): ChatReply {
  return { text, jobs: [], buttons: [], files: [], ...extra };
}

/** Memory key of a conversation: one per platform, workspace, channel and thread. */
export function threadKey(t: Pick<ChatTurn, "platform" | "channel" | "thread">): string {
  return `${t.platform}:${t.channel}:${t.thread}`;
}
