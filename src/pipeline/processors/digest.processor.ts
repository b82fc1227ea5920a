import type { Lang } from "../../core/lang.js";
import type { Logger } from "../../core/logger.js";
import { digestReply } from "../../answers/digest.js";
import { phrasesFor } from "../../answers/phrases/phrases.js";
import type { DigestBuilder } from "../../jobs/alerts/digest-builder.js";
import { isTargetGone, type DigestPoster } from "../../jobs/alerts/digest-poster.js";
import type { SavedSearch } from "../../jobs/alerts/saved-search.js";
import type { DeliveriesRepo } from "../../store/deliveries.repo.js";
import type { SavedSearchesRepo } from "../../store/saved-searches.repo.js";

/** What a digest job ended as (for logs and tests). */
export type DigestOutcome = "posted" | "empty" | "skipped" | "already" | "paused";

/** Everything the digest processor needs, injected. */
export interface DigestServices {
  searches: SavedSearchesRepo;
  deliveries: DeliveriesRepo;
  builder: DigestBuilder;
  /** The poster of the saved search's platform; undefined when this process cannot post there. */
  posterFor(platform: string): DigestPoster | undefined;
  /** Stop the schedule of an alert whose target is gone. */
  pauseGone(search: SavedSearch, reason: string): Promise<void>;
  /** Fetch fresh postings first when the workspace's data is older than the schedule's interval. */
  freshen?: ((search: SavedSearch) => Promise<void>) | undefined;
  /**
   * The language a digest is written in: a channel's language setting for a channel digest, else the
   * owner's. `owner` asks for the owner's own (the notice when an alert pauses goes to their DM).
   */
  languageOf(search: SavedSearch, owner?: "owner"): Promise<Lang>;
  /** Who claims (process and worker), for the delivery row. */
  workerId: string;
  logger: Logger;
}

/**
 * One due digest of one saved search: claim (search, due time) in the store, build the jobs new since
 * the search's boundary, post, then move the boundary. A retry, a stalled job run again or a second
 * process finds the claim and posts nothing.
 */
export function createDigestProcessor(s: DigestServices) {
  return async (payload: { searchId: string; dueAt: string }): Promise<DigestOutcome> => {
    const search = await s.searches.get(payload.searchId);
    if (!search || search.status !== "active") return "skipped";
    const poster = s.posterFor(search.platform);
    if (!poster) throw new Error(`no ${search.platform} poster in this process`);
    const claim = await s.deliveries.claim(search.id, payload.dueAt, s.workerId);
    if (claim !== "claimed") return "already";
    try {
      await s
        .freshen?.(search)
        .catch((err: unknown) =>
          s.logger.warn("digest fresh run failed", { search: search.id, error: String(err) }),
        );
      // Read again: an edit made while the run fetched applies to this digest, and an alert
      // paused or deleted meanwhile gets none.
      const current = await s.searches.get(search.id);
      if (!current || current.status !== "active") {
        await s.deliveries.finish(search.id, payload.dueAt, "skipped").catch(() => undefined);
        return "skipped";
      }
      const built = await s.builder.build(current);
      const now = new Date().toISOString();
      if (built.answer.jobs.length === 0 && current.whenEmpty === "skip") {
        await s.deliveries.finish(search.id, payload.dueAt, "empty");
        await s.searches.advance(search.id, built.boundarySeq, now);
        return "empty";
      }
      await poster.post(current, digestReply(built.answer, await s.languageOf(current)));
      await s.deliveries.finish(search.id, payload.dueAt, "posted", { jobs: built.answer.jobs.length });
      await s.searches.advance(search.id, built.boundarySeq, now);
      return "posted";
    } catch (err) {
      if (isTargetGone(err)) {
        await s.pauseGone(search, err.reason);
        await s.deliveries.finish(search.id, payload.dueAt, "paused", { error: err.reason });
        if (await s.searches.markOwnerTold(search.id)) {
          const w = phrasesFor(await s.languageOf(search, "owner")).digest;
          await poster
            .tellOwner(search, w.paused(search.name, w.gone[err.reason]))
            .catch((e: unknown) => s.logger.warn("could not tell alert owner", { error: String(e) }));
        }
        return "paused";
      }
      // Nothing was posted: the retry may claim it again.
      await s.deliveries.finish(search.id, payload.dueAt, "failed", { error: String(err) });
      throw err;
    }
  };
}
