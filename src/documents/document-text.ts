// Text out of a document, page by page: PDF by unpdf (pdf.js), DOCX by mammoth, UTF-8 text split at
// form feeds. One reader for the CV parser (src/jobs/profiles) and the LlamaParse stand-in
// (src/mock/llamaparse), so both read the same bytes the same way. The parsers are loaded on first use.

/** Why a document could not be read. */
export type DocumentFault = "encrypted" | "damaged" | "unsupported";

export class DocumentError extends Error {
  constructor(
    readonly fault: DocumentFault,
    message: string,
  ) {
    super(message);
    this.name = "DocumentError";
  }
}

/** The kinds of document read, decided by the bytes (never by a name or a claimed type). */
export type DocumentKind = "pdf" | "docx" | "text";

const startsWith = (b: Uint8Array, magic: string) =>
  b.length >= magic.length && [...magic].every((c, i) => b[i] === c.charCodeAt(0));

export function documentKind(bytes: Uint8Array): DocumentKind {
  if (startsWith(bytes, "%PDF-")) return "pdf";
  if (startsWith(bytes, "PK\x03\x04")) return "docx";
  return "text";
}

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  // Loaded when first needed: pdf.js is large and most processes never read a PDF.
  const { extractText, getDocumentProxy } = await import("unpdf");
  try {
    // pdf.js takes ownership of the buffer it is given: hand it a copy.
    const doc = await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      stopAtErrors: false,
    });
    try {
      const { text } = await extractText(doc, { mergePages: false });
      return text;
    } finally {
      await doc.destroy();
    }
  } catch (err) {
    if ((err as { name?: string }).name === "PasswordException")
      throw new DocumentError("encrypted", "The document is password protected");
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new DocumentError("damaged", `Could not read the document: ${why}`);
  }
}

async function docxPages(bytes: Uint8Array): Promise<string[]> {
  const { default: mammoth } = await import("mammoth");
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return [value];
  } catch (err) {
    const why = err instanceof Error ? err.message.split("\n")[0] : String(err);
    throw new DocumentError("damaged", `Could not read the document: ${why}`);
  }
}

function textPages(bytes: Uint8Array): string[] {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new DocumentError("unsupported", "Unsupported file type");
  }
  if (text.includes("\u0000")) throw new DocumentError("unsupported", "Unsupported file type");
  return text.split("\f");
}

/** The document's pages of text (lines kept). Throws a {@link DocumentError} saying why not. */
export async function documentPages(bytes: Uint8Array): Promise<string[]> {
  const kind = documentKind(bytes);
  return kind === "pdf" ? pdfPages(bytes) : kind === "docx" ? docxPages(bytes) : textPages(bytes);
}
