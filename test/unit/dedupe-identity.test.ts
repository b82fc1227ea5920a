// JobIdentity on each real store (a SQLite file, a PostgreSQL database), without the queue.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JobIdentity, type CopyInput } from "../../src/pipeline/dedupe/job-identity.js";
import type { Db } from "../../src/store/db.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { BACKEND, BOILERPLATE, copyMaker } from "../support/dedupe-copies.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

describe.each(STORES)("on %s", (kind) => {
  let db: Db;
  let jobs: JobsRepo;
  let identity: JobIdentity;
  let store: TestStore;

  beforeEach(async () => {
    store = await openTestStore(kind);
    db = store.db;
    jobs = new JobsRepo(db);
    identity = new JobIdentity();
  });
  afterEach(async () => {
    await store.close();
  });

  const copy = copyMaker();

  const assign = (c: CopyInput) => jobs.transaction((tx) => identity.assign(tx, c));

  describe("JobIdentity", () => {
    it("makes one job of a cross-posted copy: every reference kept, the richer text shown, the earliest date", async () => {
      const ba = await assign(
        copy("ba-jobsuche", {
          title: "Backend-Engineer (w/m/d) – Bamberg",
          company: "Anlagenbau Franken GmbH & Co. KG",
          description: "Backend Engineer bei Anlagenbau Franken in Bamberg.",
          postedAt: "2026-02-26T08:00:00.000Z",
          salary: { min: 55000, max: 70000, currency: "EUR", period: "year" },
        }),
      );
      const board = await assign(copy("stepstone"));
      expect(ba.match).toBe("new");
      expect(board).toMatchObject({ jobId: ba.jobId, match: "fingerprint", outcome: "updated" });
      const [job] = await jobs.getMany([ba.jobId]);
      expect(job?.posting.sources.map((r) => r.source).sort()).toEqual(["ba-jobsuche", "stepstone"]);
      expect(job?.posting.description).toContain("Maschinensteuerung");
      expect(job?.posting.title).toBe("Backend Engineer (m/w/d)");
      expect(job?.posting.postedAt).toBe("2026-02-26T08:00:00.000Z");
      // What only the poorer copy knew is kept.
      expect(job?.posting.salary).toMatchObject({ min: 55000, max: 70000 });
      expect(await jobs.count()).toBe(1);
    });

    it("takes the remote mode and the coordinates a merged job lacks from its other copy, in either order", async () => {
      // The richer copy (longer description) names the town without coordinates and no remote mode;
      // the poorer one knows both. Without them the job drops out of radius and "remote" searches.
      const rich = { locations: [{ city: "Bamberg", country: "DE" }], remoteMode: "unknown" as const };
      const poor = {
        description: "Backend Engineer bei Anlagenbau Franken in Bamberg.",
        remoteMode: "remote" as const,
      };
      for (const [first, second] of [
        [copy("arbeitnow", rich), copy("ba-jobsuche", poor)],
        [copy("ba-jobsuche", poor), copy("arbeitnow", rich)],
      ] as const) {
        const a = await assign(first);
        const b = await assign(second);
        expect(b.jobId).toBe(a.jobId);
        const [job] = await jobs.getMany([a.jobId]);
        expect(job?.posting.description).toContain("Maschinensteuerung");
        expect(job?.posting.remoteMode).toBe("remote");
        expect(job?.posting.locations).toEqual([{ city: "Bamberg", country: "DE", lat: 49.89, lon: 10.89 }]);
        expect(await jobs.facetsOf([a.jobId])).toEqual([
          expect.objectContaining({ lat: 49.89, lon: 10.89, remoteMode: "remote", status: "open" }),
        ]);
        await db.kysely.deleteFrom("jobs").execute();
      }
    });

    it("finds a copy by its apply URL without tracking parameters", async () => {
      const first = await assign(
        copy("arbeitnow", { applyUrl: "https://jobs.franken.example/backend-42?utm_source=x" }),
      );
      const second = await assign(
        copy("indeed", {
          title: "Software Engineer Backend",
          applyUrl: "https://www.jobs.franken.example/backend-42/?gclid=abc",
        }),
      );
      expect(second).toMatchObject({ jobId: first.jobId, match: "url" });
      // A careers landing page is shared by every job of the company: not an identity.
      const a = await assign(
        copy("x", {
          title: "Controller (m/w/d)",
          description: "Controlling.",
          applyUrl: "https://franken.example/",
        }),
      );
      const b = await assign(
        copy("y", {
          title: "Controller Treasury",
          description: "Treasury.",
          applyUrl: "https://franken.example/?utm_source=y",
        }),
      );
      expect(a.jobId).not.toBe(b.jobId);
    });

    it("finds a retitled copy by its near-duplicate description", async () => {
      const first = await assign(copy("arbeitnow"));
      const second = await assign(
        copy("linkedin", {
          title: "Backend Engineer Platform",
          description: `${BOILERPLATE}${BACKEND}\n\nJetzt bewerben!`,
        }),
      );
      expect(second).toMatchObject({ jobId: first.jobId, match: "near-duplicate" });
    });

    it("keeps apart what only looks alike: another role with the same boilerplate, another level, city, company or working time", async () => {
      const base = await assign(copy("arbeitnow"));
      const copies = [
        copy("arbeitnow", {
          title: "Frontend Engineer (m/w/d)",
          description: `${BOILERPLATE}Als Frontend Engineer baust du unsere Bedienoberflächen in React und TypeScript.`,
        }),
        copy("arbeitnow", { title: "Senior Backend Engineer (m/w/d)" }),
        copy("arbeitnow", { locations: [{ city: "Bischberg", country: "DE" }] }),
        copy("arbeitnow", { company: "Maschinenbau Oberfranken GmbH" }),
        copy("arbeitnow", { title: "Backend Engineer (m/w/d) in Teilzeit", employmentType: "part_time" }),
      ];
      const others = [];
      for (const c of copies) others.push(await assign(c));
      expect(new Set([base.jobId, ...others.map((o) => o.jobId)]).size).toBe(6);
    });

    it("takes a repost within 60 days as the same job, and the same title months later as a new opening", async () => {
      const first = await assign(copy("ba-jobsuche", {}, "2026-03-02T09:00:00.000Z"));
      const repost = await assign(
        copy("ba-jobsuche", { title: "Backend Engineer (w/m/d)" }, "2026-04-20T09:00:00.000Z"),
      );
      expect(repost).toMatchObject({ jobId: first.jobId, match: "fingerprint" });
      const later = await assign(copy("ba-jobsuche", {}, "2026-08-01T09:00:00.000Z"));
      expect(later.match).toBe("new");
    });

    it("does not guess where a copy without a city belongs when the job is listed in several towns", async () => {
      const bamberg = await assign(copy("ba-jobsuche"));
      const vague = { locations: [{ country: "DE" }], description: "Backend Engineer gesucht." };
      expect((await assign(copy("indeed", vague))).jobId).toBe(bamberg.jobId);
      await assign(copy("ba-jobsuche", { locations: [{ city: "Coburg", country: "DE" }] }));
      expect((await assign(copy("xing", vague))).match).toBe("new");
      // The title saying where settles it.
      expect(
        (await assign(copy("glassdoor", { ...vague, title: "Backend Engineer (m/w/d) - Coburg" }))).match,
      ).toBe("fingerprint");
    });

    it("does not let a description shared with one town settle what the fingerprint left open", async () => {
      const short = { description: "Backend Engineer bei Anlagenbau Franken." };
      const bamberg = await assign(copy("ba-jobsuche", short));
      const coburg = await assign(copy("stepstone", { locations: [{ city: "Coburg", country: "DE" }] }));
      expect(coburg.jobId).not.toBe(bamberg.jobId);
      expect((await assign(copy("xing", { locations: [{ country: "DE" }] }))).match).toBe("new");
    });

    it("sees the same copy again as the same job, unchanged", async () => {
      const c = copy("arbeitnow");
      const first = await assign(c);
      expect(await assign(c)).toEqual({ jobId: first.jobId, outcome: "unchanged", match: "source-id" });
    });

    it("indexes references stored before the dedupe index existed, so new copies match them", async () => {
      const legacy = [
        copy("arbeitnow"),
        copy("arbeitnow", { title: "Controller" }),
        copy("ba-jobsuche", { title: "Einkäufer" }),
      ];
      const [id] = await jobs.transaction(async (tx) => {
        const ids: number[] = [];
        for (const old of legacy) {
          const jobId = await tx.insert(old.posting, null, old.now);
          await tx.addSourceRef(jobId, { source: old.source, sourceId: old.sourceId }, null, old.now);
          ids.push(jobId);
        }
        return ids;
      });
      // In batches, each reference once.
      const batches: number[] = [];
      for (const limit of [2, 2, 2])
        batches.push(await jobs.transaction((tx) => identity.backfill(tx, limit)));
      expect(batches).toEqual([2, 1, 0]);
      const indexed = await db.kysely
        .selectFrom("job_identity")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      expect(Number(indexed.n)).toBe(3);
      expect((await assign(copy("indeed"))).jobId).toBe(id);
    });
  });
});
