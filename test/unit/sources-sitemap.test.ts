// Finding a site's job pages through robots.txt and its sitemaps, against a local site: duplicate,
// compressed and non-HTTP sitemaps are skipped, job sitemaps are read first, entries without a
// usable address or on another site are left out, and the newest pages come first.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient } from "../../src/pipeline/sources/http.js";
import { discoverJobUrls, sitemapsFromRobots } from "../../src/pipeline/sources/sitemap.js";

let server: http.Server;
let base = "";
const requested: string[] = [];

const urlset = (entries: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${entries}</urlset>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requested.push(req.url ?? "");
    const pages: Record<string, string> = {
      "/robots.txt": [
        "User-agent: *",
        "Sitemap: /sitemap-index.xml",
        "sitemap: /sitemap-index.xml",
        "Sitemap: /archive.xml.gz",
        "Sitemap: ftp://files.example.org/sitemap.xml",
      ].join("\n"),
      "/sitemap-index.xml": `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>${base}/pages.xml</loc></sitemap>
        <sitemap><loc>${base}/jobs.xml</loc></sitemap>
        <sitemap><loc>not-a-url</loc></sitemap>
      </sitemapindex>`,
      "/jobs.xml": urlset(`
        <url><loc>${base}/careers/backend-developer</loc><lastmod>2026-06-02</lastmod></url>
        <url><loc>${base}/careers/pflegefachkraft</loc><lastmod>2026-06-03</lastmod></url>
        <url><lastmod>2026-06-04</lastmod></url>
        <url><loc>http://[bad</loc></url>
        <url><loc>https://other.example.org/careers/elsewhere</loc></url>`),
      "/pages.xml": urlset(`<url><loc>${base}/about-us</loc></url>`),
    };
    const body = pages[req.url ?? ""];
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "text/plain" });
    res.end(body ?? "not found");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("sitemap discovery", () => {
  it("reads the sitemaps robots.txt names (HTTP ones, each once)", () => {
    expect(
      sitemapsFromRobots(
        "Sitemap: /a.xml\nSITEMAP: /a.xml\nSitemap: ftp://x.example/b.xml\n",
        "https://jobs.example.org",
      ),
    ).toEqual(["https://jobs.example.org/a.xml"]);
  });

  it("finds the job pages newest first, job sitemaps read first, compressed ones and other sites left out", async () => {
    const client = createHttpClient({ userAgent: "jobscout-test", timeoutMs: 10_000 });
    const found = await discoverJobUrls(client, `${base}/careers/`);
    expect(found).toEqual({
      urls: [`${base}/careers/pflegefachkraft`, `${base}/careers/backend-developer`],
      sitemaps: [`${base}/sitemap-index.xml`, `${base}/jobs.xml`, `${base}/pages.xml`],
      partial: false,
    });
    expect(requested).not.toContain("/archive.xml.gz");
    expect(requested.filter((u) => u === "/sitemap-index.xml")).toHaveLength(1);
  });

  it("tries /sitemap.xml without robots.txt, and names the site when no sitemap answers", async () => {
    const seen: string[] = [];
    const bare = http.createServer((req, res) => {
      seen.push(req.url ?? "");
      res.writeHead(404).end("not found");
    });
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    const host = `127.0.0.1:${(bare.address() as AddressInfo).port}`;
    try {
      const client = createHttpClient({ userAgent: "jobscout-test", timeoutMs: 10_000 });
      const err = await discoverJobUrls(client, `http://${host}/careers/`).then(
        () => undefined,
        (e: unknown) => e as { code?: string; message?: string },
      );
      expect({ code: err?.code, message: err?.message }).toEqual({
        code: "http_status",
        message: `${host} answered HTTP 404 Not Found`,
      });
      expect(seen).toEqual(["/robots.txt", "/sitemap.xml"]);
    } finally {
      await new Promise<void>((r) => bare.close(() => r()));
    }
  });
});
