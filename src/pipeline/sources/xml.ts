// XML bodies of feeds and sitemaps (Personio, RSS/Atom, sitemaps): parse with fast-xml-parser, and
// tell a cut-off transfer (retry) from an HTML page where XML was expected (the endpoint changed).
import { XMLParser } from "fast-xml-parser";
import { HttpError } from "./http.js";

/** What we ask XML endpoints for; some feeds answer JSON or HTML to a bare `*\/*`. */
export const XML_ACCEPT =
  "application/xml, text/xml;q=0.9, application/rss+xml;q=0.9, application/atom+xml;q=0.9, */*;q=0.5";

/** Options for {@link parseXmlBody}. */
export interface ParseXmlOptions {
  /** Element names that are always lists, even with one child (`position`, `item`, `url`…). */
  arrays: readonly string[];
  /** Root elements this endpoint may answer with; anything else is a changed endpoint. */
  roots: readonly string[];
  /** For error messages. */
  url: string;
  status: number;
}

const looksHtml = (text: string): boolean =>
  /^\s*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])/i.test(text);

const rootOf = (text: string): string | undefined =>
  /<([A-Za-z_][\w.:-]*)[\s/>]/.exec(
    text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?>/gi, ""),
  )?.[1];

/**
 * Parse an XML body into plain objects (attributes as `@_name`, text beside attributes as `#text`,
 * namespace prefixes dropped, values left as strings). Throws `http_bad_body`: non-retryable for HTML
 * or an unexpected root element, retryable for a body that stops before its root element closes.
 */
export function parseXmlBody(text: string, o: ParseXmlOptions): Record<string, unknown> {
  const host = new URL(o.url).host;
  if (looksHtml(text))
    throw new HttpError("http_bad_body", `${host} sent HTML where XML was expected`, {
      status: o.status,
      retryable: false,
      html: true,
    });
  const root = rootOf(text);
  const localRoot = root?.replace(/^.*:/, "");
  if (!root || !localRoot) {
    // Empty, or cut off before the root element opened: a transfer problem. Anything else (JSON, a
    // plain-text error) means the endpoint answers something else now.
    const cut = text.trim() === "" || (/^\s*</.test(text) && !/<[A-Za-z_][\w.:-]*[\s/>]/.test(text));
    throw new HttpError(
      "http_bad_body",
      cut
        ? `${host} sent an empty or cut-off body`
        : `${host} sent a body that is not XML (${text.length} bytes)`,
      { status: o.status, retryable: cut },
    );
  }
  if (!o.roots.includes(localRoot)) {
    throw new HttpError(
      "http_bad_body",
      `${host} sent XML with root <${root}>, expected ${o.roots.map((r) => `<${r}>`).join(" or ")}`,
      { status: o.status, retryable: false },
    );
  }
  const tag = root.replace(/\./g, "\\.");
  if (!new RegExp(`(?:</${tag}\\s*>|<${tag}\\b[^>]*/>)\\s*$`).test(text.slice(-4096))) {
    // The root never closes: the transfer was cut off (or the server broke mid-write). Try again.
    // A complete document is parsed leniently instead of validated: real feeds have slips (a bare
    // `&`) that readers tolerate, and validating would cost a second pass over every body.
    throw new HttpError(
      "http_bad_body",
      `${host} sent truncated or malformed XML (${text.length} bytes; <${root}> never closes)`,
      { status: o.status, retryable: true },
    );
  }
  const arrays = new Set(o.arrays);
  const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    removeNSPrefix: true,
    trimValues: true,
    isArray: (name) => arrays.has(name),
  });
  try {
    const doc = parser.parse(text) as unknown;
    if (doc && typeof doc === "object") return doc as Record<string, unknown>;
  } catch (err) {
    throw new HttpError("http_bad_body", `${host} sent XML we cannot read: ${String(err)}`, {
      status: o.status,
      retryable: false,
      cause: err,
    });
  }
  throw new HttpError("http_bad_body", `${host} sent an empty XML document`, {
    status: o.status,
    retryable: true,
  });
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Decode the entities the XML parser leaves in text (`&#039;`, `&#x41;`, `&nbsp;`). */
export function decodeEntities(s: string): string {
  return s.replace(
    /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,6}));/gi,
    (m, dec?: string, hex?: string, name?: string) => {
      const code = dec !== undefined ? Number(dec) : hex !== undefined ? Number.parseInt(hex, 16) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
      return NAMED[(name ?? "").toLowerCase()] ?? m;
    },
  );
}

/** The text of a parsed node: a string, a number, or an element's `#text` (attributes beside it). */
export function textOf(node: unknown): string | undefined {
  if (typeof node === "string") return decodeEntities(node);
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  if (node && typeof node === "object" && !Array.isArray(node))
    return textOf((node as Record<string, unknown>)["#text"]);
  if (Array.isArray(node)) return textOf(node[0]);
  return undefined;
}

/** A node as a list (a single child, a list, or nothing). */
export function listOf(node: unknown): unknown[] {
  if (node === undefined || node === null || node === "") return [];
  return Array.isArray(node) ? node : [node];
}

/** A node as a record, or undefined. */
export function recordOf(node: unknown): Record<string, unknown> | undefined {
  return node && typeof node === "object" && !Array.isArray(node)
    ? (node as Record<string, unknown>)
    : undefined;
}
