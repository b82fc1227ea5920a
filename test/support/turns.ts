import { randomUUID } from "node:crypto";
import type { ToolMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import type { ChatTurn } from "../../src/chat/chat-turn.js";

/** A message typed into the terminal chat: the local workspace, whose one person is its admin. */
export function terminalTurn(
  thread: string,
  text: string,
  files: ChatTurn["files"] = [],
  user = "me",
): ChatTurn {
  return {
    platform: "cli",
    workspace: { id: "local" },
    channel: "terminal",
    thread,
    direct: true,
    user: { id: user, isAdmin: true },
    text,
    files,
  };
}

/** A Slack direct message from `user` (no admin) in `workspaceId`, in its own thread by default. */
export function slackDirectTurn(
  workspaceId: string,
  user: string,
  text: string,
  thread = `t-${randomUUID()}`,
): ChatTurn {
  return {
    platform: "slack",
    workspace: { id: workspaceId },
    channel: "C1",
    thread,
    direct: true,
    user: { id: user, isAdmin: false },
    text,
    files: [],
  };
}

/**
 * Call a tool as the agent does (a tool call with the turn's context) and read its result: the JSON
 * the model is given and the artifact the surfaces render.
 */
export async function invokeTool(
  t: StructuredToolInterface,
  call: { name: string; args: Record<string, unknown> },
  context: Record<string, unknown>,
): Promise<{ content: Record<string, unknown>; artifact: unknown }> {
  const out: unknown = await t.invoke({ ...call, id: "call-1", type: "tool_call" }, {
    context,
  } as Parameters<typeof t.invoke>[1]);
  const m = out as ToolMessage;
  return {
    content: JSON.parse(m.content as string) as Record<string, unknown>,
    artifact: m.artifact as unknown,
  };
}
