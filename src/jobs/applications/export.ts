import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
// csv-stringify and write-excel-file (with its zip code) are loaded by the export that writes.
import type { Row } from "write-excel-file/node";
import { AppError } from "../../core/errors.js";
import { letterTexts } from "./letter-texts.js";
import type { JobCard } from "../../core/job-card.js";

/** One job of an export: what a person keeps in a spreadsheet of their applications. */
export interface ExportRow {
  title: string;
  company: string;
  place: string;
  link: string;
  sources: string;
  /** Fit score 0–100 when the job was scored. */
  score: number | null;
  reasons: string;
  status: string;
  letter: string;
}

export type ExportFormat = "csv" | "xlsx";

const HEADERS: Record<"de" | "en", Record<keyof ExportRow, string>> = {
  en: {
    title: "Job",
    company: "Company",
    place: "Place",
    link: "Link",
    sources: "Sources",
    score: "Score",
    reasons: "Top reasons",
    status: "Status",
    letter: "Cover letter",
  },
  de: {
    title: "Stelle",
    company: "Unternehmen",
    place: "Ort",
    link: "Link",
    sources: "Quellen",
    score: "Passung",
    reasons: "Wichtigste Gründe",
    status: "Status",
    letter: "Anschreiben",
  },
};

export const EXPORT_COLUMNS: ReadonlyArray<keyof ExportRow> = [
  "title",
  "company",
  "place",
  "link",
  "sources",
  "score",
  "reasons",
  "status",
  "letter",
];

/** A saved job's card as an export row (status and letter come from the applications, when any). */
export function rowOfCard(card: JobCard, extra: { status?: string; letter?: string } = {}): ExportRow {
  return {
    title: card.title,
    company: card.company,
    place: card.place,
    link: card.url ?? "",
    sources: card.sources.join(", "),
    score: card.score,
    reasons: card.why.slice(0, 3).join("; "),
    status: extra.status ?? "saved",
    letter: extra.letter ?? "",
  };
}

/**
 * CSV for spreadsheet programs: a UTF-8 byte-order mark (so umlauts survive Excel), a header row,
 * and cells that start like a formula (= + - @) escaped, so a posting cannot put a formula in
 * someone's spreadsheet. Rows are streamed: memory stays flat however many there are.
 */
export async function writeCsv(
  rows: Iterable<ExportRow> | AsyncIterable<ExportRow>,
  out: Writable,
  lang: "de" | "en" = "en",
): Promise<number> {
  let count = 0;
  const counted = async function* () {
    for await (const r of rows) {
      count++;
      yield EXPORT_COLUMNS.map((c) => (r[c] === null ? "" : String(r[c])));
    }
  };
  const { stringify } = await import("csv-stringify");
  const csv = stringify({
    bom: true,
    escape_formulas: true,
    header: true,
    columns: EXPORT_COLUMNS.map((c) => HEADERS[lang][c]),
  });
  await pipeline(Readable.from(counted()), csv, out);
  return count;
}

/**
 * XLSX with one sheet: a bold header row, the score as a number, every other cell as text (never a
 * formula). write-excel-file builds the sheet in memory and streams the zip out.
 */
export async function writeXlsx(
  rows: Iterable<ExportRow>,
  out: Writable,
  lang: "de" | "en" = "en",
): Promise<number> {
  const data: Row[] = [EXPORT_COLUMNS.map((c) => ({ value: HEADERS[lang][c], fontWeight: "bold" as const }))];
  for (const r of rows)
    data.push(
      EXPORT_COLUMNS.map((c) =>
        c === "score"
          ? r.score === null
            ? null
            : { value: r.score, type: Number }
          : { value: String(r[c]), type: String, ...(c === "letter" ? { wrap: true } : {}) },
      ),
    );
  const { default: writeXlsxFile } = await import("write-excel-file/node");
  const file = writeXlsxFile(data, {
    sheet: lang === "de" ? "Merkliste" : "Shortlist",
    stickyRowsCount: 1,
    columns: [
      { width: 40 },
      { width: 28 },
      { width: 20 },
      { width: 50 },
      { width: 16 },
      { width: 8 },
      { width: 60 },
      { width: 14 },
      { width: 80 },
    ],
  });
  // toStream(writable) pipes the zip into `out` and resolves once it is written.
  await (file.toStream as (w: Writable) => Promise<void>).call(file, out);
  return data.length - 1;
}

/** Refuse an export with nothing in it, saying what to do. */
export function ensureRows(n: number, lang: "de" | "en" = "en"): void {
  if (n > 0) return;
  throw new AppError("export_empty", "nothing to export", {
    userMessage: letterTexts(lang).exportEmpty,
  });
}
