import { pausedWhy } from "../agents/render-alerts.js";
import { phrasesFor } from "../answers/phrases/phrases.js";
import { createTerminalDigestPoster } from "../bot/cli/digest-poster.js";
import { composeDigestProcessor } from "../compose/alerts.js";
import { AppError } from "../core/errors.js";
import { embedderKey } from "../search/embedder.js";
import { withTerminalApp } from "./shared.js";

/**
 * `jobscout digest run NAME`: one of the terminal user's alerts now, printed here — fresh postings
 * fetched first when the data is older than its schedule, then what is new since its last digest.
 * It counts as a delivery: the next digest starts after what this one showed.
 */
export function digestRunCommand(name: string, opts: { workers: boolean }): Promise<number> {
  return withTerminalApp(opts, async (app, config) => {
    const actor = {
      workspaceId: config.JOBSCOUT_WORKSPACE,
      userId: config.JOBSCOUT_USER,
      platform: "cli",
      isAdmin: true,
    };
    const search = await app.alerts.find(actor, name);
    const lang = (await app.members.language(actor.workspaceId, actor.userId))?.lang ?? "en";
    if (search.status === "paused")
      throw new AppError("alert_paused", `alert ${search.id} is paused`, {
        userMessage: phrasesFor(lang).digest.runPaused(search.name, pausedWhy(search.pausedReason, lang)),
      });
    const runDigest = composeDigestProcessor({
      config,
      logger: app.logger,
      store: app,
      search: app.search,
      alerts: app.alerts,
      embedderKey: embedderKey(app.embedder),
      // Printed here whatever the alert's usual target (these are the terminal user's own alerts).
      posters: { cli: createTerminalDigestPoster(process.stdout) },
      runService: app.runService,
    });
    const outcome = await runDigest({ searchId: search.id, dueAt: new Date().toISOString() });
    // An alert that says nothing when nothing is new still answers a person who asked.
    if (outcome === "empty") process.stdout.write(`${phrasesFor(lang).digest.nothing(search.name)}\n`);
    return 0;
  });
}
