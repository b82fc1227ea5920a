import type { ChatReply } from "../../chat/chat-turn.js";
import type { DigestPoster } from "../../jobs/alerts/digest-poster.js";
import type { SavedSearch } from "../../jobs/alerts/saved-search.js";
import { replyAsText } from "../shared/reply-text.js";

/** Digests printed to the terminal that runs `jobscout chat` / `start` (or `jobscout digest run`). */
export function createTerminalDigestPoster(out: NodeJS.WritableStream): DigestPoster {
  const write = (text: string) =>
    new Promise<void>((resolve, reject) =>
      out.write(`\n${text}\n`, (err) => (err ? reject(err) : resolve())),
    );
  return {
    post: (_search: SavedSearch, reply: ChatReply) => write(replyAsText(reply)),
    tellOwner: (_search: SavedSearch, text: string) => write(text),
  };
}
