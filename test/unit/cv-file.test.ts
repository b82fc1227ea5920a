// A CV in any form becomes numbered lines and facts, or an answer that says what to send instead.
// The files are real: PDFs written byte by byte, DOCX zipped in the test.
import { describe, expect, it } from "vitest";
import { extractFacts } from "../../src/jobs/profiles/cv-facts.js";
import { cvText, MAX_CV_BYTES } from "../../src/jobs/profiles/cv-file.js";
import { numberLines } from "../../src/jobs/profiles/profile.js";
import {
  CV_DE,
  CV_EN,
  docxWithText,
  pdfEncrypted,
  pdfImageOnly,
  pdfWithText,
  SLACK_LOGIN_PAGE,
  zip,
} from "../support/documents.js";

async function facts(bytes: Uint8Array, name: string) {
  const lines = numberLines(await cvText(bytes, name));
  return { lines, facts: extractFacts(lines) };
}

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  return cvText(bytes, name).then(
    () => "read",
    (err: unknown) => (err as Error).message,
  );
}

describe("reading a CV", () => {
  it("reads an English PDF into verbatim lines with skills, languages and degree pointing at them", async () => {
    const { lines, facts: f } = await facts(pdfWithText(CV_EN), "jane.pdf");
    expect(lines[1]).toEqual({ n: 2, text: "Senior Data Engineer" });
    const skills = f.filter((x) => x.kind === "skill").map((x) => x.value);
    expect(skills).toEqual(expect.arrayContaining(["Python", "SQL", "Kafka", "Terraform"]));
    const python = f.find((x) => x.value === "Python")!;
    expect(python.lines.every((n) => lines[n - 1]!.text.includes("Python"))).toBe(true);
    expect(f).toContainEqual(expect.objectContaining({ kind: "language", value: "de", level: "B2" }));
    expect(f).toContainEqual(expect.objectContaining({ kind: "degree", value: "Master" }));
    expect(f).toContainEqual(expect.objectContaining({ kind: "years", value: "8" }));
    expect(f).toContainEqual(expect.objectContaining({ kind: "place", value: "Frankfurt am Main" }));
  });

  it("reads a German DOCX with umlauts, native language and vocational training", async () => {
    const { lines, facts: f } = await facts(docxWithText(CV_DE), "lebenslauf.docx");
    expect(lines[0]!.text).toBe("Max Müller");
    expect(f).toContainEqual(expect.objectContaining({ kind: "skill", value: "Intensivpflege" }));
    expect(f).toContainEqual(expect.objectContaining({ kind: "language", value: "de", level: "native" }));
    expect(f).toContainEqual(expect.objectContaining({ kind: "degree", value: "Vocational training" }));
    expect(f).toContainEqual(expect.objectContaining({ kind: "place", value: "Würzburg" }));
  });

  it("reads plain text and Markdown", async () => {
    const md = Buffer.from(
      `# Jane Doe\n\n## Skills\n- Python\n- Kubernetes\n\nLanguages: English (native)\n`,
    );
    const { facts: f } = await facts(md, "cv.md");
    expect(f.filter((x) => x.kind === "skill").map((x) => x.value)).toEqual(["Python", "Kubernetes"]);
  });

  it("answers a scanned (image-only) PDF with what to send instead", async () => {
    expect(await refusal(pdfImageOnly(), "scan.pdf")).toMatch(/no text layer: send a DOCX or text/);
  });

  it("answers an encrypted PDF: it needs a password", async () => {
    expect(await refusal(pdfEncrypted(), "locked.pdf")).toMatch(/protected by a password/);
  });

  it("answers a zip renamed .pdf by what it really is", async () => {
    expect(await refusal(zip({ "notes.txt": "hello" }), "cv.pdf")).toMatch(/zip archive renamed to \.pdf/);
  });

  it("answers an HTML login page served in place of the file", async () => {
    expect(await refusal(Buffer.from(SLACK_LOGIN_PAGE), "cv.pdf")).toMatch(
      /web page instead of “cv.pdf”.*files:read/,
    );
  });

  it("answers a 30 MB file without reading it", async () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 0x41);
    big.write("%PDF-1.4\n");
    expect(await refusal(big, "huge.pdf")).toMatch(/30\.0 MB; I read CVs up to 10 MB/);
    expect(big.length).toBeGreaterThan(MAX_CV_BYTES);
  });

  it("answers an empty file and an image", async () => {
    expect(await refusal(Buffer.alloc(0), "cv.txt")).toMatch(/is empty/);
    expect(await refusal(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), "cv.png")).toMatch(/is an image/);
  });
});
