// The search benchmark's corpus (real postings from ../shared/data/jobs plus variants that keep their
// distribution of titles, places and languages) as Greenhouse boards, for the ingest scale-out
// bench: each posting becomes one job in the shape the Job Board API sends with `content=true`
// (HTML escaped once, `company_name`, `location.name`, `metadata` labels), so the real adapter
// parses and normalizes it like a job from the site.
import type { Posting } from "../src/core/posting.js";

type Json = Record<string, unknown>;

const COUNTRY_NAMES: Record<string, string> = {
  DE: "Germany",
  AT: "Austria",
  CH: "Switzerland",
  NL: "Netherlands",
  PL: "Poland",
  FR: "France",
  GB: "United Kingdom",
  US: "United States",
};

const WORKPLACE: Record<string, string | undefined> = {
  remote: "Remote",
  hybrid: "Hybrid",
  onsite: "On-site",
};

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function placeName(p: Posting): string | undefined {
  const l = p.locations[0];
  if (!l) return undefined;
  const country = l.country ? (COUNTRY_NAMES[l.country] ?? l.country) : undefined;
  const parts = [l.city, l.city ? undefined : l.region, country].filter((x): x is string => !!x);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

/** One posting as a Greenhouse job of `board` with the numeric id `id`. */
export function greenhouseJob(p: Posting, board: string, id: number): Json {
  const where = placeName(p);
  const workplace = WORKPLACE[p.remoteMode];
  // Greenhouse sends the ad as HTML escaped once: "&lt;p&gt;…&lt;/p&gt;".
  const html = p.description
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para)}</p>`)
    .join("");
  return {
    id,
    internal_job_id: id - 1,
    title: p.title,
    company_name: p.company,
    absolute_url: `https://job-boards.greenhouse.io/${board}/jobs/${id}`,
    location: { name: where ?? "" },
    offices: where ? [{ id: 1, name: where, location: where }] : [],
    departments: [],
    metadata: workplace ? [{ id: 1, name: "Workplace type", value: workplace }] : null,
    content: escapeHtml(html),
    language: p.language === "und" ? null : p.language,
    first_published: p.postedAt ?? null,
    updated_at: p.postedAt ?? "2026-11-30T00:00:00Z",
  };
}

/**
 * The postings spread over `count` boards in turn (board i gets postings i, i + count, …), so every
 * board has the same mix of real postings and variants. Ids start at 4,000,000,000 as real
 * Greenhouse ids are ten digits.
 */
export function greenhouseBoards(postings: readonly Posting[], count: number): Map<string, Json[]> {
  const boards = new Map<string, Json[]>();
  postings.forEach((p, i) => {
    const board = `scale${i % count}`;
    const jobs = boards.get(board) ?? [];
    jobs.push(greenhouseJob(p, board, 4_000_000_000 + i));
    boards.set(board, jobs);
  });
  return boards;
}
