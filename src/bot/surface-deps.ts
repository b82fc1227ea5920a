import type { Redis } from "ioredis";
import type { Config } from "../config/config.js";
import type { Logger } from "../core/logger.js";
import type { ChatService } from "../chat/chat-service.js";

/** What a chat surface (Slack, Discord) gets from its process: nothing it does not use. */
export interface SurfaceDeps {
  /** Settings: the platform's tokens and base URLs, the queue prefix. */
  config: Config;
  logger: Logger;
  /** Every turn and button press goes here. */
  chat: ChatService;
  /** Redis, where each platform event is claimed once across every process serving the same app. */
  connection: Redis;
}
