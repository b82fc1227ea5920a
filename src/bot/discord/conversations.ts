import type { Redis } from "ioredis";
import type { Logger } from "../../core/logger.js";

/** Options for {@link DiscordConversations}. */
export interface DiscordConversationsOptions {
  redis: Redis;
  /** Key prefix (the queue prefix), so tests and deployments stay apart. */
  prefix: string;
  logger: Logger;
  /** How long an event id is remembered as handled, in seconds. @defaultValue `3600` */
  claimTtlSec?: number;
  /** How long a message stays linked to its conversation, in seconds. @defaultValue 30 days */
  rootTtlSec?: number;
}

/**
 * Discord state shared by every process running the surface, in Redis: which events were already
 * taken (a gateway event seen twice, or by two processes, is answered once) and which conversation
 * a message belongs to (a reply to any message of a conversation continues it).
 */
export class DiscordConversations {
  private readonly claimTtl: number;
  private readonly rootTtl: number;

  constructor(private readonly o: DiscordConversationsOptions) {
    this.claimTtl = o.claimTtlSec ?? 3600;
    this.rootTtl = o.rootTtlSec ?? 30 * 86_400;
  }

  /** True the first time an event is seen. If Redis fails the event is handled: an answer beats none. */
  async claim(kind: "message" | "interaction", id: string): Promise<boolean> {
    try {
      const ok = await this.o.redis.set(this.key(`seen:${kind}`, id), "1", "EX", this.claimTtl, "NX");
      return ok === "OK";
    } catch (err) {
      this.o.logger.warn("discord: could not record a handled event", { kind, error: String(err) });
      return true;
    }
  }

  /** The conversation (thread key part) a message belongs to, when known. */
  async rootOf(messageId: string): Promise<string | undefined> {
    try {
      return (await this.o.redis.get(this.key("root", messageId))) ?? undefined;
    } catch (err) {
      this.o.logger.warn("discord: could not look up a conversation", { error: String(err) });
      return undefined;
    }
  }

  /** Link messages to a conversation, so replies to any of them continue it. */
  async remember(messageIds: string[], root: string): Promise<void> {
    if (messageIds.length === 0) return;
    try {
      const tx = this.o.redis.multi();
      for (const id of messageIds) tx.set(this.key("root", id), root, "EX", this.rootTtl);
      await tx.exec();
    } catch (err) {
      this.o.logger.warn("discord: could not record a conversation", { error: String(err) });
    }
  }

  private key(kind: string, id: string): string {
    return `${this.o.prefix}:discord:${kind}:${id}`;
  }
}
