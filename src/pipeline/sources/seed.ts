import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { AppError } from "../../core/errors.js";
import type { SourceCatalog, TrackedSource } from "./catalog.js";

// An entry is a URL (detected), `{ url }`, or `{ kind, ...params }`.
const entrySchema = z.union([
  z.string().min(1),
  z.object({ url: z.string().min(1) }).strict(),
  z.object({ kind: z.string().min(1) }).catchall(z.unknown()),
]);
const fileSchema = z.object({ workspaces: z.record(z.string().min(1), z.array(entrySchema)) }).strict();

/**
 * Seed workspaces' tracked sources from a YAML file (idempotent: re-seeding re-enables). Example:
 *
 * ```yaml
 * workspaces:
 *   local:
 *     - https://boards.greenhouse.io/n26
 *     - { kind: personio, company: acme }
 * ```
 */
export async function seedSourcesFromYaml(catalog: SourceCatalog, file: string): Promise<TrackedSource[]> {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, "utf8"));
  } catch (err) {
    const msg = `Cannot read the sources file ${file}: ${err instanceof Error ? err.message : String(err)}`;
    throw new AppError("sources_file_invalid", msg, { userMessage: msg, cause: err });
  }
  const parsed = fileSchema.safeParse(doc);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    const msg = `The sources file ${file} is not valid at ${i?.path.join(".") || "the top"}: ${i?.message ?? ""} (expected workspaces: { <workspace id>: [ <url> | { url } | { kind, ...params } ] })`;
    throw new AppError("sources_file_invalid", msg, { userMessage: msg });
  }
  const out: TrackedSource[] = [];
  for (const [workspaceId, entries] of Object.entries(parsed.data.workspaces)) {
    for (const [n, entry] of entries.entries()) {
      const where = `${file}: workspaces.${workspaceId}[${n}]`;
      let kind: string;
      let params: Record<string, unknown>;
      if (typeof entry === "string" || ("url" in entry && !("kind" in entry))) {
        const url = typeof entry === "string" ? entry : entry.url;
        const found = catalog.detect(url);
        if (!found) {
          const msg = `${where}: cannot tell which job board ${url} is`;
          throw new AppError("sources_file_invalid", msg, { userMessage: msg });
        }
        kind = found.kind.kind;
        params = found.params;
      } else {
        const { kind: k, ...rest } = entry as { kind: string };
        kind = k;
        params = rest;
      }
      try {
        out.push(await catalog.track({ workspaceId, userId: "sources.yaml", kind, params, origin: "yaml" }));
      } catch (err) {
        const msg = `${where}: ${err instanceof AppError ? (err.userMessage ?? err.message) : String(err)}`;
        throw new AppError("sources_file_invalid", msg, { userMessage: msg, cause: err });
      }
    }
  }
  return out;
}
