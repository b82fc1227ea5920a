// Cover letters through the letter service on both stores: refused with what to do for a closed job,
// a missing profile or a CV with nothing to quote; written by the configured model (the real client
// against the OpenAI stand-in) and checked, or by the templates with one sentence why when the
// model's quota is used up or it fails; several at once, one job's refusal not stopping the others;
// edits checked like drafts; approval of unsupported sentences only when the person says so.
import { ChatOpenAI } from "@langchain/openai";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { createLogger } from "../../src/core/logger.js";
import { createModelLetterWriter } from "../../src/jobs/applications/letter-model.js";
import { LetterService } from "../../src/jobs/applications/letter-service.js";
import { extractFacts } from "../../src/jobs/profiles/cv-facts.js";
import { numberLines } from "../../src/jobs/profiles/profile.js";
import { startOpenAiMock, type OpenAiMock } from "../../src/mock/openai/server.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { LettersRepo, type LetterOwner } from "../../src/store/letters.repo.js";
import { ProfilesRepo } from "../../src/store/profiles.repo.js";
import { posting } from "../contract/search-fixtures.js";
import { CV_EN } from "../support/documents.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";
import { refusal } from "../support/harness.js";

const ME: LetterOwner = { workspaceId: "slack:T1", userId: "U1" };
const MODEL_LETTER = "Dear Example Bank team,\n\nI built pipelines with Kafka.\n\nKind regards,\nJane Doe";
let openai: OpenAiMock;
beforeAll(async () => {
  openai = await startOpenAiMock(() => ({ text: MODEL_LETTER }));
});
afterAll(async () => {
  await openai.close();
});

describe.each(STORES)("the letter service on %s", (kind) => {
  let store: TestStore;
  let letters: LettersRepo;
  let profiles: ProfilesRepo;
  let jobs: JobsRepo;
  let job: { open: number; closed: number; german: number };
  let logs: Array<Record<string, unknown>>;

  beforeEach(async () => {
    store = await openTestStore(kind);
    letters = new LettersRepo(store.db);
    profiles = new ProfilesRepo(store.db);
    jobs = new JobsRepo(store.db);
    const now = new Date().toISOString();
    const description = "We build data pipelines with Python, Kafka and Spark on AWS.";
    job = {
      open: await jobs.insert(
        posting("open", { title: "Data Engineer", company: "Example Bank", description }),
        null,
        now,
      ),
      closed: await jobs.insert(
        posting("closed", { title: "Spark Engineer", company: "Example AG", description }),
        null,
        now,
      ),
      german: await jobs.insert(
        posting("german", { title: "Dateningenieur", company: "Beispiel GmbH", description, language: "de" }),
        null,
        now,
      ),
    };
    await store.db.kysely
      .updateTable("jobs")
      .set({ status: "closed" })
      .where("id", "=", job.closed)
      .execute();
    const lines = numberLines(CV_EN.join("\n"));
    await profiles.put(ME, { sourceName: "jane.txt", lines, facts: extractFacts(lines), preferences: {} });
    logs = [];
  });
  afterEach(async () => {
    await store.close();
  });

  const service = (o: { model?: OpenAiMock } = {}) => {
    const writer = o.model
      ? createModelLetterWriter({
          model: new ChatOpenAI({
            model: "gpt-4o-mini",
            apiKey: "sk-letter-service-test",
            maxRetries: 0,
            configuration: { baseURL: o.model.url },
          }),
          modelId: "gpt-4o-mini",
        })
      : undefined;
    return new LetterService({
      letters,
      profiles,
      findJob: async (ref) => {
        const [found] = await jobs.getMany([Number(ref)]);
        if (!found)
          throw new AppError("job_not_found", `no job ${String(ref)}`, { userMessage: "That job is gone." });
        return found;
      },
      writer,
      logger: createLogger("info", {}, (line) => logs.push(JSON.parse(line) as Record<string, unknown>)),
    });
  };

  it("refuses a closed job, a person without a profile and a CV with nothing to quote, saying what to do", async () => {
    const letters = service();
    const closed = await refusal(letters.draft(ME, job.closed));
    expect(closed.userMessageIn("en")).toBe(
      "“Spark Engineer” is closed: the posting is no longer listed, so I won't write a letter for it.",
    );
    const stranger = { ...ME, userId: "U2" };
    expect((await refusal(letters.draft(stranger, job.open, { says: "de" }))).userMessageIn("de")).toMatch(
      /^Ich habe noch kein Profil von dir/,
    );
    // A profile of nothing but a name: no line to sign with and quote from.
    await profiles.put(stranger, { sourceName: null, lines: [], facts: [], preferences: {} });
    expect((await refusal(letters.draft(stranger, job.open))).code).toBe("no_profile");
    await profiles.put(stranger, {
      sourceName: null,
      lines: [{ n: 1, text: "Max Muster" }],
      facts: [],
      preferences: {},
    });
    expect((await refusal(letters.draft(stranger, job.open))).userMessageIn("en")).toBe(
      "I found nothing in your CV that I could quote for “Data Engineer”: add your experience to the CV and send it again.",
    );
  });

  it("has the configured model write the letter, checked against the CV and stored under the model's name", async () => {
    const view = await service({ model: openai }).draft(ME, job.open, { says: "en" });
    expect(view.letter).toMatchObject({
      text: MODEL_LETTER,
      model: "gpt-4o-mini",
      promptVersion: "letter-1",
      status: "draft",
    });
    expect(view.letter.report.supported).toBe(true);
    expect(view.notice).toBeUndefined();
    expect(view.job).toEqual({
      title: "Data Engineer",
      company: "Example Bank",
      jobId: (await jobs.getMany([job.open]))[0]?.posting.id,
    });
  });

  it("writes from the templates with one sentence why when the model's quota is used up or it fails", async () => {
    const down = service({ model: openai });
    openai.injectFault("chat", 500, 1);
    const failed = await down.draft(ME, job.open);
    expect(failed.letter.model).toBe("offline");
    expect(failed.notice).toBe(
      "The language model did not answer, so I wrote this letter from my templates instead.",
    );
    expect(
      logs.some((l) => l.msg === "letter model failed; template letter instead" && l.model === "gpt-4o-mini"),
    ).toBe(true);

    // A stand-in whose quota covers one letter.
    const metered = await startOpenAiMock(() => ({ text: MODEL_LETTER }), {
      limits: { requestsPerMinute: 0, tokensPerMinute: 0, quotaTokens: 1 },
    });
    try {
      const paid = service({ model: metered });
      expect((await paid.draft(ME, job.open)).letter.model).toBe("gpt-4o-mini");
      const spent = await paid.draft(ME, job.open, { says: "de" });
      expect(spent.letter.model).toBe("offline");
      expect(spent.notice).toBe(
        "Das Kontingent des Sprachmodells ist aufgebraucht, daher habe ich dieses Anschreiben aus meinen Vorlagen geschrieben; der Betreiber kann Guthaben aufladen oder OPENAI_API_KEY ändern.",
      );
      expect(metered.stats.insufficient_quota).toBe(1);
    } finally {
      await metered.close();
    }
  });

  it("drafts several letters at once; a closed job says why without stopping the others", async () => {
    const many = await service().draftMany(ME, [job.open, job.closed, job.german]);
    expect(many.map((m) => [m.jobRef, m.view?.letter.lang ?? null, m.error ?? null])).toEqual([
      [job.open, "en", null],
      [
        job.closed,
        null,
        "“Spark Engineer” is closed: the posting is no longer listed, so I won't write a letter for it.",
      ],
      [job.german, "de", null],
    ]);
    // A job that is gone says so the same way.
    expect(await service().draftMany(ME, [999_999])).toEqual([
      { jobRef: 999_999, error: "That job is gone." },
    ]);
    // A failure that is no refusal (the store went away) is not swallowed.
    const gone = await openTestStore(kind);
    await gone.close();
    const broken = new LetterService({
      letters,
      profiles,
      findJob: async (ref) => (await new JobsRepo(gone.db).getMany([Number(ref)]))[0]!,
    });
    await expect(broken.draftMany(ME, [job.open])).rejects.toThrow();
  });

  it("checks an edit like a draft, and approves unsupported sentences only when told to", async () => {
    const letters = service();
    const { letter } = await letters.draft(ME, job.open);
    expect((await refusal(letters.edit(ME, letter.id, " \r\n "))).userMessageIn("en")).toBe(
      "The edited letter is empty: send the whole text you want, after “edit letter:”.",
    );
    const edited = await letters.edit(
      ME,
      undefined,
      "Dear team,\r\nI managed 800 people at Example Bank.\r\nJane Doe",
    );
    expect(edited.letter).toMatchObject({
      id: letter.id,
      status: "draft",
      text: "Dear team,\nI managed 800 people at Example Bank.\nJane Doe",
    });
    expect(edited.letter.report.unsupported).toHaveLength(1);
    const blocked = await refusal(letters.approve(ME, letter.id, false, "de"));
    expect(blocked.userMessageIn("de")).toMatch(
      /^Ein Satz ist nicht durch deinen Lebenslauf oder die Anzeige belegt/,
    );
    const approved = await letters.approve(ME, undefined, true);
    expect(approved.letter).toMatchObject({
      status: "approved",
      approvedUnsupported: true,
      approvedBy: "U1",
    });
    expect([...(await letters.approved(ME)).keys()]).toEqual([job.open]);
    expect(
      (
        await store.db.kysely
          .selectFrom("applications")
          .select("status")
          .where("job_id", "=", job.open)
          .execute()
      ).map((r) => r.status),
    ).toEqual(["letter approved"]);
    // Written again with new options: a new draft for the same job.
    const again = await letters.regenerate(ME, letter.id, { length: "short" });
    expect(again.letter.id).not.toBe(letter.id);
    expect(again.letter.jobId).toBe(job.open);
  });

  it("says there is no letter yet, in the person's language", async () => {
    const none = await refusal(service().view({ ...ME, userId: "U3" }, undefined, "de"));
    expect(none.userMessageIn("de")).toMatch(/^Du hast noch kein Anschreiben/);
    expect((await refusal(service().find(ME, "lt_missing"))).code).toBe("no_letter");
  });
});
