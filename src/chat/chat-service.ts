import type { JobAgent } from "../agents/agent.js";
import { processMetrics } from "../core/process-metrics.js";
import { renderDetails, renderMarked } from "../agents/render.js";
import { AppError, textIn } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { RunView } from "../store/runs.repo.js";
import type { WorkspacesRepo } from "../store/workspaces.repo.js";
import type { JobActions } from "../jobs/job-actions.js";
import { summarizeRun, type RunSummary } from "../answers/run-summary.js";
import { textReply, type ChatAction, type ChatFile, type ChatReply, type ChatTurn } from "./chat-turn.js";
import {
  administers,
  conversationFromRef,
  conversationKey,
  conversationRef,
  personalOwner,
} from "./conversation.js";
import { readCvTurn, type CvTurnDeps } from "./cv-turn.js";
import type { FitService } from "../jobs/fit/fit-service.js";
import { citedLines, renderFitBreakdown } from "../answers/fit-breakdown.js";
import { profileLanguage } from "../answers/profile-text.js";
import { phrasesFor } from "../answers/phrases/phrases.js";
import { detectLanguage, languageRequest } from "../agents/language.js";
import type { Lang } from "../core/lang.js";
import type { MemberLanguage } from "../store/member-settings.repo.js";

/** Where a member's language is kept (member settings). */
export interface MemberLanguages {
  language(workspaceId: string, userId: string): Promise<MemberLanguage | undefined>;
  setLanguage(workspaceId: string, userId: string, lang: Lang, chosen: boolean): Promise<void>;
}
import type { LetterService, LetterView } from "../jobs/applications/letter-service.js";
import { renderLetter } from "../answers/letter-text.js";
import { letterButtons, letterRef } from "./letter-buttons.js";

/** Options for {@link ChatService}. */
export interface ChatServiceOptions {
  agent: JobAgent;
  workspaces: WorkspacesRepo;
  jobActions: JobActions;
  logger: Logger;
  /** Reading CVs sent as files into profiles; without it a file gets "I can't read files". */
  cv?: CvTurnDeps | undefined;
  /** Fit scores, for the "Why this score?" button. */
  fit?: FitService | undefined;
  /**
   * Roles granted in chat ("make @ana an admin"): such a member administers the workspace as the
   * platform's admins do. Without it only the platform's flag counts.
   */
  grantedAdmin?: ((workspaceId: string, userId: string) => Promise<boolean>) | undefined;
  /**
   * A channel's settings an admin set: the language answers there take (unless the member chose
   * one) and whether only mentions are answered. Without it channels answer mentions only.
   */
  channelSettings?:
    | ((
        workspaceId: string,
        channel: string,
      ) => Promise<{ defaults: { lang?: Lang | undefined }; mentionOnly: boolean } | undefined>)
    | undefined;
  /**
   * A member's shared mark on a job in the team channel a card was pressed in (the card's
   * "I'll apply" / "Seen" buttons); the words of the answer. Without it those presses are refused.
   */
  teamMark?:
    | ((
        actor: { workspaceId: string; userId: string; channel: string; direct: boolean },
        jobId: string,
        mark: "claimed" | "seen",
        lang: Lang,
      ) => Promise<string>)
    | undefined;
  /**
   * Note who writes in a channel (not a DM) and where their profile lives: a team channel's
   * ranking counts its members' profiles. Without it only the workspace's own profiles count.
   */
  noteMember?:
    | ((
        actor: { workspaceId: string; userId: string; channel: string; direct: boolean },
        personalWorkspaceId: string,
      ) => Promise<void>)
    | undefined;
  /** Each member's language, remembered; without it every turn decides by its own words. */
  members?: MemberLanguages | undefined;
  /** Cover letters, for the Approve / Edit / Regenerate buttons. */
  letters?: LetterService | undefined;
}

/** Longest message read; the rest is left unread (and the reply says so). */
export const MAX_TURN_CHARS = 2000;

// Control characters (but tab and newline) and bidi overrides only ever confuse parsing and display.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** The message as read: control characters dropped, cut to {@link MAX_TURN_CHARS}. */
export function readableText(raw: string): { text: string; clipped: boolean } {
  const text = raw.replace(CONTROL, " ").trim();
  if (text.length <= MAX_TURN_CHARS) return { text, clipped: false };
  return { text: text.slice(0, MAX_TURN_CHARS), clipped: true };
}

function sizeOf(bytes: number | undefined): string {
  if (bytes === undefined) return "";
  return bytes >= 1_048_576
    ? `, ${(bytes / 1_048_576).toFixed(1)} MB`
    : `, ${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * A message that is only files: say what arrived and, for a file the bot cannot fetch, what to do.
 * (Reading CVs into a profile builds on this turn.)
 */
export function filesReply(files: readonly ChatFile[], lang: Lang = "en"): ChatReply {
  const p = phrasesFor(lang);
  const lines = files.map((f) =>
    f.unavailable
      ? p.fileUnavailable(f.name, textIn(f.unavailable, lang))
      : p.fileReceived(f.name, `${f.mimeType ?? "file"}${sizeOf(f.size)}`),
  );
  const fetchable = files.some((f) => !f.unavailable);
  if (fetchable) lines.push(p.cannotReadFiles);
  return textReply(lines.join("\n"), { lang });
}

/** What a person is told when something fails: the error's own user message, else what to do. */
export function userFacing(err: unknown, lang: Lang = "en"): string {
  return (err instanceof AppError ? err.userMessageIn(lang) : undefined) ?? phrasesFor(lang).somethingWrong;
}

/** Where a surface wants to hear about a turn while it works. */
export interface TurnHooks {
  /** A run started by this turn moved on (stage, progress, a source finished), in the turn's language. */
  onProgress?: ((run: RunSummary, lang?: Lang) => void) | undefined;
}

/**
 * The one place every surface (terminal, Slack, Discord) hands its turns and button presses to:
 * identity from the platform, memory per thread, one agent, one set of tools.
 */
export class ChatService {
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(private readonly o: ChatServiceOptions) {}

  /** Answer a message. Never throws: failures become a reply that says what went wrong. */
  handleTurn(turn: ChatTurn, hooks: TurnHooks = {}): Promise<ChatReply> {
    return timed(turn.platform, "turn", () => this.answerTurn(turn, hooks));
  }

  /**
   * Whether a message in this channel that does not mention the bot is to be answered: only when a
   * channel admin said "answer every message here". Surfaces ask before they claim such a message.
   */
  async answersEveryMessage(workspaceId: string, channel: string): Promise<boolean> {
    const settings = await this.o.channelSettings?.(workspaceId, channel);
    return settings?.mentionOnly === false;
  }

  /** The language a member is answered in when they have not written yet (a greeting, help). */
  async memberLanguage(workspaceId: string, userId: string): Promise<Lang> {
    return (await this.o.members?.language(workspaceId, userId).catch(() => undefined))?.lang ?? "en";
  }

  /** A button press: Details, Save, Not for me (per user), More (continues the thread). */
  handleAction(action: ChatAction, hooks: TurnHooks = {}): Promise<ChatReply> {
    return timed(action.platform, "action", () => this.answerAction(action, hooks));
  }

  private async answerTurn(turn: ChatTurn, hooks: TurnHooks): Promise<ChatReply> {
    const key = conversationKey(turn);
    return this.serial(key, async () => {
      let lang: Lang | undefined;
      try {
        await this.o.workspaces.ensure({
          workspaceId: turn.workspace.id,
          platform: turn.platform,
          ...(turn.workspace.name ? { workspaceName: turn.workspace.name } : {}),
          userId: turn.user.id,
          ...(turn.user.name ? { userName: turn.user.name } : {}),
        });
        if (!turn.direct)
          await this.o
            .noteMember?.(
              { workspaceId: turn.workspace.id, userId: turn.user.id, channel: turn.channel, direct: false },
              personalOwner(turn, turn.user.id).workspaceId,
            )
            .catch((err: unknown) =>
              this.o.logger.warn("could not note a channel member", { error: String(err) }),
            );
        const member = await this.o.members?.language(turn.workspace.id, turn.user.id);
        lang = member?.lang;
        const cvFile = turn.files.find((f) => !f.unavailable);
        if (cvFile && this.o.cv)
          return await readCvTurn(this.o.cv, turn, cvFile, hooks.onProgress, member?.lang);
        if (turn.files.length > 0 && !turn.text.trim()) return filesReply(turn.files, member?.lang);
        const read = readableText(turn.text);
        // "antworte auf Deutsch": remembered for this member; what else the message asks is answered.
        const chose = this.o.members ? languageRequest(read.text) : undefined;
        if (chose) {
          await this.o.members?.setLanguage(turn.workspace.id, turn.user.id, chose.lang, true);
          if (!chose.rest) return textReply(phrasesFor(chose.lang).languageSet, { lang: chose.lang });
        }
        const text = chose?.rest ?? read.text;
        // A channel's language holds there for members who did not choose their own.
        const channelLang =
          chose || member?.chosen || turn.direct
            ? undefined
            : (await this.o.channelSettings?.(turn.workspace.id, turn.channel))?.defaults.lang;
        const memberLang = chose
          ? { lang: chose.lang, chosen: true }
          : channelLang
            ? { lang: channelLang, chosen: true }
            : member;
        const identity = {
          workspaceId: turn.workspace.id,
          userId: turn.user.id,
          threadId: key,
          platform: turn.platform,
          memberLang,
        };
        lang = await this.o.agent.language(text, identity);
        const turnLang = lang;
        // A member who did not choose is answered in the language they last wrote in (buttons too).
        if (this.o.members && !memberLang?.chosen && memberLang?.lang !== lang && detectLanguage(text))
          await this.o.members.setLanguage(turn.workspace.id, turn.user.id, lang, false);
        const answer = await this.o.agent.ask(text, {
          ...identity,
          lang,
          workspaceId: turn.workspace.id,
          userId: turn.user.id,
          threadId: key,
          platform: turn.platform,
          personalWorkspaceId: personalOwner(turn, turn.user.id).workspaceId,
          isAdmin:
            administers(turn, turn.user.isAdmin) ||
            ((await this.o.grantedAdmin?.(turn.workspace.id, turn.user.id)) ?? false),
          channel: turn.channel,
          direct: turn.direct,
          timeZone: turn.user.timeZone,
          onProgress: hooks.onProgress
            ? (run: RunView) => hooks.onProgress?.(summarizeRun(run), turnLang)
            : undefined,
          onActivity: hooks.onProgress ? (run: RunSummary) => hooks.onProgress?.(run, turnLang) : undefined,
        });
        const p = phrasesFor(answer.lang);
        const search = answer.search;
        const more =
          search && search.total > search.query.offset + search.jobs.length
            ? [{ action: "more" as const, label: p.buttons.more, value: conversationRef(turn) }]
            : [];
        // A clarifying question's answers, each a button that answers it in this conversation.
        const choices = answer.choices.map((c, i) => ({
          action: "choose" as const,
          label: c.label,
          value: `${i + 1}:${conversationRef(turn)}`,
        }));
        const note = read.clipped ? `${p.clipped(MAX_TURN_CHARS)}\n\n` : "";
        return {
          text: `${note}${answer.text}`,
          jobs: answer.jobs,
          buttons: [
            ...choices,
            ...more,
            ...(answer.letter ? letterButtons(answer.letter, answer.lang) : []),
            ...answer.letters.flatMap((l) => letterButtons(l.view, answer.lang, l.n)),
          ],
          run: answer.run ?? undefined,
          outcome: answer.outcome ?? undefined,
          lang: answer.lang,
          files: answer.files.map((f) => ({ name: f.name, path: f.path, mimeType: f.mimeType })),
          ...(answer.letter
            ? { letter: { id: answer.letter.letter.id, text: answer.letter.letter.text } }
            : {}),
        };
      } catch (err) {
        this.o.logger.error("turn failed", {
          platform: turn.platform,
          workspace: turn.workspace.id,
          conversation: key,
          error: String(err),
          stack: err instanceof Error ? err.stack : undefined,
        });
        return textReply(userFacing(err, lang), { failed: true, lang });
      }
    });
  }

  private async answerAction(action: ChatAction, hooks: TurnHooks): Promise<ChatReply> {
    const actor = { workspaceId: action.workspace.id, userId: action.user.id };
    // A press carries no words: the member's language, as they last wrote or chose it.
    const lang = await this.memberLanguage(actor.workspaceId, actor.userId);
    const answer = (text: string) => textReply(text, { ephemeral: true, lang });
    try {
      switch (action.kind) {
        case "details": {
          const d = await this.o.jobActions.details(actor, action.value);
          return answer(renderDetails(d, lang));
        }
        case "save":
        case "hide":
        case "unsave": {
          const mark = action.kind === "hide" ? "hidden" : "saved";
          const card =
            action.kind === "unsave"
              ? await this.o.jobActions.unmark(actor, action.value, mark)
              : await this.o.jobActions.mark(actor, action.value, mark);
          return answer(renderMarked(action.kind, card, lang));
        }
        case "why": {
          if (!this.o.fit) return answer(phrasesFor(lang).cannotScore);
          const job = await this.o.jobActions.find(action.value);
          const { breakdown, profile } = await this.o.fit.explain(
            personalOwner(action, action.user.id),
            job.id,
          );
          // A press has no words to go by: the member's language when known, else their CV's.
          const known = await this.o.members
            ?.language(actor.workspaceId, actor.userId)
            .catch(() => undefined);
          const whyLang = known?.lang ?? profileLanguage(profile) ?? lang;
          return textReply(
            renderFitBreakdown(breakdown, citedLines(breakdown, profile), job.posting.title, whyLang),
            { ephemeral: true, lang: whyLang },
          );
        }
        case "claim":
        case "seen": {
          if (!this.o.teamMark) return answer(phrasesFor(lang).toolMissing("team"));
          const where = { ...actor, channel: action.channel, direct: action.direct };
          const mark = action.kind === "claim" ? "claimed" : "seen";
          return answer(await this.o.teamMark(where, action.value, mark, lang));
        }
        case "letter_approve":
        case "letter_approve_anyway":
        case "letter_edit":
        case "letter_regenerate":
          return await this.letterAction(action, lang);
        case "more":
        case "choose": {
          // Both continue the conversation their button names (in the workspace it was pressed in):
          // More asks for the next matches, a choice answers the question with its number.
          const [said, ref] = action.kind === "more" ? ["more", action.value] : splitChoice(action.value);
          // Not one of our buttons (they all carry a number): an empty turn would search everything.
          if (said === "") return answer(phrasesFor(lang).choiceNotOffered);
          const where = conversationFromRef(ref, action) ?? action;
          return await this.answerTurn({ ...where, user: action.user, text: said, files: [] }, hooks);
        }
      }
    } catch (err) {
      // A card pressed after its job left the index is the one expected failure of a press.
      if (err instanceof AppError && err.code === "job_not_found") return answer(phrasesFor(lang).jobGone);
      const told = err instanceof AppError ? err.userMessageIn(lang) : undefined;
      if (told) return answer(told);
      this.o.logger.error("action failed", {
        kind: action.kind,
        platform: action.platform,
        workspace: action.workspace.id,
        conversation: conversationKey(action),
        error: String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
      return answer(userFacing(err, lang));
    }
  }

  /** The text of the presser's own letter, for an edit form; undefined when it is not theirs. */
  async letterText(
    actor: { workspaceId: string; userId: string },
    letterId: string,
  ): Promise<string | undefined> {
    const l = await this.o.letters?.find(actor, letterRef(letterId).id).catch(() => undefined);
    return l?.text;
  }

  /**
   * Approve / Approve anyway / Edit (with the form's text) / Regenerate on a letter: the presser's
   * own letter only (the id is looked up under the presser's workspace and user).
   */
  private async letterAction(action: ChatAction, memberLang: Lang): Promise<ChatReply> {
    const letters = this.o.letters;
    if (!letters) return textReply(phrasesFor(memberLang).letter.cannotWrite, { ephemeral: true });
    const owner = personalOwner(action, action.user.id);
    const { id, lang: says } = letterRef(action.value);
    let view: LetterView;
    switch (action.kind) {
      case "letter_approve":
      case "letter_approve_anyway":
        view = await letters.approve(owner, id, action.kind === "letter_approve_anyway", says);
        break;
      case "letter_edit":
        if (action.text === undefined) {
          view = await letters.view(owner, id, says);
          return textReply(phrasesFor(says ?? view.letter.lang).letter.editHint, { ephemeral: true });
        }
        view = await letters.edit(owner, id, action.text, says);
        break;
      default:
        view = await letters.regenerate(owner, id, { says });
    }
    const lang = says ?? view.letter.lang;
    return {
      ...textReply(renderLetter(view, lang), { ephemeral: true, lang }),
      buttons: letterButtons(view, lang),
      letter: { id: view.letter.id, text: view.letter.text },
    };
  }

  /** One turn at a time per thread, so memory sees messages in order. */
  private async serial<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.busy.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    this.busy.set(key, next);
    try {
      return await next;
    } finally {
      if (this.busy.get(key) === next) this.busy.delete(key);
    }
  }
}

/** `<n>:<conversation reference>` → the number as the person would type it, and the reference. */
function splitChoice(value: string): [string, string] {
  const at = value.indexOf(":");
  const n = value.slice(0, Math.max(at, 0));
  return /^\d{1,2}$/.test(n) ? [n, value.slice(at + 1)] : ["", value];
}

/** Time a turn into this process's metrics; a reply that says the turn failed counts as an error. */
async function timed(surface: string, kind: string, answer: () => Promise<ChatReply>): Promise<ChatReply> {
  const end = processMetrics.timer(processMetrics.turnSeconds, { surface, kind });
  const reply = await answer();
  end({ outcome: reply.failed ? "error" : "ok" });
  return reply;
}
