// A Slack bot process remembers the events it answered for an hour (Slack retries within minutes),
// then forgets them: a delivery seen again after that starts a turn again when Redis has forgotten
// it too, and the memory holds only the events of the last hour. Redis is down here (a dead port), so
// the local memory is all there is; the clock is the only thing faked (Date), nothing of jobscout.
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { SlackEventDedupe } from "../../src/bot/slack/event-dedupe.js";
import { createLogger } from "../../src/core/logger.js";
import { deadPort, redisAtDeadPort, type DeadPort } from "../support/dead-port.js";

let dead: DeadPort;
let redis: Redis;

beforeAll(async () => {
  dead = await deadPort();
  redis = redisAtDeadPort(dead);
});
afterAll(async () => {
  redis.disconnect();
  await dead.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const T0 = Date.parse("2026-12-03T10:00:00.000Z");
const at = (ms: number) => vi.setSystemTime(T0 + ms);

function dedupe(ttlSec?: number, lines: string[] = []) {
  return new SlackEventDedupe({
    redis,
    prefix: "mem",
    ...(ttlSec === undefined ? {} : { ttlSec }),
    logger: createLogger("warn", {}, (l) => lines.push(l)),
  });
}

describe("Slack event dedupe memory in one process", () => {
  it("drops a retry up to the last millisecond of the hour and answers the event again once the hour is over", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const d = dedupe();
    at(0);
    expect(await d.first("EvHour")).toBe(true);
    at(3_599_999);
    expect(await d.first("EvHour")).toBe(false);
    at(3_600_000);
    expect(await d.first("EvHour")).toBe(true);
  });

  it("forgets the events whose time is up when a new one arrives, keeping the recent ones", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const d = dedupe(60);
    at(0);
    await d.first("EvA");
    await d.first("EvB");
    at(30_000);
    await d.first("EvC");
    expect(d.remembered).toBe(3);
    // EvA and EvB were remembered until 60,000 ms: at that moment they are gone, EvC stays.
    at(60_000);
    expect(await d.first("EvD")).toBe(true);
    expect(d.remembered).toBe(2);
    expect(await d.first("EvC")).toBe(false);
    expect(await d.first("EvA")).toBe(true);
  });

  it("never remembers more than 10,000 events, dropping the oldest first", async () => {
    const d = dedupe();
    for (let i = 0; i < 10_005; i++) await d.first(`EvCap-${i}`);
    expect(d.remembered).toBe(10_000);
    expect(await d.first("EvCap-5")).toBe(false);
    expect(await d.first("EvCap-4")).toBe(true);
  });

  it("logs why dedupe is weaker, naming Redis's error", async () => {
    const lines: string[] = [];
    await dedupe(undefined, lines).first("EvLog");
    const warning = lines.find((l) => l.includes("slack event dedupe unavailable"));
    expect(warning).toContain("enableOfflineQueue options is false");
  });
});
