// The dashboard in a real browser (Debian's Chromium driven by playwright-core): log in with a
// one-time link, watch a run go from queued to completed without reloading, see a source turn
// Failing when the replayed site answers 500, and be refused another workspace's pages.
// With DASHBOARD_SCREENSHOTS=docs the screenshots are written to docs/ (as shown in the README).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARBEITNOW_PATH } from "../support/replay-server.js";
import { OPERATOR_TOKEN, startDashboardEnv, type DashboardEnv } from "../support/dashboard-env.js";

const CHROMIUM = "/usr/bin/chromium";
const SHOTS =
  process.env.DASHBOARD_SCREENSHOTS === "docs"
    ? path.resolve("docs")
    : mkdtempSync(path.join(os.tmpdir(), "jobscout-shots-"));

let env: DashboardEnv;
let browser: Browser;
const A = { workspaceId: "ws-browser-a", userId: "u-browser-admin" };
const B = { workspaceId: "ws-browser-b", userId: "u-browser-b" };

beforeAll(async () => {
  env = await startDashboardEnv({ liveIntervalMs: 250 });
  for (const w of [A, B]) await env.app.workspaces.ensure({ ...w, platform: "slack" });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      // Chromium still looked up Google's update, sign-in and autofill hosts (the hermetic drill,
      // test/support/offline-drill.sh, caught them): no name resolves, no component updates.
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      "--disable-component-update",
      "--disable-sync",
      "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter",
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
});

describe("dashboard in the browser", () => {
  it("logs in with a one-time link and shows a run going from queued to completed live", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const { url } = await env.links.issueLoginLink({ ...A, admin: true });
    await page.goto(url);
    expect(new URL(page.url()).pathname).toBe(`/w/${A.workspaceId}/`);
    await page.getByText("No runs yet.").waitFor();
    // A marker that a reload would wipe: the card must arrive over SSE, not by navigation.
    await page.evaluate("window.notReloaded = true");

    const run = await env.app.runService.start({ ...A, query: { place: "Bamberg" } });
    const card = page.locator(`[data-run="${run.id}"]`);
    await card.waitFor();
    const first = await card.getAttribute("data-status");
    expect(first).not.toBe("completed");
    await page.locator(`[data-run="${run.id}"][data-status="completed"]`).waitFor({ timeout: 60_000 });
    expect(await page.evaluate("window.notReloaded === true")).toBe(true);
    await expect(card.locator('[data-source="arbeitnow"]').getAttribute("data-status")).resolves.toBe("ok");
    await page.screenshot({ path: path.join(SHOTS, "dashboard-runs.png"), fullPage: true });

    // The start form works from the page too.
    await page.fill('input[name="keywords"]', "from-the-page");
    await page.click('[data-testid="start-run"]');
    await page.getByText("from-the-page").first().waitFor();
    await page.close();
  });

  it("shows a source turn Failing when its site starts answering 500", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto((await env.links.issueLoginLink({ ...A, admin: false })).url);
    await page.goto(`${env.url}/w/${A.workspaceId}/sources`);
    const badge = page.getByTestId("badge-arbeitnow");
    await expect(badge.textContent()).resolves.not.toContain("Failing");

    env.replay.fail(ARBEITNOW_PATH, { status: 500 });
    const run = await env.app.runService.start({
      ...A,
      query: { keywords: "broken" },
      sources: ["arbeitnow"],
    });
    await env.app.runService.wait(A.workspaceId, run.id, { timeoutMs: 60_000 });
    // The badge changes over SSE, without a reload.
    await expect.poll(() => badge.textContent(), { timeout: 20_000 }).toContain("Failing");
    await expect(page.locator('[data-source="arbeitnow"]').textContent()).resolves.toContain("500×");
    env.replay.clearFaults();
    await page.reload();
    await page.screenshot({ path: path.join(SHOTS, "dashboard-sources.png"), fullPage: true });
    await page.close();
  });

  it("refuses a member another workspace's pages with 403", async () => {
    const page = await browser.newPage();
    await page.goto((await env.links.issueLoginLink({ ...A, admin: true })).url);
    for (const p of [
      `/w/${B.workspaceId}/`,
      `/w/${B.workspaceId}/sources`,
      `/w/${B.workspaceId}/history`,
      "/queues/",
    ]) {
      const res = await page.goto(`${env.url}${p}`);
      expect(res?.status(), p).toBe(403);
    }
    await page.close();
  });

  it("shows the queue board to the operator", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${env.url}/login`);
    await page.fill('input[name="token"]', OPERATOR_TOKEN);
    await page.click('button[type="submit"]');
    await page.getByText(B.workspaceId).first().waitFor();
    // The board's own API answers behind the same login.
    const api = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith("/queues/api/queues"));
    const res = await page.goto(`${env.url}/queues/`);
    expect(res?.status()).toBe(200);
    expect((await api).status()).toBe(200);
    await page.getByText("jobscout-fetch").first().waitFor();
    await page.getByText("Loading...").waitFor({ state: "hidden" });
    await page.screenshot({ path: path.join(SHOTS, "dashboard-queues.png") });
    await page.close();
  });
});
