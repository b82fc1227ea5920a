// The dashboard over HTTP against a real jobscout (Redis, store, workers, replayed job sites):
// logins, workspace isolation, escaping of hostile values, admin actions and live updates.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/harness.js";
import { ARBEITNOW_PATH } from "../support/replay-server.js";
import {
  CookieClient,
  OPERATOR_TOKEN,
  startDashboardEnv,
  type DashboardEnv,
} from "../support/dashboard-env.js";

let env: DashboardEnv;
const A = { workspaceId: "ws-dash-a", userId: "u-admin-a" };
const B = { workspaceId: "ws-dash-b", userId: "u-b" };
let runOfB = "";

beforeAll(async () => {
  env = await startDashboardEnv();
  for (const w of [A, B]) await env.app.workspaces.ensure({ ...w, platform: "slack" });
  // B's run carries a hostile query and fails: both must stay B's alone.
  const run = await env.app.runService.start({
    ...B,
    query: { keywords: "<img src=x onerror=alert(1)>secret-b" },
    sources: ["arbeitnow"],
  });
  runOfB = run.id;
  await env.app.runService.wait(B.workspaceId, run.id, { timeoutMs: 60_000 });
});
afterAll(async () => {
  await env.close();
});

async function member(grant: { workspaceId: string; userId: string; admin: boolean }): Promise<CookieClient> {
  const client = new CookieClient(env.url);
  const { url } = await env.links.issueLoginLink(grant);
  const res = await client.request(new URL(url).pathname);
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe(`/w/${grant.workspaceId}/`);
  return client;
}

describe("dashboard login", () => {
  it("sends a visitor without a session to the login page", async () => {
    const res = await new CookieClient(env.url).request(`/w/${A.workspaceId}/`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login");
  });

  it("logs an operator in with the token and refuses a wrong one", async () => {
    const wrong = new CookieClient(env.url);
    expect((await wrong.request("/login", { form: { token: "not-the-token-at-all" } })).status).toBe(401);
    expect((await wrong.request("/")).status).toBe(303);

    const op = new CookieClient(env.url);
    expect((await op.request("/login", { form: { token: OPERATOR_TOKEN } })).status).toBe(303);
    const home = await op.text("/");
    expect(home.status).toBe(200);
    expect(home.body).toContain(A.workspaceId);
    expect(home.body).toContain(B.workspaceId);
  });

  it("lets a one-time link log in once only", async () => {
    const { url } = await env.links.issueLoginLink({ ...A, admin: true });
    const path = new URL(url).pathname;
    expect((await new CookieClient(env.url).request(path)).status).toBe(303);
    const again = await new CookieClient(env.url).text(path);
    expect(again.status).toBe(410);
    expect(again.body).toContain("Ask the bot for a new one");
  });

  it("ends the session at logout", async () => {
    const client = await member({ ...A, admin: false });
    const page = await client.text(`/w/${A.workspaceId}/`);
    await client.request("/logout", { form: { csrf: CookieClient.csrfOf(page.body) } });
    expect((await client.request(`/w/${A.workspaceId}/`)).status).toBe(303);
  });
});

describe("workspace isolation", () => {
  it("answers 403 on every page of another workspace and shows none of its data", async () => {
    const a = await member({ ...A, admin: true });
    for (const path of [
      `/w/${B.workspaceId}/`,
      `/w/${B.workspaceId}/history`,
      `/w/${B.workspaceId}/sources`,
      `/w/${B.workspaceId}/runs/${runOfB}`,
      `/w/${B.workspaceId}/events?feed=runs`,
      "/queues/",
      "/queues/api/queues",
    ]) {
      const res = await a.text(path);
      expect(res.status, path).toBe(403);
      expect(res.body).not.toContain("secret-b");
    }
    // B's run looked up through A's own workspace does not exist for A.
    const viaA = await a.text(`/w/${A.workspaceId}/runs/${runOfB}`);
    expect(viaA.status).toBe(404);
    expect(viaA.body).not.toContain("secret-b");
    const home = await a.request("/");
    expect(home.headers.get("location")).toBe(`/w/${A.workspaceId}/`);
  });

  it("refuses actions on another workspace even to an admin of their own", async () => {
    const a = await member({ ...A, admin: true });
    const csrf = CookieClient.csrfOf((await a.text(`/w/${A.workspaceId}/`)).body);
    const res = await a.request(`/w/${B.workspaceId}/runs/${runOfB}/retry`, { form: { csrf } });
    expect(res.status).toBe(403);
    expect(await env.app.runs.latest(B.workspaceId, 10)).toHaveLength(1);
  });
});

describe("pages", () => {
  it("escapes values from postings and users", async () => {
    const op = new CookieClient(env.url);
    await op.request("/login", { form: { token: OPERATOR_TOKEN } });
    const history = await op.text(`/w/${B.workspaceId}/history`);
    expect(history.status).toBe(200);
    expect(history.body).toContain("&lt;img src=x onerror=alert(1)&gt;secret-b");
    expect(history.body).not.toContain("<img src=x");
  });
});

describe("admin actions", () => {
  it("lets only an admin with the page's CSRF token start a run", async () => {
    const viewer = await member({ workspaceId: A.workspaceId, userId: "u-viewer", admin: false });
    const viewerPage = await viewer.text(`/w/${A.workspaceId}/`);
    expect(viewerPage.body).not.toContain('data-testid="start-run"');
    const refused = await viewer.request(`/w/${A.workspaceId}/runs`, {
      form: { csrf: CookieClient.csrfOf(viewerPage.body), place: "Bamberg" },
    });
    expect(refused.status).toBe(403);

    const admin = await member({ ...A, admin: true });
    expect((await admin.request(`/w/${A.workspaceId}/runs`, { form: { place: "Bamberg" } })).status).toBe(
      403,
    );
    expect(await env.app.runs.latest(A.workspaceId, 10)).toHaveLength(0);

    const csrf = CookieClient.csrfOf((await admin.text(`/w/${A.workspaceId}/`)).body);
    const started = await admin.request(`/w/${A.workspaceId}/runs`, { form: { csrf, place: "Bamberg" } });
    expect(started.status).toBe(303);
    const [run] = await env.app.runs.latest(A.workspaceId, 10);
    expect(run?.query).toEqual({ place: "Bamberg" });
    expect(run?.userId).toBe(A.userId);
  });

  it("retries a failed run with the same query and sources", async () => {
    const failed = await env.app.runService.start({
      ...A,
      query: { keywords: "retry-me" },
      sources: ["ba-jobsuche"],
    });
    await env.app.runs.finish(failed.id, "failed", {
      error: "every source failed",
      failure: { code: "sources_failed", count: 1 },
    });
    const admin = await member({ ...A, admin: true });
    const page = await admin.text(`/w/${A.workspaceId}/runs/${failed.id}`);
    expect(page.body).toContain('data-testid="retry-run"');
    const res = await admin.request(`/w/${A.workspaceId}/runs/${failed.id}/retry`, {
      form: { csrf: CookieClient.csrfOf(page.body) },
    });
    expect(res.status).toBe(303);
    const [latest] = await env.app.runs.latest(A.workspaceId, 1);
    expect(latest?.id).not.toBe(failed.id);
    expect(latest?.query).toEqual({ keywords: "retry-me" });
    expect(latest?.sources).toEqual(["ba-jobsuche"]);
  });

  it("pauses and resumes a tracked source: paused, runs leave it out", async () => {
    const tracked = await env.app.catalog.track({
      ...A,
      kind: "greenhouse",
      params: { board: "dash-board" },
    });
    const admin = await member({ ...A, admin: true });
    const page = await admin.text(`/w/${A.workspaceId}/sources`);
    expect(page.body).toContain(`data-testid="pause-${tracked.key}"`);
    const csrf = CookieClient.csrfOf(page.body);
    expect(
      (await admin.request(`/w/${A.workspaceId}/sources/${tracked.key}/pause`, { form: { csrf } })).status,
    ).toBe(303);
    expect(await env.app.catalog.defaultsFor(A.workspaceId)).not.toContain(tracked.key);
    const paused = await admin.text(`/w/${A.workspaceId}/sources`);
    expect(paused.body).toMatch(new RegExp(`data-testid="badge-${tracked.key}"\\s*>\\s*Paused\\s*<`));
    expect(
      (await admin.request(`/w/${A.workspaceId}/sources/${tracked.key}/resume`, { form: { csrf } })).status,
    ).toBe(303);
    expect(await env.app.catalog.defaultsFor(A.workspaceId)).toContain(tracked.key);
    // A default source belongs to every workspace: not pausable here.
    expect(
      (await admin.request(`/w/${A.workspaceId}/sources/arbeitnow/pause`, { form: { csrf } })).status,
    ).toBe(404);
  });
});

describe("live updates", () => {
  it("streams a run's progress until it is completed", async () => {
    const viewer = await member({ workspaceId: A.workspaceId, userId: "u-live", admin: false });
    const res = await viewer.request(`/w/${A.workspaceId}/events?feed=runs`);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    // The job site answers after 1 s, so the run is still fetching for several ticks of the stream
    // (200 ms here): a replay answering at once let a quiet machine finish the run between two ticks.
    env.replay.fail(ARBEITNOW_PATH, { delayMs: 1000, times: 1 });
    const run = await env.app.runService.start({
      ...A,
      query: { keywords: "live-run" },
      sources: ["arbeitnow"],
    });
    let seen = "";
    const statuses = new Set<string>();
    await eventually(
      async () => {
        const chunk = await reader.read();
        if (chunk.value) seen += Buffer.from(chunk.value).toString("utf8");
        const cards = seen
          .split("event: runs")
          .map((m) => new RegExp(`data-run="${run.id}" data-status="(\\w+)"`).exec(m)?.[1]);
        for (const s of cards) if (s) statuses.add(s);
        return statuses.has("completed");
      },
      60_000,
      0,
    );
    expect([...statuses][0]).not.toBe("completed");
    await reader.cancel();
  });
});

describe("health", () => {
  it("answers healthz and readyz", async () => {
    const client = new CookieClient(env.url);
    expect((await client.request("/healthz")).status).toBe(200);
    const ready = await client.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
  });
});

describe("login link from chat", () => {
  it('answers "dashboard" with a one-time link into the asker\'s workspace, admin as on the platform', async () => {
    const ask = (isAdmin: boolean) =>
      env.app.agent.ask("dashboard", { ...A, threadId: `t-${String(isAdmin)}`, platform: "slack", isAdmin });
    for (const isAdmin of [true, false]) {
      const answer = await ask(isAdmin);
      // A one-time link with an unguessable token, said to work once.
      expect(answer.text).toMatch(
        /works once[\s\S]*http:\/\/\S+\/login\/[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/,
      );
      const link = /(http:\/\/\S+\/login\/[A-Za-z0-9_-]+)/.exec(answer.text)?.[1];
      const client = new CookieClient(env.url);
      const res = await client.request(new URL(link!).pathname);
      expect(res.headers.get("location")).toBe(`/w/${A.workspaceId}/`);
      const page = await client.text(`/w/${A.workspaceId}/`);
      expect(page.body.includes('data-testid="start-run"')).toBe(isAdmin);
      expect((await client.request(`/w/${B.workspaceId}/`)).status).toBe(403);
    }
    // Asked in German, told in German.
    const de = await env.app.agent.ask("zeig mir das Dashboard", {
      ...A,
      threadId: "t-de",
      platform: "slack",
      isAdmin: false,
    });
    expect(de.text).toMatch(
      /^Dein Link zum Dashboard \(gilt einmal, bis \d\d:\d\d UTC; gib ihn nicht weiter\): http:\/\/\S+\/login\//,
    );
    expect(de.text).toMatch(/ein Admin kann dort auch Abrufe starten/);
  });
});
