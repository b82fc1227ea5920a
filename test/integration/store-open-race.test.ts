// Several jobscout processes starting at once on a new SQLite file (two `jobscout slack` behind one
// app, a worker beside the bot): every one opens the store, none fails on tables another created.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Sqlite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { childEnv, TSX } from "../support/cli.js";
import { tempDir } from "../support/harness.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DB = path.join(ROOT, "src/store/db.ts");
const cleanups: Array<() => void> = [];

/** A process that opens (and so migrates) the store at `file`; resolves with its exit code and output. */
function openInChild(file: string): Promise<{ code: number | null; output: string }> {
  const script = `
    const { openDb } = await import(${JSON.stringify(DB)});
    const db = await openDb({ file: ${JSON.stringify(file)} });
    await db.close();`;
  // Nothing from the runner's environment but what childEnv passes (PATH, coverage).
  const child = spawn(process.execPath, ["--import", TSX, "--input-type=module", "-e", script], {
    env: childEnv({}),
    stdio: ["ignore", "pipe", "pipe"],
  });
  cleanups.push(() => child.kill("SIGKILL"));
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, output })));
}

afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

describe("opening one new store from several processes at once", () => {
  it("every process opens it and each migration is applied exactly once", async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const file = path.join(tmp.dir, "jobscout.db");

    const results = await Promise.all([1, 2, 3, 4].map(() => openInChild(file)));

    for (const r of results) expect(r, r.output).toMatchObject({ code: 0 });
    const db = new Sqlite(file, { readonly: true });
    cleanups.push(() => db.close());
    const names = db.prepare("SELECT name FROM kysely_migration ORDER BY name").pluck().all() as string[];
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe("0001-initial");
  }, 60_000);
});
