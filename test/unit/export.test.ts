// The shortlist export, read back cell by cell: CSV with a byte-order mark and formula escaping,
// XLSX with a header row and numbers as numbers; hostile cells stay text; an empty export is refused.
import { PassThrough } from "node:stream";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { ensureRows, writeCsv, writeXlsx, type ExportRow } from "../../src/jobs/applications/export.js";
import { AppError } from "../../src/core/errors.js";
import { readXlsx } from "../support/xlsx-reader.js";

const ROWS: ExportRow[] = [
  {
    title: "Senior Data Engineer (m/w/d)",
    company: "Acme Analytics GmbH",
    place: "Frankfurt am Main",
    link: "https://boards.greenhouse.io/acme/jobs/1",
    sources: "greenhouse, arbeitnow",
    score: 82,
    reasons: "Python in L4; Kafka in L6; Frankfurt within 10 km",
    status: "letter approved",
    letter:
      "Sehr geehrte Damen und Herren,\n\nhiermit bewerbe ich mich …\n\nMit freundlichen Grüßen\nJane Doe",
  },
  {
    title: '=HYPERLINK("http://evil.example","Bewerben")',
    company: "+49 Müller & Söhne",
    place: "Würzburg",
    link: "@SUM(1+1)",
    sources: "rss",
    score: null,
    reasons: "-2 reasons",
    status: "saved",
    letter: "",
  },
];

/** The CSV's rows after its byte-order mark. */
function csvRows(buf: Buffer): string[][] {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- csv-parse's result type depends on options
  return parse(buf.subarray(3).toString("utf8")) as string[][];
}

async function collect(write: (out: PassThrough) => Promise<number>): Promise<{ buf: Buffer; n: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const n = await write(out);
  return { buf: Buffer.concat(chunks), n };
}

describe("export", () => {
  it("writes CSV a spreadsheet program reads as UTF-8, with formulas defused, cell by cell", async () => {
    const { buf, n } = await collect((out) => writeCsv(ROWS, out, "de"));
    expect(n).toBe(2);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(buf);
    expect(rows[0]).toEqual([
      "Stelle",
      "Unternehmen",
      "Ort",
      "Link",
      "Quellen",
      "Passung",
      "Wichtigste Gründe",
      "Status",
      "Anschreiben",
    ]);
    expect(rows[1]).toEqual([
      "Senior Data Engineer (m/w/d)",
      "Acme Analytics GmbH",
      "Frankfurt am Main",
      "https://boards.greenhouse.io/acme/jobs/1",
      "greenhouse, arbeitnow",
      "82",
      "Python in L4; Kafka in L6; Frankfurt within 10 km",
      "letter approved",
      ROWS[0]!.letter,
    ]);
    // Every cell that would start a formula is prefixed, so it stays text.
    expect(rows[2]).toEqual([
      `'=HYPERLINK("http://evil.example","Bewerben")`,
      "'+49 Müller & Söhne",
      "Würzburg",
      "'@SUM(1+1)",
      "rss",
      "",
      "'-2 reasons",
      "saved",
      "",
    ]);
  });

  it("writes XLSX with a header row, the score as a number and no formula anywhere, cell by cell", async () => {
    const { buf, n } = await collect((out) => writeXlsx(ROWS, out, "en"));
    expect(n).toBe(2);
    const { rows, formulas, sheetName } = readXlsx(buf);
    expect(sheetName).toBe("Shortlist");
    expect(formulas).toBe(0);
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
    expect(rows[1]).toEqual([
      "Senior Data Engineer (m/w/d)",
      "Acme Analytics GmbH",
      "Frankfurt am Main",
      "https://boards.greenhouse.io/acme/jobs/1",
      "greenhouse, arbeitnow",
      "82",
      "Python in L4; Kafka in L6; Frankfurt within 10 km",
      "letter approved",
      ROWS[0]!.letter,
    ]);
    expect(rows[2]?.[0]).toBe(ROWS[1]!.title);
    expect(rows[2]?.[1]).toBe("+49 Müller & Söhne");
    expect(rows[2]?.[5] ?? "").toBe("");
  });

  it("streams 10,000 rows to CSV", async () => {
    const many = function* () {
      for (let i = 0; i < 10_000; i++) yield { ...ROWS[0]!, title: `Job ${i}` };
    };
    const { buf, n } = await collect((out) => writeCsv(many(), out));
    expect(n).toBe(10_000);
    const rows = csvRows(buf);
    expect(rows).toHaveLength(10_001);
    expect(rows[10_000]?.[0]).toBe("Job 9999");
  });

  it("refuses an export of 0 jobs with what to do, in the person's language", () => {
    expect(() => ensureRows(0, "en")).toThrow(AppError);
    try {
      ensureRows(0, "de");
    } catch (err) {
      expect((err as AppError).userMessage).toMatch(/^Deine Merkliste ist leer/);
    }
  });
});
