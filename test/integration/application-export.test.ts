// "Export my applications" on both stores, read back from the file: saved jobs and every job with an
// application, each with its status as the person sees it (in English or German), the approved
// letter (never a draft), the fit score and reasons when there is a profile; approved letters move
// to "exported" (an application already sent stays "applied"); an empty export is refused; no
// half-written file is left.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { ApplicationExport } from "../../src/jobs/applications/export-service.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { LettersRepo, type LetterOwner } from "../../src/store/letters.repo.js";
import { MarksRepo } from "../../src/store/marks.repo.js";
import { posting } from "../contract/search-fixtures.js";
import { tempDir } from "../support/harness.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";
import { readXlsx } from "../support/xlsx-reader.js";

const ME: LetterOwner = { workspaceId: "slack:T1", userId: "U1" };

describe.each(STORES)("exporting applications on %s", (kind) => {
  let store: TestStore;
  let tmp: { dir: string; remove(): void };
  let letters: LettersRepo;
  let marks: MarksRepo;
  let jobs: JobsRepo;
  let ids: Record<"saved" | "approved" | "applied" | "drafted", number>;

  beforeEach(async () => {
    store = await openTestStore(kind);
    tmp = tempDir("jobscout-export-");
    letters = new LettersRepo(store.db);
    marks = new MarksRepo(store.db);
    jobs = new JobsRepo(store.db);
    const now = new Date().toISOString();
    const add = (key: string, title: string) =>
      jobs.insert(
        posting(key, { title, company: "Example GmbH", applyUrl: `https://jobs.example/${key}` }),
        null,
        now,
      );
    ids = {
      saved: await add("a", "A Saved Engineer"),
      approved: await add("b", "B Approved Engineer"),
      applied: await add("c", "C Applied Engineer"),
      drafted: await add("d", "D Drafted Engineer"),
    };
    await marks.set(ME.workspaceId, ME.userId, ids.saved, "saved");
    const letter = async (jobId: number, text: string, approve: boolean) => {
      const id = `letter-${jobId}`;
      await letters.insert(ME, {
        id,
        jobId,
        lang: "en",
        text,
        cited: [],
        report: { supported: true, unsupported: [], claims: 0 },
        model: "offline",
        promptVersion: "offline-1",
        edited: false,
        hash: `h-${jobId}`,
      });
      if (approve) expect(await letters.approve(ME, id, `h-${jobId}`, false)).toBe(true);
      return id;
    };
    const approved = await letter(ids.approved, "Dear B team,\nI apply.", true);
    await letters.setStatus(ME, ids.approved, "letter approved", approved);
    const sent = await letter(ids.applied, "Dear C team,\nI applied.", true);
    await letters.setStatus(ME, ids.applied, "applied", sent);
    // Approved once, then edited back to a draft: the status stays, the draft is never exported.
    await letters.setStatus(
      ME,
      ids.drafted,
      "letter approved",
      await letter(ids.drafted, "Draft text", false),
    );
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  const exporter = (o: { fit?: boolean; maxRows?: number } = {}) =>
    new ApplicationExport({
      letters,
      savedIds: (owner, limit) => marks.list(owner.workspaceId, owner.userId, "saved", limit),
      getJobs: (wanted) => jobs.getMany(wanted),
      ...(o.fit
        ? {
            fitFor: (_owner, wanted) =>
              Promise.resolve(
                new Map(
                  wanted
                    .filter((id) => id === ids.approved)
                    .map((id) => [id, { total: 82, reasons: ["Python in L4", "Kafka in L6"] }]),
                ),
              ),
          }
        : {}),
      dir: path.join(tmp.dir, "exports"),
      ...(o.maxRows ? { maxRows: o.maxRows } : {}),
    });

  it("writes a CSV of every saved job and application with its status and approved letter, and marks approved letters exported", async () => {
    const file = await exporter({ fit: true }).export(ME, "csv");
    expect(file).toMatchObject({ rows: 4, format: "csv", mimeType: "text/csv" });
    expect(file.name).toMatch(/^applications-\d{8}T\d{6}\.csv$/);
    expect(path.basename(file.path)).toBe(`slack_T1-U1-${file.name}`);
    // After the byte-order mark; csv-parse's result type depends on its options.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    const [head, ...rows] = parse((await readFile(file.path)).subarray(3).toString("utf8")) as string[][];
    expect(head).toEqual([
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
    const byTitle = rows
      .map((r) => [r[0], r[5], r[6], r[7], r[8]])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(byTitle).toEqual([
      ["A Saved Engineer", "", "", "saved", ""],
      ["B Approved Engineer", "82", "Python in L4; Kafka in L6", "exported", "Dear B team,\nI apply."],
      ["C Applied Engineer", "", "", "applied", "Dear C team,\nI applied."],
      ["D Drafted Engineer", "", "", "letter approved", ""],
    ]);
    const after = await letters.statuses(ME);
    expect([after.get(ids.approved), after.get(ids.applied), after.get(ids.drafted)]).toEqual([
      "exported",
      "applied",
      "letter approved",
    ]);
    expect(await readdir(path.join(tmp.dir, "exports"))).toEqual([path.basename(file.path)]);
  });

  it("writes the statuses in German for a German export, as an XLSX sheet", async () => {
    const file = await exporter().export(ME, "xlsx", "de");
    expect(file).toMatchObject({
      rows: 4,
      format: "xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    expect(file.name).toMatch(/^bewerbungen-\d{8}T\d{6}\.xlsx$/);
    const sheet = readXlsx(await readFile(file.path));
    expect(sheet.sheetName).toBe("Merkliste");
    expect(sheet.rows[0]?.[7]).toBe("Status");
    expect(
      sheet.rows
        .slice(1)
        .map((r) => [r[0], r[7]])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ["A Saved Engineer", "gemerkt"],
      ["B Approved Engineer", "exportiert"],
      ["C Applied Engineer", "beworben"],
      ["D Drafted Engineer", "Anschreiben freigegeben"],
    ]);
  });

  it("stops at the row limit, and refuses an export with nothing in it", async () => {
    expect((await exporter({ maxRows: 2 }).export(ME, "csv")).rows).toBe(2);
    const err = await exporter()
      .export({ workspaceId: "slack:T1", userId: "U2" }, "csv")
      .then(
        () => undefined,
        (e: unknown) => e as AppError,
      );
    expect(err).toBeInstanceOf(AppError);
    expect(err?.code).toBe("export_empty");
  });
});
