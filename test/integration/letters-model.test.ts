// Cover letters written by an OpenAI-compatible model (the real ChatOpenAI against the local
// stand-in, which writes letters by rules from the request): the model gets only the chosen CV
// lines and the posting, its draft is checked like any other, an invented claim is marked and
// blocks approval and export, a 429 is retried after its retry-after, and an exhausted quota is said
// in one sentence with the template letter instead. The chat model itself is the offline one, so
// only letters go to the stand-in.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { OfflineChatModel } from "../../src/agents/offline-model.js";
import { createPlaceLookup } from "../../src/agents/place-lookup.js";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import type { App } from "../../src/compose/app.js";
import { resolvePlace } from "../../src/core/geo/gazetteer.js";
import { INVENTED_CLAIM } from "../../src/mock/openai/letter-rule.js";
import { contentText, type ChatCompletionRequest } from "../../src/mock/openai/protocol.js";
import { startRuleOpenAiMock, type OpenAiMock, type OpenAiMockSettings } from "../../src/mock/standins.js";
import { CV_EN } from "../support/documents.js";
import { startTestApp } from "../support/harness.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { terminalTurn } from "../support/turns.js";

const { server: replay, cleanups } = replayPerFile();
const mocks: OpenAiMock[] = [];
afterEach(async () => {
  for (const m of mocks.splice(0)) await m.close();
});

const turn = (text: string, files: ChatTurn["files"] = []) => terminalTurn("t-model", text, files);

async function appWithModel(
  settings: Partial<OpenAiMockSettings> = {},
  inventRate = 0,
  env: Record<string, string> = {},
): Promise<{ app: App; mock: OpenAiMock; say(text: string): ReturnType<App["chat"]["handleTurn"]> }> {
  const mock = await startRuleOpenAiMock(settings, 0, "127.0.0.1", [], { inventRate });
  mocks.push(mock);
  const app = await startTestApp(
    replay().url,
    {
      OPENAI_API_KEY: "sk-letters-test",
      OPENAI_BASE_URL: mock.url,
      OPENAI_MODEL: "gpt-4o-mini",
      // Fit verdicts would share the stand-in's limits and request log; fit-verdict.test.ts has them.
      JOBSCOUT_FIT_VERDICT: "off",
      ...env,
    },
    cleanups,
    { model: new OfflineChatModel({ lookupPlace: createPlaceLookup((n) => resolvePlace(n)) }) },
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), "cv-"));
  writeFileSync(path.join(dir, "cv.txt"), `${CV_EN.join("\n")}\n`);
  const read = await app.chat.handleTurn(
    turn("", [{ name: "cv.txt", url: pathToFileURL(path.join(dir, "cv.txt")).href }]),
  );
  expect(read.text).toMatch(/I read your CV/);
  const say = (text: string) => app.chat.handleTurn(turn(text));
  expect((await say("refresh jobs in Berlin")).jobs.length).toBeGreaterThan(1);
  return { app, mock, say };
}

const OWNER = { workspaceId: "local", userId: "me" };
// The letter follows the posting's language; the stand-in's words and the templates' per language.
const MODEL_WORDS = {
  en: /I am writing to apply for the role of /,
  de: /mit großem Interesse bewerbe ich mich/,
};
const FORMAL = {
  en: "I would welcome the opportunity of a personal interview.",
  de: "Für ein persönliches Gespräch stehe ich Ihnen sehr gern zur Verfügung.",
};
const TEMPLATE_WORDS = {
  en: /I am applying for the position of /,
  de: /hiermit bewerbe ich mich um die Stelle als /,
};
const stored = async (app: App, id: string) => (await app.letters.get(OWNER, id))!;

const letterAsk = (r: ChatCompletionRequest) =>
  JSON.parse(contentText(r.messages.at(-1)?.content)) as {
    facts: Array<{ id: string; text: string }>;
    tone: string;
    length: string;
    posting: string;
  };

describe("letters written by a model", () => {
  it("sends only the chosen facts, checks the draft and stores the model and prompt version", async () => {
    const { app, mock, say } = await appWithModel();
    const draft = await say("draft a formal letter for job 2, short");
    expect(draft.letter).toBeDefined();
    const letter = await stored(app, draft.letter!.id);
    // The stand-in's words, not the templates', in the asked tone.
    expect(draft.text).toMatch(MODEL_WORDS[letter.lang]);
    expect(draft.text).toContain(FORMAL[letter.lang]);
    expect(draft.text).toMatch(/Every statement is backed by your CV or the posting/);

    expect(mock.requests).toHaveLength(1);
    const ask = letterAsk(mock.requests[0]!.body);
    expect(ask.tone).toBe("formal");
    expect(ask.length).toBe("short");
    expect(ask.facts.length).toBeGreaterThan(0);
    expect(ask.facts.length).toBeLessThanOrEqual(2);
    expect(letter.model).toBe("gpt-4o-mini");
    expect(letter.promptVersion).toBe("letter-1");
    // What the model saw of the CV is exactly what the letter cites (besides the name line).
    expect(letter.cited.slice(1)).toEqual(ask.facts.map((f) => ({ id: f.id, text: f.text })));
    const sent = JSON.stringify(mock.requests[0]!.body.messages);
    for (const line of CV_EN.slice(1))
      if (!ask.facts.some((f) => f.text === line))
        expect(sent).not.toContain(JSON.stringify(line).slice(1, -1));

    const ok = await say("approve");
    expect(ok.text).toMatch(/Approved\./);
  });

  it("marks a claim the model invented, refuses plain approval and keeps it out of the export", async () => {
    const { app, say } = await appWithModel({}, 1);
    const draft = await say("draft a letter for job 2");
    const lang = (await stored(app, draft.letter!.id)).lang;
    expect(draft.text).toContain(`${INVENTED_CLAIM[lang]} ⚠️ [not in your CV or the posting:`);
    expect(draft.text).toMatch(/cannot be exported or sent/);
    expect(draft.buttons.map((b) => b.action)).toEqual([
      "letter_approve_anyway",
      "letter_edit",
      "letter_regenerate",
    ]);
    expect((await say("approve")).text).toMatch(/One sentence is not backed by your CV/);
    await say("save 2");
    const exported = await say("export my applications as csv");
    const csv = readFileSync(/to (\S+\.csv)/.exec(exported.text)![1]!, "utf8");
    expect(csv).not.toContain("Globex");
  });

  it("waits out a 429 and retries; an exhausted quota gives the template letter and one sentence", async () => {
    // One request per 1.5 s: the second letter at once gets 429 with retry-after and is retried.
    const limited = await appWithModel({
      limits: { requestsPerMinute: 1, tokensPerMinute: 0, quotaTokens: 0, periodMs: 1500 },
    });
    await limited.say("draft a letter for job 1");
    const second = await limited.say("draft a letter for job 2");
    expect(limited.mock.stats.rate_limited).toBeGreaterThanOrEqual(1);
    expect(limited.mock.stats.answered).toBe(2);
    expect(second.text).toMatch(MODEL_WORDS[(await stored(limited.app, second.letter!.id)).lang]);
    expect(second.text).not.toMatch(/templates instead/);

    // A quota of one letter: the second is refused for good, not retried, and written offline.
    const quota = await appWithModel({
      limits: { requestsPerMinute: 0, tokensPerMinute: 0, quotaTokens: 1 },
    });
    await quota.say("draft a letter for job 1");
    const fallback = await quota.say("draft a letter for job 2");
    expect(quota.mock.stats.insufficient_quota).toBe(1);
    expect(fallback.text.split("\n\n")[0]).toBe(
      "The language model's quota is used up, so I wrote this letter from my templates instead; the operator can add credit or change OPENAI_API_KEY.",
    );
    const offline = await stored(quota.app, fallback.letter!.id);
    expect(fallback.text).toMatch(TEMPLATE_WORDS[offline.lang]);
    expect(offline.model).toBe("offline");
    expect(offline.report.supported).toBe(true);
  });

  it("drafts letters for the top 3 of the list, a bounded number at once, each with its own buttons", async () => {
    const { app, mock, say } = await appWithModel({ latency: { medianMs: 300 } }, 0, {
      JOBSCOUT_LETTER_CONCURRENCY: "2",
    });
    const list = await say("jobs in Berlin");
    const top = list.jobs.slice(0, 3);
    expect(top).toHaveLength(3);
    const reply = await say("draft letters for the top 3");
    expect(mock.requests).toHaveLength(3);
    expect(mock.stats.max_in_flight).toBeLessThanOrEqual(2);
    expect(reply.text).toMatch(/^3 drafts, each waiting for your approval/);
    top.forEach((job, i) =>
      expect(reply.text).toContain(`${i + 1}. Draft cover letter for ${job.title} at ${job.company}:`),
    );
    expect(reply.buttons.map((b) => b.label)).toEqual(
      [1, 2, 3].flatMap((n) => [`Approve #${n}`, `Edit #${n}`, `Regenerate #${n}`]),
    );
    // Each letter's buttons act on that letter: approving #2 approves job 2's letter only.
    const approve2 = reply.buttons.find((b) => b.label === "Approve #2")!;
    const pressed = await app.chat.handleAction({
      ...turn(""),
      kind: approve2.action,
      value: approve2.value,
    });
    expect(pressed.text).toContain(`Draft cover letter for ${top[1]!.title} at ${top[1]!.company}:`);
    expect(pressed.text).toMatch(/Approved\./);
    const approved = await app.letters.approvedByJob(OWNER);
    expect([...approved.keys()]).toEqual([top[1]!.id]);
  });
});
