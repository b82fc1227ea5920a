import { chatCommand } from "./chat.js";
import { bootstrap, type Companion } from "./shared.js";
import { configuredSurfaces, surfacesCommand } from "./surfaces.js";

/**
 * `jobscout start` (what `npm start` runs): everything in one process on embedded defaults — the
 * pipeline workers plus every chat surface whose tokens are configured, or the terminal chat when
 * none is; and the dashboard when `JOBSCOUT_DASHBOARD_PORT` is set.
 */
export function startCommand(): Promise<number> {
  const { config, logger } = bootstrap("error");
  const surfaces = configuredSurfaces(config);
  const companion: Companion | undefined =
    config.JOBSCOUT_DASHBOARD_PORT === undefined
      ? undefined
      : async (app) => {
          const { serveDashboard } = await import("../dashboard/serve.js");
          const dashboard = await serveDashboard(app, app.config, logger);
          // stderr: the terminal chat's stdout stays the conversation.
          process.stderr.write(`jobscout dashboard: ${dashboard.url}\n`);
          return dashboard;
        };
  return surfaces.length > 0
    ? surfacesCommand({ surfaces, workers: true, companion })
    : chatCommand({ workers: true, companion });
}
