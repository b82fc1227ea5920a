// Cover letters in chat, end to end through the chat service with the offline model, the real
// store and Redis: a CV read into a profile, a search, "draft a letter for job 2" (German and
// English), unsupported sentences marked and blocking, approve / edit / regenerate, and the export.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { ChatReply, ChatTurn } from "../../src/chat/chat-turn.js";
import type { App } from "../../src/compose/app.js";
import { CV_EN } from "../support/documents.js";
import { startTestApp } from "../support/harness.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { terminalTurn } from "../support/turns.js";

const { server: replay, cleanups } = replayPerFile();

const turn = (user: string, text: string, files: ChatTurn["files"] = []) =>
  terminalTurn(`t-${user}`, text, files, user);

async function withProfile(app: App, user: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cv-"));
  const file = path.join(dir, "cv.txt");
  writeFileSync(file, `${CV_EN.join("\n")}\n`);
  const read = await app.chat.handleTurn(turn(user, "", [{ name: "cv.txt", url: pathToFileURL(file).href }]));
  expect(read.text).toMatch(/I read your CV/);
}

const say = (app: App, user: string, text: string) => app.chat.handleTurn(turn(user, text));
const buttons = (r: ChatReply) => r.buttons.map((b) => b.action);

describe("cover letters in the terminal", () => {
  it("drafts, marks, approves, edits and exports a letter", async () => {
    const app = await startTestApp(replay().url, {}, cleanups);
    await withProfile(app, "me");
    const found = await say(app, "me", "refresh jobs in Berlin");
    expect(found.jobs.length).toBeGreaterThan(1);
    const job = found.jobs[1]!;

    // Nothing exported yet: the export says what to do.
    const empty = await say(app, "me", "export my applications");
    expect(empty.text).toMatch(/shortlist is empty: save jobs first/);

    const draft = await say(app, "me", "draft a letter for job 2");
    expect(draft.letter).toBeDefined();
    expect(draft.text).toContain(`for ${job.title} at ${job.company}`);
    expect(draft.text).toContain(CV_EN[0]);
    expect(draft.text).toMatch(/Every statement is backed by your CV or the posting/);
    expect(buttons(draft)).toEqual(["letter_approve", "letter_edit", "letter_regenerate"]);

    // An edit that invents an employer and inflates a number is marked and blocks approval.
    const invented = `${draft.letter!.text.split("\n\n").slice(0, 2).join("\n\n")}\n\nAt Google I managed 800 people.\n\nKind regards,\n${CV_EN[0]}`;
    const edited = await say(app, "me", `edit letter: ${invented}`);
    expect(edited.text).toMatch(
      /At Google I managed 800 people\. ⚠️ \[not in your CV or the posting: [^\]]*800/,
    );
    expect(edited.text).toMatch(/cannot be exported or sent/);
    expect(buttons(edited)).toEqual(["letter_approve_anyway", "letter_edit", "letter_regenerate"]);
    const refused = await say(app, "me", "approve");
    expect(refused.text).toMatch(/One sentence is not backed by your CV or the posting.*approve anyway/);

    // Saved jobs export without the unapproved letter.
    await say(app, "me", "save 2");
    const before = await say(app, "me", "export my applications as csv");
    const beforePath = /to (\S+\.csv)/.exec(before.text)?.[1];
    expect(beforePath).toBeDefined();
    const beforeCsv = readFileSync(beforePath!, "utf8");
    expect(beforeCsv.charCodeAt(0)).toBe(0xfeff);
    expect(beforeCsv).toContain(job.title);
    expect(beforeCsv).not.toContain("800 people");
    expect(beforeCsv).toMatch(/,saved,/);

    // Regenerate ("shorter") writes a fresh checked draft; approving it moves the job on.
    const shorter = await say(app, "me", "shorter");
    expect(shorter.letter!.id).not.toBe(draft.letter!.id);
    expect(shorter.text).not.toContain("800 people");
    const approved = await say(app, "me", "approve");
    expect(approved.text).toMatch(/Approved\. It can now be exported or sent/);
    expect(approved.buttons).toEqual([]);

    const after = await say(app, "me", "export my applications as csv");
    const csv = readFileSync(/to (\S+\.csv)/.exec(after.text)![1]!, "utf8");
    expect(csv).toContain(shorter.letter!.text.split("\n\n")[1]!);
    expect(csv).toMatch(/,exported,/);
  });

  it("answers a letter request without a profile, and for a number not shown, with what to do", async () => {
    const app = await startTestApp(replay().url, {}, cleanups);
    const found = await say(app, "nobody", "refresh jobs in Berlin");
    expect(found.jobs.length).toBeGreaterThan(0);
    const none = await say(app, "nobody", "draft a letter for job 1");
    expect(none.text).toMatch(/no profile for you yet: send me your CV/);
    const far = await say(app, "nobody", "draft a letter for job 42");
    expect(far.text).toMatch(/I don't see a job number 42/);
  });

  it("understands German requests and answers in German", async () => {
    const app = await startTestApp(replay().url, {}, cleanups);
    await withProfile(app, "de");
    await say(app, "de", "aktualisiere Stellen in Berlin");
    const draft = await say(app, "de", "schreib ein Anschreiben für Stelle 1");
    expect(draft.letter).toBeDefined();
    expect(draft.text).toMatch(/^Entwurf deines Anschreibens für /);
    expect(draft.buttons.map((b) => b.label)).toEqual(["Freigeben", "Bearbeiten", "Neu schreiben"]);
    const formal = await say(app, "de", "förmlicher bitte");
    expect(formal.letter!.id).not.toBe(draft.letter!.id);
    const ok = await say(app, "de", "freigeben");
    expect(ok.text).toMatch(/Freigegeben\./);
  });

  it("drafts letters for the best 3 in German, and asks for a list when there is none", async () => {
    const app = await startTestApp(replay().url, {}, cleanups);
    await withProfile(app, "top");
    expect((await say(app, "top", "Anschreiben für die besten 3")).text).toBe(
      "Ich habe keine Stellenliste, aus der ich die besten nehmen könnte: Such zuerst (z. B. „Python-Jobs in Frankfurt“), dann frag erneut.",
    );
    const found = await say(app, "top", "aktualisiere Stellen in Berlin");
    const reply = await say(app, "top", "Anschreiben für die besten 3");
    expect(reply.text).toMatch(/^3 Entwürfe, jeder wartet auf deine Freigabe/);
    found.jobs
      .slice(0, 3)
      .forEach((job, i) =>
        expect(reply.text).toContain(
          `${i + 1}. Entwurf deines Anschreibens für ${job.title} bei ${job.company}:`,
        ),
      );
    expect(reply.buttons.map((b) => b.label)).toEqual(
      [1, 2, 3].flatMap((n) => [`Freigeben #${n}`, `Bearbeiten #${n}`, `Neu schreiben #${n}`]),
    );
    expect(new Set(reply.buttons.map((b) => b.value)).size).toBe(3);
  });
});
