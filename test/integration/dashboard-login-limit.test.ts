// Guessing dashboard logins: a client that sends too many bad tokens or links gets 429 with
// retry-after, before its token is looked at; other clients and good tokens keep working.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CookieClient,
  OPERATOR_TOKEN,
  startDashboardEnv,
  type DashboardEnv,
} from "../support/dashboard-env.js";

const ATTEMPTS = 3;
const WINDOW_MS = 5_000;
let env: DashboardEnv;

beforeAll(async () => {
  env = await startDashboardEnv({ auth: { loginAttempts: ATTEMPTS, loginWindowMs: WINDOW_MS } });
});
afterAll(async () => {
  await env.close();
});

/** A login from another address on the loopback net (Linux routes all of 127/8 to lo). */
function loginFrom(localAddress: string, token: string): Promise<number> {
  const { hostname, port } = new URL(env.url);
  const body = new URLSearchParams({ token }).toString();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        localAddress,
        method: "POST",
        path: "/login",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("dashboard login rate limit", () => {
  it("answers 429 with retry-after after repeated bad tokens, then lets the good token in", async () => {
    const guesser = new CookieClient(env.url);
    // Good tokens from a client under the limit work and are not counted.
    expect((await guesser.request("/login", { form: { token: OPERATOR_TOKEN } })).status).toBe(303);
    for (let i = 0; i < ATTEMPTS - 1; i++) {
      expect((await guesser.request("/login", { form: { token: `wrong-token-guess-${i}` } })).status).toBe(
        401,
      );
    }
    // A bad one-time link counts like a bad token.
    expect((await guesser.request("/login/not-a-link-that-was-ever-issued")).status).toBe(410);

    const { url } = await env.links.issueLoginLink({
      workspaceId: "ws-limit",
      userId: "u-limit",
      admin: false,
    });
    const link = new URL(url).pathname;
    const refused = await guesser.request(link);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(await refused.text()).toContain("Too many failed logins");
    // Even the right token is not looked at while the client waits.
    const tokenRefused = await guesser.request("/login", { form: { token: OPERATOR_TOKEN } });
    expect(tokenRefused.status).toBe(429);

    // Another client is not affected.
    expect(await loginFrom("127.0.0.2", OPERATOR_TOKEN)).toBe(303);
    expect(await loginFrom("127.0.0.2", "another-wrong-token")).toBe(401);

    // After the time it was told, the link refused at 429 was not used up and logs in.
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    const after = await guesser.request(link);
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/w/ws-limit/");
  });
});
