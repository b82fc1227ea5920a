// A local HTTP server that speaks the Greenhouse, Lever, Ashby and SmartRecruiters public job APIs
// from recorded payloads (test/fixtures/job-sources/{greenhouse,lever,ashby,smartrecruiters}), at
// their real paths, with injectable faults and a request log. Used by tests, the benchmark and by hand:
//
//   npx tsx test/support/ats-server.ts --port 8788
//
// Boards served (more can be added with `boards`):
//   Greenhouse  GET /v1/boards/{board}/jobs[?content=true]        smarterdx
//   Lever       GET /v0/postings/{company}?mode=json[&skip&limit]  palantir
//   Ashby       GET /posting-api/job-board/{board}[?includeCompensation=true]  openevidence, truelogic
//   SmartRecruiters GET /v1/companies/{company}/postings[?offset&limit], …/postings/{id}  hirevue, visa
// The recordings were trimmed by their authors; where a count in them (`meta.total`, `totalFound`)
// describes the untrimmed board, the server reports the number it actually serves. SmartRecruiters
// details that were not recorded are derived from the list item (see the fixtures' ORIGIN.md).
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  cliArg,
  runAsCommand,
  startFaultServer,
  type Answer,
  type FaultInjectingServer,
} from "./fault-server.js";

export type { RecordedRequest, ReplayFault } from "./fault-server.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/job-sources/", import.meta.url));

type Json = Record<string, unknown>;

/** A SmartRecruiters company: its list items and the details recorded for some of them. */
export interface SrCompany {
  list: Json[];
  details: Record<string, Json>;
}

/** Everything the server holds, by board / company (keys in lower case: the APIs ignore case here). */
export interface AtsBoards {
  greenhouse: Record<string, Json[]>;
  lever: Record<string, Json[]>;
  ashby: Record<string, Json[]>;
  smartrecruiters: Record<string, SrCompany>;
}

/** Options for {@link startAtsServer}. */
export interface AtsServerOptions {
  /** @defaultValue `0` (any free port) */
  port?: number;
  /** @defaultValue `127.0.0.1` */
  host?: string;
  /** Boards served in addition to (or instead of, same key) the recorded ones. */
  boards?: Partial<AtsBoards>;
}

/** Its `url` is the base for GREENHOUSE_BASE_URL, LEVER_BASE_URL, ASHBY_BASE_URL and SMARTRECRUITERS_BASE_URL. */
export type AtsServer = FaultInjectingServer;

export const GREENHOUSE_PATH = (board: string) => `/v1/boards/${board}/jobs`;
export const LEVER_PATH = (company: string) => `/v0/postings/${company}`;
export const ASHBY_PATH = (board: string) => `/posting-api/job-board/${board}`;
export const SMARTRECRUITERS_PATH = (company: string) => `/v1/companies/${company}/postings`;

const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8"));

// The list item of a posting, as the list endpoint shows it: the detail minus the ad and the URLs.
const SR_LIST_FIELDS = [
  "id",
  "name",
  "uuid",
  "jobAdId",
  "defaultJobAd",
  "refNumber",
  "company",
  "releasedDate",
  "location",
  "industry",
  "department",
  "function",
  "typeOfEmployment",
  "experienceLevel",
  "customField",
  "visibility",
  "language",
];

// Recorded or fuzzed ids may be lone surrogates, which encodeURIComponent refuses.
const encode = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return "invalid-id";
  }
};

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** A detail for a list item that has no recorded one: the item plus the URLs and an empty ad. */
function derivedDetail(item: Json): Json {
  const company = (item.company as { identifier?: string } | undefined)?.identifier ?? "company";
  const page = `https://jobs.smartrecruiters.com/${company}/${String(item.id)}-${slugify(String(item.name))}`;
  const { ref: _ref, ...rest } = item;
  const empty = (title: string) => ({ title, text: "" });
  return {
    ...rest,
    postingUrl: page,
    applyUrl: `${page}?oga=true`,
    jobAd: {
      sections: {
        companyDescription: empty("Company Description"),
        jobDescription: empty("Job Description"),
        qualifications: empty("Qualifications"),
        additionalInformation: empty("Additional Information"),
      },
    },
    active: true,
  };
}

/** The recorded boards, as listed in the file comment. */
export function recordedBoards(): AtsBoards {
  const hirevueList = (readJson("smartrecruiters/postings-list-hirevue.json") as { content: Json[] }).content;
  const hirevueDetail = readJson("smartrecruiters/posting-detail-hirevue.json") as Json;
  const visaDetail = readJson("smartrecruiters/posting-detail-visa.json") as Json;
  const visaItem = Object.fromEntries(
    SR_LIST_FIELDS.filter((k) => k in visaDetail).map((k) => [k, visaDetail[k]]),
  );
  return {
    greenhouse: {
      smarterdx: (readJson("greenhouse/boards-jobs-content-smarterdx.json") as { jobs: Json[] }).jobs,
    },
    lever: { palantir: readJson("lever/postings-palantir.json") as Json[] },
    ashby: {
      openevidence: (readJson("ashby/job-board-with-compensation.json") as { jobs: Json[] }).jobs,
      truelogic: (readJson("ashby/job-board-truelogic.json") as { jobs: Json[] }).jobs,
    },
    smartrecruiters: {
      hirevue: { list: hirevueList, details: { [String(hirevueDetail.id)]: hirevueDetail } },
      visa: { list: [visaItem], details: { [String(visaDetail.id)]: visaDetail } },
    },
  };
}

// Fields the Greenhouse list sends only with content=true.
const GH_CONTENT_FIELDS = ["content", "departments", "offices"];
const int = (v: string | null, dflt: number) => {
  const n = Number.parseInt(v ?? "", 10);
  return Number.isFinite(n) && n >= 0 ? n : dflt;
};

const json = (status: number, body: unknown): Answer => ({ status, body: JSON.stringify(body) });

function route(boards: AtsBoards, origin: string, url: URL): Answer {
  const q = url.searchParams;
  const p = url.pathname.split("/").map((s) => decodeURIComponent(s).toLowerCase());
  // Greenhouse: /v1/boards/{board}/jobs
  if (p[1] === "v1" && p[2] === "boards" && p[4] === "jobs" && p.length === 5) {
    const jobs = boards.greenhouse[p[3] ?? ""];
    if (!jobs) return json(404, { status: 404, error: "Job board not found" });
    const content = q.get("content") === "true";
    const out = content
      ? jobs
      : jobs.map((j) =>
          Object.fromEntries(Object.entries(j).filter(([k]) => !GH_CONTENT_FIELDS.includes(k))),
        );
    return json(200, { jobs: out, meta: { total: jobs.length } });
  }
  // Lever: /v0/postings/{company}; without mode=json the API answers with its HTML page.
  if (p[1] === "v0" && p[2] === "postings" && p.length === 4) {
    const postings = boards.lever[p[3] ?? ""];
    if (!postings) return json(404, { ok: false, error: "Document not found" });
    if (q.get("mode") !== "json")
      return {
        status: 200,
        type: "text/html; charset=utf-8",
        body: "<!DOCTYPE html><html><body>Jobs</body></html>",
      };
    const skip = int(q.get("skip"), 0);
    const limit = q.has("limit") ? int(q.get("limit"), postings.length) : postings.length;
    return json(200, postings.slice(skip, skip + limit));
  }
  // Ashby: /posting-api/job-board/{board}
  if (p[1] === "posting-api" && p[2] === "job-board" && p.length === 4) {
    const jobs = boards.ashby[p[3] ?? ""];
    if (!jobs) return json(404, { success: false, errors: ["Job board not found"] });
    const comp = q.get("includeCompensation") === "true";
    const out = comp
      ? jobs
      : jobs.map((j) => {
          const { compensation: _c, shouldDisplayCompensationOnJobPostings: _s, ...rest } = j;
          return rest;
        });
    return json(200, { apiVersion: "1", jobs: out });
  }
  // SmartRecruiters: /v1/companies/{company}/postings[/{id}]
  if (p[1] === "v1" && p[2] === "companies" && p[4] === "postings" && (p.length === 5 || p.length === 6)) {
    const company = boards.smartrecruiters[p[3] ?? ""];
    const base = `${origin}${SMARTRECRUITERS_PATH(encode(p[3] ?? ""))}`;
    if (p.length === 5) {
      // An unknown company is an empty list, as the real API answers.
      const list = company?.list ?? [];
      const offset = int(q.get("offset"), 0);
      const limit = Math.min(100, Math.max(1, int(q.get("limit"), 10)));
      const content = list
        .slice(offset, offset + limit)
        .map((it) => ({ ...it, ref: `${base}/${encode(String(it.id))}` }));
      return json(200, { offset, limit, totalFound: list.length, content });
    }
    const id = url.pathname.split("/")[5] ?? "";
    let decoded: string;
    try {
      decoded = decodeURIComponent(id);
    } catch {
      return json(404, { message: "Job ad not found", code: "NOT_FOUND" });
    }
    const item = company?.list.find((it) => String(it.id) === decoded);
    if (!company || !item) return json(404, { message: "Job ad not found", code: "NOT_FOUND" });
    return json(200, company.details[decoded] ?? derivedDetail(item));
  }
  return json(404, { message: "Not Found" });
}

const lowerKeys = <T>(r: Record<string, T>): Record<string, T> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));

/** Start the ATS server; see the file comment for what it serves. */
export async function startAtsServer(options: AtsServerOptions = {}): Promise<AtsServer> {
  const recorded = recordedBoards();
  const extra = options.boards ?? {};
  const boards: AtsBoards = {
    greenhouse: lowerKeys({ ...recorded.greenhouse, ...extra.greenhouse }),
    lever: lowerKeys({ ...recorded.lever, ...extra.lever }),
    ashby: lowerKeys({ ...recorded.ashby, ...extra.ashby }),
    smartrecruiters: lowerKeys({ ...recorded.smartrecruiters, ...extra.smartrecruiters }),
  };
  return startFaultServer({
    port: options.port,
    host: options.host,
    answer: (req, url, origin) => {
      const a =
        req.method === "GET" ? route(boards, origin, url) : json(405, { message: "Method Not Allowed" });
      return { ...a, type: a.type ?? "application/json; charset=utf-8" };
    },
    malformed: () => '{"jobs": [{"id": 1,, }], "meta": {total: 1}',
  });
}

// ---------------------------------------------------------------- demo program

async function main(argv: string[]): Promise<{ close(): Promise<void> }> {
  const port = Number(cliArg(argv, "--port") ?? "8788");
  const server = await startAtsServer({ port });
  const u = server.url;
  process.stdout.write(
    `ATS replay server listening on ${u}\n` +
      `Point jobscout at it with:\n  GREENHOUSE_BASE_URL=${u} LEVER_BASE_URL=${u} ASHBY_BASE_URL=${u} SMARTRECRUITERS_BASE_URL=${u}\n` +
      `Boards: greenhouse smarterdx; lever palantir; ashby openevidence, truelogic; smartrecruiters hirevue, visa.\n` +
      `Ctrl-C stops it.\n`,
  );
  return server;
}

runAsCommand(import.meta.url, "ats server", main);
