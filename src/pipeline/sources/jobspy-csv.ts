// One row of a JobSpy CSV export → a unified posting. Columns (JobSpy `desired_order`): id, site,
// job_url, job_url_direct, title, company, location ("City, State, Country"), date_posted,
// job_type ("fulltime, parttime"), salary_source, interval (yearly|monthly|weekly|daily|hourly),
// min_amount, max_amount, currency, is_remote, job_level, job_function, listing_type, emails,
// description (markdown by default), company_* …; pandas writes missing values as empty cells.
import { createHash } from "node:crypto";
import { postingId, type EmploymentType, type Posting } from "../../core/posting.js";
import { parseLocations } from "../../core/geo/location-text.js";
import {
  cleanLine,
  detectEmploymentType,
  detectLanguage,
  detectRemoteMode,
  detectSeniority,
  htmlToText,
  httpUrl,
  makeSalary,
  markdownToText,
  toIsoUtc,
  validatePosting,
} from "./posting-signals.js";
import type { NormalizeResult } from "./source.js";

const JOB_TYPES: Record<string, EmploymentType> = {
  fulltime: "full_time",
  parttime: "part_time",
  contract: "contract",
  temporary: "temporary",
  internship: "internship",
  perdiem: "temporary",
  summer: "temporary",
};

function jobType(value: string | undefined): EmploymentType {
  for (const t of (value ?? "").split(",")) {
    const mapped =
      JOB_TYPES[
        t
          .trim()
          .toLowerCase()
          .replace(/[\s_-]/g, "")
      ];
    if (mapped) return mapped;
  }
  return "unknown";
}

function bool(value: string | undefined): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === "true" || v === "1" || v === "yes") return true;
  if (v === "false" || v === "0" || v === "no") return false;
  return undefined;
}

function description(value: string | undefined): string {
  const v = value ?? "";
  return /<\/?(?:p|div|br|ul|li|strong|b|h\d)\b/i.test(v) ? htmlToText(v) : markdownToText(v);
}

/** Normalize one JobSpy CSV row; `line` is the file line, used in reasons. Never throws. */
export function normalizeJobSpyRow(row: Record<string, string>, line: number): NormalizeResult {
  const site = cleanLine(row.site)?.toLowerCase().replace(/\s+/g, "_");
  const title = cleanLine(row.title);
  const company = cleanLine(row.company, 300);
  const jobUrl = httpUrl(row.job_url);
  if (!site) return { ok: false, reason: `line ${line}: no site` };
  if (!title) return { ok: false, reason: `line ${line}: no title` };
  if (!company) return { ok: false, reason: `line ${line}: no company` };
  const source = `jobspy:${site}`;
  const sourceId =
    cleanLine(row.id) ??
    (jobUrl ? createHash("sha256").update(jobUrl).digest("hex").slice(0, 16) : undefined);
  if (!sourceId) return { ok: false, reason: `line ${line}: neither id nor job_url` };
  const text = description(row.description);
  const locationText = cleanLine(row.location);
  const salary = makeSalary({
    min: row.min_amount,
    max: row.max_amount,
    currency: row.currency || "USD",
    period: row.interval,
  });
  const postedAt = toIsoUtc(row.date_posted);
  const applyUrl = httpUrl(row.job_url_direct) ?? jobUrl;
  const employmentType = jobType(row.job_type);
  const posting: Posting = {
    id: postingId(source, sourceId),
    title,
    company,
    locations: locationText ? parseLocations(locationText) : [],
    remoteMode: detectRemoteMode({
      flag: bool(row.is_remote),
      strong: [title, locationText, row.work_from_home_type],
      text,
    }),
    employmentType:
      employmentType === "unknown" ? detectEmploymentType({ strong: [title], text }) : employmentType,
    seniority: detectSeniority(title, [row.job_level]),
    ...(salary ? { salary } : {}),
    language: detectLanguage(`${title}\n${text}`),
    ...(postedAt ? { postedAt } : {}),
    description: text,
    ...(applyUrl ? { applyUrl } : {}),
    sources: [{ source, sourceId, ...(jobUrl ? { url: jobUrl } : {}) }],
  };
  return validatePosting(posting, `line ${line}`);
}
