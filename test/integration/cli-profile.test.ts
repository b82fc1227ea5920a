// A CV from the terminal, as a user runs it: `jobscout profile import FILE` and "profile set
// ~/cv.pdf" in the chat read the file through the queued parse stage (real Redis, real parsers),
// show progress, and answer a file that is no CV with what to do.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runJobscout, startJobscout, type CliResult } from "../support/cli.js";
import { CV_DE, CV_EN, docxWithText, pdfImageOnly, pdfWithText, zip } from "../support/documents.js";
import { dropPrefix, eventually, tempDir, testEnv, type TestEnv } from "../support/harness.js";

// No job site is asked (nothing here searches): a closed port stands in for them.
const NO_SOURCES = "http://127.0.0.1:9";

function jobscout(env: TestEnv, cwd: string, ...args: string[]): Promise<CliResult> {
  return runJobscout(args, { env, cwd });
}

describe("jobscout profile import", () => {
  const tmp = tempDir();
  const home = tempDir("jobscout-home-");
  const env = testEnv(tmp.dir, NO_SOURCES, { JOBSCOUT_PROGRESS: "true", HOME: home.dir });
  afterAll(async () => {
    await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
    tmp.remove();
    home.remove();
  });

  it("reads a PDF CV with progress, and the profile is shown after", async () => {
    writeFileSync(path.join(home.dir, "jane.pdf"), pdfWithText(CV_EN));
    const read = await jobscout(env, home.dir, "profile", "import", "jane.pdf");
    expect(read.code).toBe(0);
    expect(read.stdout).toMatch(/I read your CV “jane.pdf” \(11 lines\)/);
    expect(read.stdout).toMatch(/Skills: Python \(L4, L9\)/);
    expect(read.stderr).toMatch(/Reading your CV “jane.pdf”/); // progress while the stage works
    expect(read.stderr).toMatch(/\[100%\]/);

    const shown = await jobscout(env, tmp.dir, "ask", "show my profile");
    expect(shown.stdout).toMatch(/Your profile \(version 1, from “jane.pdf”\)/);
  });

  it("refuses a scanned PDF, a zip renamed .pdf and a missing file with what to do (exit code 1)", async () => {
    writeFileSync(path.join(home.dir, "scan.pdf"), pdfImageOnly());
    writeFileSync(path.join(home.dir, "cv.pdf"), zip({ "a.txt": "not a cv" }));
    const scan = await jobscout(env, home.dir, "profile", "import", "scan.pdf");
    expect(scan.code).toBe(1);
    expect(scan.stdout).toMatch(/no text layer: send a DOCX or text/);
    const renamed = await jobscout(env, home.dir, "profile", "import", "cv.pdf");
    expect(renamed.code).toBe(1);
    expect(renamed.stdout).toMatch(/“cv.pdf” is a zip archive renamed to .pdf/);
    const missing = await jobscout(env, home.dir, "profile", "import", "nope.pdf");
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(
      new RegExp(`can't read “${path.join(home.dir, "nope.pdf")}” \\(no such file\\). Check the path`),
    );
  });
});

describe("profile set in the terminal chat", () => {
  it("reads ~/FILE (a German DOCX) into the profile, answers in German, and the next question sees it", async () => {
    const tmp = tempDir();
    const home = tempDir("jobscout-home-");
    mkdirSync(path.join(home.dir, "docs"));
    writeFileSync(path.join(home.dir, "docs", "lebenslauf.docx"), docxWithText(CV_DE));
    const env = testEnv(tmp.dir, NO_SOURCES, { HOME: home.dir });
    const chat = startJobscout(["chat"], { env });
    try {
      await eventually(() => /profile set ~\/cv.pdf/.test(chat.output()), 60_000);
      chat.type("profile set ~/docs/lebenslauf.docx");
      await eventually(() => /„lebenslauf.docx“ \(8 Zeilen\)/.test(chat.stdout()), 60_000);
      chat.type('profile set "~/docs/missing file.pdf"');
      await eventually(() => /missing file.pdf” \(no such file\)/.test(chat.stdout()), 30_000);
      chat.type("zeig mein Profil");
      await eventually(() => /Dein Profil \(Version 1, aus „lebenslauf.docx“\)/.test(chat.stdout()), 30_000);
      expect(chat.stdout()).toMatch(/Intensivpflege/);
      chat.type("exit");
      expect(await chat.exited).toBe(0);
    } finally {
      await chat.stop();
      await dropPrefix(env.JOBSCOUT_QUEUE_PREFIX);
      tmp.remove();
      home.remove();
    }
  });
});
