// Letter requests read by rules in German and English, and letters on a real SQLite store: chosen
// from the CV's lines, private to their owner (a letter id from someone else's button does nothing),
// approval bound to the text shown.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { letterIntent } from "../../src/agents/intent-letters.js";
import { postingId, type Posting } from "../../src/core/posting.js";
import { LetterService } from "../../src/jobs/applications/letter-service.js";
import { JobActions } from "../../src/jobs/job-actions.js";
import { numberLines } from "../../src/jobs/profiles/profile.js";
import { JobIdentity } from "../../src/pipeline/dedupe/job-identity.js";
import { openDb, type Db } from "../../src/store/db.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { LettersRepo } from "../../src/store/letters.repo.js";
import { MarksRepo } from "../../src/store/marks.repo.js";
import { ProfilesRepo } from "../../src/store/profiles.repo.js";
import { CV_EN } from "../support/documents.js";

describe("letter requests", () => {
  it.each([
    ["draft a letter for job 2", { kind: "letter_draft", n: 2, options: {} }],
    ["write a cover letter for 3, shorter", { kind: "letter_draft", n: 3, options: { length: "short" } }],
    [
      "schreib ein Anschreiben für Stelle 1, förmlicher",
      { kind: "letter_draft", n: 1, options: { tone: "formal" } },
    ],
    ["Anschreiben für Nummer 4", { kind: "letter_draft", n: 4, options: {} }],
    ["approve", { kind: "letter_approve", anyway: false }],
    ["approve anyway", { kind: "letter_approve", anyway: true }],
    ["trotzdem freigeben", { kind: "letter_approve", anyway: true }],
    ["freigeben", { kind: "letter_approve", anyway: false }],
    ["export my applications as CSV", { kind: "export", format: "csv" }],
    ["exportiere meine Bewerbungen", { kind: "export", format: "xlsx" }],
    ["send the letter for job 2 to hr@acme.de", { kind: "letter_send", to: "hr@acme.de", n: 2 }],
    ["schick das Anschreiben an jobs@firma.de", { kind: "letter_send", to: "jobs@firma.de" }],
    [
      "edit letter: Dear team,\n\nI build pipelines.",
      { kind: "letter_edit", text: "Dear team,\n\nI build pipelines." },
    ],
  ])("%s", (text, intent) => {
    expect(letterIntent(text, false)).toEqual(intent);
  });

  it("reads tone, length and focus of a rewrite only once a letter was drafted", () => {
    expect(letterIntent("shorter", false)).toBeUndefined();
    expect(letterIntent("shorter", true)).toEqual({
      kind: "letter_regenerate",
      options: { length: "short" },
    });
    expect(letterIntent("mention my Kubernetes work", true)).toEqual({
      kind: "letter_regenerate",
      options: { focus: "Kubernetes" },
    });
    expect(letterIntent("erwähne meine Kafka Erfahrung", true)).toEqual({
      kind: "letter_regenerate",
      options: { focus: "Kafka" },
    });
    // A search stays a search.
    expect(letterIntent("python jobs in Berlin", true)).toBeUndefined();
    // "yes" confirms only right after a mail preview.
    expect(letterIntent("yes, send it", false, false)).toBeUndefined();
    expect(letterIntent("yes, send it", false, true)).toEqual({ kind: "letter_confirm" });
  });
});

describe("letters on the store", () => {
  let db: Db;
  let dir: string;
  let service: LetterService;
  let jobId: number;
  const JANE = { workspaceId: "slack:T1", userId: "UJANE" };
  const MALLORY = { workspaceId: "slack:T1", userId: "UMAL" };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "jobscout-letters-"));
    db = await openDb({ file: path.join(dir, "jobscout.sqlite") });
    const jobs = new JobsRepo(db);
    const posting: Posting = {
      id: postingId("arbeitnow", "de-1"),
      title: "Data Engineer",
      company: "Acme AG",
      locations: [{ city: "Frankfurt", country: "DE", lat: 50.11, lon: 8.68 }],
      remoteMode: "hybrid",
      employmentType: "full_time",
      seniority: "senior",
      language: "en",
      postedAt: "2026-03-01T08:00:00.000Z",
      description: "We are looking for a Data Engineer with Python, Spark and Kafka experience.",
      sources: [{ source: "arbeitnow", sourceId: "de-1" }],
    };
    jobId = (
      await jobs.transaction((tx) =>
        new JobIdentity().assign(tx, {
          posting,
          source: "arbeitnow",
          sourceId: "de-1",
          runId: null,
          now: "2026-03-02T09:00:00.000Z",
        }),
      )
    ).jobId;
    const profiles = new ProfilesRepo(db);
    await profiles.put(JANE, {
      sourceName: "cv.txt",
      lines: numberLines(CV_EN.join("\n")),
      facts: [],
      preferences: {},
    });
    const actions = new JobActions(jobs, new MarksRepo(db));
    service = new LetterService({
      letters: new LettersRepo(db),
      profiles,
      findJob: (id) => actions.find(id),
    });
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("quotes the posting's requirements with the CV lines that answer them", async () => {
    const v = await service.draft(JANE, jobId);
    expect(v.letter.text).toMatch(/You are looking for (Python|Spark|Kafka)\. From my experience: /);
    expect(v.letter.report.supported).toBe(true);
    expect(v.letter.cited[0]).toEqual({ id: "L1", text: "Jane Doe" });
    expect(v.letter.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps a letter to its owner: another person's press finds nothing and changes nothing", async () => {
    const v = await service.draft(JANE, jobId);
    await expect(service.approve(MALLORY, v.letter.id)).rejects.toMatchObject({ code: "no_letter" });
    await expect(service.edit(MALLORY, v.letter.id, "I am great.")).rejects.toMatchObject({
      code: "no_letter",
    });
    expect((await service.view(JANE, v.letter.id)).letter.status).toBe("draft");
    expect((await service.approve(JANE, v.letter.id)).letter.status).toBe("approved");
  });

  it("an edit goes back to draft with its own report; unsupported text needs approve anyway", async () => {
    const v = await service.draft(JANE, jobId);
    const e = await service.edit(JANE, v.letter.id, `${v.letter.text}\n\nI worked at Google for 12 years.`);
    expect(e.letter.report.supported).toBe(false);
    expect(e.letter.edited).toBe(true);
    await expect(service.approve(JANE, v.letter.id)).rejects.toMatchObject({ code: "letter_unsupported" });
    const ok = await service.approve(JANE, v.letter.id, true);
    expect(ok.letter.approvedUnsupported).toBe(true);
    expect(ok.letter.approvedBy).toBe("UJANE");
  });

  it("refuses a closed job and a person without a profile, saying what to do", async () => {
    await expect(service.draft(MALLORY, jobId)).rejects.toMatchObject({
      userMessage: expect.stringMatching(/no profile for you yet: send me your CV/) as unknown,
    });
    await db.kysely.updateTable("jobs").set({ status: "closed" }).where("id", "=", jobId).execute();
    await expect(service.draft(JANE, jobId)).rejects.toMatchObject({
      code: "job_closed",
      userMessage: expect.stringMatching(
        /“Data Engineer” is closed: the posting is no longer listed/,
      ) as unknown,
    });
  });
});
