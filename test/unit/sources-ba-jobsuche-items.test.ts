// What a Jobsuche (Bundesagentur) item looks like once normalized when it departs from the common
// shape — training places, internships, no employer, no coordinates, foreign places — and how the
// adapter pages through answers whose `size`/`maxErgebnisse` are missing or odd. Items are small
// hand-built variants of the recorded v6 answer in test/fixtures/job-sources/ba-jobsuche.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Posting } from "../../src/core/posting.js";
import { createBaJobsucheSource, normalizeBaItem } from "../../src/pipeline/sources/ba-jobsuche.source.js";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import { startFaultServer, type FaultInjectingServer } from "../support/fault-server.js";

const recorded = JSON.parse(
  readFileSync(
    new URL("../fixtures/job-sources/ba-jobsuche/pc-v6-jobs-search-data-scientist.json", import.meta.url),
    "utf8",
  ),
) as { ergebnisliste: Record<string, unknown>[] };
const base = recorded.ergebnisliste[0]!;

function variant(patch: Record<string, unknown>): Record<string, unknown> {
  return { ...structuredClone(base), ...patch };
}

function posting(raw: Record<string, unknown>): Posting {
  const r = normalizeBaItem({ sourceId: "item", raw });
  if (!r.ok) throw new Error(`expected a posting, got: ${r.reason}`);
  return r.posting;
}

function reason(raw: unknown, sourceId = "page1-item0"): string {
  const r = normalizeBaItem({ sourceId, raw });
  if (r.ok) throw new Error("expected the item to be skipped");
  return r.reason;
}

const allDay = {
  arbeitszeitVollzeit: false,
  arbeitszeitTeilzeitVormittag: false,
  arbeitszeitTeilzeitNachmittag: false,
  arbeitszeitTeilzeitAbend: false,
  arbeitszeitTeilzeitFlexibel: false,
  istGeringfuegigeBeschaeftigung: false,
};

describe("Jobsuche items: the kind of job", () => {
  it("an Ausbildung is an apprenticeship and says so in the description", () => {
    const p = posting(
      variant({ stellenangebotsart: "AUSBILDUNG", stellenangebotsTitel: "Ausbildung Koch (m/w/d)" }),
    );
    expect(p.employmentType).toBe("apprenticeship");
    expect(p.description).toContain("Arbeitszeit: Ausbildung.");
  });

  it("a Praktikum or Trainee place is an internship", () => {
    expect(posting(variant({ stellenangebotsart: "PRAKTIKUM_TRAINEE" })).employmentType).toBe("internship");
    const p = posting(variant({ stellenangebotsart: "TRAINEE" }));
    expect(p.description).toContain("Arbeitszeit: Praktikum / Trainee.");
  });

  it("a Selbstständigkeit offer is a contract", () => {
    const p = posting(variant({ stellenangebotsart: "SELBSTAENDIGKEIT" }));
    expect(p.employmentType).toBe("contract");
    expect(p.description).toContain("Selbstständigkeit / freie Mitarbeit");
  });

  it("a geringfügige Beschäftigung is a mini job, even when also marked full time", () => {
    const p = posting(
      variant({ ...allDay, arbeitszeitVollzeit: true, istGeringfuegigeBeschaeftigung: true }),
    );
    expect(p.employmentType).toBe("mini_job");
    expect(p.description).toContain("Arbeitszeit: Minijob.");
  });

  it("any part-time slot without full time is part time", () => {
    for (const slot of [
      "arbeitszeitTeilzeitVormittag",
      "arbeitszeitTeilzeitNachmittag",
      "arbeitszeitTeilzeitAbend",
      "arbeitszeitTeilzeitFlexibel",
    ]) {
      expect(posting(variant({ ...allDay, [slot]: true })).employmentType, slot).toBe("part_time");
    }
  });

  it("with no working time given, the title decides (Werkstudent) and no Arbeitszeit line is invented", () => {
    const p = posting(
      variant({
        ...allDay,
        stellenangebotsart: undefined,
        stellenangebotsTitel: "Werkstudent Data Science (m/w/d)",
      }),
    );
    expect(p.employmentType).not.toBe("full_time");
    expect(p.description).not.toContain("Arbeitszeit: Vollzeit");
  });
});

describe("Jobsuche items: title, employer and dates", () => {
  it("an item without a title of its own shows the main occupation, then the first of all occupations", () => {
    expect(posting(variant({ stellenangebotsTitel: null })).title).toBe("Data Scientist");
    const p = posting(
      variant({ stellenangebotsTitel: " ", hauptberuf: null, alleBerufe: ["Fachinformatiker/in"] }),
    );
    expect(p.title).toBe("Fachinformatiker/in");
    expect(p.description).toContain("Beruf: Fachinformatiker/in.");
  });

  it("skips an item with neither title nor occupation, naming its reference", () => {
    const r = reason(variant({ stellenangebotsTitel: null, hauptberuf: null, alleBerufe: [] }));
    expect(r).toBe("ba-jobsuche 14225-9e7ac7a2671f1076-S: neither title nor occupation");
  });

  it("skips an item with no employer, naming its reference and the missing field", () => {
    expect(reason(variant({ firma: "  " }))).toBe(
      "ba-jobsuche 14225-9e7ac7a2671f1076-S: no employer (firma)",
    );
  });

  it("skips a malformed item, naming the field that is wrong", () => {
    expect(reason(variant({ referenznummer: 42 }))).toBe(
      "ba-jobsuche item page1-item0: referenznummer missing or malformed",
    );
    expect(reason(variant({ stellenlokationen: "Bamberg" }))).toContain(
      ": stellenlokationen missing or malformed",
    );
    expect(reason(null)).toBe("ba-jobsuche item page1-item0: item missing or malformed");
  });

  it("leaves out dates it cannot read and has no description lines for missing occupation data", () => {
    const p = posting(
      variant({
        datumErsteVeroeffentlichung: "bald",
        aenderungsdatum: null,
        hauptberuf: null,
        alleBerufe: null,
        eintrittszeitraum: null,
      }),
    );
    expect(p.postedAt).toBeUndefined();
    expect(p.updatedAt).toBeUndefined();
    expect(p.description).not.toContain("Beruf:");
    expect(p.description).not.toContain("Eintritt ab");
  });

  it("links to the arbeitsagentur.de detail page when the external URL is not a web address", () => {
    const p = posting(variant({ externeURL: "javascript:alert(1)" }));
    expect(p.applyUrl).toBe("https://www.arbeitsagentur.de/jobsuche/jobdetail/14225-9e7ac7a2671f1076-S");
  });
});

describe("Jobsuche items: places", () => {
  const at = (adresse: Record<string, unknown> | null, coords: { breite?: unknown; laenge?: unknown } = {}) =>
    variant({ stellenlokationen: [{ adresse, ...coords }] });

  it("a place without coordinates gets them from the gazetteer", () => {
    const [loc] = posting(
      at({ ort: "Bamberg", plz: "96047", region: "BAYERN", land: "DEUTSCHLAND" }),
    ).locations;
    expect(loc).toMatchObject({ city: "Bamberg", region: "Bayern", country: "DE", postalCode: "96047" });
    expect(loc!.lat).toBeCloseTo(49.89, 1);
    expect(loc!.lon).toBeCloseTo(10.89, 1);
  });

  it("coordinates outside the globe are not used; the city is looked up instead", () => {
    const [loc] = posting(at({ ort: "Bamberg" }, { breite: 4989, laenge: 1089 })).locations;
    expect(loc!.lat).toBeCloseTo(49.89, 1);
    expect(loc!.country).toBe("DE");
  });

  it("a v4-style 'city, region' place keeps only the city", () => {
    const [loc] = posting(at({ ort: "Nürnberg, Mittelfranken" })).locations;
    expect(loc!.city).toBe("Nürnberg");
  });

  it("nationwide or abroad markers are no region; unknown region names are title-cased", () => {
    expect(posting(at({ ort: "Bamberg", region: "UEBERREGIONAL" })).locations[0]!.region).toBeUndefined();
    expect(posting(at({ ort: "Bamberg", region: "OBER_FRANKEN" })).locations[0]!.region).toBe("Ober-Franken");
  });

  it("a place abroad gets its own country code; an unknown country none", () => {
    const [loc] = posting(at({ ort: "Wien", land: "ÖSTERREICH" })).locations;
    expect(loc!.country).toBe("AT");
    const [odd] = posting(at({ ort: "Xyzzyhausen", land: "ATLANTIS" })).locations;
    expect(odd!.country).toBeUndefined();
    expect(odd!.lat).toBeUndefined();
  });

  it("a location with no address at all is just Germany, and the description names no place", () => {
    const p = posting(at(null));
    expect(p.locations).toEqual([{ country: "DE" }]);
    expect(p.description.split("\n")[0]).toBe("Data Scientist (m/w/d) bei eWolff GmbH.");
  });

  it("the description names postcode, city and region of every place", () => {
    const p = posting(
      variant({
        stellenlokationen: [
          { adresse: { ort: "Bamberg", plz: "96047", region: "BAYERN" } },
          { adresse: { ort: "Erlangen" } },
        ],
      }),
    );
    expect(p.description.split("\n")[0]).toBe(
      "Data Scientist (m/w/d) bei eWolff GmbH in 96047 Bamberg (Bayern), Erlangen.",
    );
  });
});

describe("Jobsuche paging", () => {
  let server: FaultInjectingServer;
  let pages: Record<string, unknown>[] = [];
  const client = createHttpClient({ userAgent: "jobscout-test/1.0", timeoutMs: 5000 });

  beforeAll(async () => {
    server = await startFaultServer({
      answer: (_req, url) => {
        const page = Number(url.searchParams.get("page"));
        return { status: 200, body: JSON.stringify(pages[page - 1] ?? {}) };
      },
      malformed: () => "{",
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const item = (ref: string) => ({ ...structuredClone(base), referenznummer: ref });
  const fetchPage = (cursor: string | undefined, options: { baseUrl?: string } = {}) =>
    createBaJobsucheSource({ baseUrl: `${server.url}//`, ...options }).fetchPage(
      { http: client, query: { keywords: "Data Scientist", place: " " } },
      cursor,
    );

  it("without a total, a full page means more and a short one is the last", async () => {
    pages = [
      { ergebnisliste: [item("a"), item("b")], size: 2 },
      { ergebnisliste: [item("c")], size: 2 },
    ];
    const first = await fetchPage(undefined);
    expect(first.items.map((i) => i.sourceId)).toEqual(["a", "b"]);
    expect(first.next).toBe("2");
    expect(first.total).toBeUndefined();
    const second = await fetchPage("2");
    expect(second.next).toBeUndefined();
  });

  it("a missing or zero size counts as pages of 100", async () => {
    pages = [{ ergebnisliste: [item("a")], maxErgebnisse: "150", size: 0 }];
    const p = await fetchPage("1");
    expect(p.total).toBe(150);
    expect(p.next).toBe("2");
    pages = [{}, { ergebnisliste: [item("a")], maxErgebnisse: 150 }];
    expect((await fetchPage("2")).next).toBeUndefined();
  });

  it("an empty page ends paging even when the total promises more", async () => {
    pages = [{ ergebnisliste: null, maxErgebnisse: 500 }];
    const p = await fetchPage("1");
    expect(p.items).toEqual([]);
    expect(p.next).toBeUndefined();
  });

  it("items without a usable reference get a page/position id, and a place made of blanks is not sent", async () => {
    pages = [{ ergebnisliste: [{ referenznummer: "" }, null, item("ok")], maxErgebnisse: 3 }];
    const before = server.requests.length;
    const p = await fetchPage("1");
    expect(p.items.map((i) => i.sourceId)).toEqual(["page1-item0", "page1-item1", "ok"]);
    const [req] = server.requests.slice(before);
    expect(req!.path).toBe("/jobboerse/jobsuche-service/pc/v6/jobs");
    expect(req!.query.wo).toBeUndefined();
    expect(req!.query.umkreis).toBeUndefined();
  });

  it("rejects a cursor that is not a page number, naming it", async () => {
    await expect(fetchPage("zwei")).rejects.toThrow('ba-jobsuche: bad page cursor "zwei"');
    await expect(fetchPage("0")).rejects.toThrow('bad page cursor "0"');
  });

  it("an answer of another shape is a clear, non-retryable error naming the host and page", async () => {
    pages = [{ ergebnisliste: "keine" }];
    const err = await fetchPage("1").then(
      () => undefined,
      (e: unknown) => e as { code?: string; message: string; retryable?: boolean },
    );
    expect(err?.message).toBe(
      `${new URL(server.url).host} sent a Jobsuche answer of an unknown shape (page 1)`,
    );
    expect(err?.retryable).toBe(false);
  });
});
