import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { postingId, postingSchema, type Posting } from "../../src/core/posting.js";
import {
  createImportSource,
  normalizeImportItem,
  readImportFile,
} from "../../src/pipeline/sources/import.source.js";
import type { NormalizeResult, RawItem } from "../../src/pipeline/sources/source.js";

const JOBSPY_CSV = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  "../fixtures/job-sources/import/jobspy-export-handmade.csv",
);
const dir = mkdtempSync(path.join(tmpdir(), "jobscout-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function readAll(
  file: string,
  batchSize?: number,
): Promise<{ batches: RawItem[][]; results: NormalizeResult[] }> {
  const batches: RawItem[][] = [];
  for await (const b of readImportFile(file, batchSize === undefined ? {} : { batchSize })) batches.push(b);
  return { batches, results: batches.flat().map((i) => normalizeImportItem(i)) };
}

async function importError(file: string): Promise<AppError> {
  const err: unknown = await readAll(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const reasonOf = (r: NormalizeResult | undefined): string => (r && !r.ok ? r.reason : "(accepted)");

const good: Posting = {
  id: "j_custom",
  title: "Backend Engineer",
  company: "Acme GmbH",
  locations: [{ city: "Bamberg", country: "DE", lat: 49.89, lon: 10.89 }],
  remoteMode: "hybrid",
  employmentType: "full_time",
  seniority: "mid",
  language: "en",
  postedAt: "2026-09-01T08:00:00.000Z",
  description: "Build APIs.",
  applyUrl: "https://jobs.example.org/42",
  sources: [{ source: "acme-careers", sourceId: "42", url: "https://jobs.example.org/42" }],
};

describe("readImportFile: JSONL postings", () => {
  it("imports good lines and rejects bad ones with the line number, without stopping", async () => {
    const { id: _id, sources: _s, ...noId } = good;
    const file = write(
      "postings.jsonl",
      [
        JSON.stringify(good),
        "",
        JSON.stringify({ ...noId, title: "No id here" }),
        '{"title": "cut off',
        JSON.stringify({ ...good, id: "j_bad", remoteMode: "sometimes" }),
        JSON.stringify({
          ...good,
          id: "j_nosalary",
          salary: { min: 5000, max: 10, currency: "EUR", period: "month" },
        }),
      ].join("\n") + "\n",
    );
    const { results } = await readAll(file);
    expect(results).toHaveLength(5);
    const [first, derived, cut, badEnum, badSalary] = results;
    expect(first).toEqual({ ok: true, posting: good });
    expect(derived?.ok).toBe(true);
    if (derived?.ok) {
      expect(derived.posting.id).toBe(postingId("import", good.applyUrl!));
      expect(derived.posting.sources).toEqual([
        { source: "import", sourceId: good.applyUrl, url: good.applyUrl },
      ]);
      expect(postingSchema.safeParse(derived.posting).success).toBe(true);
    }
    expect(reasonOf(cut)).toMatch(/^line 4: not valid JSON/);
    expect(reasonOf(badEnum)).toMatch(/^line 5: remoteMode/);
    expect(reasonOf(badSalary)).toMatch(/^line 6: salary/);
  });

  it("yields batches of the requested size", async () => {
    const lines = Array.from({ length: 7 }, (_, i) => JSON.stringify({ ...good, id: `j_${i}` })).join("\n");
    const { batches } = await readAll(write("seven.jsonl", lines), 3);
    expect(batches.map((b) => b.length)).toEqual([3, 3, 1]);
  });

  it("derives a stable id from the line when there is neither id nor apply URL", async () => {
    const { id: _id, applyUrl: _a, sources: _s, ...bare } = good;
    const a = await readAll(write("a.jsonl", JSON.stringify(bare)));
    const b = await readAll(write("b.jsonl", JSON.stringify(bare)));
    const [ra, rb] = [a.results[0], b.results[0]];
    expect(ra?.ok && rb?.ok && ra.posting.id === rb.posting.id).toBe(true);
  });
});

describe("readImportFile: JobSpy CSV", () => {
  it("maps JobSpy's columns to postings and rejects rows without title or company", async () => {
    const { results } = await readAll(JOBSPY_CSV);
    expect(results).toHaveLength(6);
    const ok = results.flatMap((r) => (r.ok ? [r.posting] : []));
    const reasons = results.flatMap((r) => (r.ok ? [] : [r.reason]));
    expect(reasons).toEqual(["line 23: no company", "line 24: no title"]);
    for (const p of ok) expect(postingSchema.safeParse(p).success).toBe(true);

    const [indeed, linkedin, student, remote] = ok;
    expect(indeed).toMatchObject({
      id: postingId("jobspy:indeed", "in-3f9a1c0b7e2d4a58"),
      title: "Backend-Entwickler Java (m/w/d)",
      company: "Example Logistik GmbH",
      locations: [{ city: "Frankfurt am Main", region: "Hessen", country: "DE" }],
      remoteMode: "hybrid",
      employmentType: "full_time",
      salary: { min: 65000, max: 80000, currency: "EUR", period: "year" },
      language: "de",
      postedAt: "2025-09-17T22:00:00.000Z",
      applyUrl: "https://karriere.example-logistik.de/jobs/4711",
      sources: [
        {
          source: "jobspy:indeed",
          sourceId: "in-3f9a1c0b7e2d4a58",
          url: "https://de.indeed.com/viewjob?jk=3f9a1c0b7e2d4a58",
        },
      ],
    });
    expect(indeed?.description).toContain("• Du entwickelst unsere Services mit Java 21 und Spring Boot");
    expect(indeed?.description).not.toMatch(/\*\*|\\-/);
    expect(linkedin).toMatchObject({
      seniority: "senior",
      remoteMode: "hybrid",
      language: "en",
      locations: [{ city: "München", region: "Bayern", country: "DE" }],
      applyUrl: "https://www.linkedin.com/jobs/view/4012345678",
    });
    expect(linkedin?.salary).toBeUndefined();
    expect(student).toMatchObject({
      employmentType: "part_time",
      seniority: "intern",
      salary: { min: 15, max: 17, period: "hour" },
    });
    expect(remote).toMatchObject({
      remoteMode: "remote",
      locations: [{ country: "DE" }],
      salary: { period: "month", currency: "EUR" },
    });
  });
});

describe("readImportFile: files it cannot use", () => {
  it("names the file and the problem", async () => {
    const missing = path.join(dir, "nope.jsonl");
    expect((await importError(missing)).message).toBe(`Cannot import ${missing}: no such file`);
    expect((await importError(dir)).message).toMatch(/is a directory/);
    const other = write("other.csv", "name,email\nAda,ada@example.org\n");
    expect((await importError(other)).message).toMatch(
      new RegExp(`^Cannot import ${other}: not a JobSpy CSV: the header lacks site, job_url, title`),
    );
    const txt = write("notes.txt", "just some notes\n");
    expect((await importError(txt)).message).toMatch(/unknown format/);
    const empty = write("empty.csv", "");
    expect((await importError(empty)).message).toBe(
      `Cannot import ${empty}: the CSV file is empty (no header row)`,
    );
    const blank = write("blank.txt", "\n  \n");
    expect((await importError(blank)).message).toBe(
      `Cannot import ${blank}: the file is empty, so its format is unknown`,
    );
    const wide = write("wide.csv", "a,b,c,d,e,f,g,h,i,j\n1,2,3,4,5,6,7,8,9,10\n");
    expect((await importError(wide)).message).toBe(
      `Cannot import ${wide}: not a JobSpy CSV: the header lacks site, job_url, title (found: a, b, c, d, e, f, g, h, …)`,
    );
    const broken = write(
      "broken.csv",
      'site,job_url,title,company\nindeed,https://x.example/1,"unclosed,Acme\n',
    );
    expect((await importError(broken)).code).toBe("import_bad_file");
  });
});

describe("the import adapter", () => {
  it("normalizes with the same function and refuses to be fetched", async () => {
    const adapter = createImportSource();
    expect(adapter.id).toBe("import");
    expect(adapter.normalize({ sourceId: "x", raw: { format: "jsonl", line: 1, value: good } })).toEqual({
      ok: true,
      posting: good,
    });
    expect(adapter.normalize({ sourceId: "x", raw: 42 }).ok).toBe(false);
    await expect(adapter.fetchPage({ http: undefined as never, query: {} }, undefined)).rejects.toMatchObject(
      { code: "import_not_fetchable" },
    );
  });
});
