// Block Kit for Slack: pure functions from the platform-neutral reply to messages Slack accepts.
// Job postings are untrusted, so every piece of their text is escaped: a title can never become a
// mention (<!channel>), a link of its own or broken markup.
import type { types } from "@slack/bolt";
import {
  formatAge,
  renderRunOneLine,
  salaryOf,
  sourceName,
  sourceState,
  stageName,
} from "../../agents/render.js";
import type { JobCard } from "../../core/job-card.js";
import type { RunSummary } from "../../answers/run-summary.js";
import type { ActionKind, ChatButton, ChatReply } from "../../chat/chat-turn.js";
import { replyAsText, replyWords } from "../shared/reply-text.js";
import type { Lang } from "../../core/lang.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";
import { pageBy, splitText } from "../shared/split.js";

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** Limits Slack enforces on a message (it rejects the whole payload past any of them). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionsElements: 25,
  contextElements: 10,
  /** Slack truncates `text` at 40k; a notification needs far less. */
  fallbackText: 3000,
} as const;

/** One `chat.postMessage` / `chat.postEphemeral` / `chat.update` payload. */
export interface SlackMessage {
  /** Plain-ish fallback for notifications and screen readers. */
  text: string;
  blocks: KnownBlock[];
}

/** Button `action_id`s, one per kind; the value carries the job id (or the thread key for More). */
export const ACTION_IDS: Record<ActionKind, string> = {
  details: "job_details",
  save: "job_save",
  hide: "job_hide",
  unsave: "job_unsave",
  more: "jobs_more",
  choose: "conversation_choose",
  why: "job_why",
  claim: "job_claim",
  seen: "job_seen",
  letter_approve: "letter_approve",
  letter_approve_anyway: "letter_approve_anyway",
  letter_edit: "letter_edit",
  letter_regenerate: "letter_regenerate",
};

/**
 * A button's action_id. Slack refuses two equal action_ids in one block, so the answers to one
 * question (which share a block) carry their number: `conversation_choose_2`.
 */
function actionIdOf(b: ChatButton): string {
  return b.action === "choose" ? `${ACTION_IDS.choose}_${b.value.split(":", 1)[0]}` : ACTION_IDS[b.action];
}

/** The action_ids of a question's answers (see {@link actionIdOf}). */
export const CHOOSE_ACTION_ID = new RegExp(`^${ACTION_IDS.choose}_\\d+$`);

export function actionKindOf(actionId: string): ActionKind | undefined {
  return (Object.keys(ACTION_IDS) as ActionKind[]).find((k) => ACTION_IDS[k] === actionId);
}

/** Escape the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** A URL safe inside `<url|label>`: http(s) only, without the characters that end the link. */
function safeUrl(url: string | null): string | null {
  if (!url || !/^https?:\/\//i.test(url) || url.length > 2000) return null;
  return url.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\s/g, "%20");
}

/** Model/renderer text (plain, maybe with **bold** and [label](url)) as escaped Slack mrkdwn. */
export function toMrkdwn(plain: string): string {
  return escapeMrkdwn(plain)
    .replace(/\*\*([^*\n]+)\*\*/g, "*$1*")
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, label: string, url: string) => {
      const u = safeUrl(url);
      return u ? `<${u}|${label.replace(/\|/g, "/")}>` : label;
    });
}

// Re-exported: the one splitter every platform uses, here with Slack's section limit.
export { splitText };

function button(b: ChatButton): Button | null {
  if (b.value.length > SLACK_LIMITS.buttonValue) return null;
  return {
    type: "button",
    action_id: actionIdOf(b),
    text: { type: "plain_text", text: clip(b.label, SLACK_LIMITS.buttonText), emoji: true },
    value: b.value,
    ...(b.style ? { style: b.style } : {}),
  };
}

/** One job: title (linked), company, place, remote mode, age, salary; why it matched; three buttons. */
export function jobCardBlocks(card: JobCard, now = Date.now(), lang: Lang = "en"): KnownBlock[] {
  const p = phrasesFor(lang);
  const title = escapeMrkdwn(clip(card.title, 200));
  const url = safeUrl(card.url);
  const head = url ? `*<${url}|${title}>*` : `*${title}*`;
  const meta = [
    card.company,
    card.place,
    // The place already says "(remote)"; only on-site is worth a word of its own.
    card.remoteMode === "onsite" ? p.card.onSite : null,
    formatAge(card.postedAt, now, lang),
    salaryOf(card, lang),
  ]
    .filter((x): x is string => Boolean(x))
    .map((x) => escapeMrkdwn(clip(x, 150)))
    .join(" · ");
  const blocks: KnownBlock[] = [
    { type: "section", text: { type: "mrkdwn", text: `${card.n}. ${head}\n${meta}` } },
  ];
  const why = [
    card.fit ? p.card.fit(card.fit.total, card.fit.reasons) : null,
    card.why.length > 0 ? p.card.why(card.why) : null,
    card.score !== null ? p.card.score(card.score) : null,
    card.sources.length > 0 ? p.card.via(card.sources.map(sourceName).join(", ")) : null,
  ].filter((x): x is string => x !== null);
  // Team marks name members as Slack mentions; the ids come from our own store, never a posting.
  const team = (card.team ?? []).map((t) => t.replace(/[^\w@<>:, ]/g, "")).join("; ");
  if (why.length > 0 || team) {
    blocks.push({
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: [
            why.length > 0 ? escapeMrkdwn(clip(why.join(" · "), 1000)) : "",
            team ? `Team: ${clip(team, 500)}` : "",
          ]
            .filter(Boolean)
            .join(" · "),
        },
      ],
    });
  }
  const buttons = [
    button({ action: "details", label: p.buttons.details, value: card.jobId }),
    button({ action: "save", label: p.buttons.save, value: card.jobId, style: "primary" }),
    button({ action: "hide", label: p.buttons.hide, value: card.jobId }),
    card.fit ? button({ action: "why", label: p.buttons.why, value: card.jobId }) : null,
    // In a team channel (its cards carry the team's marks, maybe none yet): marks the channel shares.
    card.team ? button({ action: "claim", label: p.buttons.claim, value: card.jobId }) : null,
    card.team ? button({ action: "seen", label: p.buttons.seen, value: card.jobId }) : null,
  ].filter((b): b is Button => b !== null);
  if (buttons.length > 0) blocks.push({ type: "actions", elements: buttons });
  return blocks;
}

/** The text a block would read out, for the `text` fallback. */
function blockText(b: KnownBlock): string {
  if (b.type === "section") return b.text?.text ?? "";
  if (b.type === "context") return b.elements.map((e) => ("text" in e ? e.text : "")).join(" ");
  return "";
}

/**
 * Buttons as rows of actions blocks: Slack refuses a block with more than its limit of elements or
 * with one action_id twice (several letters' Approve buttons), so such a button starts a new row.
 */
function actionRows(buttons: readonly Button[]): Button[][] {
  const rows: Button[][] = [];
  let row: Button[] = [];
  for (const b of buttons) {
    if (row.length >= SLACK_LIMITS.actionsElements || row.some((x) => x.action_id === b.action_id)) {
      rows.push(row);
      row = [];
    }
    row.push(b);
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Pack groups of blocks (a text piece, a card) into messages of at most 50 blocks, never splitting a group. */
function pack(groups: KnownBlock[][], fallback: string): SlackMessage[] {
  const messages = pageBy(
    groups,
    (page, g) => page.flat().length + g.length <= SLACK_LIMITS.blocksPerMessage,
  ).map((page) => page.flat());
  return messages.map((blocks, i) => ({
    text: clip(
      i === 0 && fallback ? fallback : blocks.map(blockText).filter(Boolean).join("\n") || "…",
      SLACK_LIMITS.fallbackText,
    ),
    blocks,
  }));
}

/**
 * A reply as one or more Slack messages: its text as sections of ≤ 3000 characters, each job as a
 * card with Details / Save / Not for me, files as code blocks, the reply's buttons (More) last.
 */
export function renderReply(reply: ChatReply, now = Date.now()): SlackMessage[] {
  const groups: KnownBlock[][] = [];
  // The words as the model said them; the jobs come as cards from the reply's structure.
  const text = toMrkdwn(replyWords(reply));
  for (const piece of splitText(text, SLACK_LIMITS.sectionText))
    groups.push([{ type: "section", text: { type: "mrkdwn", text: piece } }]);
  reply.jobs.forEach((card, i) => {
    const blocks = jobCardBlocks(card, now, reply.lang);
    groups.push(i === 0 && groups.length === 0 ? blocks : [{ type: "divider" }, ...blocks]);
  });
  // Files on disk (exports) are uploaded by the surface (files.uploadV2); text files are shown inline.
  for (const f of reply.files) {
    if (!("content" in f)) continue;
    const body = clip(f.content.replace(/```/g, "ˋˋˋ"), SLACK_LIMITS.sectionText - 200);
    const name = escapeMrkdwn(clip(f.name, 100));
    groups.push([
      { type: "section", text: { type: "mrkdwn", text: `*${name}*\n\`\`\`${escapeMrkdwn(body)}\`\`\`` } },
    ]);
  }
  for (const elements of actionRows(reply.buttons.map(button).filter((b): b is Button => b !== null)))
    groups.push([{ type: "actions", elements }]);
  if (groups.length === 0) groups.push([{ type: "section", text: { type: "mrkdwn", text: "…" } }]);
  // Notifications and screen readers get the whole answer, the cards as plain lines.
  return pack(groups, escapeMrkdwn(replyAsText(reply)));
}

/** Only text, e.g. an error or an answer to a button press. */
export function renderText(text: string, lang?: Lang): SlackMessage[] {
  return renderReply({ text, jobs: [], buttons: [], files: [], lang });
}

/** Marks a progress message (and lets tests and tools tell it from answers). */
export const PROGRESS_BLOCK_ID = "run-progress";

/** The one progress message of a run, edited in place while the run works. */
export function renderProgress(run: RunSummary, lang: Lang = "en"): SlackMessage {
  const done = run.status === "completed" || run.status === "failed";
  const icon =
    run.status === "completed" ? ":white_check_mark:" : done ? ":warning:" : ":hourglass_flowing_sand:";
  const line =
    done || run.activity
      ? renderRunOneLine(run, lang)
      : `${phrasesFor(lang).fetching} — ${stageName(run.stage, lang)}, ${run.progress}%`;
  const sources = done
    ? ""
    : run.sources
        .map((s) => `${s.label}: ${sourceState(s, lang)}${s.fetched ? ` (${s.fetched})` : ""}`)
        .join(" · ");
  const text = clip(escapeMrkdwn(`${line}${sources ? `\n${sources}` : ""}`), SLACK_LIMITS.sectionText - 30);
  return {
    text: clip(escapeMrkdwn(line), SLACK_LIMITS.fallbackText),
    blocks: [
      { type: "section", block_id: PROGRESS_BLOCK_ID, text: { type: "mrkdwn", text: `${icon} ${text}` } },
    ],
  };
}

/**
 * A Slack message's text as the plain text a user meant: the bot's own mention removed, other
 * mentions, channels and links readable, entities decoded.
 */
export function plainFromSlack(text: string, botUserId?: string): string {
  return text
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => (id === botUserId ? "" : `@${id}`))
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, "#$1")
    .replace(/<!(here|channel|everyone)[^>]*>/g, "@$1")
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_m, name?: string) => name ?? "@group")
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]*)>/g, "$2")
    .replace(/<((?:https?|mailto):[^>]+)>/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
