import { chatCommand } from "./chat.js";

/**
 * `jobscout start` (what `npm start` runs): everything in one process on embedded defaults —
 * pipeline workers plus the terminal chat.
 */
export function startCommand(): Promise<number> {
  return chatCommand({ workers: true });
}
