// The labelled set for the dedupe benchmark: real postings as the distinct jobs ("bases"), plus
// copies of some of them as other sites, reposts and retitled cross-posts would show them
// (positives), plus hard negatives (same company other role with a shared boilerplate description,
// same job at another seniority, city or company). Deterministic for a seed.
//
// Bases: the 105 Arbeitnow postings in test/fixtures (always), and from ../shared/data/jobs when
// present the 1,288 cyberjobs-radar postings and the 10,000 Jobsuche rows; without ../shared the
// 2,720 trimmed Jobsuche rows of test/fixtures stand in.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { haversineKm } from "../src/core/geo/distance.js";
import { foldText } from "../src/core/text.js";
import { postingId, postingSchema, type Posting } from "../src/core/posting.js";
import { normalizeArbeitnowItem } from "../src/pipeline/sources/arbeitnow.source.js";
import { normalizeBaItem } from "../src/pipeline/sources/ba-jobsuche.source.js";
import { parseLocations } from "../src/core/geo/location-text.js";
import {
  detectEmploymentType,
  detectLanguage,
  detectRemoteMode,
  detectSeniority,
  toIsoUtc,
} from "../src/pipeline/sources/posting-signals.js";
import { baRowToV6, DEFAULT_BA_CSV } from "../test/support/replay-server.js";
import { rng } from "../test/support/rng.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = path.join(ROOT, "test/fixtures/job-sources");
export const SHARED = path.resolve(ROOT, "../shared");
const DAY = 86_400_000;

export type ItemKind =
  | "base"
  | "cross-post"
  | "repost"
  | "retitled"
  | "stale-repost"
  | "boilerplate-role"
  | "other-seniority"
  | "other-city"
  | "other-company";

export interface LabelledItem {
  posting: Posting;
  source: string;
  sourceId: string;
  /** Items of one cluster are one job. */
  cluster: string;
  /** When the copy is seen (simulated clock, ISO). */
  at: string;
  kind: ItemKind;
}

export interface LabelledSet {
  items: LabelledItem[];
  /** Where the bases came from, for the report. */
  origin: string[];
  sharedFound: boolean;
  /** Real postings dropped because another had the same company, place and title (without brackets and gender tags): truth unknown. */
  ambiguousDropped: number;
}

function arbeitnowBases(): Posting[] {
  const out: Posting[] = [];
  for (const f of ["job-board-api-data-100.json", "job-board-api-data-5.json"]) {
    const data = (
      JSON.parse(readFileSync(path.join(FIXTURES, "arbeitnow", f), "utf8")) as { data: unknown[] }
    ).data;
    for (const raw of data) {
      const r = normalizeArbeitnowItem({ sourceId: String((raw as { slug: string }).slug), raw });
      if (r.ok) out.push(r.posting);
    }
  }
  return out;
}

function baBases(file: string): Posting[] {
  const rows = parse<Record<string, string>>(readFileSync(file), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  });
  const out: Posting[] = [];
  for (const row of rows) {
    const r = normalizeBaItem({ sourceId: row.refnr ?? "", raw: baRowToV6(row) });
    if (r.ok) out.push(r.posting);
  }
  return out;
}

interface CyberJob {
  id: string;
  title: string;
  company: string;
  location?: string;
  country?: string;
  url?: string;
  source: string;
  posted_date?: string;
  description?: string;
  remote?: string;
  employment_type?: string;
}

function cyberjobsBases(file: string): Posting[] {
  const out: Posting[] = [];
  for (const j of JSON.parse(readFileSync(file, "utf8")) as CyberJob[]) {
    const country = j.country && /^[A-Z]{2}$/.test(j.country) ? j.country : undefined;
    const description = j.description ?? "";
    const postedAt = toIsoUtc(j.posted_date);
    const parsed = postingSchema.safeParse({
      id: postingId(j.source, j.id),
      title: j.title,
      company: j.company,
      locations: parseLocations(j.location ?? "", { defaultCountry: country, preferCountry: country }),
      remoteMode: detectRemoteMode({ strong: [j.title, j.location, j.remote] }),
      employmentType: detectEmploymentType({ strong: [j.title, j.employment_type] }),
      seniority: detectSeniority(j.title),
      language: detectLanguage(description),
      ...(postedAt ? { postedAt } : {}),
      description,
      ...(j.url ? { applyUrl: j.url } : {}),
      sources: [{ source: j.source, sourceId: j.id }],
    });
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

// ---------------------------------------------------------------- how other sites show a job

const GENDER_TAG = /\s*[([](?:[mwfdx]\s*[/|,]\s*)+[mwfdx][)\]]|\s*\((?:all genders|gn|alle geschlechter)\)/gi;
const TAGS = ["(m/w/d)", "(w/m/d)", "(m/f/d)", "(f/m/x)", "(all genders)", "(d/m/w)", "(gn)", "(m/w/x)"];
const LEGAL =
  /(?:,\s*|\s+)(?:GmbH & Co\.? KG|GmbH|AG|SE|Inc\.?|Ltd\.?|B\.V\.|KG|e\.V\.|S\.A\.|Sp\. z o\.o\.)$/i;
const FOOTERS = [
  "Jetzt bewerben! Wir freuen uns auf Ihre Bewerbung über unser Portal. Bitte geben Sie Ihre Gehaltsvorstellung und den frühestmöglichen Eintrittstermin an.",
  "Apply now via our job portal. We look forward to receiving your application, including your salary expectations and earliest possible start date.",
];
type Random = () => number;
const choose = <T>(random: Random, xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

/** The title as another site shows it: other gender tag, place, remote or working-time suffix, "Sr.", a reference… */
function decorateTitle(p: Posting, random: Random): string {
  let t = p.title;
  const city = p.locations[0]?.city;
  const ops: Array<() => void> = [
    () => (t = `${t.replace(GENDER_TAG, "").trim()}${random() < 0.7 ? ` ${choose(random, TAGS)}` : ""}`),
    () => (t = city ? `${t}${choose(random, [" - ", " in ", " | "])}${city}` : t),
    () => (t = p.remoteMode === "remote" ? `${t} (Remote)` : p.remoteMode === "hybrid" ? `${t} | Hybrid` : t),
    () => (t = /\bSenior\b/.test(t) ? t.replace(/\bSenior\b/, "Sr.") : t.replace(/\bSr\.\s/, "Senior ")),
    () =>
      (t = `${t}${choose(
        random,
        p.employmentType === "full_time"
          ? [" (Vollzeit)", " in Vollzeit", " (Full-time)"]
          : p.employmentType === "part_time"
            ? [" (Teilzeit)", " in Teilzeit"]
            : [" - ab sofort", " (ab sofort)"],
      )}`),
    () => (t = `${t} (Ref. ${10000 + Math.floor(random() * 89999)})`),
    () => (t = t.replace(/(\p{L}+er) \((?:m\/w\/d|w\/m\/d|m\/f\/d)\)/u, "$1*in")),
  ];
  for (let k = random() < 0.5 ? 1 : 2; k > 0; k--) choose(random, ops)();
  return t;
}

/** A title reworded by one word (added or dropped): only the description still says it is the same job. */
function retitle(title: string, random: Random): string {
  const ws = title.replace(GENDER_TAG, "").trim().split(/\s+/);
  if (ws.length >= 3 && random() < 0.5) ws.splice(1 + Math.floor(random() * (ws.length - 1)), 1);
  else ws.push(choose(random, ["Platform", "Digital", "International", "Operations", "Payments", "Team"]));
  return `${ws.join(" ")}${random() < 0.5 ? ` ${choose(random, TAGS)}` : ""}`;
}

function decorateCompany(c: string, random: Random): string {
  let out = c;
  if (random() < 0.5)
    out = LEGAL.test(c)
      ? c.replace(LEGAL, "")
      : `${c} ${choose(random, ["GmbH", "AG", "SE", "Inc.", "GmbH & Co. KG", "Ltd."])}`;
  return random() < 0.1 ? out.toUpperCase() : out;
}

/** The place as another site gives it: the same, without coordinates, the city alone, or only the country. */
function placeVariant(p: Posting, random: Random): Pick<Posting, "locations"> {
  const r = random();
  const first = p.locations[0];
  if (!first || r < 0.5) return { locations: p.locations };
  if (r < 0.65) return { locations: p.locations.map(({ lat: _a, lon: _o, ...l }) => l) };
  if (r < 0.8 && first.city)
    return {
      locations: [
        {
          city: first.city,
          ...(first.lat !== undefined && first.lon !== undefined ? { lat: first.lat, lon: first.lon } : {}),
        },
      ],
    };
  if (first.country) return { locations: [{ country: first.country }] };
  return { locations: p.locations };
}

/** The description as another site has it: the same, reformatted, with a footer, a 500-character snippet, or lightly edited. */
function describeVariant(d: string, site: string, random: Random): string {
  const r = random();
  if (r < 0.3) return d;
  if (r < 0.5) return d.replace(/^• /gm, "- ").replace(/\n+/g, "\n\n");
  if (r < 0.7) return `${d}\n\n${choose(random, FOOTERS)} (${site})`;
  if (r < 0.85) return d.length > 500 ? `${d.slice(0, 500).replace(/\s+\S*$/, "")} …` : d;
  const sentences = d.split(/(?<=[.!?])\s+/);
  if (sentences.length >= 4) sentences.splice(1 + Math.floor(random() * (sentences.length - 2)), 1);
  return sentences.join(" ");
}

// ---------------------------------------------------------------- the set

const crude = (s: string) => foldText(s).replace(/[^\p{L}\p{N}]+/gu, "");
// Two real postings of one employer in one place whose titles agree once brackets and gender tags
// are gone are probably one job posted twice, or two branches: either way the truth is unknown.
const crudeTitle = (t: string) =>
  crude(
    t
      .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
      .replace(/\b[mwfdx]\s*[-/|]\s*[mwfdx](?:\s*[-/|]\s*[mwfdx])?\b/gi, " "),
  );
const crudeKey = (p: Posting) =>
  `${crude(p.company)}|${crudeTitle(p.title)}|${crude(p.locations[0]?.city ?? p.locations[0]?.country ?? "")}`;
const words = (p: Posting) => p.description.split(/\s+/).filter(Boolean).length;
const shift = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY).toISOString();
const SITES = ["stepstone", "indeed", "linkedin", "xing", "glassdoor", "karriere-portal"];

/** Build the set (see the file comment). `sharedDir` defaults to ../shared next to the repository. */
export function buildLabelledSet(options: { sharedDir?: string; seed?: number } = {}): LabelledSet {
  const shared = options.sharedDir ?? SHARED;
  const cyber = path.join(shared, "data/jobs/cyberjobs-radar-jobs.json");
  const baFull = path.join(shared, "data/jobs/ba-jobsuche-v4-search-bamberg-100km.csv");
  const sharedFound = existsSync(cyber) && existsSync(baFull);
  const origin = ["test/fixtures arbeitnow (105)"];
  const raw = [...arbeitnowBases()];
  if (sharedFound) {
    raw.push(...cyberjobsBases(cyber), ...baBases(baFull));
    origin.push("../shared cyberjobs-radar-jobs.json", "../shared ba-jobsuche-v4-search-bamberg-100km.csv");
  } else {
    raw.push(...baBases(DEFAULT_BA_CSV));
    origin.push("test/fixtures ba-jobsuche trimmed CSV (../shared missing)");
  }
  const seen = new Set<string>();
  const bases = raw.filter((p) => {
    const k = crudeKey(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const random = rng(options.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const items: LabelledItem[] = [];
  let n = 0;
  const add = (posting: Posting, source: string, cluster: string, at: string, kind: ItemKind) => {
    const sourceId = kind === "base" ? (posting.sources[0]?.sourceId ?? `x${n}`) : `${kind}-${n}`;
    n++;
    const ref = { source, sourceId, url: `https://${source}.example/job/${sourceId}` };
    items.push({
      posting: { ...posting, id: postingId(source, sourceId), sources: [ref] },
      source,
      sourceId,
      cluster,
      at,
      kind,
    });
  };
  const long = bases.filter((p) => words(p) >= 80);
  // Where each company already has postings, so an "other city" negative is not put next to a real one.
  const placed = new Set(bases.map((p) => `${crude(p.company)}|${crude(p.locations[0]?.city ?? "")}`));
  bases.forEach((base, i) => {
    const cluster = `b${i}`;
    const at = base.postedAt ?? "2026-01-15T08:00:00.000Z";
    const source = base.sources[0]?.source ?? "base";
    add(base, source, cluster, at, "base");
    let latest = at;
    const copy = (kind: ItemKind, copySource: string, when: string, title = decorateTitle(base, random)) => {
      if (kind !== "stale-repost" && when > latest) latest = when;
      const place = placeVariant(base, random);
      add(
        {
          ...base,
          ...place,
          title,
          company: kind === "repost" ? base.company : decorateCompany(base.company, random),
          description: describeVariant(base.description, copySource, random),
          postedAt: when,
          ...(random() < 0.3 && base.applyUrl
            ? {
                applyUrl: `${base.applyUrl}${base.applyUrl.includes("?") ? "&" : "?"}utm_source=${copySource}`,
              }
            : { applyUrl: `https://${copySource}.example/apply/${n}` }),
          employmentType: random() < 0.2 ? "unknown" : base.employmentType,
        },
        copySource,
        kind === "stale-repost" ? `s${i}` : cluster,
        when,
        kind,
      );
    };
    if (random() < 0.35) {
      const copies = random() < 0.3 ? 2 : 1;
      for (let c = 0; c < copies; c++)
        copy("cross-post", pick(SITES.filter((s) => s !== source)), shift(at, random() * 5));
    }
    if (random() < 0.1) copy("repost", source, shift(at, 10 + random() * 45));
    if (words(base) >= 60 && random() < 0.15)
      copy("retitled", pick(SITES), shift(at, random() * 5), retitle(base.title, random));
    // Months after the job was last seen anywhere: a new opening, not a repost.
    if (random() < 0.03) copy("stale-repost", source, shift(latest, 90 + random() * 60));

    const negative = (kind: ItemKind, p: Partial<Posting>) =>
      add(
        { ...base, ...p, applyUrl: `https://${source}.example/apply/${n}` },
        source,
        `n${n}`,
        shift(at, random() * 20),
        kind,
      );
    const level = detectSeniority(base.title);
    if ((level === "unknown" || level === "mid") && random() < 0.05) {
      negative("other-seniority", { title: `${random() < 0.5 ? "Senior" : "Junior"} ${base.title}` });
    }
    const city = base.locations[0];
    if (city?.lat !== undefined && city.lon !== undefined && random() < 0.05) {
      const far = bases[Math.floor(random() * bases.length)]!.locations.find(
        (l) =>
          !placed.has(`${crude(base.company)}|${crude(l.city ?? "")}`) &&
          l.lat !== undefined &&
          l.lon !== undefined &&
          l.country === city.country &&
          haversineKm(l.lat, l.lon, city.lat!, city.lon!) > 30,
      );
      if (far) negative("other-city", { locations: [far] });
    }
    if (random() < 0.05) {
      const other = pick(bases).company;
      if (crude(other) !== crude(base.company)) negative("other-company", { company: other });
    }
    if (words(base) >= 80 && random() < 0.15) {
      // Another role at this company whose ad is this one's text (the boilerplate) plus its own part.
      const role = pick(long);
      const own = role.description.split(/\s+/);
      if (crude(role.title) !== crude(base.title)) {
        negative("boilerplate-role", {
          title: role.title,
          description: `${base.description}\n\n${own.slice(Math.floor(own.length * 0.7)).join(" ")}`,
        });
      }
    }
  });
  items.sort((a, b) => a.at.localeCompare(b.at));
  return { items, origin, sharedFound, ambiguousDropped: raw.length - bases.length };
}
