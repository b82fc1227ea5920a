// The optional model verdict on a fit score, against the OpenAI-compatible stand-in (its rules, not
// a script) through the real ChatOpenAI client: a verdict moves the score by at most ±10 and only
// with a CV quote that checks out; a verdict whose quotes are not in the CV is ignored; the same
// inputs give the same score; a 429 with retry-after is waited out; a used-up quota leaves the
// offline score and says so in one sentence.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { renderFitBreakdown, citedLines } from "../../src/answers/fit-breakdown.js";
import { composeVerdicts } from "../../src/compose/profiles.js";
import { loadConfig } from "../../src/config/config.js";
import type { Logger } from "../../src/core/logger.js";
import type { Posting } from "../../src/core/posting.js";
import { FitService } from "../../src/jobs/fit/fit-service.js";
import type { FitBreakdown } from "../../src/jobs/fit/fit-score.js";
import type { Profile } from "../../src/jobs/profiles/profile.js";
import { startRuleOpenAiMock, type OpenAiMock, type OpenAiMockSettings } from "../../src/mock/standins.js";
import { HashingEmbedder } from "../../src/search/hashing.embedder.js";
import { FitScoresRepo } from "../../src/store/fit-scores.repo.js";
import { JobsRepo } from "../../src/store/jobs.repo.js";
import { ProfilesRepo } from "../../src/store/profiles.repo.js";
import { openTestStore, type TestStore } from "../support/stores.js";
import { CV_WEB, givenProfile } from "../support/profiles.js";

let store: TestStore;
let jobs: JobsRepo;
let profiles: ProfilesRepo;
let fits: FitScoresRepo;
const mocks: OpenAiMock[] = [];
let n = 0;

beforeAll(async () => {
  store = await openTestStore("sqlite");
  jobs = new JobsRepo(store.db);
  profiles = new ProfilesRepo(store.db);
  fits = new FitScoresRepo(store.db);
});
afterEach(async () => {
  for (const m of mocks.splice(0)) await m.close();
});
afterAll(async () => {
  await store.close();
});

function posting(title: string, description: string): Posting {
  n++;
  return {
    id: `j_verdict_${n}_${Date.now()}`,
    title,
    company: "Example AG",
    locations: [{ city: "Berlin", country: "DE", lat: 52.52, lon: 13.405 }],
    remoteMode: "hybrid",
    employmentType: "full_time",
    seniority: "unknown",
    language: "en",
    description,
    sources: [{ source: "test", sourceId: `verdict-${n}-${Date.now()}` }],
  };
}

const addJob = (p: Posting) => jobs.insert(p, null, new Date().toISOString());

interface Logged {
  level: string;
  msg: string;
}
function recordingLogger(into: Logged[]): Logger {
  const log = (level: string) => (msg: string) => void into.push({ level, msg });
  const l: Logger = {
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    child: () => l,
  };
  return l;
}

/** A fit service as `jobscout` composes it with OPENAI_* pointed at the stand-in. */
async function withModel(settings: Partial<OpenAiMockSettings> = {}, logged: Logged[] = []) {
  const mock = await startRuleOpenAiMock(settings);
  mocks.push(mock);
  const config = loadConfig({
    OPENAI_API_KEY: "sk-test",
    OPENAI_BASE_URL: mock.url,
    OPENAI_MODEL: "gpt-4o-mini",
  });
  const verdicts = await composeVerdicts(config, recordingLogger(logged));
  expect(verdicts).toBeDefined();
  const fit = new FitService({ profiles, fits, jobs, embedder: new HashingEmbedder(), verdicts });
  return { mock, fit };
}
const offlineService = () => new FitService({ profiles, fits, jobs, embedder: new HashingEmbedder() });

let users = 0;
const person = async (): Promise<Profile> =>
  givenProfile(profiles, { workspaceId: `slack:TV${Date.now()}`, userId: `U${++users}` }, CV_WEB);

const sumOf = (b: FitBreakdown) => b.parts.reduce((s, p) => s + p.points, 0);
const DEV = "We build our shop with PHP, Laravel and React. Docker is a plus.";

describe("fit score with a model verdict", () => {
  it("lets a verdict with checked CV quotes move the score by at most 10, parts adding up, model and prompt stored", async () => {
    const { mock, fit } = await withModel();
    const profile = await person();
    const id = await addJob(posting("Full Stack Developer (m/w/d)", DEV));
    const offline = (await offlineService().scoreJobs(profile, [id])).get(id)!;
    const scored = (await fit.scoreJobs(profile, [id])).get(id)!;

    expect(mock.requests.some((r) => JSON.stringify(r.body.tool_choice).includes("fit_verdict"))).toBe(true);
    expect(scored.verdict).toBeDefined();
    const points = scored.verdict!.points;
    expect(points).not.toBe(0);
    expect(Math.abs(points)).toBeLessThanOrEqual(10);
    expect(scored.total).toBe(offline.total + points);
    expect(sumOf(scored)).toBe(scored.total);
    // Every citation it kept is verbatim in the line it names.
    for (const c of scored.verdict!.citations ?? [])
      expect(profile.lines[c.line - 1]!.text).toContain(c.quote);
    const stored = (await fits.getMany<FitBreakdown>(profile, [id])).get(id)!;
    expect(stored).toMatchObject({ total: scored.total, modelId: "gpt-4o-mini" });
    expect(stored.promptVersion).toMatch(/fit-verdict-v1/);
    const why = renderFitBreakdown(scored, citedLines(scored, profile), "Full Stack Developer");
    expect(why).toContain(
      `+${points}/10  Model verdict: The CV shows 2 of 2 words of the title: stack, developer.`,
    );
    expect(why.match(/L2: “Full Stack Developer”/g)).toHaveLength(3); // two requirements, one verdict line
    expect(why).toContain("L2: “Full Stack Developer”");
  });

  it("ignores a verdict none of whose quotes is in the CV, and says so", async () => {
    const { fit } = await withModel();
    const profile = await person();
    // The stand-in quotes the title as the posting writes it: "full stack developer" is not, letter
    // for letter, in "Full Stack Developer".
    const id = await addJob(posting("full stack developer", DEV));
    const offline = (await offlineService().scoreJobs(profile, [id])).get(id)!;
    const scored = (await fit.scoreJobs(profile, [id])).get(id)!;
    expect(scored.verdict).toBeUndefined();
    expect(scored.verdictNote).toBe("unchecked");
    expect(scored.total).toBe(offline.total);
    expect(scored.parts.some((p) => p.key === "verdict")).toBe(false);
    expect(renderFitBreakdown(scored, {}, "x")).toContain(
      "The model's verdict was ignored: none of its quotes is in your CV.",
    );
  });

  it("gives the same score and breakdown for the same inputs twice", async () => {
    const profile = await person();
    const ids = [
      await addJob(posting("PHP Developer", DEV)),
      await addJob(posting("Data Scientist", "Python, SQL and statistics.")),
    ];
    const a = await (await withModel()).fit.scoreJobs(profile, ids);
    const b = await (await withModel()).fit.scoreJobs(profile, ids);
    expect(a.get(ids[0]!)!.verdict).toBeDefined();
    for (const id of ids) expect(JSON.stringify(b.get(id))).toBe(JSON.stringify(a.get(id)));
  });

  it("waits out a 429 with retry-after and still gives every job its verdict", async () => {
    const { mock, fit } = await withModel({
      limits: { requestsPerMinute: 2, tokensPerMinute: 0, quotaTokens: 0, periodMs: 1000 },
    });
    const profile = await person();
    const ids = [];
    for (const t of ["Full Stack Developer", "React Developer", "Laravel Developer", "PHP Developer"])
      ids.push(await addJob(posting(t, DEV)));
    const scored = await fit.scoreJobs(profile, ids);
    expect(mock.stats.rate_limited ?? 0).toBeGreaterThan(0);
    for (const id of ids) expect(scored.get(id)!.verdict, String(id)).toBeDefined();
  });

  it("scores on without a verdict when the quota is used up, in one clear sentence, and asks again later", async () => {
    const logged: Logged[] = [];
    const { mock, fit } = await withModel(
      { limits: { requestsPerMinute: 0, tokensPerMinute: 0, quotaTokens: 1 } },
      logged,
    );
    const profile = await person();
    const ids = [];
    for (const t of [
      "Full Stack Developer",
      "React Developer",
      "Laravel Developer",
      "Web Developer",
      "PHP Developer",
      "Shop Developer",
    ])
      ids.push(await addJob(posting(t, DEV)));
    // Someone else's run spent the quota just now.
    await fetch(`${mock.url}/chat/completions`, {
      method: "POST",
      headers: { authorization: "Bearer sk-test", "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "hello" }] }),
    });
    const offline = await offlineService().scoreJobs(profile, ids);
    const scored = await fit.scoreJobs(profile, ids);
    for (const id of ids) {
      const b = scored.get(id)!;
      expect(b.verdictNote).toBe("quota");
      expect(b.total).toBe(offline.get(id)!.total);
      expect(b.modelId).toBe("offline");
    }
    // Only the requests already in flight (4 at once) heard the refusal; no job after it was asked.
    expect(mock.stats.insufficient_quota).toBeGreaterThanOrEqual(1);
    expect(mock.requests.length).toBeLessThanOrEqual(1 + 4);
    expect(logged.filter((l) => l.msg.includes("quota"))).toHaveLength(1);
    expect(renderFitBreakdown(scored.get(ids[0]!)!, {}, "x")).toContain(
      "Scored without the model's verdict: its quota is used up.",
    );
    // A score made without the verdict is not final: the next look asks the model again.
    const before = mock.requests.length;
    await fit.scoresFor(profile, [ids[0]!]);
    expect(mock.requests.length).toBeGreaterThan(before);
  });
});
