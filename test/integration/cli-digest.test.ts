// `jobscout digest run NAME` as a user runs it: an alert saved in chat, its digest now on stdout —
// fresh postings fetched first on an empty data dir, only what is new the second time, and a clear
// answer for a name that is no alert.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import { jobCardsIn, runJobscout } from "../support/cli.js";
import { dropPrefix, tempDir, testEnv } from "../support/harness.js";

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(() => replay.close());

describe("jobscout digest run", () => {
  it("prints the alert's digest now, then only what is new since it", async () => {
    const tmp = tempDir();
    const env = testEnv(tmp.dir, replay.url, { JOBSCOUT_TIME_ZONE: "Europe/Berlin" });
    try {
      const saved = await runJobscout(
        ["ask", "alert me daily at 8 about jobs in Berlin called berlin daily"],
        {
          env,
        },
      );
      expect(saved.code).toBe(0);
      expect(saved.stdout).toMatch(/Saved your alert “berlin daily”: daily at 8:00 \(Europe\/Berlin\)/);

      const first = await runJobscout(["digest", "run", "berlin", "daily"], { env });
      expect(first.stderr).toBe("");
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(
        /New for your alert “berlin daily”: \d+ (of \d+ )?jobs since the last digest\./,
      );
      const cards = jobCardsIn(first.stdout);
      expect(cards.length).toBeGreaterThanOrEqual(3);
      for (const c of cards) expect(c.meta).toMatch(/Berlin/);
      // At most two jobs of one company (JOBSCOUT_DIGEST_PER_COMPANY).
      const perCompany = new Map<string, number>();
      for (const c of cards) perCompany.set(c.company!, (perCompany.get(c.company!) ?? 0) + 1);
      expect(Math.max(...perCompany.values())).toBeLessThanOrEqual(2);
      const fetched = replay.requests.length;
      expect(fetched).toBeGreaterThan(0);

      // The data is fresh (less than a day old) and nothing came since: nothing new, no fetch.
      const second = await runJobscout(["digest", "run", "1"], { env });
      expect(second.code).toBe(0);
      expect(second.stdout.trim()).toBe("Nothing new for your alert “berlin daily” since the last digest.");
      expect(replay.requests.length).toBe(fetched);

      const unknown = await runJobscout(["digest", "run", "munich"], { env });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(/There is no alert “munich”\. Your alerts: 1\. berlin daily\./);
    } finally {
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
    }
  }, 180_000);
});
