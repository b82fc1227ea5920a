// A person's profile, CV uploads and fit scores belong to them in one workspace: the same user id in
// another workspace (Discord user ids are global) and another person in the same workspace see none
// of it, and forgetting removes only theirs. ProfilesRepo and FitScoresRepo on each real store.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { postingId, type Posting } from "../../src/core/posting.js";
import type { Profile } from "../../src/jobs/profiles/profile.js";
import { JobIdentity } from "../../src/pipeline/dedupe/job-identity.js";
import { FitScoresRepo, type StoredFit } from "../../src/store/fit-scores.repo.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { ProfilesRepo } from "../../src/store/profiles.repo.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

const ME = { workspaceId: "discord-user:42", userId: "discord:42" };
const SAME_ID_ELSEWHERE = { workspaceId: "slack:T9", userId: "discord:42" };
const NEIGHBOUR = { workspaceId: "discord-user:42", userId: "discord:43" };

const cv = (
  sourceName: string,
  skill: string,
): Pick<Profile, "sourceName" | "lines" | "facts" | "preferences"> => ({
  sourceName,
  lines: [
    { n: 1, text: "Ana Beispiel" },
    { n: 2, text: `${skill} developer, 5 years` },
  ],
  facts: [{ kind: "skill", value: skill, lines: [2] }],
  preferences: { remote: "remote_ok", salaryMin: 60000 },
});

const fit = (jobId: number, total: number): StoredFit => ({
  jobId,
  total,
  breakdown: { skills: total },
  profileVersion: 1,
  modelId: "offline",
  promptVersion: "p1",
  contentHash: `h${jobId}`,
});

describe.each(STORES)("on %s", (kind) => {
  let store: TestStore;
  let profiles: ProfilesRepo;
  let scores: FitScoresRepo;
  let jobs: JobsRepo;

  beforeEach(async () => {
    store = await openTestStore(kind);
    profiles = new ProfilesRepo(store.db);
    scores = new FitScoresRepo(store.db);
    jobs = new JobsRepo(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  async function addJob(title: string): Promise<number> {
    const posting: Posting = {
      id: postingId("arbeitnow", title),
      title,
      company: `${title} GmbH`,
      locations: [{ city: "Bamberg", country: "DE", lat: 49.89, lon: 10.89 }],
      remoteMode: "hybrid",
      employmentType: "full_time",
      seniority: "senior",
      language: "de",
      postedAt: "2026-03-01T08:00:00.000Z",
      description: `${title} in Bamberg.`,
      applyUrl: `https://arbeitnow.example/jobs/${encodeURIComponent(title)}`,
      sources: [{ source: "arbeitnow", sourceId: title }],
    };
    const identity = new JobIdentity();
    const c = { posting, source: "arbeitnow", sourceId: title, runId: null, now: "2026-03-02T09:00:00.000Z" };
    return (await jobs.transaction((tx) => identity.assign(tx, c))).jobId;
  }

  it("shows a profile only to its person in its workspace, each change the next version", async () => {
    const first = await profiles.put(ME, cv("cv.pdf", "Go"));
    expect(first).toMatchObject({ ...ME, version: 1, ...cv("cv.pdf", "Go") });
    expect(await profiles.get(ME)).toEqual(first);
    expect(await profiles.get(SAME_ID_ELSEWHERE)).toBeUndefined();
    expect(await profiles.get(NEIGHBOUR)).toBeUndefined();

    expect((await profiles.put(NEIGHBOUR, cv("lebenslauf.docx", "Rust"))).version).toBe(1);
    const second = await profiles.put(ME, cv("cv-2026.pdf", "Kotlin"));
    expect(second).toMatchObject({ ...ME, version: 2, sourceName: "cv-2026.pdf" });
    expect(await profiles.get(ME)).toEqual(second);
    // My new CV changed nothing of my neighbour's.
    expect(await profiles.get(NEIGHBOUR)).toMatchObject({
      ...NEIGHBOUR,
      version: 1,
      ...cv("lebenslauf.docx", "Rust"),
    });
    expect((await profiles.inWorkspace(ME.workspaceId)).map((p) => [p.userId, p.sourceName])).toEqual([
      ["discord:42", "cv-2026.pdf"],
      ["discord:43", "lebenslauf.docx"],
    ]);
    expect(await profiles.inWorkspace(SAME_ID_ELSEWHERE.workspaceId)).toEqual([]);
  });

  it("gives a CV upload back only to its sender, and drops its bytes once read or refused", async () => {
    const bytes = new TextEncoder().encode("Ana Beispiel\nGo developer");
    await profiles.createUpload(
      { id: "up-1", ...ME, fileName: "cv.txt", mimeType: "text/plain", size: bytes.length },
      bytes,
    );
    await profiles.createUpload({ id: "up-2", ...ME, fileName: "scan.pdf", mimeType: null, size: 3 }, bytes);
    const queued = {
      id: "up-1",
      ...ME,
      fileName: "cv.txt",
      mimeType: "text/plain",
      size: bytes.length,
      status: "queued",
      error: null,
    };
    expect(await profiles.upload(ME, "up-1")).toEqual(queued);
    expect(await profiles.upload(SAME_ID_ELSEWHERE, "up-1")).toBeUndefined();
    expect(await profiles.upload(NEIGHBOUR, "up-1")).toBeUndefined();
    expect(await profiles.upload(ME, "up-nothing")).toBeUndefined();
    expect(await profiles.uploadForParsing("up-nothing")).toBeUndefined();

    const read = await profiles.uploadForParsing("up-1");
    expect(read?.upload).toEqual(queued);
    expect(read?.content?.toString("utf8")).toBe("Ana Beispiel\nGo developer");
    // While it is being read the bytes stay (a retry reads them again)…
    await profiles.setUploadStatus("up-1", "parsing");
    expect((await profiles.uploadForParsing("up-1"))?.content?.toString("utf8")).toBe(
      "Ana Beispiel\nGo developer",
    );
    // …and go once it is read, or refused with the reason.
    await profiles.setUploadStatus("up-1", "done");
    expect(await profiles.uploadForParsing("up-1")).toEqual({
      upload: { ...queued, status: "done" },
      content: null,
    });
    await profiles.setUploadStatus("up-2", "failed", "a scanned PDF");
    expect(await profiles.uploadForParsing("up-2")).toMatchObject({
      upload: { status: "failed", error: "a scanned PDF" },
      content: null,
    });
  });

  it("keeps fit scores per person and workspace, a new score replacing the old", async () => {
    const a = await addJob("Backend Engineer");
    const b = await addJob("Data Engineer");
    await scores.putMany(ME, []);
    expect(await scores.count(ME)).toBe(0);
    await scores.putMany(ME, [fit(a, 70), fit(b, 40)]);
    await scores.putMany(NEIGHBOUR, [fit(a, 90)]);
    expect(await scores.count(ME)).toBe(2);
    expect(await scores.count(SAME_ID_ELSEWHERE)).toBe(0);
    expect((await scores.getMany(SAME_ID_ELSEWHERE, [a, b])).size).toBe(0);
    expect(await scores.getMany(ME, [])).toEqual(new Map());

    await scores.putMany(ME, [
      { ...fit(a, 75), profileVersion: 2, modelId: "gpt", promptVersion: "p2", contentHash: "x" },
    ]);
    expect(await scores.getMany(ME, [a, b])).toEqual(
      new Map([
        [
          a,
          {
            jobId: a,
            total: 75,
            breakdown: { skills: 75 },
            profileVersion: 2,
            modelId: "gpt",
            promptVersion: "p2",
            contentHash: "x",
          },
        ],
        [b, fit(b, 40)],
      ]),
    );
    expect([...(await scores.getMany(NEIGHBOUR, [a, b])).values()].map((s) => s.total)).toEqual([90]);
  });

  it("forgets one person's profile, uploads and scores, and nobody else's", async () => {
    const a = await addJob("Backend Engineer");
    for (const owner of [ME, SAME_ID_ELSEWHERE, NEIGHBOUR]) {
      await profiles.put(owner, cv("cv.pdf", "Go"));
      await scores.putMany(owner, [fit(a, 60)]);
    }
    await profiles.createUpload(
      { id: "up-1", ...ME, fileName: "cv.txt", mimeType: null, size: 1 },
      new Uint8Array([65]),
    );
    expect(await profiles.forget(ME)).toBe(true);
    expect(await profiles.get(ME)).toBeUndefined();
    expect(await scores.count(ME)).toBe(0);
    expect(await profiles.upload(ME, "up-1")).toBeUndefined();
    for (const owner of [SAME_ID_ELSEWHERE, NEIGHBOUR]) {
      expect((await profiles.get(owner))?.version).toBe(1);
      expect(await scores.count(owner)).toBe(1);
    }
    // Nothing left to forget.
    expect(await profiles.forget(ME)).toBe(false);
  });
});
