// The document reader (src/documents) that the CV parser and the LlamaParse stand-in share: pages of
// text out of PDF, DOCX and UTF-8 text, and a named fault for what it cannot read — which the person
// then sees as what to send instead, in their language.
import { describe, expect, it } from "vitest";
import { DocumentError, documentKind, documentPages } from "../../src/documents/document-text.js";
import { cvText } from "../../src/jobs/profiles/cv-file.js";
import { AppError } from "../../src/core/errors.js";
import { docxWithText, pdfWithPages, pdfWithText } from "../support/documents.js";

async function fault(bytes: Uint8Array): Promise<{ fault: string; message: string }> {
  const err = await documentPages(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DocumentError)) throw new Error(`expected a DocumentError, got ${String(err)}`);
  return { fault: err.fault, message: err.message };
}

async function cvRefusal(bytes: Uint8Array, name: string): Promise<{ code: string; en: string; de: string }> {
  const err = await cvText(bytes, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return { code: err.code, en: err.userMessageIn("en")!, de: err.userMessageIn("de")! };
}

const DAMAGED_PDF = Buffer.from("%PDF-1.4\nthis is not a pdf\n");
// A Word file cut short in transfer: the parts are named, the zip's directory at the end is gone.
const cutDocx = () => {
  const whole = docxWithText(["Jane Doe", "Data Engineer with ten years of Python"]);
  return whole.subarray(0, whole.length - 60);
};

describe("reading a document's text", () => {
  it("reads a PDF page by page, and text split at form feeds without the byte-order mark", async () => {
    expect(await documentPages(pdfWithPages([["Jane Doe"], ["References on request"]]))).toEqual([
      "Jane Doe",
      "References on request",
    ]);
    expect(await documentPages(Buffer.from("\uFEFFErste Seite\fZweite Seite"))).toEqual([
      "Erste Seite",
      "Zweite Seite",
    ]);
    expect(documentKind(docxWithText(["x"]))).toBe("docx");
    expect(documentKind(pdfWithText(["x"]))).toBe("pdf");
  });

  it("names a damaged PDF or DOCX as damaged, and binary or non-UTF-8 bytes as unsupported", async () => {
    expect(await fault(DAMAGED_PDF)).toEqual({
      fault: "damaged",
      message: "Could not read the document: Invalid PDF structure.",
    });
    expect(await fault(cutDocx())).toEqual({
      fault: "damaged",
      message: "Could not read the document: Corrupted zip: can't find end of central directory",
    });
    expect(await fault(Buffer.from("Jane\u0000Doe"))).toEqual({
      fault: "unsupported",
      message: "Unsupported file type",
    });
    // "Jäne" in Latin-1: not UTF-8.
    expect(await fault(Buffer.from([0x4a, 0xe4, 0x6e, 0x65]))).toEqual({
      fault: "unsupported",
      message: "Unsupported file type",
    });
  });

  it("tells the person a damaged CV is damaged and what to send instead, in English and German", async () => {
    expect(await cvRefusal(DAMAGED_PDF, "cv.pdf")).toEqual({
      code: "cv_bad_pdf",
      en: "I couldn't read “cv.pdf” as a PDF (the file seems damaged). Export it again, or send a DOCX or text.",
      de: "„cv.pdf“ konnte ich nicht als PDF lesen (die Datei scheint beschädigt). Exportiere es noch einmal, oder schick ein DOCX oder Text.",
    });
    expect(await cvRefusal(cutDocx(), "lebenslauf.docx")).toEqual({
      code: "cv_bad_docx",
      en: "I couldn't read “lebenslauf.docx” as a Word document. Save it again as DOCX or PDF, or send plain text.",
      de: "„lebenslauf.docx“ konnte ich nicht als Word-Dokument lesen. Speichere es neu als DOCX oder PDF, oder schick einfachen Text.",
    });
  });
});
