// Published index snapshots: a shared directory (`JOBSCOUT_INDEX_SNAPSHOT_DIR`, e.g. a volume every
// search process mounts) holding the newest hnswlib file of each embedder with its meta (the store
// `seq` it covers). A new replica copies it instead of rebuilding from the store, then catches up
// from the store by `seq` as usual, so it also answers with postings added after the snapshot.
import { copyFile, mkdir, readFile, unlink } from "node:fs/promises";
import path from "node:path";
import {
  commitTemp,
  parseMeta,
  sha256OfFile,
  tempPathFor,
  writeFileAtomic,
  type HnswMeta,
} from "./hnsw-file.js";

async function readMeta(file: string): Promise<HnswMeta | undefined> {
  try {
    return parseMeta(await readFile(`${file}.meta.json`, "utf8"));
  } catch {
    return undefined;
  }
}

/**
 * Copy the pair `from` (+ `.meta.json`) to `to` when its sha256 matches its meta: the index file
 * first, then the meta that names it (as `flush` writes them), each via temp file + rename. A pair
 * being replaced by another process while read fails the check and is not copied.
 */
async function copyPair(from: string, to: string, meta: HnswMeta): Promise<boolean> {
  await mkdir(path.dirname(to), { recursive: true });
  const tmp = tempPathFor(to);
  await copyFile(from, tmp);
  if ((await sha256OfFile(tmp)) !== meta.sha256) {
    await unlink(tmp).catch(() => undefined);
    return false;
  }
  await commitTemp(tmp, to);
  await writeFileAtomic(`${to}.meta.json`, JSON.stringify(meta, null, 2) + "\n");
  return true;
}

/**
 * Take the published snapshot of `file`'s index when it covers more of the store than the local
 * file (or there is none). Returns the `seq` the adopted snapshot covers, or undefined when the
 * local file stays (no snapshot, an older one, or one that changed while it was copied).
 */
export async function adoptSnapshot(
  snapshotDir: string,
  file: string,
  dim: number,
): Promise<number | undefined> {
  const published = path.join(snapshotDir, path.basename(file));
  const meta = await readMeta(published);
  if (!meta || meta.dim !== dim) return undefined;
  const local = await readMeta(file);
  if (local && local.dim === dim && local.watermark >= meta.watermark) return undefined;
  return (await copyPair(published, file, meta).catch(() => false)) ? meta.watermark : undefined;
}

/** Publish the flushed local pair `file` to `snapshotDir` (unless the published one is as new). */
export async function publishSnapshot(snapshotDir: string, file: string): Promise<boolean> {
  const meta = await readMeta(file);
  if (!meta) return false;
  const published = path.join(snapshotDir, path.basename(file));
  const current = await readMeta(published);
  if (current && current.dim === meta.dim && current.watermark >= meta.watermark) return false;
  return copyPair(file, published, meta);
}
