import { extractText, getDocumentProxy } from "unpdf";
import mammoth from "mammoth";

/** A document read into pages of text, or why it could not be. */
export type ParsedDocument = { ok: true; pages: string[] } | { ok: false; error: string };

const startsWith = (b: Buffer, magic: string) => b.subarray(0, magic.length).toString("latin1") === magic;

/**
 * Read a PDF (pages by unpdf), a DOCX (one page by mammoth) or UTF-8 text (pages split at form
 * feeds), deciding by the bytes, not the name. The LlamaParse stand-in parses with these.
 */
export async function parseDocument(bytes: Buffer): Promise<ParsedDocument> {
  try {
    if (startsWith(bytes, "%PDF-")) {
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const { text } = await extractText(pdf, { mergePages: false });
      return { ok: true, pages: text.map((t) => t.trim()) };
    }
    if (startsWith(bytes, "PK\x03\x04")) {
      const { value } = await mammoth.extractRawText({ buffer: bytes });
      return { ok: true, pages: [value.trim()] };
    }
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.includes("\u0000")) return { ok: false, error: "Unsupported file type" };
    return { ok: true, pages: text.split("\f").map((t) => t.trim()) };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (/password/i.test(why)) return { ok: false, error: "The document is password protected" };
    if (err instanceof TypeError) return { ok: false, error: "Unsupported file type" };
    return { ok: false, error: `Could not read the document: ${why.split("\n")[0]}` };
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
