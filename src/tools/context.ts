import { phrasesFor } from "../answers/phrases/phrases.js";
import type { ToolRunnableConfig } from "@langchain/core/tools";
import { z } from "zod";
import type { RunView } from "../store/runs.repo.js";
import type { RunSummary } from "../answers/run-summary.js";
import { isLang, type Lang } from "../core/lang.js";
import { NOTHING_ASKED, refusal, type PersonRequest, type StateAction } from "./request.js";

/** Who is asking, taken from the platform event — never from model output. */
export const turnIdentitySchema = z.object({
  workspaceId: z.string().min(1),
  userId: z.string().min(1),
  threadId: z.string().min(1),
  platform: z.string().min(1),
});

export interface TurnContext extends z.infer<typeof turnIdentitySchema> {
  /** Where the person's profile, scores and letters live (`personalOwner` in src/chat/conversation.ts). */
  personalWorkspaceId?: string | undefined;
  /** The platform says this user administers the workspace (Slack admin, Discord Manage Server). */
  isAdmin?: boolean | undefined;
  /** Receives a run's progress while a tool waits for it (the chat surface shows it). */
  onProgress?: ((run: RunView) => void) | undefined;
  /** Receives progress of work that is not a fetch run (scoring jobs), as surfaces show runs. */
  onActivity?: ((summary: RunSummary) => void) | undefined;
  /** What the person's own message asked for (read by the agent before the model runs). */
  request?: PersonRequest | undefined;
  /** State changes already made this turn (one "save 2" saves one job). */
  used?: { marks: number } | undefined;
  /** The channel the message came from, and whether it is a DM (alerts "here"). */
  channel?: string | undefined;
  direct?: boolean | undefined;
  /** The speaker's time zone from their platform profile (Slack `users.info`), when it has one. */
  timeZone?: string | undefined;
  /** The language the member is answered in (member settings), and whether they chose it. */
  memberLang?: { lang: Lang; chosen: boolean } | undefined;
  /** The language of this turn's answer, decided by the agent before the model runs. @defaultValue `"en"` */
  lang?: Lang | undefined;
}

/**
 * The turn as a tool sees it: every default decided here once (answer language, what the person
 * asked for, admin, DM), so no tool needs its own fallback.
 */
export interface ToolTurn extends TurnContext {
  isAdmin: boolean;
  request: PersonRequest;
  used: { marks: number };
  direct: boolean;
  lang: Lang;
}

/** The caller's identity from the agent's runtime context; a tool without one refuses to run. */
export function turnContext(config: ToolRunnableConfig | undefined): ToolTurn {
  const ctx = (config as { context?: unknown } | undefined)?.context;
  const identity = turnIdentitySchema.parse(ctx);
  const {
    onProgress,
    onActivity,
    isAdmin,
    request,
    used,
    channel,
    direct,
    timeZone,
    lang,
    personalWorkspaceId,
  } = ctx as {
    personalWorkspaceId?: unknown;
    onProgress?: unknown;
    onActivity?: unknown;
    isAdmin?: unknown;
    request?: PersonRequest;
    used?: { marks: number };
    channel?: unknown;
    direct?: unknown;
    timeZone?: unknown;
    lang?: unknown;
  };
  return {
    ...identity,
    isAdmin: isAdmin === true,
    onProgress: typeof onProgress === "function" ? (onProgress as TurnContext["onProgress"]) : undefined,
    onActivity: typeof onActivity === "function" ? (onActivity as TurnContext["onActivity"]) : undefined,
    request: request ?? NOTHING_ASKED,
    used: used ?? { marks: 0 },
    channel: typeof channel === "string" ? channel : undefined,
    direct: direct === true,
    timeZone: typeof timeZone === "string" ? timeZone : undefined,
    lang: isLang(lang) ? lang : "en",
    personalWorkspaceId: typeof personalWorkspaceId === "string" ? personalWorkspaceId : undefined,
  };
}

/** The owner of the person's private data (profile, fit scores, letters): it follows them between DM and channels. */
export function personOf(ctx: TurnContext): { workspaceId: string; userId: string } {
  return { workspaceId: ctx.personalWorkspaceId ?? ctx.workspaceId, userId: ctx.userId };
}

/** The refusal to give the model when the person did not ask for this state change, else undefined. */
export function notAsked(ctx: ToolTurn, action: StateAction): string | undefined {
  return refusal(ctx.request, action, ctx.used, ctx.lang);
}

/** Short error result the model can read and relay (expected failures: bad input, unknown place). */
export function toolError(message: string): string {
  return JSON.stringify({ error: message });
}

/**
 * A profile is private: in a channel or a server's thread its CV lines and facts would be read by
 * everyone there. The refusal to give when the conversation is not a direct message, else undefined.
 */
export function privateOnly(ctx: ToolTurn): string | undefined {
  return ctx.direct ? undefined : phrasesFor(ctx.lang).privateProfile;
}
