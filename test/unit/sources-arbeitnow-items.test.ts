// Arbeitnow items that depart from the recorded shape (no company, no location, no link, odd dates)
// and answers whose `links.next` is missing, stale or broken. Items are small variants of the
// recorded page in test/fixtures/job-sources/arbeitnow.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Posting } from "../../src/core/posting.js";
import {
  createArbeitnowSource,
  normalizeArbeitnowItem,
} from "../../src/pipeline/sources/arbeitnow.source.js";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import { startFaultServer, type FaultInjectingServer } from "../support/fault-server.js";

const recorded = JSON.parse(
  readFileSync(
    new URL(
      "../fixtures/job-sources/arbeitnow/job-board-api-search-page2-envelope-first3.json",
      import.meta.url,
    ),
    "utf8",
  ),
) as { data: Record<string, unknown>[] };
const base = recorded.data[0]!;
const variant = (patch: Record<string, unknown>) => ({ ...structuredClone(base), ...patch });

function posting(raw: Record<string, unknown>): Posting {
  const r = normalizeArbeitnowItem({ sourceId: "item", raw });
  if (!r.ok) throw new Error(`expected a posting, got: ${r.reason}`);
  return r.posting;
}
function reason(raw: unknown): string {
  const r = normalizeArbeitnowItem({ sourceId: "noslug-1", raw });
  if (r.ok) throw new Error("expected the item to be skipped");
  return r.reason;
}

describe("Arbeitnow items", () => {
  it("skips an item without title or company, naming its slug and what is missing", () => {
    const slug = base.slug as string;
    expect(reason(variant({ title: "  " }))).toBe(`arbeitnow ${slug}: no title`);
    expect(reason(variant({ company_name: null }))).toBe(`arbeitnow ${slug}: no company name`);
  });

  it("skips a malformed item naming the field, or the item itself when it is not an object", () => {
    expect(reason(variant({ tags: "AI" }))).toBe("arbeitnow item noslug-1: tags missing or malformed");
    expect(reason(null)).toBe("arbeitnow item noslug-1: item missing or malformed");
  });

  it("an item with only slug, title and company still becomes a posting without place, date or link", () => {
    const p = posting({ slug: "minimal-1", title: "Werkstudent Data (m/w/d)", company_name: "Muster GmbH" });
    expect(p.locations).toEqual([]);
    expect(p.postedAt).toBeUndefined();
    expect(p.applyUrl).toBeUndefined();
    expect(p.sources).toEqual([{ source: "arbeitnow", sourceId: "minimal-1" }]);
    expect(p.description).toBe("");
  });

  it("reads created_at given as a date string, and a remote flag or 'Remote' tag makes the job remote", () => {
    const p = posting(variant({ created_at: "2026-05-15T13:30:55Z", remote: null, tags: ["Remote"] }));
    expect(p.postedAt).toBe("2026-05-15T13:30:55.000Z");
    expect(posting(variant({ remote: true })).remoteMode).toBe("remote");
  });

  it("a link that is not a web address is neither the apply link nor the source link", () => {
    const p = posting(variant({ url: "ftp://arbeitnow.com/x" }));
    expect(p.applyUrl).toBeUndefined();
    expect(p.sources[0]!.url).toBeUndefined();
  });
});

describe("Arbeitnow paging", () => {
  let server: FaultInjectingServer;
  let answer: unknown = {};
  const client = createHttpClient({ userAgent: "jobscout-test/1.0", timeoutMs: 5000 });
  beforeAll(async () => {
    server = await startFaultServer({
      answer: () => ({ status: 200, body: JSON.stringify(answer) }),
      malformed: () => "{",
    });
  });
  afterAll(async () => {
    await server.close();
  });
  const fetchPage = (cursor: string | undefined, keywords?: string) =>
    createArbeitnowSource({ baseUrl: `${server.url}/` }).fetchPage(
      { http: client, query: keywords === undefined ? {} : { keywords } },
      cursor,
    );

  it("follows the page number in links.next, never one already fetched or a broken link", async () => {
    answer = { data: [base], links: { next: "https://www.arbeitnow.com/api/job-board-api?page=7" } };
    expect((await fetchPage("3")).next).toBe("7");
    answer = { data: [base], links: { next: "https://www.arbeitnow.com/api/job-board-api?page=2" } };
    expect((await fetchPage("3")).next).toBe("4");
    answer = { data: [base], links: { next: "not a url" } };
    expect((await fetchPage("3")).next).toBe("4");
  });

  it("stops without links, with next null, or on an empty page", async () => {
    answer = { data: [base] };
    expect((await fetchPage(undefined)).next).toBeUndefined();
    answer = { data: [base], links: { next: null }, meta: null };
    expect((await fetchPage(undefined)).next).toBeUndefined();
    answer = { data: [], links: { next: "https://www.arbeitnow.com/api/job-board-api?page=2" } };
    expect((await fetchPage(undefined)).next).toBeUndefined();
  });

  it("items without a slug get a stable id, so the skip can be reported the same on every run", async () => {
    answer = { data: [{ title: "x" }, { title: "x" }, { title: "y" }] };
    const ids = (await fetchPage("1")).items.map((i) => i.sourceId);
    expect(ids[0]).toMatch(/^noslug-[0-9a-f]{16}$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it("sends the keywords as search, and none when they are blank", async () => {
    answer = { data: [] };
    const before = server.requests.length;
    await fetchPage(undefined, " KI ");
    await fetchPage(undefined, "  ");
    const [withWords, blank] = server.requests.slice(before);
    expect(withWords!.query).toEqual({ search: "KI", page: "1" });
    expect(blank!.query).toEqual({ page: "1" });
  });

  it("rejects a bad cursor and an answer without a data list with clear messages", async () => {
    await expect(fetchPage("1.5")).rejects.toThrow('arbeitnow: bad page cursor "1.5"');
    answer = { jobs: [] };
    await expect(fetchPage("2")).rejects.toThrow(
      `${new URL(server.url).host} sent JSON without a \`data\` list (page 2)`,
    );
  });
});
