import { hostname } from "node:os";
import type { Redis } from "ioredis";
import type { Config } from "../config/config.js";
import { resolvePlace } from "../core/geo/gazetteer.js";
import type { Lang } from "../core/lang.js";
import type { Logger } from "../core/logger.js";
import { AlertsService } from "../jobs/alerts/alerts.service.js";
import { TeamService } from "../jobs/teams/team-service.js";
import { teamNotes } from "../answers/team.js";
import { DigestBuilder, type FitScores } from "../jobs/alerts/digest-builder.js";
import type { DigestPoster } from "../jobs/alerts/digest-poster.js";
import { BullDigestSchedules, type DigestPlatform } from "../jobs/alerts/digest-schedules.js";
import { startDigestWorkers } from "../jobs/alerts/digest-worker.js";
import { intervalMs, type SavedSearch } from "../jobs/alerts/saved-search.js";
import { createDigestProcessor, type DigestOutcome } from "../pipeline/processors/digest.processor.js";
import type { RunService } from "../pipeline/run-service.js";
import type { SearchService } from "../search/search.service.js";
import type { Closers } from "./lifecycle.js";
import type { QueueParts } from "./pipeline.js";
import type { Store } from "./store.js";

/** Saved searches and their schedulers, and the teams (roles, channel settings, audit) they answer to. */
export interface AlertParts {
  alerts: AlertsService;
  schedules: BullDigestSchedules;
  team: TeamService;
}

export function composeAlerts(
  config: Config,
  store: Store,
  connection: Redis,
  embedderKey: string,
  closers: Closers,
): AlertParts {
  const schedules = new BullDigestSchedules({ connection, prefix: config.JOBSCOUT_QUEUE_PREFIX });
  closers.add(() => schedules.close());
  const team = new TeamService({ teams: store.teams, roles: store.roles, audit: store.audit });
  const alerts = new AlertsService({
    team,
    searches: store.savedSearches,
    deliveries: store.deliveries,
    members: store.members,
    schedules,
    embedderKey,
    localTimeZone: config.JOBSCOUT_TIME_ZONE,
  });
  return { alerts, schedules, team };
}

/** Where this process can post digests: the platforms with tokens, and the terminal when given. */
export async function digestPosters(
  config: Config,
  logger: Logger,
  terminal?: NodeJS.WritableStream,
): Promise<Partial<Record<DigestPlatform, DigestPoster>>> {
  const posters: Partial<Record<DigestPlatform, DigestPoster>> = {};
  if (config.SLACK_BOT_TOKEN) {
    const { createSlackDigestPoster } = await import("../bot/slack/digest-poster.js");
    posters.slack = createSlackDigestPoster({
      token: config.SLACK_BOT_TOKEN,
      apiUrl: config.SLACK_API_URL,
      logger: logger.child({ role: "digest" }),
    });
  }
  if (config.DISCORD_TOKEN) {
    const { createDiscordDigestPoster } = await import("../bot/discord/digest-poster.js");
    posters.discord = createDiscordDigestPoster({
      token: config.DISCORD_TOKEN,
      apiUrl: config.DISCORD_API_URL,
    });
  }
  if (terminal) {
    const { createTerminalDigestPoster } = await import("../bot/cli/digest-poster.js");
    posters.cli = createTerminalDigestPoster(terminal);
  }
  return posters;
}

/** What digest workers need from the rest of the process. */
export interface DigestDeps {
  config: Config;
  logger: Logger;
  store: Store;
  search: SearchService;
  alerts: AlertsService;
  embedderKey: string;
  posters: Partial<Record<DigestPlatform, DigestPoster>>;
  /** Starts fresh runs when a search's data is older than its schedule's interval. */
  runService?: RunService | undefined;
  fitScores?: FitScores | undefined;
  onDone?: ((searchId: string, outcome: DigestOutcome) => void) | undefined;
}

/** The digest processor of this process (also what `jobscout digest run` calls directly). */
export function composeDigestProcessor(d: DigestDeps) {
  const { config, store } = d;
  const team = new TeamService({ teams: store.teams, roles: store.roles, audit: store.audit });
  const builder = new DigestBuilder({
    deliveries: store.deliveries,
    search: d.search,
    resolvePlace: (name) => resolvePlace(name),
    hiddenFor: async (actor) => new Set(await store.marks.list(actor.workspaceId, actor.userId, "hidden")),
    latestRuns: (ws) => store.runs.latest(ws, 1),
    embedderKey: d.embedderKey,
    maxJobs: config.JOBSCOUT_DIGEST_MAX_JOBS,
    perCompany: config.JOBSCOUT_DIGEST_PER_COMPANY,
    fitScores: d.fitScores,
    teamNotesFor: async (workspaceId, channel, ids) =>
      teamNotes(await team.marksOn({ workspaceId, userId: "jobscout", channel, isAdmin: false }, ids)),
  });
  const runService = d.runService;
  const freshen = runService
    ? async (s: SavedSearch) => {
        const [last] = await store.runs.latest(s.workspaceId, 1);
        const age = last ? Date.now() - Date.parse(last.finishedAt ?? last.createdAt) : Infinity;
        if (age < intervalMs(s.schedule)) return;
        const run = await runService.start({
          workspaceId: s.workspaceId,
          userId: s.ownerId,
          query: {
            ...(s.query.keywords ? { keywords: s.query.keywords } : {}),
            ...(s.query.place ? { place: s.query.place } : {}),
            ...(s.query.radiusKm ? { radiusKm: Math.round(s.query.radiusKm) } : {}),
          },
        });
        await runService.wait(s.workspaceId, run.id, { timeoutMs: config.JOBSCOUT_RUN_WAIT_MS });
      }
    : undefined;
  return createDigestProcessor({
    searches: store.savedSearches,
    deliveries: store.deliveries,
    builder,
    posterFor: (platform) => d.posters[platform as DigestPlatform],
    pauseGone: (s, reason) => d.alerts.pauseGone(s, reason),
    languageOf: (s, owner) => digestLanguage(store, s, owner),
    freshen,
    workerId: `${hostname()}:${process.pid}`,
    logger: d.logger.child({ role: "digest" }),
  });
}

/**
 * A digest's language: the channel's setting (an admin's "answer in German here") for a channel
 * digest, else the owner's language, chosen or last written in; English when neither is known.
 */
async function digestLanguage(store: Store, s: SavedSearch, owner?: "owner"): Promise<Lang> {
  const channel =
    s.target.kind === "channel" && !owner
      ? (await store.teams.channel(s.workspaceId, s.target.channel)).defaults.lang
      : undefined;
  return channel ?? (await store.members.language(s.workspaceId, s.ownerId))?.lang ?? "en";
}

/** Digest workers for every surface this process can post to; schedulers of active alerts are re-registered. */
export function composeDigestWorkers(
  d: DigestDeps & { queue: Pick<QueueParts, "connection" | "outage">; closers: Closers },
): void {
  const platforms = Object.keys(d.posters) as DigestPlatform[];
  if (platforms.length === 0) return;
  const process = composeDigestProcessor(d);
  const workers = startDigestWorkers({
    connection: d.queue.connection,
    outage: d.queue.outage,
    prefix: d.config.JOBSCOUT_QUEUE_PREFIX,
    platforms,
    concurrency: d.config.JOBSCOUT_DIGEST_CONCURRENCY,
    lockMs: d.config.JOBSCOUT_LOCK_MS,
    stopMs: d.config.JOBSCOUT_WORKER_STOP_MS,
    logger: d.logger,
    process,
    onDone: d.onDone,
  });
  d.closers.add(() => workers.close(d.queue.outage.down));
}
