import { AppError, describeError } from "../core/errors.js";
import type { AlertActor } from "../jobs/alerts/alerts.service.js";
import type { AlertsAnswer } from "../answers/alerts.js";
import { toolError, type ToolTurn } from "./context.js";
import type { Lang } from "../core/lang.js";

/** The acting member, from the turn's context (never from the model). */
export function alertActor(ctx: ToolTurn): AlertActor {
  return {
    workspaceId: ctx.workspaceId,
    userId: ctx.userId,
    platform: ctx.platform,
    channel: ctx.channel,
    direct: ctx.direct,
    isAdmin: ctx.isAdmin,
    platformTimeZone: ctx.timeZone,
  };
}

/** Run an alert action: its answer as content and artifact, an expected refusal as a short error. */
export async function alertResult(
  run: () => Promise<AlertsAnswer>,
  lang: Lang = "en",
): Promise<[string, AlertsAnswer | null]> {
  try {
    const answer = await run();
    return [JSON.stringify(answer), answer];
  } catch (err) {
    if (err instanceof AppError && err.userMessage) return [toolError(describeError(err, lang)), null];
    throw err;
  }
}
