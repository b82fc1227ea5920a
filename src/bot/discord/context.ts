import type { Logger } from "../../core/logger.js";
import type { AckGate } from "./ack-gate.js";
import type { ChatService } from "../../chat/chat-service.js";
import type { DiscordConversations } from "./conversations.js";

/** What every Discord handler is built from. */
export interface DiscordContext {
  /** Turns and button presses go here; handlers never call tools or repositories themselves. */
  chat: ChatService;
  conversations: DiscordConversations;
  logger: Logger;
  /** Acknowledgements (claim + defer) run through it; turn work waits until none is in flight. */
  acks: AckGate;
  /** Minimum time between two edits of a progress message. */
  progressIntervalMs: number;
  /**
   * Run work after the event was taken, without the caller awaiting it (the ack path stays
   * fast); failures are logged, and stopping the surface waits for work in flight.
   */
  background(name: string, fn: () => Promise<void>): void;
}
