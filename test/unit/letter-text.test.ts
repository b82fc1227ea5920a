// What a person reads around their cover letters, in English and German (du, as every answer; the letters themselves use the Sie-form): a draft
// with one or several unbacked sentences marked, an approval with or without confirmed sentences,
// several letters with one job skipped, an export, and each step of sending one by mail.
import { describe, expect, it } from "vitest";
import {
  renderExported,
  renderLetter,
  renderLetters,
  renderMailStep,
} from "../../src/answers/letter-text.js";
import type { LetterView } from "../../src/jobs/applications/letter-service.js";
import { letterTexts } from "../../src/jobs/applications/letter-texts.js";
import type { StoredLetter } from "../../src/store/letters.repo.js";

const S1 = "I built Kafka pipelines at Acme.";
const S2 = "I led a team of twelve.";
const S3 = "I speak Japanese.";

function view(letter: Partial<StoredLetter>, extra: Partial<LetterView> = {}): LetterView {
  return {
    letter: {
      id: "l1",
      jobId: 7,
      lang: "en",
      text: `${S1} ${S2} ${S3}`,
      cited: [],
      report: { supported: true, unsupported: [], claims: 3 },
      model: "offline",
      promptVersion: "letter-v1",
      status: "draft",
      edited: false,
      approvedBy: null,
      approvedAt: null,
      approvedUnsupported: false,
      hash: "h",
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z",
      ...letter,
    },
    job: { title: "Data Engineer", company: "Acme", jobId: "j_7" },
    ...extra,
  };
}

const twoUnbacked = {
  supported: false,
  unsupported: [
    { sentence: S2, unsupported: [{ kind: "number" as const, text: "twelve" }] },
    { sentence: S3, unsupported: [{ kind: "technology" as const, text: "Japanese" }] },
  ],
  claims: 3,
};

describe("letter texts", () => {
  it("marks each unbacked sentence and says how many, in the person's language", () => {
    expect(renderLetter(view({ report: twoUnbacked }, { focusMissing: true }), "en")).toBe(
      [
        "Draft cover letter for Data Engineer at Acme:",
        `${S1} ${S2} ⚠️ [not in your CV or the posting: twelve] ${S3} ⚠️ [not in your CV or the posting: Japanese]`,
        "(I found nothing about that in your CV, so the letter does not mention it.)",
        "⚠️ 2 sentences are not backed by your CV or the posting: edit them, or approve explicitly if true. Until then it cannot be exported or sent.",
        "Say “approve”, “edit letter: <your text>”, or “regenerate” (e.g. “shorter”, “more formal”).",
      ].join("\n\n"),
    );
    const one = { ...twoUnbacked, unsupported: twoUnbacked.unsupported.slice(1) };
    expect(
      renderLetter(view({ report: one }, { notice: "Das Sprachmodell hat nicht geantwortet." }), "de"),
    ).toBe(
      [
        "Das Sprachmodell hat nicht geantwortet.",
        "Entwurf deines Anschreibens für Data Engineer bei Acme:",
        `${S1} ${S2} ${S3} ⚠️ [nicht in deinem Lebenslauf oder der Anzeige: Japanese]`,
        "⚠️ Ein Satz ist nicht durch deinen Lebenslauf oder die Anzeige belegt: Ändere ihn, oder gib ausdrücklich frei, wenn es stimmt. Bis dahin kann es weder exportiert noch versendet werden.",
        "Sag „freigeben“, „Anschreiben ändern: <dein Text>“ oder „neu schreiben“ (z. B. „kürzer“, „förmlicher“).",
      ].join("\n\n"),
    );
  });

  it("says an approved letter can go out, noting sentences the person confirmed", () => {
    const approved = (anyway: boolean) => view({ status: "approved", approvedUnsupported: anyway });
    expect(renderLetter(approved(true), "en").split("\n\n").at(-1)).toBe(
      "Approved, including the sentences you confirmed. It can now be exported or sent.",
    );
    expect(renderLetter(approved(false), "de").split("\n\n").at(-1)).toBe(
      "Freigegeben. Es kann jetzt exportiert oder versendet werden.",
    );
    expect(renderLetter(approved(true), "de").split("\n\n").at(-1)).toBe(
      "Freigegeben, einschließlich der von dir bestätigten Sätze. Es kann jetzt exportiert oder versendet werden.",
    );
  });

  it("refuses to approve unbacked sentences until the person says they are true", () => {
    expect([letterTexts("en").blocked(1), letterTexts("de").blocked(3)]).toEqual([
      "One sentence is not backed by your CV or the posting (marked ⚠️). Edit the letter, or say “approve anyway” if it is true.",
      "3 Sätze sind nicht durch deinen Lebenslauf oder die Anzeige belegt (mit ⚠️ markiert). Ändere das Anschreiben, oder sag „trotzdem freigeben“, wenn es stimmt.",
    ]);
    expect([letterTexts("en").someUnsupported(1), letterTexts("de").someUnsupported(2)]).toEqual([
      "⚠️ One sentence is not backed by your CV or the posting: edit it, or approve explicitly if true. Until then it cannot be exported or sent.",
      "⚠️ 2 Sätze sind nicht durch deinen Lebenslauf oder die Anzeige belegt: Ändere sie, oder gib ausdrücklich frei, wenn es stimmt. Bis dahin kann es weder exportiert noch versendet werden.",
    ]);
    expect([letterTexts("en").manyHeading(1), letterTexts("de").manyHeading(2)]).toEqual([
      "One draft, each waiting for your approval (use the buttons under each letter, or say “approve” for the last one):",
      "2 Entwürfe, jeder wartet auf deine Freigabe (Knöpfe unter jedem Anschreiben, oder „freigeben“ für das letzte):",
    ]);
  });

  it("lists several letters numbered as their jobs, with why a job got none", () => {
    const text = renderLetters(
      {
        letters: [
          { n: 1, view: view({}) },
          { n: 2, error: "the posting is closed" },
        ],
      },
      "de",
    );
    expect(text.split("\n\n")).toEqual([
      "Ein Entwurf, jeder wartet auf deine Freigabe (Knöpfe unter jedem Anschreiben, oder „freigeben“ für das letzte):",
      "1. Entwurf deines Anschreibens für Data Engineer bei Acme:",
      `${S1} ${S2} ${S3}`,
      "Jede Aussage ist durch deinen Lebenslauf oder die Anzeige belegt.",
      "Kein Anschreiben für Stelle 2: the posting is closed",
      "Sag „freigeben“, „Anschreiben ändern: <dein Text>“ oder „neu schreiben“ (z. B. „kürzer“, „förmlicher“).",
    ]);
    // None written: only why, no heading promising drafts and no "how to act" to follow.
    expect(renderLetters({ letters: [{ n: 3, error: "the posting is closed" }, { n: 4 }] }, "en")).toBe(
      "No letter for job 3: the posting is closed\n\nNo letter for job 4: ",
    );
  });

  it("says where an export went, or that it is attached", () => {
    expect([
      renderExported({ exported: 4, name: "jobs.xlsx", path: "/tmp/jobs.xlsx" }, "de"),
      renderExported({ exported: 4, name: "jobs.xlsx" }, "de"),
      renderExported({ exported: 4, name: "jobs.xlsx" }, "en"),
    ]).toEqual([
      "4 Stellen exportiert nach /tmp/jobs.xlsx",
      "4 Stellen exportiert: jobs.xlsx (angehängt).",
      "Exported 4 jobs: jobs.xlsx (attached).",
    ]);
  });

  it("words each step of sending a letter by mail", () => {
    const job = { title: "Data Engineer", company: "Acme" };
    const preview = { preview: { to: "jobs@acme.example", subject: "Bewerbung: Data Engineer", job } };
    expect(renderMailStep(preview, "de")).toBe(
      "Ich sende dein freigegebenes Anschreiben für Data Engineer bei Acme an jobs@acme.example (Betreff „Bewerbung: Data Engineer“, das Anschreiben und dein Lebenslauf als Textdateien angehängt). Sag „ja, senden“, um es jetzt zu senden.",
    );
    const outcome = (status: string) => ({ outcome: { status, to: "jobs@acme.example", job } });
    expect(
      (["already_sent", "sending", "sent"] as const).map((s) => renderMailStep(outcome(s), "de")),
    ).toEqual([
      "Dieses Anschreiben ging bereits an jobs@acme.example; ich habe es nicht noch einmal gesendet.",
      "Dieses Anschreiben wird gerade an jobs@acme.example gesendet; ich sende es nicht ein zweites Mal. Kommt es nicht an, frag in einigen Minuten erneut.",
      "Gesendet an jobs@acme.example. Die Stelle Data Engineer steht jetzt auf „beworben“.",
    ]);
    expect(renderMailStep(outcome("sending"), "en")).toBe(
      "That letter is being sent to jobs@acme.example right now; I did not send it a second time. If it does not arrive, ask me again in a few minutes.",
    );
    expect(renderMailStep({}, "en")).toBe("");
  });
});
