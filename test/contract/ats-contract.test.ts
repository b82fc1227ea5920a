// The source adapter contract, run against each ATS adapter on the recorded boards served by the
// local ATS server; plus the catalog: pasted board URLs are recognised, and a tracked board's
// adapter answers to its catalog key and fetches from the configured base URL.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAshbySource, ashbyKind } from "../../src/pipeline/sources/ashby.source.js";
import { SourceCatalog } from "../../src/pipeline/sources/catalog.js";
import { createGreenhouseSource, greenhouseKind } from "../../src/pipeline/sources/greenhouse.source.js";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import { createLeverSource, leverKind } from "../../src/pipeline/sources/lever.source.js";
import {
  createSmartRecruitersSource,
  smartRecruitersKind,
} from "../../src/pipeline/sources/smartrecruiters.source.js";
import { openDb, type Db } from "../../src/store/db.js";
import {
  ASHBY_PATH,
  GREENHOUSE_PATH,
  LEVER_PATH,
  recordedBoards,
  SMARTRECRUITERS_PATH,
  startAtsServer,
  type AtsServer,
} from "../support/ats-server.js";
import { tempDir } from "../support/harness.js";
import { fetchAll, sourceAdapterContract, USER_AGENT } from "./source-adapter.contract.js";

type Raw = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" && v.trim() ? v : undefined);
const num = (v: unknown) => (typeof v === "string" || typeof v === "number" ? Number(v) : undefined);

sourceAdapterContract({
  name: "greenhouse smarterdx",
  makeAdapter: (baseUrl) => createGreenhouseSource({ board: "smarterdx" }, { baseUrl }),
  startServer: () => startAtsServer(),
  query: {},
  faultPath: GREENHOUSE_PATH("smarterdx"),
  expectedItems: 2,
  minPages: 1,
  facts: (raw) => {
    const g = raw as Raw & { location?: { name?: string } };
    // "Remote (United States)" names a country.
    return {
      title: str(g.title),
      company: str(g.company_name),
      url: str(g.absolute_url),
      hasPlace: /united states|,/i.test(g.location?.name ?? ""),
    };
  },
});

sourceAdapterContract({
  name: "lever palantir",
  // One posting per request, so that paging by skip/limit runs to the empty page.
  makeAdapter: (baseUrl) => createLeverSource({ company: "palantir" }, { baseUrl, pageSize: 1 }),
  startServer: () => startAtsServer(),
  query: {},
  faultPath: LEVER_PATH("palantir"),
  expectedItems: 2,
  minPages: 3,
  facts: (raw) => {
    const l = raw as Raw & { categories?: { location?: string } };
    return { title: str(l.text), url: str(l.applyUrl), hasPlace: !!str(l.categories?.location) };
  },
});

const ashbyFacts = (raw: unknown) => {
  const a = raw as Raw & { address?: { postalAddress?: { addressLocality?: string } } };
  return {
    title: str(a.title),
    url: str(a.applyUrl),
    hasPlace: !!str(a.address?.postalAddress?.addressLocality),
  };
};

sourceAdapterContract({
  name: "ashby openevidence",
  makeAdapter: (baseUrl) => createAshbySource({ board: "openevidence" }, { baseUrl }),
  startServer: () => startAtsServer(),
  query: {},
  faultPath: ASHBY_PATH("openevidence"),
  expectedItems: 2,
  minPages: 1,
  facts: ashbyFacts,
});

sourceAdapterContract({
  name: "ashby truelogic",
  makeAdapter: (baseUrl) => createAshbySource({ board: "truelogic", name: "Truelogic" }, { baseUrl }),
  // Truelogic's recorded jobs name only "LatAm" and Panama; one more with a city keeps the place check honest.
  startServer: () => {
    const jobs = recordedBoards().ashby.truelogic!;
    const withCity = {
      ...jobs[0]!,
      id: "00000000-0000-4000-8000-000000000001",
      location: "Berlin",
      address: { postalAddress: { addressLocality: "Berlin", addressCountry: "Germany" } },
    };
    return startAtsServer({ boards: { ashby: { truelogic: [...jobs, withCity] } } });
  },
  query: {},
  faultPath: ASHBY_PATH("truelogic"),
  expectedItems: 4,
  minPages: 1,
  facts: ashbyFacts,
});

const srFacts = (raw: unknown) => {
  const s = raw as Raw & {
    company?: { name?: string };
    location?: { city?: string; latitude?: string; longitude?: string };
  };
  return {
    title: str(s.name),
    company: str(s.company?.name),
    url: str(s.applyUrl),
    hasPlace: !!str(s.location?.city),
    lat: num(s.location?.latitude),
    lon: num(s.location?.longitude),
  };
};
const isListRequest = (company: string) => (r: { path: string }) => r.path === SMARTRECRUITERS_PATH(company);

sourceAdapterContract({
  name: "smartrecruiters hirevue",
  makeAdapter: (baseUrl) => createSmartRecruitersSource({ company: "hirevue" }, { baseUrl, pageSize: 2 }),
  startServer: () => startAtsServer(),
  query: {},
  faultPath: SMARTRECRUITERS_PATH("hirevue"),
  pageRequest: isListRequest("hirevue"),
  expectedItems: 3,
  minPages: 2,
  facts: srFacts,
});

sourceAdapterContract({
  name: "smartrecruiters visa",
  makeAdapter: (baseUrl) => createSmartRecruitersSource({ company: "Visa" }, { baseUrl }),
  startServer: () => startAtsServer(),
  query: {},
  faultPath: SMARTRECRUITERS_PATH("Visa"),
  pageRequest: isListRequest("Visa"),
  expectedItems: 1,
  minPages: 1,
  facts: srFacts,
});

describe("ATS kinds in the source catalog", () => {
  const tmp = tempDir("jobscout-ats-catalog-");
  let db: Db;
  let server: AtsServer;
  let catalog: SourceCatalog;
  const http = createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 });

  beforeAll(async () => {
    db = await openDb({ file: path.join(tmp.dir, "jobscout.sqlite") });
    server = await startAtsServer();
    const settings: Record<string, string> = {
      GREENHOUSE_BASE_URL: server.url,
      LEVER_BASE_URL: server.url,
      ASHBY_BASE_URL: server.url,
      SMARTRECRUITERS_BASE_URL: server.url,
    };
    catalog = new SourceCatalog({
      db,
      kinds: [greenhouseKind, leverKind, ashbyKind, smartRecruitersKind],
      setting: (name) => settings[name],
      defaults: [],
    });
  });
  afterAll(async () => {
    await server.close();
    await db.close();
    tmp.remove();
  });

  it.each([
    ["https://boards.greenhouse.io/n26", "greenhouse-n26", "Greenhouse n26"],
    [
      "https://job-boards.greenhouse.io/smarterdx/jobs/5193736007",
      "greenhouse-smarterdx",
      "Greenhouse smarterdx",
    ],
    ["https://boards.greenhouse.io/embed/job_board?for=gitlab", "greenhouse-gitlab", "Greenhouse gitlab"],
    ["https://boards-api.greenhouse.io/v1/boards/n26/jobs?content=true", "greenhouse-n26", "Greenhouse n26"],
    [
      "https://jobs.lever.co/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c",
      "lever-palantir",
      "Lever palantir",
    ],
    ["https://api.lever.co/v0/postings/palantir?mode=json", "lever-palantir", "Lever palantir"],
    [
      "https://jobs.ashbyhq.com/openevidence/4c577aae-1ad0-444b-9e15-2ad994333de4",
      "ashby-openevidence",
      "Ashby openevidence",
    ],
    ["https://api.ashbyhq.com/posting-api/job-board/truelogic", "ashby-truelogic", "Ashby truelogic"],
    [
      "https://jobs.smartrecruiters.com/HireVue/744000138728139-data-science-intern-fully-remote-us",
      "smartrecruiters-hirevue",
      "SmartRecruiters HireVue",
    ],
    ["https://careers.smartrecruiters.com/Visa", "smartrecruiters-visa", "SmartRecruiters Visa"],
  ])("recognises %s", (url, key, label) => {
    expect(catalog.detect(url)).toMatchObject({ key, label });
  });

  it.each([
    "https://www.greenhouse.io/",
    "https://boards.greenhouse.io/",
    "https://boards.greenhouse.io/embed/job_board",
    "https://jobs.lever.co/",
    "https://jobs.smartrecruiters.com/oneclick-ui/company/HireVue/publication/x",
    "https://example.com/n26",
    "https://jobs.lever.co.evil.example/palantir",
    "https://jobs.lever.co/%E0%A4%A",
    "https://boards-api.greenhouse.io/v1/boards/%ZZ/jobs",
  ])("does not take %s for a board", (url) => {
    expect(catalog.detect(url)).toBeUndefined();
  });

  it("tracks a detected board and fetches it through an adapter that answers to the catalog key", async () => {
    const cases = [
      ["https://job-boards.greenhouse.io/smarterdx", 2],
      ["https://jobs.lever.co/palantir", 2],
      ["https://jobs.ashbyhq.com/openevidence", 2],
      ["https://jobs.smartrecruiters.com/HireVue", 3],
    ] as const;
    for (const [url, count] of cases) {
      const found = catalog.detect(url)!;
      const tracked = await catalog.track({
        workspaceId: "ws-ats",
        userId: "u-ats",
        kind: found.kind.kind,
        params: found.params,
      });
      expect(tracked.key).toBe(found.key);
      const adapter = (await catalog.get(tracked.key, "ws-ats"))!;
      expect(adapter.id).toBe(tracked.key);
      expect(adapter.completeListing).toBe(true);
      const { items } = await fetchAll(adapter, http, {});
      expect(items).toHaveLength(count);
      for (const item of items) {
        const r = adapter.normalize(item);
        expect(r.ok && r.posting.sources[0]?.source).toBe(tracked.key);
      }
    }
    expect(await catalog.defaultsFor("ws-ats")).toEqual([
      "greenhouse-smarterdx",
      "lever-palantir",
      "ashby-openevidence",
      "smartrecruiters-hirevue",
    ]);
  });

  it("refuses params that are not a board token", async () => {
    for (const [kind, params] of [
      ["greenhouse", { board: "../admin" }],
      ["lever", { company: "" }],
      ["ashby", { board: "a b" }],
      ["smartrecruiters", { company: "x/y" }],
    ] as const) {
      await expect(
        catalog.track({ workspaceId: "ws-ats", userId: "u-ats", kind, params: { ...params } }),
      ).rejects.toThrow(/board URL|Too small|too small/i);
    }
  });
});
