// No fetches into private networks: what an attacker with only a chat account tries — tracking an
// internal address, a public-looking name that resolves to one, a redirect or a sitemap that leads
// to one — through the agent, the real queue and store. Names resolve through an injected table
// (DNS under the attacker's control); the internal services are real loopback servers whose
// request logs show whether anything reached them.
import { answerWords } from "../support/answer-words.js";
import type { LookupAddress } from "node:dns";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { NOT_ALLOWED } from "../../src/pipeline/sources/outbound-policy.js";
import { startFaultServer, type FaultInjectingServer } from "../support/fault-server.js";
import { CAREERS_PATH, startFeedsServer, type FeedsServer } from "../support/feeds-server.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { startTestApp, TEST_WORKSPACE } from "../support/harness.js";

let replay: ReplayServer;
let site: FeedsServer;
let internal: FaultInjectingServer;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  [replay, site, internal] = await Promise.all([
    startReplayServer(),
    startFeedsServer(),
    startFaultServer({
      answer: () => ({ status: 200, type: "text/html", body: "<p>internal admin console</p>" }),
      malformed: () => "<p",
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([replay.close(), site.close(), internal.close()]);
});
afterEach(async () => {
  site.clearFaults();
  site.requests.length = 0;
  internal.requests.length = 0;
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sitePort = () => new URL(site.url).port;
const internalPort = () => new URL(internal.url).port;

/** DNS as the attacker sets it up; entries may change between lookups (rebinding). */
const dns = new Map<string, string>();
const resolveHost = (host: string): Promise<LookupAddress[]> => {
  const address = dns.get(host);
  return address
    ? Promise.resolve([{ address, family: address.includes(":") ? 6 : 4 }])
    : Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" }));
};

const freshApp = (extra: Record<string, string> = {}): Promise<App> =>
  startTestApp(
    replay.url,
    {
      JOBSCOUT_SOURCES: "arbeitnow",
      // Career pages are read one every 5 s out of politeness; these are ours.
      JOBSCOUT_HOST_RATE_LIMITS: `${new URL(replay.url).host}=60000,${site.url.slice(7)}=60000,careers.example:${sitePort()}=60000`,
      ...extra,
    },
    cleanups,
    { resolveHost },
  );

const admin = { ...TEST_WORKSPACE, threadId: "t-admin", platform: "test", isAdmin: true };

const REFUSED = [
  "127.0.0.1",
  "[::1]",
  "10.0.0.8",
  "172.16.5.4",
  "192.168.178.1",
  "100.64.1.1",
  "169.254.169.254",
  "[fd00::1]",
  "[::ffff:127.0.0.1]",
  "0.0.0.0",
];

describe("tracking from chat", () => {
  it("refuses every private, loopback, link-local, metadata and unspecified address before saying 'Now tracking'", async () => {
    const app = await freshApp();
    for (const host of REFUSED) {
      const port = host === "127.0.0.1" ? `:${internalPort()}` : "";
      const answer = await app.agent.ask(`track jobs at http://${host}${port}/careers/`, admin);
      expect(answer.text, host).toContain(NOT_ALLOWED);
      expect(answer.text, host).not.toMatch(/Now tracking/);
    }
    expect(await app.catalog.list(TEST_WORKSPACE.workspaceId)).toEqual([]);
    expect(internal.requests).toEqual([]);
  });

  it("refuses a public-looking name that resolves to loopback, and a feed whose name resolves to the metadata address", async () => {
    dns.set("careers.example.org", "127.0.0.1");
    dns.set("jobs.example.net", "169.254.169.254");
    const app = await freshApp();
    const page = await app.agent.ask(`track jobs at https://careers.example.org/karriere/`, admin);
    expect(page.text).toContain(NOT_ALLOWED);
    const feed = await app.agent.ask(`track jobs at http://jobs.example.net/jobs.rss`, admin);
    expect(feed.text).toContain(NOT_ALLOWED);
    expect(await app.catalog.list(TEST_WORKSPACE.workspaceId)).toEqual([]);
  });

  it("tracks and fetches an intranet career page the operator allowed with JOBSCOUT_ALLOW_PRIVATE_HOSTS", async () => {
    const app = await freshApp({ JOBSCOUT_ALLOW_PRIVATE_HOSTS: "127.0.0.1" });
    const ok = await app.agent.ask(`track jobs at ${site.url}${CAREERS_PATH}`, admin);
    expect(ok.text).toMatch(/Now tracking Career page/);
    const run = (await app.agent.ask("refresh", admin)).run!;
    const page = run.sources.find((s) => s.source.startsWith("jsonld-"));
    expect(page?.status).toBe("ok");
    expect(page?.newJobs).toBeGreaterThan(0);
    expect(run.sources.find((s) => s.source === "arbeitnow")?.newJobs).toBeGreaterThan(0);
  });
});

describe("fetching tracked sources", () => {
  // careers.example is the allowed intranet host (the career site on loopback).
  const allowed = { JOBSCOUT_ALLOW_PRIVATE_HOSTS: "careers.example" };
  const careersUrl = () => `http://careers.example:${sitePort()}${CAREERS_PATH}`;

  async function runOnce(app: App) {
    const answer = await app.agent.ask("refresh", admin);
    const run = answer.run!;
    const page = run.sources.find((s) => s.source.startsWith("jsonld-"));
    // The run goes on with the other sources' jobs.
    expect(run.status).toBe("completed");
    expect(run.sources.find((s) => s.source === "arbeitnow")?.newJobs).toBeGreaterThan(0);
    return { answer, page };
  }

  it("refuses a redirect from the allowed host to an internal one; nothing reaches the internal service", async () => {
    dns.set("careers.example", "127.0.0.1");
    const app = await freshApp(allowed);
    expect((await app.agent.ask(`track jobs at ${careersUrl()}`, admin)).text).toMatch(/Now tracking/);
    site.fail(CAREERS_PATH, { redirect: `${internal.url}/internal/admin/` });
    const { answer, page } = await runOnce(app);
    expect(page?.status).toBe("failed");
    expect(page?.error).toBe(NOT_ALLOWED);
    expect(answerWords(answer)).toMatch(new RegExp(`Career page careers\\.example.*failed — ${NOT_ALLOWED}`));
    expect(answerWords(answer)).not.toMatch(/internal admin|<p>|sent XML/);
    expect(internal.requests).toEqual([]);
  });

  it("refuses sitemap links to a private address (robots.txt names sitemaps on 127.0.0.1)", async () => {
    dns.set("careers.example", "127.0.0.1");
    const app = await freshApp(allowed);
    expect((await app.agent.ask(`track jobs at ${careersUrl()}`, admin)).text).toMatch(/Now tracking/);
    const { page } = await runOnce(app);
    // The site's robots.txt and index point at http://127.0.0.1:<port>/…, which was not allowed.
    expect(page?.status).toBe("failed");
    expect(page?.error).toBe(NOT_ALLOWED);
    const paths = site.requests.map((r) => r.path);
    expect(paths).toContain("/robots.txt");
    expect(paths.filter((p) => p.includes("sitemap"))).toEqual([]);
  });

  it("refuses at fetch time a name that resolved publicly when tracked and to loopback now (rebinding)", async () => {
    dns.set("jobs.rebind.example", "93.184.216.34");
    const app = await freshApp();
    expect((await app.agent.ask("track jobs at http://jobs.rebind.example/karriere/", admin)).text).toMatch(
      /Now tracking/,
    );
    dns.set("jobs.rebind.example", "127.0.0.1");
    const { page } = await runOnce(app);
    expect(page?.status).toBe("failed");
    expect(page?.error).toBe(NOT_ALLOWED);
    // Refused for good: not retried as if the network had hiccuped.
    expect(page?.retries).toBe(0);
  });
});
