// An app with its Slack surface on the HTTP Events API against the local Slack stand-in: its own
// data dir and queue prefix on the real Redis, all of it closed by the pushed cleanups.
import type { App, AppOptions } from "../../src/compose/app.js";
import { startSlackSurface } from "../../src/bot/slack/slack.surface.js";
import { startTestApp } from "./harness.js";
import { SlackSender, startSlackServer, type FakeSlackUser, type SlackServer } from "./slack-server.js";

export interface SlackApp {
  app: App;
  slack: SlackServer;
  send: SlackSender;
}

export async function startSlackApp(o: {
  sourcesUrl: string;
  secret: string;
  users: FakeSlackUser[];
  cleanups: Array<() => Promise<void> | void>;
  env?: Record<string, string>;
  /** App options besides the config (an injected chat model). */
  appOptions?: Partial<Omit<AppOptions, "config">>;
}): Promise<SlackApp> {
  const slack = await startSlackServer({ users: o.users });
  o.cleanups.push(() => slack.close());
  const app = await startTestApp(
    o.sourcesUrl,
    {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: o.secret,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: "0",
      ...o.env,
    },
    o.cleanups,
    o.appOptions,
  );
  const surface = await startSlackSurface(app);
  o.cleanups.push(() => surface.stop());
  return { app, slack, send: new SlackSender(`http://127.0.0.1:${surface.port}/slack/events`, o.secret) };
}
