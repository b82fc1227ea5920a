// schema.org JobPosting (as career pages publish it in JSON-LD) → unified posting. Every field is
// untrusted and may come in any of the shapes schema.org allows: a string or an object, one value or
// a list, numbers as strings.
import { postingId, type EmploymentType, type PostingLocation } from "../../core/posting.js";
import { resolvePlace } from "../../core/geo/gazetteer.js";
import { parseLocations } from "../../core/geo/location-text.js";
import { countryCode, regionName } from "../../core/geo/names.js";
import {
  cleanLine,
  detectEmploymentType,
  detectLanguage,
  detectRemoteMode,
  detectSeniority,
  htmlToText,
  httpUrl,
  makeSalary,
  toIsoUtc,
  validatePosting,
} from "./posting-signals.js";
import type { NormalizeResult, RawItem } from "./source.js";
import { decodeEntities } from "./xml.js";

type Rec = Record<string, unknown>;

const rec = (v: unknown): Rec | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : undefined;
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
/** A text value: a string or number, or an object's `name` (schema.org allows a Thing where text is expected). */
const text = (v: unknown, max = 500): string | undefined => {
  const first: unknown = Array.isArray(v) ? (v as unknown[])[0] : v;
  const s = typeof first === "string" || typeof first === "number" ? String(first) : rec(first)?.name;
  return typeof s === "string" || typeof s === "number"
    ? cleanLine(decodeEntities(String(s)), max)
    : undefined;
};
const num = (v: unknown): number | undefined => {
  const n = typeof v === "string" && v.trim() ? Number(v.replace(/[\s,](?=\d{3}\b)/g, "")) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
};

// schema.org employmentType values (Google's list) and what they mean for us.
const EMPLOYMENT: Record<string, EmploymentType> = {
  FULL_TIME: "full_time",
  PART_TIME: "part_time",
  CONTRACTOR: "contract",
  TEMPORARY: "temporary",
  INTERN: "internship",
  PER_DIEM: "temporary",
};

function locationsOf(posting: Rec): PostingLocation[] {
  const out: PostingLocation[] = [];
  for (const place of list(posting.jobLocation).slice(0, 50)) {
    const p = rec(place);
    const address = p?.address ?? (typeof place === "string" ? place : undefined);
    if (typeof address === "string") {
      out.push(
        ...parseLocations(decodeEntities(address)).filter(
          (l) => l.lat !== undefined || l.country !== undefined,
        ),
      );
      continue;
    }
    const a = rec(Array.isArray(address) ? address[0] : address);
    if (!a) continue;
    const locality = text(a.addressLocality, 200);
    const regionText = text(a.addressRegion, 200);
    const countryText = text(a.addressCountry, 100);
    const country = countryText ? countryCode(countryText) : undefined;
    const found = locality
      ? resolvePlace(locality, {
          preferCountry: country ?? "DE",
          strictCountry: country !== undefined,
          region: regionText,
        })
      : undefined;
    const loc: PostingLocation = {};
    if (locality) loc.city = found?.name ?? locality;
    const region = (regionText && regionName(regionText)) ?? regionText ?? found?.region;
    if (region) loc.region = region;
    const ctry = country ?? found?.country;
    if (ctry) loc.country = ctry;
    const postal = text(a.postalCode, 20);
    if (postal) loc.postalCode = postal;
    const geo = rec(p?.geo);
    const lat = num(geo?.latitude);
    const lon = num(geo?.longitude);
    if (
      lat !== undefined &&
      lon !== undefined &&
      Math.abs(lat) <= 90 &&
      Math.abs(lon) <= 180 &&
      (lat !== 0 || lon !== 0)
    )
      Object.assign(loc, { lat, lon });
    else if (found) Object.assign(loc, { lat: found.lat, lon: found.lon });
    if (Object.keys(loc).length > 0) out.push(loc);
  }
  if (out.length > 0) return out;
  // Remote jobs name where applicants may live instead of a place of work.
  for (const req of list(posting.applicantLocationRequirements).slice(0, 20)) {
    const c = text(req, 100);
    const code = c ? countryCode(c) : undefined;
    if (code) out.push({ country: code });
  }
  return out;
}

function salaryOf(posting: Rec) {
  for (const field of [posting.baseSalary, posting.estimatedSalary]) {
    const s = rec(Array.isArray(field) ? field[0] : field);
    if (!s) continue;
    const value = rec(s.value);
    const amount = num(s.value);
    const salary = makeSalary({
      min: num(value?.minValue) ?? num(value?.value) ?? amount,
      max: num(value?.maxValue),
      currency: text(s.currency ?? value?.currency, 10),
      period: text(value?.unitText ?? s.unitText, 20),
    });
    if (salary) return salary;
  }
  return undefined;
}

/** Normalize one JobPosting found on a page (raw: `{ pageUrl, posting }`). */
export function normalizeJobPosting(item: RawItem, source: string): NormalizeResult {
  const raw = rec(item.raw);
  const posting = rec(raw?.posting);
  const pageUrl = httpUrl(raw?.pageUrl);
  const label = `${source} ${item.sourceId}`;
  if (!posting || !pageUrl) return { ok: false, reason: `${label}: not a JobPosting found on a page` };
  const title = text(posting.title) ?? text(posting.name);
  if (!title) return { ok: false, reason: `${label}: JobPosting without title` };
  const company = text(posting.hiringOrganization, 300);
  if (!company) return { ok: false, reason: `${label}: JobPosting without hiringOrganization name` };
  const description = htmlToText(typeof posting.description === "string" ? posting.description : "");
  const locations = locationsOf(posting);
  const telecommute = list(posting.jobLocationType).some(
    (t) => typeof t === "string" && /telecommute/i.test(t),
  );
  const types = list(posting.employmentType).filter((t): t is string => typeof t === "string");
  const mapped = types
    .map(
      (t) =>
        EMPLOYMENT[
          t
            .trim()
            .toUpperCase()
            .replace(/[\s-]+/g, "_")
        ],
    )
    .find((t) => t !== undefined);
  const postedAt = toIsoUtc(posting.datePosted);
  const language = text(posting.inLanguage, 20)?.slice(0, 2).toLowerCase();
  const url = httpUrl(posting.url) ?? pageUrl;
  const salary = salaryOf(posting);
  return validatePosting(
    {
      id: postingId(source, item.sourceId),
      title,
      company,
      locations,
      remoteMode: detectRemoteMode({
        // Google asks remote jobs to say TELECOMMUTE; a place of work without it means on site.
        flag: telecommute ? true : locations.length > 0 ? false : undefined,
        strong: [title, ...locations.map((l) => l.city)],
        text: description,
      }),
      employmentType: mapped ?? detectEmploymentType({ strong: [title, ...types], text: description }),
      seniority: detectSeniority(title, [text(posting.experienceRequirements)]),
      ...(salary ? { salary } : {}),
      language:
        language && /^[a-z]{2}$/.test(language) ? language : detectLanguage(`${title}\n${description}`),
      ...(postedAt ? { postedAt } : {}),
      description,
      applyUrl: url,
      sources: [{ source, sourceId: item.sourceId, url: pageUrl }],
    },
    label,
  );
}
