// When Redis does not answer, a Slack bot process still answers each event (an answer beats none),
// still answers a retry of it only once, and its memory of seen events stays bounded.
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEventDedupe } from "../../src/bot/slack/event-dedupe.js";
import { createLogger } from "../../src/core/logger.js";
import { deadPort, redisAtDeadPort, type DeadPort } from "../support/dead-port.js";

let dead: DeadPort;
let redis: Redis;
const lines: string[] = [];

beforeAll(async () => {
  dead = await deadPort();
  redis = redisAtDeadPort(dead);
});
afterAll(async () => {
  redis.disconnect();
  await dead.close();
});

const dedupe = () =>
  new SlackEventDedupe({ redis, prefix: "t", logger: createLogger("warn", {}, (l) => lines.push(l)) });

describe("Slack event dedupe without Redis", () => {
  it("answers an event, says why dedupe is weaker, and still drops a retry in this process", async () => {
    const d = dedupe();
    expect(await d.first("Ev1")).toBe(true);
    expect(lines.some((l) => l.includes("slack event dedupe unavailable"))).toBe(true);
    expect(await d.first("Ev1")).toBe(false);
    expect(await d.first("Ev2", "msg:T1:C1:1.1")).toBe(true);
    expect(await d.first("Ev3", "msg:T1:C1:1.1")).toBe(false);
  });

  it("remembers at most 10,000 events: the oldest is forgotten, the others kept", async () => {
    const d = dedupe();
    for (let i = 0; i <= 10_000; i++) await d.first(`Ev-${i}`);
    expect(await d.first("Ev-10000")).toBe(false);
    expect(await d.first("Ev-1")).toBe(false);
    expect(await d.first("Ev-0")).toBe(true);
  });
});
