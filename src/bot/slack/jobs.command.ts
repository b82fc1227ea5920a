import type { App as BoltApp } from "@slack/bolt";
import { helpText } from "../../agents/render.js";
import type { Lang } from "../../core/lang.js";
import { detectLanguage } from "../../agents/language.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";
import type { ChatTurn } from "../../chat/chat-turn.js";
import type { SlackHandlerDeps } from "./handler-deps.js";
import { escapeMrkdwn } from "./render.js";
import { conversationOf } from "../../chat/conversation.js";

/** What a `/jobs …` line asks for. */
export type JobsCommand = { kind: "help"; lang: Lang } | { kind: "turn"; text: string };

/** `/jobs <query>`, `/jobs search <query>`, `/jobs run <query>` (fresh postings), `/jobs status`, `/jobs help`. */
export function parseJobsCommand(raw: string): JobsCommand {
  const text = raw.trim().replace(/\s+/g, " ");
  const [first = "", ...rest] = text.split(" ");
  const arg = rest.join(" ");
  switch (first.toLowerCase()) {
    case "":
    case "help":
    case "?":
      return { kind: "help", lang: "en" };
    case "hilfe":
      return { kind: "help", lang: "de" };
    case "search":
      return arg ? { kind: "turn", text: arg } : { kind: "help", lang: "en" };
    case "suche":
      return arg ? { kind: "turn", text: `suche ${arg}` } : { kind: "help", lang: "de" };
    case "run":
    case "refresh":
      return { kind: "turn", text: arg ? `refresh ${arg}` : "refresh" };
    case "status":
      return { kind: "turn", text: arg ? `status ${arg}` : "status" };
    default:
      return { kind: "turn", text };
  }
}

export function jobsHelp(command: string, lang: Lang = "en"): string {
  return [...phrasesFor(lang).slashHelp(command), "", escapeMrkdwn(helpText(lang))].join("\n");
}

/** What Slack shows the user at once (the ack's body): help right away, else "Looking…". */
export function commandAck(text: string, command: string): { response_type: "ephemeral"; text: string } {
  const parsed = parseJobsCommand(text);
  return parsed.kind === "help"
    ? { response_type: "ephemeral", text: jobsHelp(command, parsed.lang) }
    : { response_type: "ephemeral", text: phrasesFor(detectLanguage(text) ?? "en").lookingInThread };
}

/**
 * The slash command: acked at once (help is answered right in the ack), then the question is posted
 * to the channel and answered in that message's thread, which carries the conversation.
 */
export function registerJobsCommand(bolt: BoltApp, d: SlackHandlerDeps): void {
  bolt.command(d.command, async ({ command, ack, respond, client, context }) => {
    // The receiver thread has acked already (with this same body); here it is a no-op.
    await ack(commandAck(command.text, command.command));
    const parsed = parseJobsCommand(command.text);
    if (parsed.kind === "help") return;
    const teamId = context.teamId ?? command.team_id;
    d.runner.spawn("command", async () => {
      let threadTs: string | undefined;
      try {
        const anchor = await client.chat.postMessage({
          channel: command.channel_id,
          text: `<@${command.user_id}> asked: ${escapeMrkdwn(command.text.trim())}`,
        });
        threadTs = anchor.ts;
      } catch (err) {
        d.logger.warn("slack cannot post in the channel of a command", { error: String(err) });
      }
      if (!threadTs) {
        await respond({
          response_type: "ephemeral",
          text: "I can't post in this conversation. Invite me to the channel (`/invite @jobscout`) or write me a DM.",
        });
        return;
      }
      const where = { client, channel: command.channel_id, threadTs };
      const turn: ChatTurn = {
        ...conversationOf({
          platform: "slack",
          teamId,
          teamName: command.team_domain,
          channel: command.channel_id,
          channelType: command.channel_name,
          userId: command.user_id,
          threadTs,
        }),
        user: await d.identity.user(client, teamId, command.user_id),
        text: parsed.text,
        files: [],
      };
      await d.runner.turn(turn, where, { broadcast: true });
    });
  });
}
