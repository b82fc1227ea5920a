// Pure rendering of platform-neutral replies into Discord message bodies, always within Discord's
// documented limits: a reply too big for one message becomes several, never an API error.
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
} from "discord.js";
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
import {
  ACTION_KINDS,
  type ActionKind,
  type ChatButton,
  type ChatReply,
  type ReplyFile,
} from "../../chat/chat-turn.js";
import { pageBy, splitText } from "../shared/split.js";
import { replyWords } from "../shared/reply-text.js";
import type { Lang } from "../../core/lang.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";

/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedCharsPerMessage: 6000,
  fieldsPerEmbed: 25,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  rowsPerMessage: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  filesPerMessage: 10,
} as const;

// Why lines are a hint, not the posting: kept short so five cards fit one message's embed budget.
const WHY_MAX = 512;
// One row stays free for the reply's own buttons (More) on a full page; more than two rows of them is a bug.
const REPLY_ROWS_MAX = 2;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** One Discord message body; `content` may be empty when embeds or components carry it. */
export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  files: ReplyFile[];
}

/** Cut to `max` UTF-16 units with an ellipsis, never leaving half a surrogate pair. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 1;
  if (/[\uD800-\uDBFF]/.test(s.charAt(cut - 1))) cut -= 1;
  return `${s.slice(0, cut)}…`;
}

// Re-exported: the one splitter every platform uses, here with Discord's content limit.
export { splitText };

/** Postings are untrusted: only a well-formed http(s) link becomes an embed URL. */
function safeUrl(url: string | null): string | undefined {
  if (!url || url.length > 2048 || !/^https?:\/\/\S+$/i.test(url)) return undefined;
  return URL.canParse(url) ? url : undefined;
}

export function jobCardEmbed(card: JobCard, now = Date.now(), lang: Lang = "en"): APIEmbed {
  const p = phrasesFor(lang);
  const field = (name: string, value: string | null, inline = true): APIEmbedField[] =>
    value && value.trim() ? [{ name, value: clip(value.trim(), DISCORD_LIMITS.fieldValue), inline }] : [];
  const date = card.postedAt?.slice(0, 10) ?? null;
  const age = formatAge(card.postedAt, now, lang)
    ?.replace(/^posted /, "")
    .replace(/ veröffentlicht$/, "")
    .replace(/^veröffentlicht am /, "");
  const posted = date && age && age !== date ? `${date} (${age})` : date;
  const url = safeUrl(card.url);
  const footer = [
    card.sources.map(sourceName).join(", "),
    card.score !== null ? p.card.score(card.score) : "",
  ]
    .filter(Boolean)
    .join(" · ");
  return {
    title: clip(`${card.n}. ${card.title}`, DISCORD_LIMITS.title),
    ...(url ? { url } : {}),
    ...(card.why.length > 0 || card.fit || card.team?.length
      ? {
          description: clip(
            [
              card.fit ? p.card.fit(card.fit.total, card.fit.reasons) : "",
              card.why.length > 0 ? p.card.why(card.why) : "",
              card.team?.length ? p.card.team(card.team) : "",
            ]
              .filter(Boolean)
              .join("\n"),
            WHY_MAX,
          ),
        }
      : {}),
    fields: [
      ...field(p.card.fields.company, card.company),
      ...field(p.card.fields.place, card.place),
      ...field(p.card.fields.remote, p.card.remote[card.remoteMode]),
      ...field(p.card.fields.posted, posted),
      ...field(p.card.fields.salary, salaryOf(card, lang)),
    ],
    ...(footer ? { footer: { text: clip(footer, DISCORD_LIMITS.footer) } } : {}),
  };
}

/** `job:<kind>:<jobId>` for card buttons, `reply:<kind>:<value>` for a reply's own buttons. */
export function customIdFor(scope: "job" | "reply", kind: ActionKind, value: string): string {
  return `${scope}:${kind}:${value}`;
}

const CUSTOM_ID = new RegExp(`^(job|reply):(${ACTION_KINDS.join("|")}):(.+)$`, "s");

/** The action a pressed button stands for, or null for a custom id that is not ours. */
export function parseCustomId(id: string): { kind: ActionKind; value: string } | null {
  const m = CUSTOM_ID.exec(id);
  return m ? { kind: m[2] as ActionKind, value: m[3]! } : null;
}

function button(
  scope: "job" | "reply",
  b: Pick<ChatButton, "action" | "label" | "value" | "style">,
): APIButtonComponentWithCustomId | null {
  const customId = customIdFor(scope, b.action, b.value);
  if (customId.length > DISCORD_LIMITS.customId) return null;
  const style =
    b.style === "primary"
      ? ButtonStyle.Primary
      : b.style === "danger"
        ? ButtonStyle.Danger
        : ButtonStyle.Secondary;
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: clip(b.label, DISCORD_LIMITS.buttonLabel),
    style,
  };
}

/** Details / Save / Not for me for one card; null when its id cannot fit a custom_id. */
export function jobCardRow(card: JobCard, lang: Lang = "en"): ButtonRow | null {
  const p = phrasesFor(lang);
  const buttons = [
    button("job", { action: "details", label: `${p.buttons.details} #${card.n}`, value: card.jobId }),
    button("job", {
      action: "save",
      label: `${p.buttons.save} #${card.n}`,
      value: card.jobId,
      style: "primary",
    }),
    button("job", { action: "hide", label: `${p.buttons.hide} #${card.n}`, value: card.jobId }),
    ...(card.fit
      ? [
          button("job", {
            action: "why",
            label: `${p.whyScore(card.fit.total)} #${card.n}`,
            value: card.jobId,
          }),
        ]
      : []),
    // In a team channel (its cards carry the team's marks, maybe none yet): marks the channel shares;
    // with a fit score the row has room for "I'll apply" only (Discord: five buttons a row).
    ...(card.team
      ? [
          button("job", { action: "claim", label: `${p.buttons.claim} #${card.n}`, value: card.jobId }),
          button("job", { action: "seen", label: `${p.buttons.seen} #${card.n}`, value: card.jobId }),
        ]
      : []),
  ].slice(0, DISCORD_LIMITS.buttonsPerRow);
  if (buttons.some((b) => b === null)) return null;
  return { type: ComponentType.ActionRow, components: buttons as APIButtonComponentWithCustomId[] };
}

function replyRows(buttons: ChatButton[]): ButtonRow[] {
  const seen = new Set<string>();
  const all = buttons
    .map((b) => button("reply", b))
    .filter(
      (b): b is APIButtonComponentWithCustomId =>
        b !== null && !seen.has(b.custom_id) && !!seen.add(b.custom_id),
    );
  const rows: ButtonRow[] = [];
  for (let i = 0; i < all.length && rows.length < REPLY_ROWS_MAX; i += DISCORD_LIMITS.buttonsPerRow)
    rows.push({ type: ComponentType.ActionRow, components: all.slice(i, i + DISCORD_LIMITS.buttonsPerRow) });
  return rows;
}

/** Characters Discord counts toward the 6000 across a message's embeds. */
export function embedChars(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

interface Card {
  embed: APIEmbed;
  row: ButtonRow | null;
}
const rowsOf = (page: Card[]) => page.filter((c) => c.row).length;

/** Greedy pages of cards, each within the embed count, embed characters and action rows of one message. */
function pageCards(cards: Card[]): Card[][] {
  return pageBy(
    cards,
    (page, c) =>
      page.length < DISCORD_LIMITS.embedsPerMessage &&
      page.reduce((n, p) => n + embedChars(p.embed), 0) + embedChars(c.embed) <=
        DISCORD_LIMITS.embedCharsPerMessage &&
      rowsOf(page) + (c.row ? 1 : 0) <= DISCORD_LIMITS.rowsPerMessage,
  );
}

const blank = (content = ""): DiscordMessage => ({ content, embeds: [], components: [], files: [] });

/**
 * A reply as Discord messages, in order: the text (without the paragraphs the cards repeat) in
 * chunks of ≤ 2000 characters, then the job cards as embeds with their buttons, then the reply's own
 * buttons and files on the last message. Every message is within Discord's limits.
 */
export function renderDiscordReply(reply: ChatReply, now = Date.now()): DiscordMessage[] {
  const messages = splitText(replyWords(reply), DISCORD_LIMITS.content).map((t) => blank(t));
  const cards = reply.jobs.map((j) => ({
    embed: jobCardEmbed(j, now, reply.lang),
    row: jobCardRow(j, reply.lang),
  }));
  const pages = pageCards(cards);
  const rows = replyRows(reply.buttons);
  const last = pages.at(-1);
  if (last && rowsOf(last) + rows.length > DISCORD_LIMITS.rowsPerMessage) {
    // The reply's rows (at most REPLY_ROWS_MAX) leave room for some cards: the page never empties.
    const spill: Card[] = [];
    while (rowsOf(last) + rows.length > DISCORD_LIMITS.rowsPerMessage) spill.unshift(last.pop()!);
    pages.push(spill);
  }
  pages.forEach((page, i) => {
    // The first page shares the last text message: content and embeds have separate limits.
    const target = i === 0 && messages.length > 0 ? messages[messages.length - 1]! : blank();
    if (target !== messages[messages.length - 1]) messages.push(target);
    for (const c of page) {
      target.embeds.push(c.embed);
      if (c.row) target.components.push(c.row);
    }
  });
  if (rows.length > 0) {
    if (messages.length === 0) messages.push(blank());
    messages[messages.length - 1]!.components.push(...rows);
  }
  for (let i = 0; i < reply.files.length; i += DISCORD_LIMITS.filesPerMessage) {
    const target = i === 0 && messages.length > 0 ? messages[messages.length - 1]! : blank();
    if (target !== messages[messages.length - 1]) messages.push(target);
    target.files.push(...reply.files.slice(i, i + DISCORD_LIMITS.filesPerMessage));
  }
  // Discord rejects a message with nothing in it: each message above got text (never blank, see
  // splitText), cards, buttons or files; a reply with none of them becomes one placeholder.
  return messages.length > 0 ? messages : [blank("(no answer)")];
}

/** The one progress message of a run, edited in place while it works. */
export function renderProgressText(run: RunSummary, lang: Lang = "en"): string {
  if (run.status === "completed" || run.status === "failed")
    return clip(renderRunOneLine(run, lang), DISCORD_LIMITS.content);
  if (run.activity) return clip(`⏳ ${renderRunOneLine(run, lang)}`, DISCORD_LIMITS.content);
  const p = phrasesFor(lang);
  const lines = [`⏳ ${p.fetching} — ${stageName(run.stage, lang)} (${run.progress}%)`];
  for (const s of run.sources)
    lines.push(`• ${s.label}: ${sourceState(s, lang)}${s.fetched ? `, ${p.postings(s.fetched)}` : ""}`);
  return clip(lines.join("\n"), DISCORD_LIMITS.content);
}
