// `npm run build` (as `npm ci` runs it) leaves the prebuilt place index and intent model that spare
// every jobscout process their computation: written by the compiled build step, used by the code
// as it runs compiled and as it runs from its source (the tests, tsx), and not rewritten when current.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { INTENT_MODEL_FILE, openIntentModelFile } from "../../src/agents/intent-model-file.js";
import { openCityIndexFile } from "../../src/core/geo/city-index-file.js";
import { CITY_INDEX_FILE, createGazetteer } from "../../src/core/geo/gazetteer.js";
import { ROOT, runNode, type CliResult } from "../support/cli.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-artifacts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function buildArtifacts(): Promise<CliResult> {
  return runNode([path.join(ROOT, "dist/src/build-artifacts.js"), dir], { env: {} });
}

describe("the build's artifacts", () => {
  it("are written by the compiled build step, used from the source, and left alone when current", async () => {
    const first = await buildArtifacts();
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain(`wrote ${path.join(dir, CITY_INDEX_FILE)} (135233 cities)`);
    expect(first.stdout).toContain(`wrote ${path.join(dir, INTENT_MODEL_FILE)} (9889 features × 17 intents)`);

    // This test runs from src/: the files written by dist/ carry the stamp of the source too.
    const index = openCityIndexFile(path.join(dir, CITY_INDEX_FILE));
    if (!index) throw new Error("the city index written by the build is not used from the source");
    expect(createGazetteer(index).resolvePlace("Muenchen")).toMatchObject({ name: "München", country: "DE" });
    expect(openIntentModelFile(path.join(dir, INTENT_MODEL_FILE))?.labels).toHaveLength(17);

    expect(await buildArtifacts()).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});
