// Real documents made in the test: PDFs written by hand (text on one or several pages, image-only,
// encrypted) and a DOCX (a stored zip with the parts Word writes), plus sample CVs. Nothing is
// mocked: the parsers (ours, and the LlamaParse stand-in's) read these bytes.
import { crc32 } from "node:zlib";

/** PDF string literal bytes: WinAnsi (Latin-1) with ( ) \ escaped. */
function pdfString(s: string): string {
  return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function pdfFile(objects: string[], trailerExtra = ""): Buffer {
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

const FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

function stream(content: string): string {
  return `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`;
}

/** A PDF with one page per entry, each line drawn in Helvetica (WinAnsi, so ä ö ü ß work). */
export function pdfWithPages(pages: ReadonlyArray<readonly string[]>): Buffer {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", FONT];
  const kids: string[] = [];
  for (const lines of pages) {
    const ops = lines.map((l, i) => `BT /F1 11 Tf 56 ${790 - i * 14} Td ${pdfString(l)} Tj ET`).join("\n");
    objects.push(stream(ops));
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`,
    );
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${kids.length} >>`;
  return pdfFile(objects);
}

/** A one-page PDF with a text layer. */
export function pdfWithText(lines: readonly string[]): Buffer {
  return pdfWithPages([lines]);
}

/** A "scanned" PDF: one page that only paints an image, no text at all. */
export function pdfImageOnly(): Buffer {
  const pixels = "\xff\x00\x00\x00\xff\x00\x00\x00\xff\xff\xff\xff";
  return pdfFile([
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
    stream("q 500 0 0 700 40 70 cm /Im1 Do Q"),
    `<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n${pixels}\nendstream`,
  ]);
}

/**
 * A PDF protected by a user password (standard security handler, RC4): no empty password opens
 * it, so a reader must ask for one.
 */
export function pdfEncrypted(): Buffer {
  const hex = (n: number) => "<" + "9f".repeat(n) + ">";
  return pdfFile(
    [
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
      stream("BT /F1 11 Tf 56 790 Td (secret) Tj ET"),
      `<< /Filter /Standard /V 1 /R 2 /O ${hex(32)} /U ${hex(32)} /P -44 >>`,
    ],
    "/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ",
  );
}

/** A zip archive (stored, no compression) of these files. */
export function zip(files: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : content;
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A DOCX as Word writes its minimum: content types, the package relation and one paragraph per line. */
export function docxWithText(lines: readonly string[]): Buffer {
  const body = lines
    .map((l) => `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(l)}</w:t></w:r></w:p>`)
    .join("");
  return zip({
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  });
}

/** What Slack serves in place of a file when the bot lacks `files:read`. */
export const SLACK_LOGIN_PAGE =
  '<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>Slack</title></head><body><div id="signin">Sign in to your workspace</div></body></html>';

export const CV_EN = [
  "Jane Doe",
  "Senior Data Engineer",
  "Frankfurt am Main, Germany",
  "Summary: 8 years of experience building data platforms in Python and SQL.",
  "Experience",
  "2019–2025 Senior Data Engineer, Example Bank AG, Frankfurt",
  "Built batch and streaming pipelines with Apache Spark, Kafka and Airflow on AWS.",
  "Ran services on Docker and Terraform; mentored three engineers.",
  "Skills: Python, SQL, Spark, Kafka, Airflow, AWS, Docker, Terraform, PostgreSQL",
  "Languages: English (C2), German (B2)",
  "Education: M.Sc. Computer Science, Goethe University Frankfurt",
];

export const CV_DE = [
  "Max Müller",
  "Pflegefachkraft",
  "Würzburg",
  "Berufserfahrung: 6 Jahre in der Intensivpflege und Anästhesie.",
  "2018–2024 Pflegefachkraft, Universitätsklinikum Würzburg",
  "Kenntnisse: Intensivpflege, Wundversorgung, Dokumentation, SAP",
  "Sprachen: Deutsch (Muttersprache), Englisch (B1)",
  "Ausbildung: Examinierte Pflegefachkraft, Berufsfachschule für Pflege Würzburg",
];

/** One posting in the unified import schema (`jobscout import` of a JSONL file), complete. */
export const UNIFIED_POSTING = {
  title: "Data Engineer",
  company: "Beispiel AG",
  locations: [{ city: "Würzburg", country: "DE", lat: 49.79, lon: 9.95 }],
  remoteMode: "hybrid",
  employmentType: "full_time",
  seniority: "mid",
  language: "en",
  description: "Build data pipelines.",
  applyUrl: "https://beispiel.example/jobs/42",
};
