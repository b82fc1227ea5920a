import { DocumentError, documentPages } from "../../documents/document-text.js";

/** A document read into pages of text, or why it could not be. */
export type ParsedDocument = { ok: true; pages: string[] } | { ok: false; error: string };

/**
 * Read a document as LlamaParse does for the stand-in: pages of text, or the error message a
 * failed job carries. The reading itself is jobscout's own (src/documents).
 */
export async function parseDocument(bytes: Buffer): Promise<ParsedDocument> {
  try {
    return { ok: true, pages: (await documentPages(bytes)).map((t) => t.trim()) };
  } catch (err) {
    if (err instanceof DocumentError) return { ok: false, error: err.message };
    throw err;
  }
}

/** Text lines as markdown the way LlamaParse writes a page: a short first line as its heading. */
export function pageMarkdown(text: string): string {
  const lines = text.split("\n").map((l) => l.trim());
  const first = lines[0] ?? "";
  return first && first.length <= 60 && lines.length > 1
    ? [`# ${first}`, "", ...lines.slice(1)].join("\n")
    : lines.join("\n");
}
