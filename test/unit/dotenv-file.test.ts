// `./.env` as jobscout's commands load it (in this process; the CLI tests run it in children): its
// settings are added to the environment, a variable set in the real environment wins over the file,
// and a directory without the file changes nothing.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDotEnv } from "../../src/config/env-file.js";

const A = "DOTENV_TEST_FROM_FILE_ONLY";
const B = "DOTENV_TEST_SET_IN_BOTH";

describe("loading ./.env", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-dotenv-"));
  });
  afterEach(() => {
    delete process.env[A];
    delete process.env[B];
    rmSync(dir, { recursive: true, force: true });
  });

  it("adds the file's settings, and a variable of the real environment wins", () => {
    writeFileSync(path.join(dir, ".env"), `${A}=from-file\n${B}=from-file\n`);
    process.env[B] = "from-environment";
    expect(loadDotEnv(dir)).toBe(path.join(dir, ".env"));
    expect(process.env[A]).toBe("from-file");
    expect(process.env[B]).toBe("from-environment");
  });

  it("changes nothing where there is no .env", () => {
    expect(loadDotEnv(dir)).toBeUndefined();
    expect(process.env[A]).toBeUndefined();
  });
});
