// Slack retries an event with the same event_id; with several bot processes serving one app each
// retry may land in another process. Each SlackEventDedupe below stands for one process (its own
// local memory), sharing the real Redis as the processes do.
import { describe, expect, it } from "vitest";
import { SlackEventDedupe } from "../../src/bot/slack/event-dedupe.js";
import { createLogger } from "../../src/core/logger.js";
import { redisForFile } from "../support/harness.js";

const { prefix, redis } = redisForFile();

const processes = (n: number) =>
  Array.from(
    { length: n },
    () => new SlackEventDedupe({ redis: redis(), prefix, logger: createLogger("silent") }),
  );

describe("Slack event dedupe across processes", () => {
  it("lets exactly one process take a delivery, whichever process the retry reaches", async () => {
    const [a, b, c] = processes(3);
    expect(await a!.first("Ev01")).toBe(true);
    expect(await b!.first("Ev01")).toBe(false);
    expect(await c!.first("Ev01")).toBe(false);
    expect(await a!.first("Ev01")).toBe(false);
    // Another event is new everywhere.
    expect(await b!.first("Ev02")).toBe(true);

    // Deliveries arriving at the same moment in three processes: one wins.
    const claims = await Promise.all(processes(3).map((p) => p.first("Ev03")));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("treats a delivery as seen when any of its keys was (the event id and the message’s channel and ts)", async () => {
    const [a, b] = processes(2);
    expect(await a!.first("Ev10", "msg:T1:C1:1700000000.000100")).toBe(true);
    expect(await b!.first("Ev11", "msg:T1:C1:1700000000.000100")).toBe(false);
    expect(await redis().ttl(`${prefix}:slack:event:Ev10`)).toBeGreaterThan(3000);
  });
});
