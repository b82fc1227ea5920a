// What writing a normalize batch's results costs on each store: 500 items of a run (the batch size of
// the normalize stage), their postings and reject reasons written by `RunItemsRepo.setNormalized`.
// On PostgreSQL every statement is a round trip, so the number of statements decides it.
//
//   nice -n 5 npx tsx bench/normalize-writes.bench.ts [--batches 20] [--stores sqlite,postgres]
import { RunsRepo } from "../src/store/runs.repo.js";
import { RunItemsRepo } from "../src/store/run-items.repo.js";
import { openTestStore } from "../test/support/stores.js";

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const batches = Number(arg("--batches", "20"));
const stores = arg("--stores", "sqlite,postgres").split(",") as Array<"sqlite" | "postgres">;
const BATCH = 500;
const posting = JSON.stringify({
  title: "Elektriker (m/w/d)",
  company: "Acme",
  description: "x".repeat(1500),
});

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
for (const kind of stores) {
  const store = await openTestStore(kind);
  try {
    const runs = new RunsRepo(store.db);
    const items = new RunItemsRepo(store.db);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let b = 0; b < batches; b++) {
      const runId = await runs.create({
        workspaceId: "w",
        userId: "u",
        query: {},
        sources: ["greenhouse:acme"],
      });
      const batch = Array.from({ length: BATCH }, (_, i) => ({
        source: "greenhouse:acme",
        sourceId: `${b}-${i}`,
        raw: { i },
      }));
      await items.putRaw(runId, batch);
      const results = batch.map((it, i) => ({
        source: it.source,
        sourceId: it.sourceId,
        postingJson: i % 10 === 0 ? null : posting,
        reject: i % 10 === 0 ? "no title" : null,
      }));
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await items.setNormalized(runId, results);
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    console.log(
      `${kind}: ${BATCH} items per batch, ${batches} batches — wall p50 ${pct(wall, 0.5).toFixed(1)} ms, p95 ${pct(wall, 0.95).toFixed(1)} ms; this process's CPU p50 ${pct(cpu, 0.5).toFixed(1)} ms`,
    );
  } finally {
    await store.close();
  }
}
