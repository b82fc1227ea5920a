// Who and where a conversation is, decided in one place from what the platform's event says:
// workspace, channel, thread (the memory key), whether it is a direct message, and whether the
// speaker administers it. Every entry point (mention, DM, slash command, each button, More) comes
// through here; buttons carry an opaque reference made here, and only this module reads it back.

export type Platform = "slack" | "discord" | "cli";

/** One conversation: the same value for a message, its buttons and every follow-up. */
export interface Conversation {
  platform: Platform;
  /** The team, server or local workspace; a direct message belongs to its one user. */
  workspace: { id: string; name?: string | undefined };
  channel: string;
  /** The conversation within the channel; memory is per thread. A whole DM is one conversation. */
  thread: string;
  /** A direct message with the bot (the person's own workspace). */
  direct: boolean;
  /**
   * Where the speaker's private data (profile, fit scores, letters) lives, so it follows them
   * between their DM and the channels: one per Slack team (`slack:<team>`, a DM included), one per
   * Discord user (DMs and servers alike). Absent: the conversation's workspace.
   */
  personalWorkspace?: string | undefined;
}

/** What a platform event says about where it happened; only {@link conversationOf} turns it into a conversation. */
export type ConversationPlace =
  | {
      platform: "slack";
      teamId: string;
      teamName?: string | undefined;
      channel: string;
      /** `im`, `directmessage` (commands, buttons), `channel`… as Slack names the channel's kind. */
      channelType?: string | undefined;
      userId: string;
      /** The thread the message or button is in (`thread_ts`), else the message's own `ts`. */
      threadTs: string;
    }
  | {
      platform: "discord";
      /** null in a DM. */
      guildId: string | null;
      guildName?: string | undefined;
      channel: string;
      /** The channel is a thread (then the thread is the conversation). */
      inThread: boolean;
      /** First message of the reply chain (or the message, or the command interaction) elsewhere. */
      root: string;
      userId: string;
      userName?: string | undefined;
    }
  | { platform: "cli"; workspaceId: string; session: string };

function slackDirect(channel: string, channelType: string | undefined): boolean {
  return channelType === "im" || channelType === "directmessage" || channel.startsWith("D");
}

/** The conversation an event belongs to. */
export function conversationOf(p: ConversationPlace): Conversation {
  switch (p.platform) {
    case "slack": {
      const direct = slackDirect(p.channel, p.channelType);
      return {
        platform: "slack",
        workspace: direct
          ? { id: `slack-dm:${p.userId}` }
          : { id: `slack:${p.teamId}`, ...(p.teamName ? { name: p.teamName } : {}) },
        channel: p.channel,
        // "only remote ones" sent as a new DM message refines the last search: a DM is one conversation.
        thread: direct ? "dm" : p.threadTs,
        direct,
        personalWorkspace: `slack:${p.teamId}`,
      };
    }
    case "discord": {
      const direct = p.guildId === null;
      return {
        platform: "discord",
        workspace: direct
          ? { id: `discord-dm:${p.userId}`, ...(p.userName ? { name: `DM with ${p.userName}` } : {}) }
          : { id: `discord:${p.guildId}`, ...(p.guildName ? { name: p.guildName } : {}) },
        channel: p.channel,
        thread: direct ? "dm" : p.inThread ? p.channel : p.root,
        direct,
        personalWorkspace: `discord-user:${p.userId}`,
      };
    }
    case "cli":
      return {
        platform: "cli",
        workspace: { id: p.workspaceId },
        channel: "terminal",
        thread: p.session,
        direct: true,
      };
  }
}

/** The memory key of a conversation: one per platform, workspace, channel and thread. */
export function conversationKey(c: Conversation): string {
  return `${c.platform}:${c.workspace.id}:${c.channel}:${c.thread}`;
}

/** Who owns the speaker's private data (profile, fit scores, letters) in this conversation. */
export function personalOwner(
  c: Pick<Conversation, "workspace" | "personalWorkspace">,
  userId: string,
): { workspaceId: string; userId: string } {
  return { workspaceId: c.personalWorkspace ?? c.workspace.id, userId };
}

/** Whether the speaker may change the workspace's shared settings: a platform admin, or anyone in their own DM. */
export function administers(c: Pick<Conversation, "direct">, platformAdmin: boolean): boolean {
  return platformAdmin || c.direct;
}

type RefFields = [string, string, 0 | 1];

/**
 * An opaque reference to a conversation, for a button's value (Discord allows 100 characters in a
 * custom id). It names channel and thread only: the workspace is always the one the press came from.
 */
export function conversationRef(c: Conversation): string {
  const fields: RefFields = [c.channel, c.thread, c.direct ? 1 : 0];
  return `c1.${Buffer.from(JSON.stringify(fields)).toString("base64url")}`;
}

/** The conversation a button's reference names, in the workspace and on the platform the press came from. */
export function conversationFromRef(
  ref: string,
  pressedIn: Pick<Conversation, "platform" | "workspace" | "personalWorkspace">,
): Conversation | undefined {
  if (!ref.startsWith("c1.")) return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(ref.slice(3), "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields) || fields.length !== 3) return undefined;
  const [channel, thread, direct] = fields as unknown[];
  if (typeof channel !== "string" || typeof thread !== "string") return undefined;
  return {
    platform: pressedIn.platform,
    workspace: pressedIn.workspace,
    channel,
    thread,
    direct: direct === 1,
    personalWorkspace: pressedIn.personalWorkspace,
  };
}
