// A whole jobscout for dashboard tests: the replay server as the job sites, an app with workers on
// the real Redis under a unique prefix, and the dashboard listening on a free port.
import type { App } from "../../src/compose/app.js";
import { createLogger } from "../../src/core/logger.js";
import { createDashboard, type DashboardOptions } from "../../src/dashboard/dashboard.server.js";
import { LoginLinks } from "../../src/dashboard/login-links.js";
import { DashboardRepo } from "../../src/store/dashboard.repo.js";
import { MetricsRepo } from "../../src/store/metrics.repo.js";
import { dropPrefix, tempDir, testApp, testConfig, testEnv } from "./harness.js";
import { startReplayServer, type ReplayServer } from "./replay-server.js";

export const OPERATOR_TOKEN = "operator-token-for-tests-0123456789";

export interface DashboardEnv {
  app: App;
  replay: ReplayServer;
  /** `http://127.0.0.1:<port>` */
  url: string;
  links: LoginLinks;
  close(): Promise<void>;
}

export async function startDashboardEnv(
  over: { auth?: Partial<DashboardOptions["auth"]>; liveIntervalMs?: number } = {},
  env: Record<string, string> = {},
): Promise<DashboardEnv> {
  const replay = await startReplayServer();
  const tmp = tempDir("jobscout-dash-");
  const e = testEnv(tmp.dir, replay.url, env);
  const app = await testApp(testConfig(e));
  const server = await createDashboard({
    runs: app.runs,
    runService: app.runService,
    repo: new DashboardRepo(app.db),
    metrics: new MetricsRepo(app.db),
    catalog: app.catalog,
    defaultSources: app.config.JOBSCOUT_SOURCES,
    redis: app.connection,
    prefix: e.JOBSCOUT_QUEUE_PREFIX,
    auth: {
      token: OPERATOR_TOKEN,
      sessionTtlMs: 600_000,
      linkTtlMs: 60_000,
      baseUrl: "unused",
      ...over.auth,
    },
    readiness: [{ name: "redis", check: async () => void (await app.connection.ping()) }],
    logger: createLogger("silent"),
    liveIntervalMs: over.liveIntervalMs ?? 200,
  });
  const url = await server.listen({ port: 0, host: "127.0.0.1" });
  const links = new LoginLinks({
    redis: app.connection,
    prefix: e.JOBSCOUT_QUEUE_PREFIX,
    baseUrl: url,
    ttlMs: 60_000,
  });
  return {
    app,
    replay,
    url,
    links,
    close: async () => {
      await server.close();
      await app.close();
      await replay.close();
      await dropPrefix(e.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    },
  };
}

/** A browser-like HTTP client: keeps the session cookie, does not follow redirects. */
export class CookieClient {
  cookie = "";
  constructor(private readonly base: string) {}

  async request(
    path: string,
    init: { method?: string; form?: Record<string, string> } = {},
  ): Promise<Response> {
    const res = await fetch(new URL(path, this.base), {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0] ?? "";
    return res;
  }

  async text(path: string): Promise<{ status: number; body: string }> {
    const res = await this.request(path);
    return { status: res.status, body: await res.text() };
  }

  /** The CSRF token the page's forms carry. */
  static csrfOf(page: string): string {
    const m = /name="csrf" value="([^"]+)"/.exec(page);
    if (!m?.[1]) throw new Error("page has no CSRF field");
    return m[1];
  }
}
