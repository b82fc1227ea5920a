// A careers page's JSON-LD: every JobPosting found however the page nests it, and an id per posting
// that stays the same on the next fetch and keeps two postings of one page apart.
import { describe, expect, it } from "vitest";
import { extractJobPostings, jsonLdSourceId } from "../../src/pipeline/sources/jsonld.source.js";

const page = (...blocks: unknown[]) =>
  `<html><head>${blocks
    .map((b) => `<script type="application/ld+json">${JSON.stringify(b)}</script>`)
    .join("\n")}</head><body></body></html>`;

const titles = (html: string) => extractJobPostings(html).postings.map((p) => p.title);

describe("JSON-LD job postings on a page", () => {
  it("finds postings in an ItemList (as ListItem.item or directly) and with several types", () => {
    const html = page({
      "@context": "https://schema.org",
      "@type": "ItemList",
      itemListElement: [
        {
          "@type": "ListItem",
          position: 1,
          item: { "@type": "JobPosting", title: "Pflegefachkraft (m/w/d)" },
        },
        { "@type": ["JobPosting", "Thing"], title: "Data Engineer" },
        { "@type": "ListItem", position: 3, item: { "@type": "Organization", name: "ACME" } },
        "not an object",
      ],
    });
    expect(titles(html)).toEqual(["Pflegefachkraft (m/w/d)", "Data Engineer"]);
    expect(extractJobPostings(html)).toMatchObject({ blocks: 1, invalid: 0, cutOff: false });
  });

  it("gives each posting its own URL as id, else the page with its place on it", () => {
    const pageUrl = "https://careers.example.org/jobs";
    const own = { "@type": "JobPosting", url: " https://careers.example.org/jobs/42 " };
    const relative = { "@type": "JobPosting", url: "/jobs/43" };
    expect(jsonLdSourceId(pageUrl, own, 3)).toBe("https://careers.example.org/jobs/42");
    expect(jsonLdSourceId(pageUrl, relative, 0)).toBe("https://careers.example.org/jobs");
    expect(jsonLdSourceId(pageUrl, relative, 1)).toBe("https://careers.example.org/jobs#1");
    expect(jsonLdSourceId(pageUrl, { "@type": "JobPosting", identifier: { value: 7781 } }, 1)).toBe("7781");
  });

  it("shortens a very long URL id to 293 characters, the same on every fetch and different per URL", () => {
    const long = (n: number) => `https://careers.example.org/jobs?${"q=backend&".repeat(40)}id=${n}`;
    const a = jsonLdSourceId("https://careers.example.org/", { url: long(1) }, 0);
    expect(a).toHaveLength(293);
    expect(a.slice(0, 280)).toBe(long(1).slice(0, 280));
    expect(a).toMatch(/#[0-9a-f]{12}$/);
    expect(jsonLdSourceId("https://careers.example.org/", { url: long(1) }, 0)).toBe(a);
    expect(jsonLdSourceId("https://careers.example.org/", { url: long(2) }, 0)).not.toBe(a);
  });
});
