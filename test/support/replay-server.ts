// A local HTTP server that speaks the Arbeitnow and Bundesagentur Jobsuche APIs from recorded data,
// with injectable faults. Used by tests, benchmarks and the manual demo:
//
//   npx tsx test/support/replay-server.ts --port 8787 [--ba-csv ../shared/data/jobs/ba-jobsuche-v4-search-bamberg-100km.csv]
//
// Arbeitnow: the 100 real postings of job-board-api-data-100.json plus the distinct ones of
// job-board-api-data-5.json, newest first, in pages with the real envelope (`links`, `meta` with the
// real `terms`/`info`). BA: rows of a flattened v4 `stellenangebote` CSV, served in the v6
// `ergebnisliste` shape; `wo`/`umkreis`/`was`/`page`/`size` are honoured and the public
// `X-API-Key: jobboerse-jobsuche` header is required (403 otherwise).
import { readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { haversineKm } from "../../src/core/geo/distance.js";
import { foldText } from "../../src/core/text.js";
import { resolvePlace } from "../../src/core/geo/gazetteer.js";
import {
  cliArg,
  runAsCommand,
  startFaultServer,
  type Answer,
  type FaultInjectingServer,
} from "./fault-server.js";

export type { RecordedRequest, ReplayFault } from "./fault-server.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/job-sources/", import.meta.url));
export const DEFAULT_BA_CSV = path.join(
  FIXTURES,
  "ba-jobsuche/ba-jobsuche-v4-search-bamberg-100km-trimmed.csv",
);
const ARBEITNOW_FILES = ["arbeitnow/job-board-api-data-100.json", "arbeitnow/job-board-api-data-5.json"];
const ARBEITNOW_ENVELOPE = "arbeitnow/job-board-api-search-page2-envelope-first3.json";
export const ARBEITNOW_PATH = "/api/job-board-api";
export const BA_PATH = "/jobboerse/jobsuche-service/pc/v6/jobs";

/** Options for {@link startReplayServer}. */
export interface ReplayServerOptions {
  /** @defaultValue `0` (any free port) */
  port?: number;
  /** @defaultValue `127.0.0.1` */
  host?: string;
  /** A flattened BA v4 `stellenangebote` CSV. @defaultValue the trimmed fixture (2,720 rows around Bamberg) */
  baRows?: string;
  /** How Arbeitnow postings are paged. */
  arbeitnowPages?: {
    /** Postings per page. @defaultValue `100` (as the real API) */
    perPage?: number;
    /** JSON files with a `data` array, relative to test/fixtures/job-sources or absolute. @defaultValue the 100- and 5-item recordings */
    files?: string[];
  };
}

/** Use its `url` as ARBEITNOW_BASE_URL and BA_JOBSUCHE_BASE_URL. */
export type ReplayServer = FaultInjectingServer & {
  /** Postings the Arbeitnow listing shows from now on, newest first (new jobs on the board). */
  publishArbeitnow(postings: Array<Record<string, unknown>>): void;
  /** The Arbeitnow postings served now, newest first (copy them to make new ones). */
  arbeitnowPostings(): ReadonlyArray<Record<string, unknown>>;
};

type Json = Record<string, unknown>;

// ---------------------------------------------------------------- Arbeitnow

interface ArbeitnowData {
  postings: Json[];
  terms: string;
  info: string;
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.isAbsolute(file) ? file : path.join(FIXTURES, file), "utf8"));
}

function loadArbeitnow(files: string[]): ArbeitnowData {
  const seen = new Set<string>();
  const postings: Json[] = [];
  for (const f of files) {
    for (const p of (readJson(f) as { data: Json[] }).data) {
      const slug = String(p.slug);
      if (seen.has(slug)) continue;
      seen.add(slug);
      postings.push(p);
    }
  }
  postings.sort((a, b) => Number(b.created_at) - Number(a.created_at));
  const meta = (readJson(ARBEITNOW_ENVELOPE) as { meta: { terms: string; info: string } }).meta;
  return { postings, terms: meta.terms, info: meta.info };
}

function arbeitnowPage(data: ArbeitnowData, origin: string, query: URLSearchParams, perPage: number): Json {
  const search = query.get("search") ?? "";
  const page = Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1);
  const needle = search.toLowerCase();
  const hits = needle
    ? data.postings.filter((p) =>
        [p.title, p.description, ...(Array.isArray(p.tags) ? (p.tags as unknown[]) : [])].some((v) =>
          String(v).toLowerCase().includes(needle),
        ),
      )
    : data.postings;
  const slice = hits.slice((page - 1) * perPage, page * perPage);
  const base = `${origin}${ARBEITNOW_PATH}`;
  // Like the real links: `?search=AI%20Engineer&page=3`.
  const link = (n: number) => `${base}?${search ? `search=${encodeURIComponent(search)}&` : ""}page=${n}`;
  const from = slice.length ? (page - 1) * perPage + 1 : null;
  return {
    data: slice,
    links: {
      first: link(1),
      last: null,
      prev: page > 1 ? link(page - 1) : null,
      next: page * perPage < hits.length ? link(page + 1) : null,
    },
    meta: {
      current_page: page,
      current_page_url: link(page),
      from,
      path: base,
      per_page: perPage,
      to: from === null ? null : from + slice.length - 1,
      terms: data.terms,
      info: data.info,
    },
  };
}

// ---------------------------------------------------------------- Bundesagentur

interface BaRow {
  item: Json;
  ortKey: string;
  lat: number | undefined;
  lon: number | undefined;
  text: string;
}

const present = (v: string | undefined): string | undefined =>
  v === undefined || v === "" || v === "null" ? undefined : v;

// "Baden-Württemberg" → "BADEN_WUERTTEMBERG", "Deutschland" → "DEUTSCHLAND" (the v6 enum spelling).
function toEnum(v: string | undefined): string | undefined {
  return present(v)
    ?.toUpperCase()
    .replace(/Ä/g, "AE")
    .replace(/Ö/g, "OE")
    .replace(/Ü/g, "UE")
    .replace(/ß/g, "SS")
    .replace(/[\s-]+/g, "_");
}

/** One flattened v4 row → one v6 `ergebnisliste` item (fields the v4 row lacks are left out). */
export function baRowToV6(r: Record<string, string>): Json {
  const lat = Number(present(r["arbeitsort.koordinaten.lat"]));
  const lon = Number(present(r["arbeitsort.koordinaten.lon"]));
  const adresse: Json = {};
  for (const [k, v] of [
    ["strasse", present(r["arbeitsort.strasse"])],
    ["plz", present(r["arbeitsort.plz"])],
    ["ort", present(r["arbeitsort.ort"])],
    ["region", toEnum(r["arbeitsort.region"])],
    ["land", toEnum(r["arbeitsort.land"])],
  ] as const) {
    if (v !== undefined) adresse[k] = v;
  }
  const published = present(r.aktuelleVeroeffentlichungsdatum);
  const beruf = present(r.beruf);
  const item: Json = {
    stellenangebotsart: "ARBEIT",
    stellenangebotsTitel: present(r.titel),
    stellenlokationen: [
      { adresse, ...(Number.isFinite(lat) && Number.isFinite(lon) ? { breite: lat, laenge: lon } : {}) },
    ],
    eintrittszeitraum: present(r.eintrittsdatum) ? { von: r.eintrittsdatum } : undefined,
    veroeffentlichungszeitraum: published ? { von: published } : undefined,
    datumErsteVeroeffentlichung: published,
    aenderungsdatum: present(r.modifikationsTimestamp),
    externeURL: present(r.externeUrl),
    hauptberuf: beruf,
    firma: present(r.arbeitgeber),
    referenznummer: present(r.refnr),
    kundennummerHash: present(r.kundennummerHash),
    alleBerufe: beruf ? [beruf] : undefined,
  };
  return JSON.parse(JSON.stringify(item)) as Json; // drops the undefined fields
}

function loadBa(file: string): BaRow[] {
  const rows = parse<Record<string, string>>(readFileSync(file), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  });
  const seen = new Set<string>();
  const out: BaRow[] = [];
  for (const r of rows) {
    // The scrape paged a live list, so a few postings appear twice; a snapshot serves each once.
    if (!r.refnr || seen.has(r.refnr)) continue;
    seen.add(r.refnr);
    const lat = Number(present(r["arbeitsort.koordinaten.lat"]));
    const lon = Number(present(r["arbeitsort.koordinaten.lon"]));
    out.push({
      item: baRowToV6(r),
      ortKey: foldText((r["arbeitsort.ort"] ?? "").split(",")[0] ?? ""),
      lat: Number.isFinite(lat) ? lat : undefined,
      lon: Number.isFinite(lon) ? lon : undefined,
      text: foldText(`${r.titel ?? ""}\n${r.beruf ?? ""}`),
    });
  }
  return out;
}

/** Where `wo` is: the mean of the rows whose place has that name, else the gazetteer. */
function locate(rows: BaRow[], wo: string): { lat: number; lon: number } | undefined {
  const k = foldText(wo.split(",")[0] ?? "");
  const same = rows.filter((r) => r.ortKey === k && r.lat !== undefined && r.lon !== undefined);
  if (same.length > 0) {
    return {
      lat: same.reduce((s, r) => s + (r.lat ?? 0), 0) / same.length,
      lon: same.reduce((s, r) => s + (r.lon ?? 0), 0) / same.length,
    };
  }
  const p = resolvePlace(wo);
  return p ? { lat: p.lat, lon: p.lon } : undefined;
}

function baSearch(rows: BaRow[], q: URLSearchParams): Json {
  const page = Math.max(1, Number.parseInt(q.get("page") ?? "1", 10) || 1);
  const size = Math.min(100, Math.max(1, Number.parseInt(q.get("size") ?? "50", 10) || 50));
  let hits = rows;
  const was = foldText(q.get("was") ?? "");
  if (was) hits = hits.filter((r) => r.text.includes(was));
  const wo = q.get("wo")?.trim();
  let woOutput: Json = { bereinigterOrt: "Deutschland", suchmodus: "LANDSUCHE" };
  if (wo) {
    const radius = Number(q.get("umkreis") ?? "25") || 25;
    const center = locate(rows, wo);
    hits = center
      ? hits.filter(
          (r) =>
            r.lat !== undefined &&
            r.lon !== undefined &&
            haversineKm(center.lat, center.lon, r.lat, r.lon) <= radius,
        )
      : [];
    woOutput = {
      bereinigterOrt: wo,
      suchmodus: "UMKREISSUCHE",
      ...(center ? { koordinaten: [center] } : {}),
    };
  }
  const slice = hits.slice((page - 1) * size, page * size).map((r) => r.item);
  // When nothing is on the page the list is left out, as adapters must expect from the live API.
  return {
    ...(slice.length ? { ergebnisliste: slice } : {}),
    maxErgebnisse: hits.length,
    page,
    size,
    woOutput,
    facetten: {},
  };
}

// ---------------------------------------------------------------- server

/** Start the replay server; see the file comment for what it serves. */
export async function startReplayServer(options: ReplayServerOptions = {}): Promise<ReplayServer> {
  const arbeitnow = loadArbeitnow(options.arbeitnowPages?.files ?? ARBEITNOW_FILES);
  const perPage = Math.max(1, options.arbeitnowPages?.perPage ?? 100);
  const ba = loadBa(options.baRows ?? DEFAULT_BA_CSV);
  const answer = (req: IncomingMessage, url: URL, origin: string): Answer => {
    if (req.method !== "GET") return { status: 405, body: JSON.stringify({ message: "Method Not Allowed" }) };
    if (url.pathname === ARBEITNOW_PATH) {
      return {
        status: 200,
        body: JSON.stringify(arbeitnowPage(arbeitnow, origin, url.searchParams, perPage)),
      };
    }
    if (url.pathname === BA_PATH) {
      if (req.headers["x-api-key"] !== "jobboerse-jobsuche")
        return { status: 403, body: JSON.stringify({ message: "Forbidden" }) };
      return { status: 200, body: JSON.stringify(baSearch(ba, url.searchParams)) };
    }
    return { status: 404, body: JSON.stringify({ message: "Not Found" }) };
  };
  const server = await startFaultServer({
    port: options.port,
    host: options.host,
    answer,
    malformed: () => '{"data": [{"slug": "x",, }], "links": {next: null}',
  });
  return {
    ...server,
    publishArbeitnow: (postings) => {
      arbeitnow.postings.unshift(...postings);
    },
    arbeitnowPostings: () => arbeitnow.postings,
  };
}

// ---------------------------------------------------------------- demo program

async function main(argv: string[]): Promise<{ close(): Promise<void> }> {
  const arg = (name: string) => cliArg(argv, name);
  const port = Number(arg("--port") ?? "8787");
  const baCsv = arg("--ba-csv");
  const perPage = arg("--per-page");
  const server = await startReplayServer({
    port,
    ...(baCsv ? { baRows: path.resolve(baCsv) } : {}),
    ...(perPage ? { arbeitnowPages: { perPage: Number(perPage) } } : {}),
  });
  process.stdout.write(
    `Replay server for Arbeitnow and BA Jobsuche listening on ${server.url}\n` +
      `Point jobscout at it with:\n  ARBEITNOW_BASE_URL=${server.url} BA_JOBSUCHE_BASE_URL=${server.url}\n` +
      `Ctrl-C stops it.\n`,
  );
  return server;
}

runAsCommand(import.meta.url, "replay server", main);
