import { composeApp } from "../compose/app.js";
import { serveDashboard } from "../dashboard/serve.js";
import { bootstrap, untilSignal } from "./shared.js";

/** `jobscout dashboard`: the dashboard in the browser only (a process role; no workers). */
export async function dashboardCommand(): Promise<number> {
  const { config, logger } = bootstrap("info");
  const app = await composeApp({ config, logger, workers: false });
  try {
    const dashboard = await serveDashboard(app, app.config, logger);
    process.stderr.write(`jobscout dashboard: ${dashboard.url}\n`);
    const sig = await untilSignal();
    logger.info("stopping dashboard", { signal: sig });
    await dashboard.close();
  } finally {
    await app.close();
  }
  return 0;
}
