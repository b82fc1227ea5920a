// Building one saved search's digest on both stores with the real search stack: nothing new since the
// last digest is an empty digest at the same boundary; new jobs matching the search come as cards
// (within its place's radius, without the jobs the owner hid), ranked by fit when the owner has a
// profile; a channel digest carries the team's marks, a DM's never does; the failed sources of the
// workspace's latest run are named in its footer.
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DigestBuilder, type FitScores } from "../../src/jobs/alerts/digest-builder.js";
import type { SavedSearch } from "../../src/jobs/alerts/saved-search.js";
import { embedderKey, postingText } from "../../src/search/embedder.js";
import { Facets } from "../../src/search/facets.js";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { IndexSync } from "../../src/search/index-sync.js";
import { SearchService } from "../../src/search/search.service.js";
import { DeliveriesRepo } from "../../src/store/deliveries.repo.js";
import { contentHash } from "../../src/store/jobs.repo.js";
import { RunsRepo } from "../../src/store/runs.repo.js";
import { BERLIN, FRANKFURT, openStore, posting, tempDir, type Store } from "../contract/search-fixtures.js";
import { STORES } from "../support/stores.js";

const embedder = new HashingEmbedder({ dim: 64 });
const KEY = embedderKey(embedder);
const JOBS = [
  posting("py-ber-1", {
    title: "Python Backend Developer",
    company: "Alpha GmbH",
    description: "APIs in Python.",
    seniority: "junior",
    salary: { min: 42000, max: 50000, currency: "EUR", period: "year" },
    locations: [{ city: "Berlin", country: "DE", lat: BERLIN.lat, lon: BERLIN.lon }],
  }),
  posting("py-ber-2", {
    title: "Senior Python Engineer",
    company: "Beta AG",
    description: "Python services.",
    seniority: "senior",
    salary: { min: 6500, max: 7500, currency: "EUR", period: "month" },
    locations: [{ city: "Berlin", country: "DE", lat: BERLIN.lat, lon: BERLIN.lon }],
  }),
  posting("py-ber-3", {
    title: "Python Data Engineer",
    company: "Gamma SE",
    description: "Pipelines in Python.",
    locations: [{ city: "Berlin", country: "DE", lat: BERLIN.lat, lon: BERLIN.lon }],
  }),
  posting("py-ffm", {
    title: "Python Developer",
    company: "Delta GmbH",
    description: "Python in Frankfurt.",
    locations: [{ city: "Frankfurt am Main", country: "DE", ...FRANKFURT }],
  }),
];

describe.each(STORES)("building a digest on %s", (kind) => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let store: Store;
  let ids: number[];
  let search: SearchService;
  let runs: RunsRepo;

  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    store = await openStore(dir, kind);
    const now = new Date().toISOString();
    ids = [];
    for (const p of JOBS) {
      const id = await store.jobs.insert(p, null, now);
      for (const ref of p.sources) await store.jobs.addSourceRef(id, ref, null, now);
      ids.push(id);
    }
    await store.vectors.put(
      KEY,
      JOBS.map((p, i) => ({
        jobId: ids[i]!,
        contentHash: contentHash(p),
        vector: embedder.embedOne(postingText(p)),
      })),
    );
    const sync = new IndexSync({
      vectors: store.vectors,
      embedderKey: KEY,
      dim: 64,
      dir: path.join(dir, "index"),
    });
    await sync.open();
    search = new SearchService({
      db: store.db,
      jobs: store.jobs,
      embedder,
      sync,
      facets: new Facets(store.jobs),
    });
    runs = new RunsRepo(store.db);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  const alert = (o: Partial<SavedSearch> = {}): SavedSearch => ({
    id: "00000000-0000-4000-8000-000000000001",
    workspaceId: "slack:T1",
    ownerId: "U1",
    platform: "slack",
    name: "python in Berlin",
    query: { keywords: "python", place: "Berlin", remote: "any" },
    schedule: { kind: "cron", pattern: "0 9 * * *" },
    tz: "Europe/Berlin",
    target: { kind: "dm" },
    whenEmpty: "skip",
    status: "active",
    pausedReason: null,
    ownerTold: false,
    boundarySeq: 0,
    lastDeliveredAt: null,
    createdAt: "2026-12-01T08:00:00.000Z",
    updatedAt: "2026-12-01T08:00:00.000Z",
    ...o,
  });

  const builder = (o: { hidden?: number[]; fit?: FitScores; notes?: boolean } = {}) =>
    new DigestBuilder({
      deliveries: new DeliveriesRepo(store.db),
      search,
      resolvePlace: (name) =>
        name === "Berlin" ? { name: "Berlin", lat: BERLIN.lat, lon: BERLIN.lon } : undefined,
      ...(o.hidden ? { hiddenFor: () => Promise.resolve(new Set(o.hidden)) } : {}),
      latestRuns: (ws) => runs.latest(ws, 1),
      embedderKey: KEY,
      maxJobs: 10,
      perCompany: 2,
      ...(o.notes
        ? {
            teamNotesFor: (_ws, _channel, jobIds) =>
              Promise.resolve(new Map([[jobIds[0]!, ["claimed by <@U2>"]]])),
          }
        : {}),
      ...(o.fit ? { fitScores: o.fit } : {}),
    });

  const titles = (cards: Array<{ title: string }>) => cards.map((c) => c.title);

  it("is empty at the same boundary when nothing is new", async () => {
    const latest = await new DeliveriesRepo(store.db).latestSeq(KEY);
    const built = await builder().build(alert({ boundarySeq: latest }));
    expect(built).toEqual({
      answer: {
        searchId: "00000000-0000-4000-8000-000000000001",
        name: "python in Berlin",
        query: { keywords: "python", place: "Berlin", remote: "any" },
        jobs: [],
        matched: 0,
        health: [],
      },
      boundarySeq: latest,
    });
  });

  it("shows the new jobs in the search's radius, without the ones the owner hid, and moves the boundary", async () => {
    const built = await builder({ hidden: [ids[1]!] }).build(alert());
    expect(titles(built.answer.jobs).sort()).toEqual(["Python Backend Developer", "Python Data Engineer"]);
    expect(built.answer.matched).toBe(2);
    expect(built.boundarySeq).toBe(await new DeliveriesRepo(store.db).latestSeq(KEY));
    expect(built.answer.jobs.every((c) => c.team === undefined)).toBe(true);
  });

  it("keeps to the search's salary floor and seniority, as the same search in chat does", async () => {
    // 7,500 € a month is 90,000 a year; the Data Engineer states neither salary nor level, so it is
    // not shown to be wrong; the junior job at 50,000 a year is.
    const built = await builder().build(
      alert({
        query: { keywords: "python", place: "Berlin", remote: "any", salaryMin: 70000, seniority: "senior" },
      }),
    );
    expect(titles(built.answer.jobs).sort()).toEqual(["Python Data Engineer", "Senior Python Engineer"]);
    expect(built.answer.matched).toBe(2);
  });

  it("ranks by fit when the owner has a profile, and carries the team's marks into a channel digest", async () => {
    const fit: FitScores = (_ws, _user, jobIds) =>
      Promise.resolve(new Map(jobIds.map((id) => [id, id === ids[2] ? 0.9 : id === ids[0] ? 0.5 : 0.1])));
    const built = await builder({ fit, notes: true }).build(
      alert({ target: { kind: "channel", channel: "C1" } }),
    );
    expect(built.answer.jobs.map((c) => [c.title, c.score, c.team ?? null])).toEqual([
      ["Python Data Engineer", 0.9, ["claimed by <@U2>"]],
      ["Python Backend Developer", 0.5, null],
      ["Senior Python Engineer", 0.1, null],
    ]);
  });

  it("names the sources that failed in the workspace's latest run", async () => {
    const runId = await runs.create({
      workspaceId: "slack:T1",
      userId: "U1",
      query: {},
      sources: ["arbeitnow", "ba-jobsuche"],
    });
    await runs.updateSource(runId, "arbeitnow", {
      status: "failed",
      error: "www.arbeitnow.com answered HTTP 503",
      failure: { code: "http_status", status: 503 },
    });
    await runs.updateSource(runId, "ba-jobsuche", { status: "ok" });
    const built = await builder().build(alert());
    // The reason as a code, which the digest words in its reader's language; the text for the logs.
    expect(built.answer.health).toEqual([
      {
        label: "arbeitnow",
        error: "www.arbeitnow.com answered HTTP 503",
        failure: { code: "http_status", status: 503 },
      },
    ]);
  });
});
