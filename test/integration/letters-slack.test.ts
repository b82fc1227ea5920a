// Cover letters through the Slack surface against the local Slack stand-in: a CV shared in a DM, a
// search, "draft a letter for job 2" shown with Approve / Edit / Regenerate buttons, Edit opening a
// modal (views.open) whose submission is checked and marked, approval, and "export my
// applications" arriving as an XLSX upload (files.uploadV2) read back cell by cell.
import { describe, expect, it } from "vitest";
import { CV_EN } from "../support/documents.js";
import { eventually } from "../support/harness.js";
import { startSlackApp } from "../support/slack-app.js";
import { replayPerFile } from "../support/replay-per-file.js";
import {
  buttonPress,
  dmEvent,
  eventEnvelope,
  slackTs,
  viewSubmission,
  type FakeMessage,
} from "../support/slack-server.js";
import { readXlsx } from "../support/xlsx-reader.js";

const SECRET = "letters-secret";
const { server: replay, cleanups } = replayPerFile();
const isProgress = (m: FakeMessage) => m.blocks[0]?.block_id === "run-progress";
const actionIds = (m: FakeMessage) =>
  m.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string }>)
    .map((b) => b.action_id);

describe("cover letters in Slack", () => {
  it("drafts with buttons, edits in a modal, approves and uploads the export", async () => {
    const { slack, send } = await startSlackApp({
      sourcesUrl: replay().url,
      secret: SECRET,
      users: [{ id: "UJANE", name: "jane" }],
      cleanups,
    });
    const channel = "D0JANE";
    const dm = async (text: string, extra: Record<string, unknown> = {}) => {
      const ts = slackTs();
      const event = { ...dmEvent({ user: "UJANE", channel, text, ts }), ...extra };
      const r = await send.event(eventEnvelope({ teamId: slack.teamId, botUserId: slack.botUserId, event }));
      expect(r.status).toBe(200);
      return eventually(
        () => slack.thread(channel, ts).find((m) => m.ts !== ts && !isProgress(m) && m.text.length > 0),
        60_000,
      );
    };
    const press = (message: FakeMessage, actionId: string) =>
      send.interaction(
        buttonPress({
          message,
          actionId,
          user: "UJANE",
          teamId: slack.teamId,
          responseUrl: slack.responseUrl(),
        }),
      );

    const cv = slack.hostFile("cv.txt", Buffer.from(`${CV_EN.join("\n")}\n`));
    const read = await dm("", {
      subtype: "file_share",
      files: [{ id: "F1", name: "cv.txt", mimetype: "text/plain", url_private: cv, size: 400 }],
    });
    expect(read.text).toMatch(/I read your CV/);
    await dm("refresh jobs in Berlin");

    const draft = await dm("draft a letter for job 2");
    expect(draft.text).toMatch(/Draft cover letter for .* at /);
    expect(actionIds(draft)).toEqual(["letter_approve", "letter_edit", "letter_regenerate"]);

    // Edit opens a modal with the letter's text; the submission is checked and the invented claim marked.
    expect((await press(draft, "letter_edit")).status).toBe(200);
    const modal = await eventually(() => slack.views[0]);
    const input = (modal.view.blocks as Array<{ element: { initial_value: string } }>)[0]!.element;
    expect(input.initial_value).toContain(CV_EN[0]);
    const n = slack.callsTo("chat.postEphemeral").length;
    const invented = input.initial_value.replace(
      /\n\n(Kind regards|Mit freundlichen)/,
      "\n\nI led 40 engineers at Google.\n\n$1",
    );
    const submitted = await send.interaction(
      viewSubmission({
        view: modal.view,
        user: "UJANE",
        teamId: slack.teamId,
        values: { letter_text: { text: invented } },
      }),
    );
    expect(submitted.status).toBe(200);
    const edited = (await eventually(() => slack.callsTo("chat.postEphemeral")[n])).args;
    expect(String(edited.text)).toMatch(
      /I led 40 engineers at Google\. ⚠️ \[not in your CV or the posting: [^\]]*40/,
    );
    expect(JSON.stringify(edited.blocks)).toContain("letter_approve_anyway");
    expect(JSON.stringify(edited.blocks)).not.toContain('"letter_approve"');

    // Regenerate on the first draft writes a fresh checked one; "approve" approves it.
    expect((await press(draft, "letter_regenerate")).status).toBe(200);
    const fresh = (await eventually(() => slack.callsTo("chat.postEphemeral")[n + 1])).args;
    expect(String(fresh.text)).toMatch(/Every statement is backed by your CV or the posting/);
    const approved = await dm("approve");
    expect(approved.text).toMatch(/Approved\. It can now be exported or sent/);

    const exported = await dm("export my applications");
    expect(exported.text).toMatch(/Exported 1 jobs: applications-.*\.xlsx \(attached\)/);
    const upload = await eventually(() => slack.uploads[0]);
    expect(upload.channel).toBe(channel);
    expect(upload.filename).toMatch(/\.xlsx$/);
    const sheet = readXlsx(upload.content);
    expect(sheet.rows[0]).toEqual([
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
    expect(sheet.rows[1]![7]).toBe("exported");
    expect(sheet.rows[1]![8]).toContain(CV_EN[0]);
    expect(sheet.rows[1]![8]).not.toContain("Google");
    expect(sheet.formulas).toBe(0);
  });
});
