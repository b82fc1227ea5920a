// SmartRecruiters adapter: the list pages plus one detail request per posting, on the recorded
// HireVue list and details and the recorded Visa detail; detail failures; untrusted ids.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Posting } from "../../src/core/posting.js";
import { createHttpClient, HttpError } from "../../src/pipeline/sources/http.js";
import { createSmartRecruitersSource } from "../../src/pipeline/sources/smartrecruiters.source.js";
import type { SourceAdapter } from "../../src/pipeline/sources/source.js";
import {
  recordedBoards,
  SMARTRECRUITERS_PATH,
  startAtsServer,
  type AtsServer,
} from "../support/ats-server.js";
import { fetchAll, USER_AGENT } from "./source-adapter.contract.js";

const client = createHttpClient({ userAgent: USER_AGENT, timeoutMs: 5000 });
const LIST = SMARTRECRUITERS_PATH("hirevue");
const INTERN = "744000138728139";
const ANALYST = "744000136509359";
const MANAGER = "744000133640099";
const HOSTILE_IDS = ["../../../boards/smarterdx/jobs", "1?x=../", "\ud800"];

async function postingsOf(adapter: SourceAdapter): Promise<Map<string, Posting>> {
  const { items } = await fetchAll(adapter, client, {});
  const out = new Map<string, Posting>();
  for (const item of items) {
    const r = adapter.normalize(item);
    if (!r.ok) throw new Error(r.reason);
    out.set(item.sourceId, r.posting);
  }
  return out;
}

describe("smartrecruiters adapter", () => {
  let server: AtsServer;
  const hirevue = (pageSize?: number) =>
    createSmartRecruitersSource(
      { company: "hirevue" },
      { baseUrl: server.url, ...(pageSize ? { pageSize } : {}) },
    );

  beforeAll(async () => {
    const [item] = recordedBoards().smartrecruiters.hirevue!.list;
    // A list whose ids try to leave the postings path, or cannot be put into a URL at all.
    const hostile = HOSTILE_IDS.map((id) => ({ ...item, id }));
    server = await startAtsServer({
      boards: { smartrecruiters: { hostile: { list: hostile, details: {} } } },
    });
  });
  afterAll(async () => {
    await server.close();
  });
  afterEach(() => {
    server.clearFaults();
  });

  it("pages the list by offset and fetches one detail per posting", async () => {
    const before = server.requests.length;
    const { items, pages, total } = await fetchAll(hirevue(2), client, {});
    const calls = server.requests.slice(before);
    expect(calls.filter((r) => r.path === LIST).map((r) => r.query)).toEqual([
      { offset: "0", limit: "2" },
      { offset: "2", limit: "2" },
    ]);
    expect(
      calls
        .filter((r) => r.path !== LIST)
        .map((r) => r.path)
        .sort(),
    ).toEqual([INTERN, ANALYST, MANAGER].map((id) => `${LIST}/${id}`).sort());
    expect(calls.every((r) => r.headers["user-agent"] === USER_AGENT)).toBe(true);
    expect({ pages, total, ids: items.map((i) => i.sourceId) }).toEqual({
      pages: 2,
      total: 3,
      ids: [INTERN, ANALYST, MANAGER],
    });
  });

  it("turns the recorded job ad into text under its section headings", async () => {
    const p = (await postingsOf(hirevue())).get(INTERN)!;
    expect(p.description).toMatch(/^Company Description\n\nHirevue is where hiring happens/);
    const at = ["Company Description", "Job Description", "Qualifications", "Additional Information"].map(
      (h) => p.description.indexOf(`${h}\n`),
    );
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(p.description).toContain(
      "• Understanding of statistics, machine learning, and deep learning fundamentals",
    );
    expect(p.description).not.toMatch(/<\/?(p|li|ul|strong)\b|&#xa0;/);
  });

  it("keeps the source's coordinates, employment type, level, remote flag and URLs", async () => {
    const postings = await postingsOf(hirevue());
    const p = postings.get(INTERN)!;
    expect(p).toMatchObject({
      title: "Data Science Intern | Fully Remote US",
      company: "HireVue Inc",
      remoteMode: "remote",
      employmentType: "part_time",
      seniority: "intern",
      language: "en",
      postedAt: "2026-07-20T20:54:18.136Z",
      applyUrl:
        "https://jobs.smartrecruiters.com/HireVue/744000138728139-data-science-intern-fully-remote-us?oga=true",
    });
    expect(p.locations).toEqual([
      { city: "Sandy", region: "UT", country: "US", lat: 40.5649781, lon: -111.8389726 },
    ]);
    expect(p.sources[0]).toEqual({
      source: "smartrecruiters-hirevue",
      sourceId: INTERN,
      url: "https://jobs.smartrecruiters.com/HireVue/744000138728139-data-science-intern-fully-remote-us",
    });
    // No coordinates in the list: the gazetteer places Warsaw.
    const analyst = postings.get(ANALYST)!;
    expect(analyst.locations[0]).toMatchObject({ city: "Warsaw", country: "PL" });
    expect(analyst.locations[0]!.lat).toBeCloseTo(52.23, 1);
    expect(analyst).toMatchObject({ employmentType: "full_time", seniority: "mid" });
  });

  it("skips empty sections (the recorded Visa ad) and reads the level from the title", async () => {
    const visa = createSmartRecruitersSource({ company: "Visa" }, { baseUrl: server.url });
    const p = (await postingsOf(visa)).get("744000133907678")!;
    expect(p.description).toBe(
      "Additional Information\n\nAll your information will be kept confidential according to EEO guidelines.",
    );
    expect(p).toMatchObject({ company: "Visa", seniority: "senior", remoteMode: "onsite" });
    expect(p.locations[0]).toMatchObject({ city: "Austin", country: "US", lat: 30.267153 });
    expect(p.sources[0]?.source).toBe("smartrecruiters-visa");
  });

  it("leaves out a posting whose detail is gone (404) and keeps the rest", async () => {
    server.fail(`${LIST}/${ANALYST}`, { status: 404 });
    const { items } = await fetchAll(hirevue(), client, {});
    expect(items.map((i) => i.sourceId)).toEqual([INTERN, MANAGER]);
  });

  it("fails the page, retryably, when a detail fails for a passing reason", async () => {
    server.fail(`${LIST}/${MANAGER}`, { status: 503, retryAfter: 7 });
    const err = await hirevue()
      .fetchPage({ http: client, query: {} }, undefined)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ status: 503, retryable: true, retryAfterSeconds: 7 });
  });

  it("asks for no detail by an id that is not a posting id, and rejects such items with a reason", async () => {
    const before = server.requests.length;
    const adapter = createSmartRecruitersSource({ company: "hostile" }, { baseUrl: server.url });
    const page = await adapter.fetchPage({ http: client, query: {} }, undefined);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual([SMARTRECRUITERS_PATH("hostile")]);
    expect(page.items.map((i) => i.sourceId)).toEqual(HOSTILE_IDS);
    for (const item of page.items) {
      const r = adapter.normalize(item);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/is not a posting id/);
    }
  });

  it("answers an unknown company with an empty, final page", async () => {
    const adapter = createSmartRecruitersSource({ company: "nobody-here" }, { baseUrl: server.url });
    const page = await adapter.fetchPage({ http: client, query: {} }, undefined);
    expect(page).toEqual({ items: [], next: undefined, total: 0 });
  });
});
