// The origin's flow end to end through the Slack surface against the Slack stand-in: a CV shared in
// a DM (a PDF read by the LlamaParse stand-in), one message "find jobs in Berlin, evaluate them for me, draft letters for the top 3" (letters
// written by the OpenAI stand-in), each letter approved with its own Slack button, the export
// uploaded into the DM as CSV and XLSX (files.uploadV2) and read back cell by cell, and one application mailed to a
// local SMTP server after the person confirms.
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { OfflineChatModel } from "../../src/agents/offline-model.js";
import { createPlaceLookup } from "../../src/agents/place-lookup.js";
import { resolvePlace } from "../../src/core/geo/gazetteer.js";
import { startLlamaParseMock, startRuleOpenAiMock } from "../../src/mock/standins.js";
import { CV_EN, pdfWithText } from "../support/documents.js";
import { eventually } from "../support/harness.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { startSlackApp } from "../support/slack-app.js";
import { buttonPress, dmEvent, eventEnvelope, slackTs, type FakeMessage } from "../support/slack-server.js";
import { startLocalSmtp } from "../support/smtp-server.js";
import { readXlsx } from "../support/xlsx-reader.js";

const { server: replay, cleanups } = replayPerFile();
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const c of closers) await c();
});
const isProgress = (m: FakeMessage) => m.blocks[0]?.block_id === "run-progress";
const buttons = (m: FakeMessage) =>
  m.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string }>);

describe("the application flow in Slack", () => {
  it("reads the CV, finds, evaluates, drafts the top 3, approves by button, uploads the export and mails", async () => {
    const openai = await startRuleOpenAiMock();
    const llamaparse = await startLlamaParseMock({ apiKeys: ["llx-flow"], msPerPage: 50 });
    const smtp = await startLocalSmtp();
    closers.push(
      () => openai.close(),
      () => llamaparse.close(),
      () => smtp.close(),
    );
    const { app, slack, send } = await startSlackApp({
      sourcesUrl: replay().url,
      secret: "flow-slack-secret",
      users: [{ id: "UJANE", name: "jane" }],
      cleanups,
      env: {
        OPENAI_API_KEY: "sk-flow",
        OPENAI_BASE_URL: openai.url,
        JOBSCOUT_FIT_VERDICT: "off",
        JOBSCOUT_CV_PARSER: "llamaparse",
        LLAMA_CLOUD_API_KEY: "llx-flow",
        LLAMA_CLOUD_BASE_URL: llamaparse.url,
        SMTP_URL: smtp.url,
        SMTP_FROM: "Jane Doe <jane@example.org>",
      },
      appOptions: { model: new OfflineChatModel({ lookupPlace: createPlaceLookup((n) => resolvePlace(n)) }) },
    });
    const owner = { workspaceId: `slack:${slack.teamId}`, userId: "UJANE" };
    const channel = "D0JANE";
    const dm = async (
      text: string,
      until: (m: FakeMessage) => boolean,
      extra: Record<string, unknown> = {},
    ) => {
      const ts = slackTs();
      const event = { ...dmEvent({ user: "UJANE", channel, text, ts }), ...extra };
      const r = await send.event(eventEnvelope({ teamId: slack.teamId, botUserId: slack.botUserId, event }));
      expect(r.status).toBe(200);
      await eventually(
        () => slack.thread(channel, ts).find((m) => m.ts !== ts && !isProgress(m) && until(m)),
        90_000,
      );
      return slack.thread(channel, ts).filter((m) => m.ts !== ts && !isProgress(m));
    };

    const pdf = pdfWithText(CV_EN);
    const cv = slack.hostFile("jane-doe-cv.pdf", pdf);
    await dm("", (m) => /I read your CV “jane-doe-cv.pdf”/.test(m.text), {
      subtype: "file_share",
      files: [
        { id: "F1", name: "jane-doe-cv.pdf", mimetype: "application/pdf", url_private: cv, size: pdf.length },
      ],
    });
    expect(llamaparse.uploads.map((u) => u.name)).toEqual(["jane-doe-cv.pdf"]);

    const flow = await dm("find jobs in Berlin, evaluate them for me, draft letters for the top 3", (m) =>
      buttons(m).some((b) => b.action_id === "letter_approve"),
    );
    expect(flow.map((m) => m.text).join("\n")).toMatch(/3 drafts, each waiting for your approval/);
    const approve = flow.flatMap(buttons).filter((b) => b.action_id === "letter_approve");
    expect(approve).toHaveLength(3);
    const withButtons = (value: string) => flow.find((m) => buttons(m).some((b) => b.value === value))!;
    const before = slack.callsTo("chat.postEphemeral").length;
    for (const b of approve) {
      const pressed = await send.interaction(
        buttonPress({
          message: withButtons(b.value),
          actionId: "letter_approve",
          value: b.value,
          user: "UJANE",
          teamId: slack.teamId,
          responseUrl: slack.responseUrl(),
        }),
      );
      expect(pressed.status).toBe(200);
    }
    await eventually(() => slack.callsTo("chat.postEphemeral").length >= before + 3, 60_000);
    const approved = await app.letters.approvedByJob(owner);
    expect(approved.size).toBe(3);
    for (const l of approved.values()) expect(l.model).toBe("gpt-4o-mini");

    await dm("export my applications as csv", (m) => /Exported 3 jobs: .*\.csv \(attached\)/.test(m.text));
    const upload = await eventually(() => slack.uploads.find((u) => u.filename.endsWith(".csv")));
    expect(upload.channel).toBe(channel);
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's result type depends on options
    const rows = parse(upload.content.toString("utf8").replace(/^\uFEFF/, "")) as string[][];
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
    const letters = [...approved.values()].map((l) => l.text).sort();
    expect(
      rows
        .slice(1)
        .map((r) => r[8])
        .sort(),
    ).toEqual(letters);
    for (const r of rows.slice(1)) {
      expect(r[5]).toMatch(/^\d+$/);
      expect(r[7]).toBe("exported");
    }
    await dm("export my applications", (m) => /Exported 3 jobs: .*\.xlsx \(attached\)/.test(m.text));
    const xlsx = await eventually(() => slack.uploads.find((u) => u.filename.endsWith(".xlsx")));
    expect(xlsx.channel).toBe(channel);
    const sheet = readXlsx(xlsx.content).rows;
    expect(sheet[0]).toEqual(rows[0]);
    expect(
      sheet
        .slice(1)
        .map((r) => [r[0], r[1], r[5], r[8]])
        .sort(),
    ).toEqual(
      rows
        .slice(1)
        .map((r) => [r[0], r[1], r[5], r[8]])
        .sort(),
    );

    await dm("send the letter for job 1 to hr@example.com", (m) => /Say “yes, send it”/.test(m.text));
    await dm("yes, send it", (m) => /^Sent to hr@example\.com\./.test(m.text));
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    expect(letters).toContain(mail.text?.trim());
    expect(mail.attachments.map((a) => a.filename)).toEqual([
      /^Bewerbung/.test(mail.subject ?? "") ? "Anschreiben.txt" : "Cover-letter.txt",
      "jane-doe-cv.txt",
    ]);
    // The CV as LlamaParse read it from the PDF, line by line (the test PDF's font has no en dash).
    expect(mail.attachments[1]!.content.toString("utf8").trimEnd().split("\n")).toEqual(
      CV_EN.map((l) => l.replace("–", " ")),
    );
  }, 240_000);
});
