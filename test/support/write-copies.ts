// A dedupe writer for the two-writer tests: assigns cross-posted copies of the same jobs, one
// transaction each. Run as a script (`write-copies.ts <sqlite file | postgres url> <source> <count>`)
// it is the second process on a SQLite store.
import { pathToFileURL } from "node:url";
import { postingId, type Posting } from "../../src/core/posting.js";
import { JobIdentity } from "../../src/pipeline/dedupe/job-identity.js";
import { openDb } from "../../src/store/db.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";

const AT = "2026-03-02T09:00:00.000Z";

/** The same job as listed by `source` (another site, another id), `n` variants apart. */
function copyAt(source: string, n: number): { posting: Posting; source: string; sourceId: string } {
  const sourceId = `${source}-${n}`;
  return {
    source,
    sourceId,
    posting: {
      id: postingId(source, sourceId),
      title: `Backend Engineer ${n} (m/w/d)`,
      company: "Anlagenbau Franken GmbH",
      locations: [{ city: "Bamberg", country: "DE", lat: 49.89, lon: 10.89 }],
      remoteMode: "hybrid",
      employmentType: "full_time",
      seniority: "unknown",
      language: "de",
      postedAt: "2026-03-01T08:00:00.000Z",
      description: `Backend Engineer ${n}: Dienste in Go und Postgres für die Maschinensteuerung.`,
      applyUrl: `https://karriere.anlagenbau.example/jobs/${n}`,
      sources: [{ source, sourceId }],
    },
  };
}

/** Assign `count` cross-posted copies from `source`, one transaction each (as dedupe batches do). */
export async function writeCopies(jobs: JobsRepo, source: string, count: number): Promise<void> {
  const identity = new JobIdentity();
  for (let n = 0; n < count; n++) {
    await jobs.transaction((tx) => identity.assign(tx, { ...copyAt(source, n), runId: null, now: AT }));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [where = "", source = "x", count = "1"] = process.argv.slice(2);
  const db = await openDb({ file: where, url: where });
  await writeCopies(new JobsRepo(db), source, Number(count));
  await db.close();
}
