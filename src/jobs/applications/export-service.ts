import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { toJobCard } from "../../core/job-card.js";
import type { StoredJob } from "../../store/jobs.repo.js";
import type { ApplicationStatus, LetterOwner, LettersRepo } from "../../store/letters.repo.js";
import { ensureRows, rowOfCard, writeCsv, writeXlsx, type ExportFormat, type ExportRow } from "./export.js";

/** What an export produced: the file, its name as offered to the person, and how many jobs it has. */
export interface ExportedFile {
  path: string;
  name: string;
  rows: number;
  format: ExportFormat;
  mimeType: string;
}

/** What the export needs from the store. */
export interface ApplicationExportOptions {
  letters: LettersRepo;
  /** The person's saved jobs (store ids), newest first. */
  savedIds(owner: LetterOwner, limit: number): Promise<number[]>;
  getJobs(ids: readonly number[]): Promise<StoredJob[]>;
  /** Fit totals and reasons by job, when the person has a profile. */
  fitFor?:
    | ((
        owner: LetterOwner,
        ids: readonly number[],
      ) => Promise<ReadonlyMap<number, { total: number; reasons: string[] }> | undefined>)
    | undefined;
  /** Directory the files are written to. */
  dir: string;
  /** Most jobs in one export. @defaultValue `10000` */
  maxRows?: number | undefined;
}

const MIME: Record<ExportFormat, string> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const STATUS_DE: Record<string, string> = {
  saved: "gemerkt",
  "letter approved": "Anschreiben freigegeben",
  exported: "exportiert",
  applied: "beworben",
};

/**
 * "Export my applications": the saved jobs and every job with an application, with link, sources,
 * fit score and reasons, status, and the approved letter (never a draft). Written to a file via a
 * temporary name, so a failed export leaves no half file; jobs with an approved letter move to
 * "exported".
 */
export class ApplicationExport {
  constructor(private readonly o: ApplicationExportOptions) {}

  async export(owner: LetterOwner, format: ExportFormat, lang: "de" | "en" = "en"): Promise<ExportedFile> {
    const max = this.o.maxRows ?? 10_000;
    const statuses = await this.o.letters.statuses(owner);
    const approved = await this.o.letters.approvedByJob(owner);
    const ids = [
      ...new Set([...(await this.o.savedIds(owner, max)), ...statuses.keys(), ...approved.keys()]),
    ].slice(0, max);
    ensureRows(ids.length, lang);
    const fits =
      (await this.o.fitFor?.(owner, ids)) ?? new Map<number, { total: number; reasons: string[] }>();
    const jobs = await this.o.getJobs(ids);
    // A job whose approved letter goes out in this file is "exported" in it, unless already applied.
    const status = (id: number): string => {
      const was = statuses.get(id);
      const s = was === "applied" ? was : approved.has(id) ? "exported" : (was ?? "saved");
      return lang === "de" ? (STATUS_DE[s] ?? s) : s;
    };
    const rows = function* (): Generator<ExportRow> {
      for (const [i, job] of jobs.entries()) {
        const fit = fits.get(job.id);
        const card = toJobCard(i + 1, job, fit ? { score: fit.total, why: fit.reasons } : {});
        yield rowOfCard(card, { status: status(job.id), letter: approved.get(job.id)?.text ?? "" });
      }
    };
    await mkdir(this.o.dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
    const name = `${lang === "de" ? "bewerbungen" : "applications"}-${stamp}.${format}`;
    const file = path.join(this.o.dir, `${safe(owner.workspaceId)}-${safe(owner.userId)}-${name}`);
    const tmp = `${file}.part`;
    try {
      const out = createWriteStream(tmp);
      const n = format === "csv" ? await writeCsv(rows(), out, lang) : await writeXlsx(rows(), out, lang);
      await rename(tmp, file);
      for (const [jobId, letter] of approved)
        if (statuses.get(jobId) !== "applied")
          await this.o.letters.setStatus(owner, jobId, "exported" satisfies ApplicationStatus, letter.id);
      return { path: file, name, rows: n, format, mimeType: MIME[format] };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, "_").slice(0, 40);
