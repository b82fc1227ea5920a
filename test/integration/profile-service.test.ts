// The profile service on both stores with the real parse queue (Redis): a CV is checked and queued,
// read by the parse stage's call into the owner's profile, waited for, extended by what the person
// states and forgotten. What the person hears when a CV cannot be read is kept in every language,
// and a document service that is only down for a moment is tried again before anyone is told.
import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlamaParseReader } from "../../src/jobs/profiles/llamaparse-reader.js";
import { ProfileService } from "../../src/jobs/profiles/profile-service.js";
import type { ProfileOwner } from "../../src/jobs/profiles/profile.js";
import { BullProfileQueue, profileQueueName } from "../../src/pipeline/profile-queue.js";
import { ProfilesRepo } from "../../src/store/profiles.repo.js";
import { deadPort, type DeadPort } from "../support/dead-port.js";
import { CV_EN, pdfWithText } from "../support/documents.js";
import { eventually, redisForFile, refusal } from "../support/harness.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

const { prefix, redis } = redisForFile();
const text = (lines: readonly string[]) => new TextEncoder().encode(`${lines.join("\n")}\n`);

describe.each(STORES)("ProfileService on %s", (kind) => {
  let store: TestStore;
  let repo: ProfilesRepo;
  let queue: BullProfileQueue;
  let parseQueue: Queue;
  let dead: DeadPort;
  let service: ProfileService;

  beforeAll(async () => {
    store = await openTestStore(kind);
    repo = new ProfilesRepo(store.db);
    queue = new BullProfileQueue({ connection: redis(), prefix, attempts: 3, backoffMs: 50 });
    parseQueue = new Queue(profileQueueName("parse-cv"), { connection: redis(), prefix });
    dead = await deadPort();
    service = new ProfileService({ profiles: repo, queue, pollMs: 10 });
  });
  afterAll(async () => {
    await parseQueue.close();
    await queue.close();
    await dead.close();
    await store.close();
  });

  const owner = (): ProfileOwner => ({ workspaceId: `slack:T-${randomUUID().slice(0, 8)}`, userId: "U1" });

  it("queues a checked CV for the parse stage by id, and reads it into the owner's profile once", async () => {
    const me = owner();
    const id = await service.submit(me, { name: "jane.txt", bytes: text(CV_EN) });
    // The upload waits with no claimed type (the platform gave none), and only its id is queued.
    expect(await repo.upload(me, id)).toMatchObject({
      fileName: "jane.txt",
      mimeType: null,
      status: "queued",
    });
    const job = await parseQueue.getJob(`${id}.parse-cv`);
    expect(job?.data).toEqual({ uploadId: id });

    expect(await service.parseUpload(id)).toBe("done");
    const p = await service.show(me);
    expect(p).toMatchObject({ version: 1, sourceName: "jane.txt", preferences: {} });
    expect(p?.lines[1]).toEqual({ n: 2, text: "Senior Data Engineer" });
    expect(p?.facts).toContainEqual({ kind: "skill", value: "Kafka", lines: [7, 9] });
    // Parsed once: the stage running again (a retry after a crash) reads nothing.
    expect(await service.parseUpload(id)).toBe("skipped");
    expect(await service.parseUpload(randomUUID())).toBe("skipped");
    expect((await service.show(me))?.version).toBe(1);
    // Someone else asking for that upload (another user, same workspace) is told it is not there.
    const err = await refusal(service.waitForUpload({ ...me, userId: "U2" }, id, { timeoutMs: 1000 }));
    expect(err.code).toBe("upload_not_found");
  });

  it("refuses a CV above the configured size before storing or queueing anything", async () => {
    const small = new ProfileService({ profiles: repo, queue, maxBytes: 1024 * 1024 });
    expect(small.maxBytes).toBe(1_048_576);
    const before = await parseQueue.count();
    const big = new Uint8Array(Math.round(1.5 * 1024 * 1024)).fill(0x61);
    const err = await refusal(small.submit(owner(), { name: "big.txt", bytes: big }));
    expect(err.userMessageIn("en")).toBe(
      "“big.txt” is 1.5 MB; I read CVs up to 1 MB. Send a smaller PDF (without scanned images), a DOCX or plain text.",
    );
    expect(await parseQueue.count()).toBe(before);
  });

  it("reports each status once while waiting, then answers with the new profile", async () => {
    const me = owner();
    const id = await service.submit(me, { name: "cv.txt", mimeType: "text/plain", bytes: text(CV_EN) });
    expect((await repo.upload(me, id))?.mimeType).toBe("text/plain");
    const seen: string[] = [];
    const waiting = service.waitForUpload(me, id, {
      timeoutMs: 30_000,
      onStatus: (u) => seen.push(u.status),
    });
    // The waiter polls many times while the upload is queued; it says "queued" once.
    await eventually(() => seen.length > 0);
    await service.parseUpload(id, { lastAttempt: false });
    const p = await waiting;
    expect(p.sourceName).toBe("cv.txt");
    expect(seen[0]).toBe("queued");
    expect(seen.at(-1)).toBe("done");
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("tells a person whose CV is not read in time to ask again later (also when the parse finished but the profile is gone)", async () => {
    const me = owner();
    const id = await service.submit(me, { name: "cv.txt", bytes: text(CV_EN) });
    // Polled at the default pace of a service configured without one.
    const plain = new ProfileService({ profiles: repo, queue });
    const late = await refusal(plain.waitForUpload(me, id, { timeoutMs: 0 }));
    expect(late).toMatchObject({ code: "cv_timeout", retryable: true });
    expect(late.userMessageIn("en")).toBe(
      "I'm still reading your CV (the workers are busy). Ask “show my profile” in a minute.",
    );
    expect(late.userMessageIn("de")).toBe(
      "Ich lese deinen Lebenslauf noch (die Worker sind beschäftigt). Frag in einer Minute „zeig mein Profil“.",
    );
    // Read, then forgotten before the waiter looked: the upload says done, there is no profile.
    await service.parseUpload(id);
    expect(await service.forget(me)).toBe(true);
    const gone = randomUUID();
    await repo.createUpload(
      {
        id: gone,
        workspaceId: me.workspaceId,
        userId: me.userId,
        fileName: "cv.txt",
        mimeType: null,
        size: 1,
      },
      text(["x"]),
    );
    await repo.setUploadStatus(gone, "done");
    expect((await refusal(service.waitForUpload(me, gone, { timeoutMs: 30 }))).code).toBe("cv_timeout");
    expect(await service.show(me)).toBeUndefined();
  });

  it("a CV with no text fails at once with what to send, kept in both languages; it is not read again", async () => {
    const me = owner();
    const id = await service.submit(me, { name: "notes.txt", bytes: text(["hi there"]) });
    // Not a passing fault: even on an early attempt the person is told.
    expect(await service.parseUpload(id, { lastAttempt: false })).toBe("failed");
    const err = await refusal(service.waitForUpload(me, id, { timeoutMs: 1000 }));
    expect(err.code).toBe("cv_failed");
    expect(err.userMessageIn("en")).toBe(
      "I found no text in “notes.txt”. Send your CV as a PDF with text, a DOCX, or plain text/Markdown.",
    );
    expect(err.userMessageIn("de")).toMatch(/^In „notes.txt“ habe ich keinen Text gefunden\. /);
    expect(await service.parseUpload(id)).toBe("skipped");
    expect(await service.show(me)).toBeUndefined();
  });

  it("a document service that is down is retried by the stage; only the last attempt tells the person", async () => {
    const reader = createLlamaParseReader({
      apiKey: "llx-test",
      baseURL: `http://127.0.0.1:${dead.port}`,
      maxRetries: 0,
    });
    const viaService = new ProfileService({ profiles: repo, queue, reader, pollMs: 10 });
    const me = owner();
    const id = await viaService.submit(me, { name: "cv.pdf", bytes: pdfWithText(CV_EN) });
    const early = await refusal(viaService.parseUpload(id, { lastAttempt: false }));
    expect(early).toMatchObject({ code: "llamaparse_failed", retryable: true });
    // Still waiting to be read: the person has heard nothing yet.
    expect((await repo.upload(me, id))?.status).toBe("parsing");

    expect(await viaService.parseUpload(id, { lastAttempt: true })).toBe("failed");
    const told = await refusal(viaService.waitForUpload(me, id, { timeoutMs: 1000 }));
    expect(told.userMessageIn("en")).toBe(
      "I couldn't reach the document service to read “cv.pdf”. Try again in a few minutes, or paste the CV as text.",
    );
    expect(told.userMessageIn("de")).toMatch(/„cv.pdf“/);
    expect(await viaService.show(me)).toBeUndefined();
  });

  it("an unexpected reader failure goes to the stage (logged, retried), never to the person as text", async () => {
    const broken = new ProfileService({
      profiles: repo,
      queue,
      reader: () => Promise.reject(new TypeError("reader bug")),
    });
    const me = owner();
    const id = await broken.submit(me, { name: "cv.pdf", bytes: pdfWithText(CV_EN) });
    await expect(broken.parseUpload(id, { lastAttempt: true })).rejects.toThrow(/^reader bug$/);
    expect(await repo.upload(me, id)).toMatchObject({ status: "parsing", error: null });
  });

  it("shows a failure stored before failures were kept per language, and a missing one, in the person's language", async () => {
    const me = owner();
    const stored = async (error: string | null) => {
      const id = randomUUID();
      await repo.createUpload(
        { id, workspaceId: me.workspaceId, userId: me.userId, fileName: "cv.pdf", mimeType: null, size: 1 },
        text(["x"]),
      );
      await repo.setUploadStatus(id, "failed", error);
      const err = await refusal(service.waitForUpload(me, id, { timeoutMs: 1000 }));
      return { en: err.userMessageIn("en"), de: err.userMessageIn("de"), message: err.message };
    };
    expect(await stored("The PDF is damaged.")).toEqual({
      en: "The PDF is damaged.",
      de: "The PDF is damaged.",
      message: "The PDF is damaged.",
    });
    expect(await stored(null)).toEqual({
      en: "I couldn't read that file.",
      de: "Diese Datei konnte ich nicht lesen.",
      message: "I couldn't read that file.",
    });
    expect(await stored("")).toMatchObject({ en: "I couldn't read that file." });
    expect(await stored("{cut off")).toMatchObject({ en: "{cut off", de: "{cut off" });
    expect(await stored(JSON.stringify({ en: "Too old.", de: "Zu alt." }))).toEqual({
      en: "Too old.",
      de: "Zu alt.",
      message: "Too old.",
    });
    expect(await stored(JSON.stringify({ en: "Only English." }))).toMatchObject({ de: "Only English." });
  });

  it("adds stated skills once, and keeps them and the preferences when a new CV is read", async () => {
    const me = owner();
    // Before any CV: a profile of what the person said.
    const first = await service.addStated(me, ["kubernetes", "Kubernetes", "  "]);
    expect(first).toMatchObject({ version: 1, sourceName: null, lines: [] });
    expect(first.facts).toEqual([{ kind: "skill", value: "Kubernetes", lines: [], stated: true }]);
    const prefs = await service.setPreferences(me, { remote: "remote_ok", salaryMin: 60000 });
    expect(prefs).toMatchObject({ version: 2, preferences: { remote: "remote_ok", salaryMin: 60000 } });
    // A field not given leaves the old one; a field given replaces it.
    const more = await service.setPreferences(me, { salaryMin: 70000, remote: undefined });
    expect(more.preferences).toEqual({ remote: "remote_ok", salaryMin: 70000 });

    const id = await service.submit(me, { name: "jane.txt", bytes: text(CV_EN) });
    expect(await service.parseUpload(id)).toBe("done");
    const p = await service.show(me);
    expect(p).toMatchObject({
      version: 4,
      sourceName: "jane.txt",
      preferences: { remote: "remote_ok", salaryMin: 70000 },
    });
    expect(p?.facts.filter((f) => f.stated)).toEqual([
      { kind: "skill", value: "Kubernetes", lines: [], stated: true },
    ]);
    // A skill the CV already names is not added twice, in any spelling.
    const again = await service.addStated(me, ["PYTHON"]);
    expect(again.facts.filter((f) => f.value === "Python")).toHaveLength(1);
    expect(again).toMatchObject({ version: 5, sourceName: "jane.txt", lines: p?.lines });
    const prefsLater = await service.setPreferences(me, { seniority: "senior" });
    expect(prefsLater).toMatchObject({ sourceName: "jane.txt", facts: again.facts });

    // A person without any profile can state preferences too.
    const fresh = await service.setPreferences(owner(), { languages: ["de"] });
    expect(fresh).toMatchObject({
      version: 1,
      sourceName: null,
      lines: [],
      facts: [],
      preferences: { languages: ["de"] },
    });
  });
});
