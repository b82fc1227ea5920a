// The sources file (JOBSCOUT_SOURCES_FILE): what it seeds, and what the operator is told, naming the
// file and the entry, when it cannot be read or used (start-up stops with that message).
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { SourceCatalog } from "../../src/pipeline/sources/catalog.js";
import { greenhouseKind } from "../../src/pipeline/sources/greenhouse.source.js";
import { leverKind } from "../../src/pipeline/sources/lever.source.js";
import { seedSourcesFromYaml } from "../../src/pipeline/sources/seed.js";
import { tempDir } from "../support/harness.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

describe.each(STORES)("on %s", (kind) => {
  let store: TestStore;
  let catalog: SourceCatalog;
  let tmp: ReturnType<typeof tempDir>;

  beforeEach(async () => {
    store = await openTestStore(kind);
    tmp = tempDir("jobscout-sources-file-");
    catalog = new SourceCatalog({
      db: store.db,
      kinds: [greenhouseKind, leverKind],
      setting: () => undefined,
      defaults: [],
    });
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  const file = (name: string, text: string) => {
    const p = path.join(tmp.dir, name);
    writeFileSync(p, text);
    return p;
  };

  async function refusal(p: string): Promise<string> {
    const err: unknown = await seedSourcesFromYaml(catalog, p).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("sources_file_invalid");
    return ((err as AppError).userMessage ?? "").replaceAll(tmp.dir, "<dir>");
  }

  it("tracks board URLs, { url } and { kind, ...params } entries for each workspace", async () => {
    const seeded = await seedSourcesFromYaml(
      catalog,
      file(
        "sources.yaml",
        [
          "workspaces:",
          "  local:",
          "    - https://boards.greenhouse.io/n26",
          "    - { url: 'https://jobs.lever.co/acme' }",
          "  slack:T1:",
          "    - { kind: greenhouse, board: gitlab }",
        ].join("\n"),
      ),
    );
    expect(seeded.map((t) => [t.workspaceId, t.key, t.label, t.origin])).toEqual([
      ["local", "greenhouse-n26", "Greenhouse n26", "yaml"],
      ["local", "lever-acme", "Lever acme", "yaml"],
      ["slack:T1", "greenhouse-gitlab", "Greenhouse gitlab", "yaml"],
    ]);
    expect((await catalog.list("local")).map((t) => t.key)).toEqual(["greenhouse-n26", "lever-acme"]);
  });

  it("names a file it cannot read or parse", async () => {
    expect(await refusal(path.join(tmp.dir, "missing.yaml"))).toBe(
      "Cannot read the sources file <dir>/missing.yaml: ENOENT: no such file or directory, open '<dir>/missing.yaml'",
    );
    expect(await refusal(file("bad.yaml", "workspaces: [unclosed"))).toMatch(
      /^Cannot read the sources file <dir>\/bad\.yaml: Flow sequence in block collection .* at line 1, column 22/,
    );
  });

  it("says where the file's shape is wrong and what it should look like", async () => {
    const shape = "(expected workspaces: { <workspace id>: [ <url> | { url } | { kind, ...params } ] })";
    expect(await refusal(file("shape.yaml", "workspace:\n  local: []\n"))).toBe(
      `The sources file <dir>/shape.yaml is not valid at workspaces: Invalid input: expected record, received undefined ${shape}`,
    );
    expect(await refusal(file("entry.yaml", "workspaces:\n  local:\n    - 42\n"))).toBe(
      `The sources file <dir>/entry.yaml is not valid at workspaces.local.0: Invalid input ${shape}`,
    );
  });

  it("names the entry whose URL is no known board, or whose parameters are wrong", async () => {
    expect(
      await refusal(
        file(
          "unknown.yaml",
          "workspaces:\n  local:\n    - https://boards.greenhouse.io/n26\n    - https://example.com/jobs\n",
        ),
      ),
    ).toBe(
      "<dir>/unknown.yaml: workspaces.local[1]: cannot tell which job board https://example.com/jobs is",
    );
    expect(
      await refusal(
        file("params.yaml", "workspaces:\n  local:\n    - { kind: lever, company: 'no spaces' }\n"),
      ),
    ).toBe(
      "<dir>/params.yaml: workspaces.local[0]: Lever: company letters, digits, '.', '_' or '-' as in the board URL",
    );
  });
});
