// The LlamaParse stand-in's answers that a client has to handle, by plain HTTP as the protocol has
// them: jobs still queued, failed jobs on v1 (400 with the reason, the reason on the job), results
// asked too early (404), every v2 `expand` and v1 result kind, the tier a configuration asks for,
// malformed uploads (422 naming the field), a 429 without Retry-After, and paths it does not serve.
import { once } from "node:events";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLlamaParseMock, type LlamaParseMock } from "../../src/mock/standins.js";
import { pdfWithPages } from "../support/documents.js";

const KEY = "llx-protocol-key";
const auth = { authorization: `Bearer ${KEY}` };
const PAGES = [
  ["Jane Doe", "Senior Data Engineer, Frankfurt am Main"],
  ["Skills: Python, SQL, Kafka, and twelve years of building data platforms for banks"],
];

function form(file: Blob | string | undefined, configuration?: string): FormData {
  const f = new FormData();
  if (typeof file === "string") f.append("file", file);
  else if (file) f.append("file", file, "cv.pdf");
  if (configuration !== undefined) f.append("configuration", configuration);
  return f;
}
const pdf = () => new Blob([pdfWithPages(PAGES)]);

async function call(mock: LlamaParseMock, path: string, init: RequestInit = {}) {
  const res = await fetch(`${mock.url}${path}`, { ...init, headers: { ...auth, ...init.headers } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}
const upload = (
  mock: LlamaParseMock,
  api: "v1" | "v2",
  body: FormData | string,
  headers: Record<string, string> = {},
) =>
  call(mock, api === "v2" ? "/api/v2/parse/upload" : "/api/v1/parsing/upload", {
    method: "POST",
    body,
    headers,
  });

describe("the LlamaParse stand-in's protocol", () => {
  let mock: LlamaParseMock;
  beforeAll(async () => {
    mock = await startLlamaParseMock({ apiKeys: [KEY] });
  });
  afterAll(() => mock.close());

  it("gives every v2 expand of a finished job, comma-separated or repeated, and the tier asked for", async () => {
    const up = await upload(mock, "v2", form(pdf(), JSON.stringify({ tier: "agentic", version: "latest" })));
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({
      project_id: "proj-jobscout-mock",
      status: "COMPLETED",
      tier: "agentic",
      error_message: null,
    });
    const id = up.body.id as string;
    const got = await call(mock, `/api/v2/parse/${id}?expand=markdown_full,text_full&expand=text`);
    expect(got.body.markdown_full).toBe(
      "# Jane Doe\n\nSenior Data Engineer, Frankfurt am Main\n\n---\n\nSkills: Python, SQL, Kafka, and twelve years of building data platforms for banks",
    );
    expect(got.body.text_full).toBe(
      "Jane Doe\nSenior Data Engineer, Frankfurt am Main\n\nSkills: Python, SQL, Kafka, and twelve years of building data platforms for banks",
    );
    expect(got.body.text).toEqual({
      pages: [
        { page_number: 1, text: "Jane Doe\nSenior Data Engineer, Frankfurt am Main" },
        {
          page_number: 2,
          text: "Skills: Python, SQL, Kafka, and twelve years of building data platforms for banks",
        },
      ],
    });
    expect(got.body.markdown).toBeUndefined();
    // A configuration without a tier of text, and none at all: the fast tier.
    expect((await upload(mock, "v2", form(pdf(), JSON.stringify({ tier: 3 })))).body.tier).toBe("fast");
    expect((await upload(mock, "v2", form(pdf(), ""))).body.tier).toBe("fast");
  });

  it("serves v1 results as markdown, text and json pages, and 404 for a kind it has not", async () => {
    const up = await upload(mock, "v1", form(pdf()));
    expect(up.body.status).toBe("SUCCESS");
    const id = up.body.id as string;
    const json = await call(mock, `/api/v1/parsing/job/${id}/result/json`);
    expect(json.body).toEqual({
      pages: [
        {
          page: 1,
          text: "Jane Doe\nSenior Data Engineer, Frankfurt am Main",
          md: "# Jane Doe\n\nSenior Data Engineer, Frankfurt am Main",
        },
        {
          page: 2,
          text: "Skills: Python, SQL, Kafka, and twelve years of building data platforms for banks",
          md: "Skills: Python, SQL, Kafka, and twelve years of building data platforms for banks",
        },
      ],
      job_metadata: { job_pages: 2, job_is_cache_hit: false },
    });
    const odd = await call(mock, `/api/v1/parsing/job/${id}/result/html`);
    expect(odd).toMatchObject({ status: 404, body: { detail: "Not Found" } });
  });

  it("fails a v1 job with its reason: on the job, and as a 400 for its result", async () => {
    mock.failNextJobs();
    const up = await upload(mock, "v1", form(pdf()));
    expect(up.body.status).toBe("ERROR");
    const id = up.body.id as string;
    expect((await call(mock, `/api/v1/parsing/job/${id}`)).body).toEqual({
      id,
      status: "ERROR",
      error_message: "Internal error while parsing the document (injected by the stand-in)",
    });
    expect(await call(mock, `/api/v1/parsing/job/${id}/result/text`)).toMatchObject({
      status: 400,
      body: { detail: "Job failed: Internal error while parsing the document (injected by the stand-in)" },
    });
    const v2 = await upload(mock, "v2", form(pdf()));
    expect(v2.body).toMatchObject({ status: "COMPLETED", error_message: null });
  });

  it("keeps a job pending while it is queued: no result yet on either API", async () => {
    const queued = await startLlamaParseMock({ queueMs: 600_000 });
    try {
      queued.failNextJobs();
      const v1 = await upload(queued, "v1", form(pdf()));
      expect(v1.body.status).toBe("PENDING");
      // It will fail, but has not run yet: no reason on it.
      expect((await call(queued, `/api/v1/parsing/job/${v1.body.id as string}`)).body).toEqual({
        id: v1.body.id,
        status: "PENDING",
      });
      expect(await call(queued, `/api/v1/parsing/job/${v1.body.id as string}/result/markdown`)).toMatchObject(
        {
          status: 404,
          body: { detail: "Job not completed yet" },
        },
      );
      const v2 = await upload(queued, "v2", form(pdf()));
      const got = await call(queued, `/api/v2/parse/${v2.body.id as string}?expand=markdown,text`);
      expect(Object.keys(got.body)).toEqual(["job"]);
      expect(got.body.job).toMatchObject({ status: "PENDING", error_message: null });
    } finally {
      await queued.close();
    }
  });

  it("fails every job at a fail rate of 1, with the stand-in's reason on the v2 job", async () => {
    const failing = await startLlamaParseMock({ failRate: 1 });
    try {
      const up = await upload(failing, "v2", form(pdf()));
      expect(up.body).toMatchObject({
        status: "FAILED",
        error_message: "Internal error while parsing the document (injected by the stand-in)",
      });
    } finally {
      await failing.close();
    }
  });

  it("answers malformed uploads with 422 naming the field", async () => {
    const missing = { type: "missing", loc: ["body", "file"], msg: "Field required", input: null };
    // No body and no content type.
    const empty = await fetch(`${mock.url}/api/v2/parse/upload`, { method: "POST", headers: auth });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toEqual({ detail: [missing] });
    // Not a multipart body at all.
    expect(await upload(mock, "v2", "file=cv.pdf", { "content-type": "text/plain" })).toMatchObject({
      status: 422,
      body: { detail: [missing] },
    });
    // A file field that is text, not a file.
    expect(await upload(mock, "v1", form("Jane Doe"))).toMatchObject({
      status: 422,
      body: { detail: [missing] },
    });
    expect(await upload(mock, "v2", form(pdf(), "{tier: fast"))).toMatchObject({
      status: 422,
      body: { detail: [{ type: "json_invalid", loc: ["body", "configuration"], msg: "Invalid JSON" }] },
    });
  });

  it("refuses a request without a key, and paths and methods it does not serve", async () => {
    const none = await fetch(`${mock.url}/api/v2/parse/upload`, { method: "POST", body: form(pdf()) });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ detail: "Invalid authentication credentials" });
    const up = await upload(mock, "v2", form(pdf()));
    const id = up.body.id as string;
    expect(await call(mock, `/api/v2/parse/${id}`, { method: "DELETE" })).toMatchObject({
      status: 404,
      body: { detail: "Not Found" },
    });
    expect(await call(mock, "/api/v3/anything")).toMatchObject({
      status: 404,
      body: { detail: "Not Found" },
    });
    expect(await call(mock, "/api/v1/parsing/job/no-such-job/")).toMatchObject({
      status: 404,
      body: { detail: "Job not found" },
    });
    // A trailing slash is the same path.
    expect((await call(mock, `/api/v2/parse/${id}/`)).body).toMatchObject({
      job: { id, status: "COMPLETED" },
    });
  });

  it("answers too many uploads with 429 and no Retry-After when told so", async () => {
    const busy = await startLlamaParseMock({ uploadsPerWindow: 1, windowMs: 600_000, retryAfter: false });
    try {
      expect((await upload(busy, "v2", form(pdf()))).status).toBe(200);
      const again = await upload(busy, "v2", form(pdf()));
      expect(again.status).toBe(429);
      expect(again.headers.get("retry-after")).toBeNull();
      expect(again.body.detail).toBe(
        "Too many requests: the rate limit for uploads was exceeded. Try again later.",
      );
    } finally {
      await busy.close();
    }
  });

  it("keeps serving after an upload cut off mid-way", async () => {
    const { hostname, port } = new URL(mock.url);
    const socket = net.connect(Number(port), hostname);
    await once(socket, "connect");
    socket.write(
      "POST /api/v2/parse/upload HTTP/1.1\r\nHost: mock\r\nAuthorization: Bearer llx-protocol-key\r\n" +
        "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 100000\r\n\r\n--x\r\n",
    );
    const closed = once(socket, "close");
    socket.destroy();
    await closed;
    const up = await upload(mock, "v2", form(pdf()));
    expect(up.body).toMatchObject({ status: "COMPLETED" });
  });
});
