import { AppError, type UserText } from "../../core/errors.js";
import { phrasesFor, type CvWords } from "../../answers/phrases/phrases.js";
import { DocumentError, documentPages, type DocumentFault } from "../../documents/document-text.js";

/** The formats a CV can be read from. */
export type CvFormat = "pdf" | "docx" | "text";

/** Largest CV read. @defaultValue 10 MiB (a CV is rarely above 2 MB; a 30 MB file is not a CV). */
export const MAX_CV_BYTES = 10 * 1024 * 1024;

/** A failure to read a CV, with what the person can do about it (in their language). */
export function cvError(code: string, say: (words: CvWords) => string): AppError {
  const userMessage: UserText = (lang) => say(phrasesFor(lang).cv);
  return new AppError(code, say(phrasesFor("en").cv), { userMessage });
}

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0]; // old .doc
const IMAGES: ReadonlyArray<readonly number[]> = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
];

/** Whether the bytes are readable UTF-8 text (no NULs, decodes cleanly). */
function isText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 64 * 1024);
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, lastCharBoundary(head)));
    return true;
  } catch {
    return false;
  }
}

/** Cut before a UTF-8 sequence the 64 KiB window split. */
function lastCharBoundary(b: Uint8Array): number {
  let end = b.length;
  for (let i = 0; i < 4 && end > 0; i++) {
    const c = b[end - 1]!;
    if ((c & 0xc0) !== 0x80) {
      // A lead byte at the very end may be incomplete.
      if (c >= 0xc0) end -= 1;
      break;
    }
    end -= 1;
  }
  return end === 0 ? b.length : end;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html") || /<head[\s>]|<body[\s>]/.test(head);
}

function zipHas(bytes: Uint8Array, name: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name, 0, "latin1");
}

/**
 * What a file really is, from its bytes — never from its name or the type the platform claims. A
 * Slack download without `files:read` answers 200 with an HTML login page; a zip renamed .pdf is a
 * zip. Throws an error that says what to do for anything that is not a CV we can read.
 */
export function sniffCv(bytes: Uint8Array, name: string, maxBytes = MAX_CV_BYTES): CvFormat {
  if (bytes.length === 0) throw cvError("cv_empty", (w) => w.empty(name));
  if (bytes.length > maxBytes)
    throw cvError("cv_too_large", (w) =>
      w.tooLarge(name, (bytes.length / 1_048_576).toFixed(1), Math.round(maxBytes / 1_048_576)),
    );
  if (startsWith(bytes, PDF)) return "pdf";
  if (startsWith(bytes, ZIP)) {
    if (zipHas(bytes, "word/document.xml")) return "docx";
    throw cvError("cv_unsupported", (w) => w.zip(name, /\.pdf$/i.test(name)));
  }
  if (startsWith(bytes, OLE)) throw cvError("cv_unsupported", (w) => w.oldDoc(name));
  if (IMAGES.some((sig) => startsWith(bytes, sig))) throw cvError("cv_image", (w) => w.image(name));
  if (looksLikeHtml(bytes)) throw cvError("cv_html", (w) => w.webPage(name));
  if (isText(bytes)) return "text";
  throw cvError("cv_unsupported", (w) => w.notCv(name));
}

/** Reads a checked CV's text (local parsing, or LlamaParse when configured). */
export type CvReader = (bytes: Uint8Array, name: string, format: CvFormat) => Promise<string>;

/** The CV read on this machine: unpdf for PDF, mammoth for DOCX (src/documents). */
export const readCvLocally: CvReader = async (bytes, name, format) => {
  if (format === "text") return utf8(bytes);
  try {
    return (await documentPages(bytes)).join("\n");
  } catch (err) {
    if (err instanceof DocumentError) throw unreadable(name, format, err.fault);
    throw err;
  }
};

/** What to tell the person when a PDF or DOCX cannot be read. */
export function unreadable(name: string, format: CvFormat, fault: DocumentFault): AppError {
  if (fault === "encrypted") return cvError("cv_encrypted", (w) => w.encrypted(name));
  return format === "docx"
    ? cvError("cv_bad_docx", (w) => w.badDocx(name))
    : cvError("cv_bad_pdf", (w) => w.badPdf(name));
}

/** The CV's text, lines kept. Throws an error that says what to do when there is none. */
export async function cvText(
  bytes: Uint8Array,
  name: string,
  maxBytes = MAX_CV_BYTES,
  read: CvReader = readCvLocally,
): Promise<string> {
  const format = sniffCv(bytes, name, maxBytes);
  // Plain text needs no parser, local or paid.
  const text = format === "text" ? utf8(bytes) : await read(bytes, name, format);
  if (text.replace(/\s+/g, "").length < 20) {
    throw format === "pdf"
      ? cvError("cv_no_text", (w) => w.scanned(name))
      : cvError("cv_empty", (w) => w.noText(name));
  }
  return text;
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder("utf-8").decode(bytes).replace(/^\uFEFF/, "");
}
