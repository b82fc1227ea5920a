// JOBSCOUT_CV_PARSER=llamaparse: CVs are read by LlamaParse through its official client, pointed at
// the local stand-in (LLAMA_CLOUD_BASE_URL) — real uploads, polling and failures; plain text and files
// that are no CV never leave the machine; every failure is answered with what to do.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import type { App } from "../../src/compose/app.js";
import { loadConfig } from "../../src/config/config.js";
import { startLlamaParseMock, type LlamaParseMock } from "../../src/mock/standins.js";
import { CV_DE, CV_EN, docxWithText, pdfWithText, SLACK_LOGIN_PAGE } from "../support/documents.js";
import { startTestApp } from "../support/harness.js";
import { terminalTurn } from "../support/turns.js";

const KEY = "llx-test-cv-key";
const dir = mkdtempSync(path.join(os.tmpdir(), "cv-llama-"));
const cleanups: Array<() => Promise<void> | void> = [];
let mock: LlamaParseMock;
let app: App;

beforeAll(async () => {
  mock = await startLlamaParseMock({ apiKeys: [KEY], msPerPage: 100 });
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => mock.close(),
  );
  app = await startTestApp(
    "http://127.0.0.1:9",
    {
      JOBSCOUT_CV_PARSER: "llamaparse",
      LLAMA_CLOUD_API_KEY: KEY,
      LLAMA_CLOUD_BASE_URL: mock.url,
      JOBSCOUT_JOB_ATTEMPTS: "1",
    },
    cleanups,
  );
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

function fileTurn(user: string, name: string, bytes: Buffer | string): ChatTurn {
  const file = path.join(dir, `${user}-${name}`);
  writeFileSync(file, bytes);
  return terminalTurn(`t-${user}`, "", [{ name, url: pathToFileURL(file).href }], user);
}

describe("CVs read by LlamaParse", () => {
  it("uploads a PDF and a DOCX to LlamaParse and keeps the text it returns as the profile's lines", async () => {
    const pdf = await app.chat.handleTurn(fileTurn("u1", "jane.pdf", pdfWithText(CV_EN)));
    expect(pdf.text).toMatch(/I read your CV “jane.pdf” \(11 lines\)/);
    expect(pdf.text).toMatch(/Skills: Python \(L4, L9\)/);
    const docx = await app.chat.handleTurn(fileTurn("u2", "lebenslauf.docx", docxWithText(CV_DE)));
    expect(docx.text).toMatch(/„lebenslauf.docx“ \(8 Zeilen\)/);
    expect(mock.uploads.map((u) => u.name)).toEqual(["jane.pdf", "lebenslauf.docx"]);
    expect(mock.uploads.every((u) => u.api === "v2")).toBe(true);
  });

  it("reads plain text itself and refuses a login page before anything is uploaded", async () => {
    const before = mock.uploads.length;
    const text = await app.chat.handleTurn(fileTurn("u3", "cv.md", CV_EN.join("\n")));
    expect(text.text).toMatch(/I read your CV “cv.md” \(11 lines\)/);
    const page = await app.chat.handleTurn(fileTurn("u4", "cv.pdf", SLACK_LOGIN_PAGE));
    expect(page.text).toMatch(/web page instead of “cv.pdf”/);
    expect(mock.uploads.length).toBe(before);
  });

  it("answers a job LlamaParse fails with what to do, and keeps no profile", async () => {
    mock.failNextJobs(1);
    const r = await app.chat.handleTurn(fileTurn("u5", "cv.pdf", pdfWithText(CV_EN)));
    expect(r.run?.status).toBe("failed");
    expect(r.text).toMatch(
      /I couldn't read “cv.pdf” \(Internal error.*\)\. Export it again, or send a DOCX or plain text/,
    );
    expect(await app.profiles.get({ workspaceId: "local", userId: "u5" })).toBeUndefined();
  });

  it("tells the person the service refused the key (not the key itself) when LlamaParse answers 401", async () => {
    const other = await startTestApp(
      "http://127.0.0.1:9",
      {
        JOBSCOUT_CV_PARSER: "llamaparse",
        LLAMA_CLOUD_API_KEY: "llx-revoked",
        LLAMA_CLOUD_BASE_URL: mock.url,
        JOBSCOUT_JOB_ATTEMPTS: "1",
      },
      cleanups,
    );
    const r = await other.chat.handleTurn(fileTurn("u6", "cv.pdf", pdfWithText(CV_EN)));
    expect(r.text).toMatch(/document service refused jobscout's key.*LLAMA_CLOUD_API_KEY/);
    expect(r.text).not.toContain("llx-revoked");
  });

  it("refuses to start with llamaparse and no key, naming the variable", () => {
    expect(() => loadConfig({ JOBSCOUT_CV_PARSER: "llamaparse" }, dir)).toThrow(
      /JOBSCOUT_CV_PARSER: llamaparse needs LLAMA_CLOUD_API_KEY/,
    );
  });
});
