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
