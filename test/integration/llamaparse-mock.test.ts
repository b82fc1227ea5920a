// The LlamaParse stand-in (`jobscout mock llamaparse`) against the official client
// (@llamaindex/llama-cloud): real PDF and DOCX bytes parsed page by page, processing that takes
// time per page, failed jobs, and the 401 / 402 / 429 answers; the v1 API by plain HTTP.
import LlamaCloud from "@llamaindex/llama-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLlamaParseMock, type LlamaParseMock } from "../../src/mock/standins.js";
import { docxWithText, pdfWithPages } from "../support/documents.js";

const KEY = "llx-test-key";
const PAGES = [
  ["Jane Doe", "Senior Data Engineer, Frankfurt am Main"],
  ["Erfahrung", "2019-2025 Data Engineer bei der Beispielbank AG"],
  ["Skills: Python, SQL, Kafka"],
];
const client = (mock: LlamaParseMock, apiKey = KEY) =>
  new LlamaCloud({ apiKey, baseURL: mock.url, maxRetries: 2 });
const poll = { pollingInterval: 0.05, maxInterval: 0.2, timeout: 30 };

describe("the LlamaParse stand-in", () => {
  let mock: LlamaParseMock;
  beforeAll(async () => {
    mock = await startLlamaParseMock({ apiKeys: [KEY] });
  });
  afterAll(() => mock.close());

  it("parses a three-page PDF and a DOCX into pages of text and markdown", async () => {
    const pdf = await client(mock).parsing.parse(
      {
        tier: "fast",
        version: "latest",
        upload_file: new File([pdfWithPages(PAGES)], "cv.pdf"),
        expand: ["markdown", "text"],
      },
      poll,
    );
    expect(pdf.job.status).toBe("COMPLETED");
    expect(pdf.text?.pages.map((p) => p.text.replace(/\s+/g, " "))).toEqual(PAGES.map((p) => p.join(" ")));
    expect(pdf.markdown?.pages[0]).toMatchObject({ page_number: 1, success: true });
    expect((pdf.markdown?.pages[0] as { markdown: string }).markdown).toMatch(/^# Jane Doe/);

    const docx = await client(mock).parsing.parse(
      {
        tier: "fast",
        version: "latest",
        upload_file: new File([docxWithText(["Max Müller", "Pflegefachkraft in Würzburg"])], "cv.docx"),
        expand: ["text"],
      },
      poll,
    );
    expect(docx.text?.pages[0]?.text).toContain("Pflegefachkraft in Würzburg");
  });

  it("takes time per page: a long document is still running when asked at once", async () => {
    const slow = await startLlamaParseMock({ msPerPage: 600_000 });
    try {
      const job = await client(slow).parsing.create({
        tier: "fast",
        version: "latest",
        upload_file: new File([pdfWithPages(PAGES)], "cv.pdf"),
      });
      const now = await client(slow).parsing.get(job.id, { expand: ["text"] });
      expect(now.job.status).toBe("RUNNING");
      expect(now.text ?? undefined).toBeUndefined();
    } finally {
      await slow.close();
    }
  });

  it("fails a job with its reason, and a file that is no document", async () => {
    mock.failNextJobs(1);
    const upload = () => new File([pdfWithPages(PAGES)], "cv.pdf");
    await expect(
      client(mock).parsing.parse(
        { tier: "fast", version: "latest", upload_file: upload(), expand: ["text"] },
        poll,
      ),
    ).rejects.toThrow(/FAILED.*Internal error/);
    const binary = new File([Buffer.from([0, 1, 2, 3, 0, 255])], "cv.pdf");
    await expect(
      client(mock).parsing.parse(
        { tier: "fast", version: "latest", upload_file: binary, expand: ["text"] },
        poll,
      ),
    ).rejects.toThrow(/Unsupported file type/);
  });

  it("answers a wrong key with 401 and spent credits with 402", async () => {
    const upload = {
      tier: "fast" as const,
      version: "latest" as const,
      upload_file: new File(["Jane Doe"], "cv.txt"),
    };
    await expect(client(mock, "llx-wrong").parsing.create(upload)).rejects.toMatchObject({ status: 401 });
    const poor = await startLlamaParseMock({ creditPages: 1 });
    try {
      await client(poor).parsing.create(upload);
      await expect(client(poor).parsing.create(upload)).rejects.toMatchObject({ status: 402 });
    } finally {
      await poor.close();
    }
  });

  it("answers too many uploads with 429 and Retry-After, which the client waits out", async () => {
    const busy = await startLlamaParseMock({ uploadsPerWindow: 1, windowMs: 1000 });
    try {
      const upload = () => ({
        tier: "fast" as const,
        version: "latest" as const,
        upload_file: new File(["Jane Doe"], "cv.txt"),
      });
      await client(busy).parsing.create(upload());
      const raw = await fetch(`${busy.url}/api/v2/parse/upload`, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}` },
        body: new FormData(),
      });
      expect(raw.status).toBe(429);
      expect(raw.headers.get("retry-after")).toBe("1");
      const second = await client(busy).parsing.create(upload());
      expect(second.id).toBeTruthy();
      expect(busy.uploads).toHaveLength(2);
    } finally {
      await busy.close();
    }
  });

  it("speaks the v1 API: upload, status, result as markdown and text; 422 without a file", async () => {
    const form = new FormData();
    form.append("file", new File([pdfWithPages(PAGES.slice(0, 1))], "cv.pdf"));
    const auth = { authorization: `Bearer ${KEY}` };
    const up = (await (
      await fetch(`${mock.url}/api/v1/parsing/upload`, { method: "POST", headers: auth, body: form })
    ).json()) as { id: string; status: string };
    let status = up.status;
    while (status === "PENDING")
      status = (
        (await (await fetch(`${mock.url}/api/v1/parsing/job/${up.id}`, { headers: auth })).json()) as {
          status: string;
        }
      ).status;
    expect(status).toBe("SUCCESS");
    const md = (await (
      await fetch(`${mock.url}/api/v1/parsing/job/${up.id}/result/markdown`, { headers: auth })
    ).json()) as { markdown: string };
    expect(md.markdown).toMatch(/^# Jane Doe\n\nSenior Data Engineer/);
    const text = (await (
      await fetch(`${mock.url}/api/v1/parsing/job/${up.id}/result/text`, { headers: auth })
    ).json()) as { text: string };
    expect(text.text).toContain("Senior Data Engineer, Frankfurt am Main");
    const missing = await fetch(`${mock.url}/api/v1/parsing/upload`, {
      method: "POST",
      headers: auth,
      body: new FormData(),
    });
    expect(missing.status).toBe(422);
  });
});
