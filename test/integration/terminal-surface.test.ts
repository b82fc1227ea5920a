// The terminal as a chat surface, in this process with a real app (the CLI tests run the same code
// in child processes): the chat greets, answers each line in one thread, reads a CV named by
// "profile set", prompts and redraws one progress line on a TTY, and ends on "exit"; one-shot
// questions and `profile import` give the exit codes scripts rely on; digests print to the terminal.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { askOnce } from "../../src/bot/cli/ask.js";
import { createTerminalDigestPoster } from "../../src/bot/cli/digest-poster.js";
import { importProfile } from "../../src/bot/cli/profile-import.js";
import { runTerminalChat } from "../../src/bot/cli/terminal-chat.js";
import type { App } from "../../src/compose/app.js";
import type { SavedSearch } from "../../src/jobs/alerts/saved-search.js";
import { deadPort, type DeadPort } from "../support/dead-port.js";
import { CV_EN } from "../support/documents.js";
import { startTestApp } from "../support/harness.js";

const cleanups: Array<() => Promise<void> | void> = [];
let app: App;
let dead: DeadPort;
let dir: string;
let cv: string;

beforeAll(async () => {
  // The job sites are a port that drops every connection: a run fails at every source.
  dead = await deadPort();
  dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-terminal-"));
  cv = path.join(dir, "cv.txt");
  writeFileSync(cv, `${CV_EN.join("\n")}\n`);
  writeFileSync(path.join(dir, "empty.txt"), "");
  cleanups.push(
    () => dead.close(),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  app = await startTestApp(`http://127.0.0.1:${dead.port}`, { JOBSCOUT_JOB_ATTEMPTS: "1" }, cleanups);
});
afterAll(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A stream that keeps what is written; `tty` makes it look like a terminal. */
function screen(tty = false): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  if (tty) Object.assign(stream, { isTTY: true, columns: 80 });
  let text = "";
  stream.on("data", (c: Buffer) => (text += c.toString()));
  return { stream, text: () => text };
}

const lines = (...l: string[]) => {
  const input = new PassThrough();
  input.end(l.map((x) => `${x}\n`).join(""));
  return input;
};

describe("the terminal chat", () => {
  it("greets, answers each line, reads a CV named by 'profile set', and ends on exit", async () => {
    const out = screen();
    const progress = screen();
    await runTerminalChat({
      chat: app.chat,
      workspaceId: "local-chat",
      userId: "me",
      input: lines(
        "",
        "show my profile",
        `profile set ${cv}`,
        "show my profile",
        "exit",
        "forget my profile",
      ),
      output: out.stream,
      progressStream: progress.stream,
      showProgress: true,
      banner: "jobscout (test build)",
    });
    const text = out.text();
    expect(text.split("\n").slice(0, 2)).toEqual([
      "jobscout (test build)",
      'Ask for jobs, e.g. "find me jobs in Berlin". Type "help" for more, "profile set ~/cv.pdf" to read your CV, "exit" to quit.',
    ]);
    expect(text).toMatch(/You have no profile yet/);
    expect(text).toMatch(/I read your CV “cv.txt” \(11 lines\)/);
    expect(text).toMatch(/Your profile \(version 1, from “cv.txt”\)/);
    // Nothing after "exit" was done: the profile is still there.
    expect(text).not.toMatch(/I deleted your profile/);
    expect((await app.profiles.get({ workspaceId: "local-chat", userId: "me" }))?.sourceName).toBe("cv.txt");
    // No prompt is drawn on a plain stream.
    expect(text).not.toContain("you> ");
    // Progress of the CV's parse run: whole lines on a plain stream.
    expect(progress.text()).toMatch(/^\[ {0,2}\d+%\] .+\n/);
    expect(progress.text()).not.toContain("\r");
  });

  it("on a terminal, prompts for each line and redraws one progress line, ended before the answer", async () => {
    const out = screen(true);
    const progress = screen(true);
    await runTerminalChat({
      chat: app.chat,
      workspaceId: "local-tty",
      userId: "me",
      input: lines(`profile set ${cv}`, "quit"),
      output: out.stream,
      progressStream: progress.stream,
      showProgress: true,
    });
    expect(out.text()).toContain("you> ");
    expect(out.text()).toMatch(/I read your CV “cv.txt”/);
    // Each update returns to the line's start and clears it (ESC [2K) before drawing.
    expect(progress.text().startsWith("\r\u001b[2K[")).toBe(true);
    expect(progress.text().endsWith("\n")).toBe(true);
  });

  it("shows no progress when asked not to", async () => {
    const progress = screen();
    await runTerminalChat({
      chat: app.chat,
      workspaceId: "local-quiet",
      userId: "me",
      input: lines(`profile set ${cv}`),
      output: screen().stream,
      progressStream: progress.stream,
      showProgress: false,
    });
    expect(progress.text()).toBe("");
  });
});

describe("one-shot commands", () => {
  const base = (workspaceId: string) => ({
    chat: app.chat,
    workspaceId,
    userId: "me",
    progressStream: screen().stream,
    showProgress: false,
  });

  it("ask: exit 0 for an answer, 2 when the run it needed failed at every source (the answer says so)", async () => {
    const answered = screen();
    expect(await askOnce({ ...base("local-ask"), text: "show my profile", output: answered.stream })).toBe(0);
    expect(answered.text()).toMatch(/You have no profile yet/);

    const failed = screen();
    expect(
      await askOnce({ ...base("local-ask"), text: "refresh jobs in Berlin", output: failed.stream }),
    ).toBe(2);
    expect(failed.text()).toMatch(/Arbeitnow/);
    expect(failed.text()).toMatch(/Bundesagentur für Arbeit/);
  });

  it("profile import: exit 0 with the profile read, 1 with what to send instead", async () => {
    const read = screen();
    expect(await importProfile({ ...base("local-import"), file: cv, output: read.stream })).toBe(0);
    expect(read.text()).toMatch(/I read your CV “cv.txt” \(11 lines\)/);

    const empty = screen();
    expect(
      await importProfile({
        ...base("local-import"),
        file: path.join(dir, "empty.txt"),
        output: empty.stream,
      }),
    ).toBe(1);
    expect(empty.text()).toMatch(
      /“empty.txt” is empty\. Send your CV as a PDF with text, a DOCX, or plain text\/Markdown\./,
    );
  });
});

describe("digests on the terminal", () => {
  const search = {} as SavedSearch;

  it("prints what it is given on a line of its own, and fails when the terminal is gone", async () => {
    const out = screen();
    await createTerminalDigestPoster(out.stream).tellOwner(search, "Your alert “python” is paused.");
    expect(out.text()).toBe("\nYour alert “python” is paused.\n");
    const gone = new Writable({
      write: (_chunk, _enc, done) => done(new Error("write EPIPE")),
    });
    gone.on("error", () => undefined);
    await expect(createTerminalDigestPoster(gone).tellOwner(search, "x")).rejects.toThrow(/^write EPIPE$/);
  });
});
