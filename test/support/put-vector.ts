// A second vector writer for the replica catch-up test: run as a script
// (`put-vector.ts <sqlite file | postgres url> <embedder key> <job id> <dim>`) it is another process
// on a SQLite store, whose driver blocks its thread while it waits for the write lock.
import { pathToFileURL } from "node:url";
import { openDb } from "../../src/store/db.js";
import { VectorsRepo } from "../../src/store/vectors.repo.js";

/** A deterministic unit vector for a job (its only non-zero dimension is picked by the id). */
export function vectorOf(jobId: number, dim: number): Float32Array {
  const v = new Float32Array(dim);
  v[jobId % dim] = 1;
  return v;
}

export async function putVector(vectors: VectorsRepo, embedder: string, jobId: number, dim: number) {
  await vectors.put(embedder, [{ jobId, contentHash: `h${jobId}`, vector: vectorOf(jobId, dim) }]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const [where = "", embedder = "", jobId = "0", dim = "0"] = process.argv.slice(2);
  const url = where.startsWith("postgres") ? where : undefined;
  const db = await openDb({ file: where, url, migrate: false });
  process.stdout.write("writing\n");
  await putVector(new VectorsRepo(db), embedder, Number(jobId), Number(dim));
  await db.close();
}
