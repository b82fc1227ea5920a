import type { Posting } from "../../core/posting.js";

const earliest = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : Date.parse(a) <= Date.parse(b) ? a : b;
const latest = (a: string | undefined, b: string | undefined) =>
  a === undefined ? b : b === undefined ? a : Date.parse(a) >= Date.parse(b) ? a : b;

const located = (p: Posting) => p.locations.some((l) => l.lat !== undefined && l.lon !== undefined);

/**
 * One job from two copies: `base` (the copy with the richest description) gives title, company,
 * description and everything it knows; `other` fills what `base` lacks (salary, apply URL, places
 * with coordinates, a known remote mode, working time, seniority or language). The job counts as
 * posted when the first copy was, and as updated when the last one was.
 */
export function mergeCopies(base: Posting, other: Posting): Posting {
  const postedAt = earliest(base.postedAt, other.postedAt);
  const updatedAt = latest(base.updatedAt, other.updatedAt);
  const salary = base.salary ?? other.salary;
  const applyUrl = base.applyUrl ?? other.applyUrl;
  const { postedAt: _p, updatedAt: _u, salary: _s, applyUrl: _a, ...rest } = base;
  return {
    ...rest,
    locations:
      base.locations.length === 0 || (!located(base) && located(other)) ? other.locations : base.locations,
    remoteMode: base.remoteMode === "unknown" ? other.remoteMode : base.remoteMode,
    employmentType: base.employmentType === "unknown" ? other.employmentType : base.employmentType,
    seniority: base.seniority === "unknown" ? other.seniority : base.seniority,
    language: base.language === "und" ? other.language : base.language,
    ...(salary ? { salary } : {}),
    ...(applyUrl ? { applyUrl } : {}),
    ...(postedAt ? { postedAt } : {}),
    ...(updatedAt ? { updatedAt } : {}),
  };
}
