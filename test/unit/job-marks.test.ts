// Saved and hidden jobs belong to one person in one workspace. Discord user ids are global, so the
// same person in two guilds (or two Slack workspaces) must not see one guild's "Not for me" or saves
// in the other. MarksRepo and JobActions on each real store (SQLite, PostgreSQL), and the mark_job tool as the agent
// calls it (identity and the person's own request from the runtime context).
import { ToolMessage } from "@langchain/core/messages";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { postingId, type Posting } from "../../src/core/posting.js";
import { JobActions } from "../../src/jobs/job-actions.js";
import { JobIdentity } from "../../src/pipeline/dedupe/job-identity.js";
import type { Db } from "../../src/store/db.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { MarksRepo } from "../../src/store/marks.repo.js";
import { createMarkJobTool } from "../../src/tools/mark-job.tool.js";
import { readRequest } from "../../src/tools/request.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

describe.each(STORES)("on %s", (kind) => {
  let db: Db;
  let jobs: JobsRepo;
  let actions: JobActions;
  let store: TestStore;

  const GUILD_A = { workspaceId: "discord:111", userId: "discord:42" };
  const GUILD_B = { workspaceId: "discord:222", userId: "discord:42" };
  const OTHER_USER = { workspaceId: "discord:111", userId: "discord:43" };

  beforeEach(async () => {
    store = await openTestStore(kind);
    db = store.db;
    jobs = new JobsRepo(db);
    actions = new JobActions(jobs, new MarksRepo(db));
  });
  afterEach(async () => {
    await store.close();
  });

  async function addJob(
    title: string,
    description = `${title} in Bamberg, Go und Postgres.`,
  ): Promise<number> {
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
      description,
      applyUrl: `https://arbeitnow.example/jobs/${encodeURIComponent(title)}`,
      sources: [{ source: "arbeitnow", sourceId: title }],
    };
    const identity = new JobIdentity();
    return (
      await jobs.transaction((tx) =>
        identity.assign(tx, {
          posting,
          source: "arbeitnow",
          sourceId: title,
          runId: null,
          now: "2026-03-02T09:00:00.000Z",
        }),
      )
    ).jobId;
  }

  describe("JobActions: marks per workspace and user", () => {
    it("hides a job only for the person in the workspace where they said Not for me", async () => {
      const job = await addJob("Backend Engineer");
      await actions.mark(GUILD_A, job, "hidden");
      expect([...(await actions.hidden(GUILD_A))]).toEqual([job]);
      expect([...(await actions.hidden(GUILD_B))]).toEqual([]);
      expect([...(await actions.hidden(OTHER_USER))]).toEqual([]);
    });

    it("keeps saved jobs apart per workspace and user, newest first, and saving un-hides", async () => {
      const first = await addJob("Backend Engineer");
      const second = await addJob("Data Engineer");
      await actions.mark(GUILD_A, first, "hidden");
      await actions.mark(GUILD_A, first, "saved");
      await actions.mark(GUILD_A, second, "saved");
      await actions.mark(GUILD_B, second, "hidden");
      expect([...(await actions.hidden(GUILD_A))]).toEqual([]);
      expect((await actions.saved(GUILD_A)).map((c) => [c.n, c.title])).toEqual([
        [1, "Data Engineer"],
        [2, "Backend Engineer"],
      ]);
      expect((await actions.saved(GUILD_A, 1)).map((c) => c.title)).toEqual(["Data Engineer"]);
      expect(await actions.saved(GUILD_B)).toEqual([]);
      expect(await actions.saved(OTHER_USER)).toEqual([]);
      expect([...(await actions.hidden(GUILD_B))]).toEqual([second]);
      // Hiding un-saves, in that workspace only.
      await actions.mark(GUILD_B, second, "saved");
      await actions.mark(GUILD_A, second, "hidden");
      expect((await actions.saved(GUILD_A)).map((c) => c.title)).toEqual(["Backend Engineer"]);
      expect((await actions.saved(GUILD_B)).map((c) => c.title)).toEqual(["Data Engineer"]);
    });

    it("unsaves and unhides only the person's own mark in that workspace", async () => {
      const job = await addJob("Backend Engineer");
      for (const actor of [GUILD_A, GUILD_B, OTHER_USER]) await actions.mark(actor, job, "saved");
      await actions.unmark(GUILD_B, job, "saved");
      expect((await actions.saved(GUILD_A)).map((c) => c.title)).toEqual(["Backend Engineer"]);
      expect((await actions.saved(OTHER_USER)).map((c) => c.title)).toEqual(["Backend Engineer"]);
      expect(await actions.saved(GUILD_B)).toEqual([]);
      // Unhiding what is saved leaves the save alone.
      await actions.unmark(GUILD_A, job, "hidden");
      expect((await actions.saved(GUILD_A)).map((c) => c.title)).toEqual(["Backend Engineer"]);
      await actions.mark(GUILD_B, job, "hidden");
      await actions.unmark(GUILD_A, job, "hidden");
      expect([...(await actions.hidden(GUILD_B))]).toEqual([job]);
      await actions.unmark(GUILD_B, job, "hidden");
      expect([...(await actions.hidden(GUILD_B))]).toEqual([]);
    });

    it("shows details with 'saved' as this person in this workspace sees it, the text cut at a readable size", async () => {
      const long = `${"x".repeat(1499)} Ende des Textes`;
      const job = await addJob("Backend Engineer", long);
      await actions.mark(GUILD_A, job, "saved");
      const mine = await actions.details(GUILD_A, job);
      expect(mine.saved).toBe(true);
      expect((await actions.details(GUILD_B, job)).saved).toBe(false);
      // Cut at 1,500 characters, the space the cut ends on dropped, then an ellipsis.
      expect(mine.description).toBe(`${"x".repeat(1499)}…`);
      expect(mine).toMatchObject({ employmentType: "full_time", seniority: "senior", language: "de" });
      expect(mine.card).toMatchObject({
        n: 1,
        id: job,
        title: "Backend Engineer",
        company: "Backend Engineer GmbH",
      });
      const short = await actions.details(GUILD_A, await addJob("Data Engineer"));
      expect(short.description).toBe("Data Engineer in Bamberg, Go und Postgres.");
      // By its stable id (j_…) as buttons and the model name it.
      expect((await actions.details(GUILD_A, mine.card.jobId)).card.title).toBe("Backend Engineer");
    });

    it("shows a text of exactly 1,500 characters whole, and lists the 25 newest saved jobs", async () => {
      const exact = await addJob("Backend Engineer", "y".repeat(1500));
      expect((await actions.details(GUILD_A, exact)).description).toBe("y".repeat(1500));
      const ids: number[] = [];
      for (let i = 0; i < 26; i++) ids.push(await addJob(`Job ${i + 1}`));
      for (const id of ids) await actions.mark(GUILD_A, id, "saved");
      const saved = await actions.saved(GUILD_A);
      expect(saved).toHaveLength(25);
      expect(saved[0]?.title).toBe("Job 26");
      expect(saved.at(-1)?.title).toBe("Job 2");
    });

    it("says it can't find a job that is gone, by store id or stable id", async () => {
      for (const [id, logged] of [
        [999, "job 999 not found"],
        ["j_nothere", "job j_nothere not found"],
      ] as const) {
        let caught: unknown;
        try {
          await actions.mark(GUILD_A, id, "saved");
        } catch (err) {
          caught = err;
        }
        expect(caught).toBeInstanceOf(AppError);
        expect(caught).toMatchObject({
          code: "job_not_found",
          message: logged,
          userMessage: "I can't find that job any more.",
        });
      }
    });
  });

  describe("mark_job tool", () => {
    type InvokeConfig = Parameters<ReturnType<typeof createMarkJobTool>["invoke"]>[1];
    async function call(
      context: Record<string, unknown>,
      args: { jobId: string; action: string },
      on = actions,
    ): Promise<{ content: unknown; artifact: unknown }> {
      const out: unknown = await createMarkJobTool({ actions: on }).invoke(
        { name: "mark_job", args, id: "call-1", type: "tool_call" },
        { context } as InvokeConfig,
      );
      expect(out).toBeInstanceOf(ToolMessage);
      const m = out as ToolMessage;
      // The name the model calls it by and reads its result by (the offline model answers by it).
      expect(m.name).toBe("mark_job");
      return { content: JSON.parse(m.content as string) as unknown, artifact: m.artifact };
    }
    const ctx = (actor: typeof GUILD_A, text: string, used = { marks: 0 }) => ({
      ...actor,
      threadId: "t1",
      platform: "discord",
      request: readRequest(text),
      used,
    });

    it("hides for the asking person in their workspace, and unhides again", async () => {
      const job = await addJob("Backend Engineer");
      const jobId = (await actions.details(GUILD_A, job)).card.jobId;
      const hid = await call(ctx(GUILD_A, "not for me 1"), { jobId, action: "hide" });
      expect(hid.content).toEqual({
        ok: true,
        action: "hide",
        job: { jobId, title: "Backend Engineer", company: "Backend Engineer GmbH" },
      });
      expect(hid.artifact).toMatchObject({ jobId, title: "Backend Engineer" });
      expect([...(await actions.hidden(GUILD_A))]).toEqual([job]);
      expect([...(await actions.hidden(GUILD_B))]).toEqual([]);
      await call(ctx(GUILD_A, "unhide 1"), { jobId, action: "unhide" });
      expect([...(await actions.hidden(GUILD_A))]).toEqual([]);
      await call(ctx(GUILD_B, "save 1"), { jobId, action: "save" });
      expect((await actions.saved(GUILD_B)).map((c) => c.jobId)).toEqual([jobId]);
      expect(await actions.saved(GUILD_A)).toEqual([]);
      await call(ctx(GUILD_B, "unsave it"), { jobId, action: "unsave" });
      expect(await actions.saved(GUILD_B)).toEqual([]);
    });

    it("changes nothing the person did not ask for, and no more jobs than they named", async () => {
      const a = (await actions.details(GUILD_A, await addJob("Backend Engineer"))).card.jobId;
      const b = (await actions.details(GUILD_A, await addJob("Data Engineer"))).card.jobId;
      const refused = await call(ctx(GUILD_A, "python jobs in Berlin"), { jobId: a, action: "save" });
      expect(refused).toEqual({
        content: {
          error:
            "I save or hide jobs only when you ask me to in your own message, e.g. “save 2” or “not for me 3”.",
        },
        artifact: null,
      });
      const used = { marks: 0 };
      await call(ctx(GUILD_A, "save 2", used), { jobId: a, action: "save" });
      const second = await call(ctx(GUILD_A, "save 2", used), { jobId: b, action: "save" });
      expect(second.content).toEqual({ error: "I saved or hid only the jobs you named in your message." });
      expect((await actions.saved(GUILD_A)).map((c) => c.jobId)).toEqual([a]);
    });

    it("tells the model a job is gone, and refuses to run without the caller's identity", async () => {
      const gone = await call(ctx(GUILD_A, "save 1"), { jobId: "j_nothere", action: "save" });
      expect(gone).toEqual({ content: { error: "I can't find that job any more." }, artifact: null });
      await expect(
        call({ userId: "discord:42", threadId: "t1", platform: "discord" }, { jobId: "j_x", action: "save" }),
      ).rejects.toThrow(/workspaceId/);
    });

    it("fails the turn on a store fault instead of telling the model the store's own error text", async () => {
      const broken = await openTestStore(kind);
      const brokenActions = new JobActions(new JobsRepo(broken.db), new MarksRepo(broken.db));
      await broken.close();
      const err = await call(ctx(GUILD_A, "save 1"), { jobId: "j_any", action: "save" }, brokenActions).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(AppError);
    });
  });
});
