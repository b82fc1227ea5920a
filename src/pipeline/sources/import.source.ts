// `jobscout import FILE`: postings from a file instead of a site. Two formats: JSONL in the unified
// posting schema (one posting per line), and the CSV that JobSpy (python-jobspy) exports with
// `scrape_jobs(...).to_csv(...)`. A bad line or row is an item rejected with a reason; only a bad
// file (missing, unreadable, unknown format) throws.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import { postingId, postingSchema } from "../../core/posting.js";
import { normalizeJobSpyRow } from "./jobspy-csv.js";
import { validatePosting } from "./posting-signals.js";
import type { NormalizeResult, RawItem, SourceAdapter } from "./source.js";

export const IMPORT_SOURCE_ID = "import";

/** The raw item an import yields: where it came from in the file, and what was read there. */
export type ImportRaw =
  | { format: "jsonl"; line: number; value: unknown }
  | { format: "jsonl"; line: number; parseError: string }
  | { format: "jobspy-csv"; line: number; row: Record<string, string> };

/** Options for {@link readImportFile}. */
export interface ReadImportOptions {
  /** Items per yielded batch. @defaultValue `500` */
  batchSize?: number;
}

type Format = "jsonl" | "jobspy-csv";

const JOBSPY_REQUIRED = ["site", "job_url", "title"] as const;

function fileError(file: string, what: string, cause?: unknown): AppError {
  const message = `Cannot import ${file}: ${what}`;
  return new AppError("import_bad_file", message, { userMessage: message, cause });
}

async function sniff(file: string): Promise<{ format: Format; header?: string[] }> {
  let head: string;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw fileError(file, "it is a directory, not a file");
    const fh = await open(file, "r");
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf
        .subarray(0, bytesRead)
        .toString("utf8")
        .replace(/^\uFEFF/, "");
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const what =
      code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (err as Error).message;
    throw fileError(file, what, err);
  }
  const ext = path.extname(file).toLowerCase();
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  const trimmed = head.trimStart();
  if (ext === ".jsonl" || ext === ".ndjson" || (ext !== ".csv" && trimmed.startsWith("{")))
    return { format: "jsonl" };
  if (!trimmed)
    throw fileError(
      file,
      ext === ".csv"
        ? "the CSV file is empty (no header row)"
        : "the file is empty, so its format is unknown",
    );
  const header = firstLine.split(",").map((h) => h.trim().replace(/^"|"$/g, ""));
  if (JOBSPY_REQUIRED.every((c) => header.includes(c))) return { format: "jobspy-csv", header };
  if (ext === ".csv") {
    const missing = JOBSPY_REQUIRED.filter((c) => !header.includes(c));
    throw fileError(
      file,
      `not a JobSpy CSV: the header lacks ${missing.join(", ")} (found: ${header.slice(0, 8).join(", ")}${header.length > 8 ? ", …" : ""})`,
    );
  }
  throw fileError(
    file,
    "unknown format: expected JSONL postings (one JSON object per line, .jsonl) or a JobSpy CSV export (.csv)",
  );
}

function lineHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

async function* readJsonl(file: string): AsyncGenerator<RawItem> {
  const lines = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    const line = n === 1 ? text.replace(/^\uFEFF/, "") : text;
    if (!line.trim()) continue;
    try {
      const value: unknown = JSON.parse(line);
      const id = (value as { id?: unknown } | null)?.id;
      const sourceId = typeof id === "string" && id ? id : `line-${lineHash(line)}`;
      yield { sourceId, raw: { format: "jsonl", line: n, value } satisfies ImportRaw };
    } catch (err) {
      yield {
        sourceId: `line-${n}`,
        raw: { format: "jsonl", line: n, parseError: (err as Error).message } satisfies ImportRaw,
      };
    }
  }
}

async function* readJobSpyCsv(file: string): AsyncGenerator<RawItem> {
  const parser = createReadStream(file).pipe(
    parse({ columns: true, bom: true, relax_column_count: true, skip_empty_lines: true, info: true }),
  );
  let previousEnd = 1; // the header line
  try {
    for await (const rec of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const row = rec.record;
      const site = row.site?.trim() || "unknown";
      const sourceId = row.id?.trim() || lineHash(row.job_url ?? JSON.stringify(row));
      // Quoted descriptions span lines; name the line where the row starts.
      const line = previousEnd + 1;
      previousEnd = rec.info.lines;
      yield { sourceId: `${site}:${sourceId}`, raw: { format: "jobspy-csv", line, row } satisfies ImportRaw };
    }
  } catch (err) {
    throw fileError(file, `the CSV could not be read: ${(err as Error).message}`, err);
  }
}

/**
 * Read an import file in batches. The format is told by extension and content: `.jsonl`/`.ndjson`
 * (or a file starting with `{`) is JSONL; a CSV whose header has JobSpy's `site`, `job_url` and
 * `title` columns is a JobSpy export. Throws an AppError naming the file when it cannot be used.
 */
export async function* readImportFile(
  file: string,
  options: ReadImportOptions = {},
): AsyncGenerator<RawItem[]> {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const { format } = await sniff(file);
  const items = format === "jsonl" ? readJsonl(file) : readJobSpyCsv(file);
  let batch: RawItem[] = [];
  try {
    for await (const item of items) {
      batch.push(item);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fileError(file, (err as Error).message, err);
  }
  if (batch.length > 0) yield batch;
}

// Imported JSONL may leave out `id` (derived here) and `sources` (the import itself is the source).
const importedPostingSchema = postingSchema.extend({
  id: z.string().min(1).optional(),
  sources: postingSchema.shape.sources.optional(),
});

function normalizeJsonl(raw: Extract<ImportRaw, { format: "jsonl" }>): NormalizeResult {
  if ("parseError" in raw)
    return { ok: false, reason: `line ${raw.line}: not valid JSON (${raw.parseError})` };
  const parsed = importedPostingSchema.safeParse(raw.value);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".") || "posting"}: ${i.message}`);
    return { ok: false, reason: `line ${raw.line}: ${issues.join("; ")}` };
  }
  const p = parsed.data;
  const key = p.applyUrl ?? `line-${lineHash(JSON.stringify(raw.value))}`;
  const sources = p.sources ?? [
    { source: IMPORT_SOURCE_ID, sourceId: key, ...(p.applyUrl ? { url: p.applyUrl } : {}) },
  ];
  return validatePosting({ ...p, id: p.id ?? postingId(IMPORT_SOURCE_ID, key), sources }, `line ${raw.line}`);
}

/** Normalize one item read by {@link readImportFile}. Never throws. */
export function normalizeImportItem(item: RawItem): NormalizeResult {
  const raw = item.raw as ImportRaw | null;
  if (raw?.format === "jsonl") return normalizeJsonl(raw);
  if (raw?.format === "jobspy-csv") return normalizeJobSpyRow(raw.row, raw.line);
  return { ok: false, reason: `import item ${item.sourceId}: not read by readImportFile` };
}

/**
 * The `import` adapter: it shares the adapter interface so imported items go through the same
 * normalize → dedupe → index stages, but it is fed by {@link readImportFile}, not fetched.
 */
export function createImportSource(): SourceAdapter {
  return {
    id: IMPORT_SOURCE_ID,
    displayName: "File import (JSONL postings, JobSpy CSV)",
    policy: { kind: "feed", rateLimitPerMinute: 0, terms: "Local files you provide; no site is contacted." },
    fetchPage() {
      return Promise.reject(
        new AppError(
          "import_not_fetchable",
          "The import source reads files: use readImportFile(path), not fetchPage.",
        ),
      );
    },
    normalize: normalizeImportItem,
  };
}
