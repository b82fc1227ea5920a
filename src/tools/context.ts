import type { ToolRunnableConfig } from "@langchain/core/tools";
import { z } from "zod";
import type { RunView } from "../store/runs.repo.js";

/** Who is asking, taken from the platform event — never from model output. */
export const turnIdentitySchema = z.object({
  workspaceId: z.string().min(1),
  userId: z.string().min(1),
  threadId: z.string().min(1),
  platform: z.string().min(1),
});

export interface TurnContext extends z.infer<typeof turnIdentitySchema> {
  /** The platform says this user administers the workspace (Slack admin, Discord Manage Server). */
  isAdmin?: boolean | undefined;
  /** Receives a run's progress while a tool waits for it (the chat surface shows it). */
  onProgress?: ((run: RunView) => void) | undefined;
}

/** The caller's identity from the agent's runtime context; a tool without one refuses to run. */
export function turnContext(config: ToolRunnableConfig | undefined): TurnContext {
  const ctx = (config as { context?: unknown } | undefined)?.context;
  const identity = turnIdentitySchema.parse(ctx);
  const { onProgress, isAdmin } = ctx as { onProgress?: unknown; isAdmin?: unknown };
  return {
    ...identity,
    isAdmin: isAdmin === true,
    onProgress: typeof onProgress === "function" ? (onProgress as TurnContext["onProgress"]) : undefined,
  };
}

/** Short error result the model can read and relay (expected failures: bad input, unknown place). */
export function toolError(message: string): string {
  return JSON.stringify({ error: message });
}
