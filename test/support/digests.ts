// Shared set-up of the digest tests: saving an alert as a person would, the digest processor and a
// digest worker as a process composes them, and new postings for the replay server's job board.
import type { PassThrough } from "node:stream";
import type { App } from "../../src/compose/app.js";
import { composeDigestProcessor, digestPosters } from "../../src/compose/alerts.js";
import { createLogger } from "../../src/core/logger.js";
import type { AlertActor, AlertInput } from "../../src/jobs/alerts/alerts.service.js";
import type { DigestPlatform } from "../../src/jobs/alerts/digest-schedules.js";
import { startDigestWorkers } from "../../src/jobs/alerts/digest-worker.js";
import type { SavedSearch } from "../../src/jobs/alerts/saved-search.js";
import type { DigestOutcome } from "../../src/pipeline/processors/digest.processor.js";
import { connectRedis } from "../../src/pipeline/redis.js";
import { embedderKey } from "../../src/search/embedder.js";
import { REDIS_URL } from "./harness.js";
import type { ReplayServer } from "./replay-server.js";

/** Save an alert through the alerts service; a test that needs a time zone gives one. */
export async function saveAlert(app: App, actor: AlertActor, input: AlertInput): Promise<SavedSearch> {
  const saved = await app.alerts.save(actor, input);
  if (saved.status !== "saved") throw new Error("the alert was not saved (no time zone)");
  return saved.alert.search;
}

/** The digest processor as a process composes it: posters from the app's config, the terminal to `out`. */
export async function digestProcessor(app: App, o: { out?: PassThrough; fresh?: boolean } = {}) {
  const logger = createLogger("silent");
  return composeDigestProcessor({
    config: app.config,
    logger,
    store: app,
    search: app.search,
    alerts: app.alerts,
    embedderKey: embedderKey(app.embedder),
    posters: await digestPosters(app.config, logger, o.out),
    ...(o.fresh ? { runService: app.runService } : {}),
  });
}

/** Digest jobs a worker finished: which search, and how it ended. */
export type DigestDone = Array<{ id: string; outcome: DigestOutcome }>;

/** A digest worker as another process would run it: its own Redis connection; `stop()` ends it. */
export async function digestWorker(
  app: App,
  done: DigestDone,
  o: { out?: PassThrough; platforms?: DigestPlatform[]; fresh?: boolean } = {},
): Promise<{ stop(): Promise<void> }> {
  const connection = connectRedis(REDIS_URL);
  const w = startDigestWorkers({
    connection,
    prefix: app.config.JOBSCOUT_QUEUE_PREFIX,
    platforms: o.platforms ?? ["cli"],
    concurrency: 2,
    lockMs: 5000,
    logger: createLogger("silent"),
    process: await digestProcessor(app, o),
    onDone: (id, outcome) => done.push({ id, outcome }),
  });
  return {
    stop: async () => {
      await w.close();
      connection.disconnect();
    },
  };
}

let published = 0;

/** A posting as the Arbeitnow API lists it. */
export type ArbeitnowPosting = Record<string, unknown> & { title: string; company_name: string; url: string };

/**
 * New postings on the replay server's Arbeitnow board, each copied from another recorded one in
 * `location` (its text, so the same search finds them and no two read alike) under a new slug,
 * title, company and time.
 */
export function publishPostings(
  replay: ReplayServer,
  o: { location: string; companies: string[]; tag: string },
): ArbeitnowPosting[] {
  // Only postings whose text names no second city: a copy of one would be placed there too.
  const models = replay
    .arbeitnowPostings()
    .filter(
      (p) =>
        p.location === o.location && !/Hamburg|München|Munich|Köln|Frankfurt/.test(String(p.description)),
    );
  if (models.length < o.companies.length) throw new Error(`too few recorded postings in ${o.location}`);
  const now = Math.floor(Date.now() / 1000);
  const made = o.companies.map((company, i): ArbeitnowPosting => {
    const model = models[i]!;
    const n = ++published;
    const slug = `${o.tag}-${n}-${now}`;
    return {
      ...model,
      slug,
      title: `${o.tag} Engineer ${n} (m/w/d)`,
      company_name: company,
      url: `https://www.arbeitnow.com/jobs/companies/${slug}`,
      created_at: now + i,
    };
  });
  replay.publishArbeitnow([...made].reverse());
  return made;
}
