import type { JobAgent } from "../agents/agent.js";
import { renderDetails, renderMarked } from "../agents/render.js";
import { AppError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { RunView } from "../store/runs.repo.js";
import type { WorkspacesRepo } from "../store/workspaces.repo.js";
import type { JobActions } from "../jobs/job-actions.js";
import { summarizeRun, type RunSummary } from "../answers/run-summary.js";
import { textReply, type ChatAction, type ChatFile, type ChatReply, type ChatTurn } from "./chat-turn.js";
import { administers, conversationFromRef, conversationKey, conversationRef } from "./conversation.js";
import { readCvTurn, type CvTurnDeps } from "./cv-turn.js";
import type { FitService } from "../jobs/fit/fit-service.js";
import { citedLines, renderFitBreakdown } from "../answers/fit-breakdown.js";

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
export function filesReply(files: readonly ChatFile[]): ChatReply {
  const lines = files.map((f) =>
    f.unavailable
      ? `I can't open “${f.name}”: ${f.unavailable}`
      : `I received “${f.name}” (${f.mimeType ?? "file"}${sizeOf(f.size)}).`,
  );
  const fetchable = files.some((f) => !f.unavailable);
  if (fetchable)
    lines.push(
      "I can't read files yet. Tell me what you are looking for, e.g. “python jobs in Berlin, remote ok”.",
    );
  return textReply(lines.join("\n"));
}

/** What a person is told when something fails: the error's own user message, else what to do. */
export function userFacing(err: unknown): string {
  if (err instanceof AppError && err.userMessage) return err.userMessage;
  return "Sorry, something went wrong on my side. Try again in a moment; if it keeps happening, the operator can find the details in jobscout's log.";
}

/** Where a surface wants to hear about a turn while it works. */
export interface TurnHooks {
  /** A run started by this turn moved on (stage, progress, a source finished). */
  onProgress?: ((run: RunSummary) => void) | undefined;
}

/**
 * The one place every surface (terminal, Slack, Discord) hands its turns and button presses to:
 * identity from the platform, memory per thread, one agent, one set of tools.
 */
export class ChatService {
  private readonly busy = new Map<string, Promise<unknown>>();

  constructor(private readonly o: ChatServiceOptions) {}

  /** Answer a message. Never throws: failures become a reply that says what went wrong. */
  async handleTurn(turn: ChatTurn, hooks: TurnHooks = {}): Promise<ChatReply> {
    const key = conversationKey(turn);
    return this.serial(key, async () => {
      try {
        await this.o.workspaces.ensure({
          workspaceId: turn.workspace.id,
          platform: turn.platform,
          ...(turn.workspace.name ? { workspaceName: turn.workspace.name } : {}),
          userId: turn.user.id,
          ...(turn.user.name ? { userName: turn.user.name } : {}),
        });
        const cvFile = turn.files.find((f) => !f.unavailable);
        if (cvFile && this.o.cv) return await readCvTurn(this.o.cv, turn, cvFile, hooks.onProgress);
        if (turn.files.length > 0 && !turn.text.trim()) return filesReply(turn.files);
        const read = readableText(turn.text);
        const answer = await this.o.agent.ask(read.text, {
          workspaceId: turn.workspace.id,
          userId: turn.user.id,
          threadId: key,
          platform: turn.platform,
          isAdmin: administers(turn, turn.user.isAdmin),
          channel: turn.channel,
          direct: turn.direct,
          timeZone: turn.user.timeZone,
          onProgress: hooks.onProgress ? (run: RunView) => hooks.onProgress?.(summarizeRun(run)) : undefined,
          onActivity: hooks.onProgress,
        });
        const search = answer.search;
        const more =
          search && search.total > search.query.offset + search.jobs.length
            ? [{ action: "more" as const, label: "More", value: conversationRef(turn) }]
            : [];
        // A clarifying question's answers, each a button that answers it in this conversation.
        const choices = answer.choices.map((c, i) => ({
          action: "choose" as const,
          label: c.label,
          value: `${i + 1}:${conversationRef(turn)}`,
        }));
        const note = read.clipped
          ? `(I read only the first ${MAX_TURN_CHARS.toLocaleString("en")} characters of your message.)\n\n`
          : "";
        return {
          text: `${note}${answer.text}`,
          jobs: answer.jobs,
          buttons: [...choices, ...more],
          run: answer.run ?? undefined,
          outcome: answer.outcome ?? undefined,
          lang: answer.lang,
          files: [],
        };
      } catch (err) {
        this.o.logger.error("turn failed", {
          platform: turn.platform,
          workspace: turn.workspace.id,
          conversation: key,
          error: String(err),
          stack: err instanceof Error ? err.stack : undefined,
        });
        return textReply(userFacing(err), { failed: true });
      }
    });
  }

  /** A button press: Details, Save, Not for me (per user), More (continues the thread). */
  async handleAction(action: ChatAction, hooks: TurnHooks = {}): Promise<ChatReply> {
    const actor = { workspaceId: action.workspace.id, userId: action.user.id };
    try {
      switch (action.kind) {
        case "details": {
          const d = await this.o.jobActions.details(actor, action.value);
          return textReply(renderDetails(d), { ephemeral: true });
        }
        case "save":
        case "hide":
        case "unsave": {
          const mark = action.kind === "hide" ? "hidden" : "saved";
          const card =
            action.kind === "unsave"
              ? await this.o.jobActions.unmark(actor, action.value, mark)
              : await this.o.jobActions.mark(actor, action.value, mark);
          return textReply(renderMarked(action.kind, card), { ephemeral: true });
        }
        case "why": {
          if (!this.o.fit) return textReply("I can't score jobs here.", { ephemeral: true });
          const job = await this.o.jobActions.find(action.value);
          const { breakdown, profile } = await this.o.fit.explain(actor, job.id);
          return textReply(renderFitBreakdown(breakdown, citedLines(breakdown, profile), job.posting.title), {
            ephemeral: true,
          });
        }
        case "more":
        case "choose": {
          // Both continue the conversation their button names (in the workspace it was pressed in):
          // More asks for the next matches, a choice answers the question with its number.
          const [said, ref] = action.kind === "more" ? ["more", action.value] : splitChoice(action.value);
          const where = conversationFromRef(ref, action) ?? action;
          return await this.handleTurn({ ...where, user: action.user, text: said, files: [] }, hooks);
        }
      }
    } catch (err) {
      if (err instanceof AppError && err.userMessage) return textReply(err.userMessage, { ephemeral: true });
      this.o.logger.error("action failed", {
        kind: action.kind,
        workspace: action.workspace.id,
        error: String(err),
        stack: err instanceof Error ? err.stack : undefined,
      });
      return textReply(userFacing(err), { ephemeral: true });
    }
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
