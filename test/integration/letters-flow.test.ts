// The origin's flow end to end in the terminal chat, offline: a DOCX CV read by the LlamaParse
// stand-in, one message "find … jobs in …,
// evaluate them for me, draft letters for the top 3" (letters written by the OpenAI stand-in),
// approve each with its button, save, export as CSV and XLSX, and email one application to a local
// SMTP server — checking the received mail, its attachments and the exported files cell by cell.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { OfflineChatModel } from "../../src/agents/offline-model.js";
import { createPlaceLookup } from "../../src/agents/place-lookup.js";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import { resolvePlace } from "../../src/core/geo/gazetteer.js";
import { VERDICT_TOOL } from "../../src/jobs/fit/verdict-model.js";
import { startLlamaParseMock, startRuleOpenAiMock } from "../../src/mock/standins.js";
import { CV_EN, docxWithText } from "../support/documents.js";
import { startTestApp } from "../support/harness.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { startLocalSmtp } from "../support/smtp-server.js";
import { readXlsx } from "../support/xlsx-reader.js";
import { terminalTurn } from "../support/turns.js";

const { server: replay, cleanups } = replayPerFile();
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of closers) await c();
});

const turn = (text: string, files: ChatTurn["files"] = []) => terminalTurn("t-flow", text, files);

describe("the application flow in one request", () => {
  it("finds, evaluates, drafts the top 3, approves, exports and mails", async () => {
    const openai = await startRuleOpenAiMock();
    const llamaparse = await startLlamaParseMock({ apiKeys: ["llx-flow"], msPerPage: 50 });
    const smtp = await startLocalSmtp();
    closers.push(
      () => openai.close(),
      () => llamaparse.close(),
      () => smtp.close(),
    );
    const app = await startTestApp(
      replay().url,
      {
        OPENAI_API_KEY: "sk-flow",
        OPENAI_BASE_URL: openai.url,
        SMTP_URL: smtp.url,
        SMTP_FROM: "Jane Doe <jane@example.org>",
        JOBSCOUT_CV_PARSER: "llamaparse",
        LLAMA_CLOUD_API_KEY: "llx-flow",
        LLAMA_CLOUD_BASE_URL: llamaparse.url,
      },
      cleanups,
      { model: new OfflineChatModel({ lookupPlace: createPlaceLookup((n) => resolvePlace(n)) }) },
    );
    const owner = { workspaceId: "local", userId: "me" };
    const say = (text: string) => app.chat.handleTurn(turn(text));
    const dir = mkdtempSync(path.join(os.tmpdir(), "cv-"));
    writeFileSync(path.join(dir, "jane-doe-cv.docx"), docxWithText(CV_EN));
    const read = await app.chat.handleTurn(
      turn("", [{ name: "jane-doe-cv.docx", url: pathToFileURL(path.join(dir, "jane-doe-cv.docx")).href }]),
    );
    expect(read.text).toMatch(/I read your CV “jane-doe-cv.docx” \(11 lines\)/);
    expect(llamaparse.uploads.map((u) => u.name)).toEqual(["jane-doe-cv.docx"]);

    const flow = await say("find jobs in Berlin, evaluate them for me, draft letters for the top 3");
    // The evaluation's best jobs as cards, scored; the letters for the first three of them.
    expect(flow.jobs.length).toBeGreaterThanOrEqual(3);
    expect(flow.jobs.every((j) => j.fit !== undefined)).toBe(true);
    expect(flow.text).toMatch(/^3 drafts, each waiting for your approval/);
    const top = flow.jobs.slice(0, 3);
    top.forEach((job, i) =>
      expect(flow.text).toContain(`${i + 1}. Draft cover letter for ${job.title} at ${job.company}:`),
    );
    // With a model, each evaluated job also got the model's fit verdict; three requests wrote letters.
    const verdicts = openai.requests.filter((r) => JSON.stringify(r.body).includes(VERDICT_TOOL));
    expect(verdicts.length).toBeGreaterThanOrEqual(3);
    expect(openai.requests.length - verdicts.length).toBe(3);

    for (const n of [1, 2, 3]) {
      const b = flow.buttons.find((x) => x.label === `Approve #${n}`)!;
      const pressed = await app.chat.handleAction({ ...turn(""), kind: b.action, value: b.value });
      expect(pressed.text).toMatch(/Approved\./);
    }
    const approved = await app.letters.approvedByJob(owner);
    expect([...approved.keys()].sort()).toEqual(top.map((j) => j.id).sort());

    for (const n of [1, 2, 3]) expect((await say(`save ${n}`)).text).toBeTruthy();

    const csvReply = await say("export my applications as csv");
    const csvPath = /to (\S+\.csv)/.exec(csvReply.text)![1]!;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's result type depends on options
    const rows = parse(readFileSync(csvPath, "utf8").replace(/^\uFEFF/, "")) as string[][];
    expect(rows[0]).toEqual([
      "Job",
      "Company",
      "Place",
      "Link",
      "Sources",
      "Score",
      "Top reasons",
      "Status",
      "Cover letter",
    ]);
    expect(rows).toHaveLength(4);
    for (const job of top) {
      const row = rows.find((r) => r[0] === job.title && r[1] === job.company)!;
      expect(row).toBeDefined();
      expect(row[3]).toBe(job.url ?? "");
      expect(row[5]).toBe(String(job.fit!.total));
      expect(row[7]).toBe("exported");
      expect(row[8]).toBe(approved.get(job.id)!.text);
    }
    const xlsxReply = await say("export my applications");
    const xlsxPath = /to (\S+\.xlsx)/.exec(xlsxReply.text)![1]!;
    const sheet = readXlsx(readFileSync(xlsxPath)).rows;
    expect(sheet[0]).toEqual(rows[0]);
    for (const job of top) {
      const row = sheet.find((r) => r[0] === job.title && r[1] === job.company)!;
      expect(row[5]).toBe(String(job.fit!.total));
      expect(row[8]).toBe(approved.get(job.id)!.text);
    }

    await say("send the letter for job 1 to hr@example.com");
    const sent = await say("yes, send it");
    expect(sent.text).toMatch(/^Sent to hr@example\.com\./);
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    const letter = approved.get(top[0]!.id)!;
    expect(mail.text?.trim()).toBe(letter.text);
    expect(mail.attachments.map((a) => a.filename)).toEqual([
      letter.lang === "de" ? "Anschreiben.txt" : "Cover-letter.txt",
      "jane-doe-cv.txt",
    ]);
    expect(mail.attachments[1]!.content.toString("utf8").trimEnd().split("\n")).toEqual(CV_EN);
    expect(letter.model).toBe("gpt-4o-mini");
  });

  it("runs the same letters when the chat model itself is ChatOpenAI against the stand-in", async () => {
    const openai = await startRuleOpenAiMock();
    closers.push(() => openai.close());
    const app = await startTestApp(
      replay().url,
      { OPENAI_API_KEY: "sk-flow", OPENAI_BASE_URL: openai.url },
      cleanups,
    );
    const say = (text: string) => app.chat.handleTurn(turn(text));
    const dir = mkdtempSync(path.join(os.tmpdir(), "cv-"));
    writeFileSync(path.join(dir, "cv.txt"), `${CV_EN.join("\n")}\n`);
    await app.chat.handleTurn(
      turn("", [{ name: "cv.txt", url: pathToFileURL(path.join(dir, "cv.txt")).href }]),
    );
    expect((await say("refresh jobs in Berlin")).jobs.length).toBeGreaterThanOrEqual(3);
    const reply = await say("draft letters for the top 3");
    expect(reply.text).toMatch(/^3 drafts, each waiting for your approval/);
    expect(reply.text).toMatch(
      /1\. Draft cover letter for .*\n\n(Dear Hiring Team,|Sehr geehrte Damen und Herren,)/,
    );
    expect(reply.buttons).toHaveLength(9);
  });
});
