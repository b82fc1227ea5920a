// What an OpenAI-compatible model's own tool arguments come to (the real ChatOpenAI client against
// the local stand-in, scripted per message): values out of range are brought into range before they
// are stored, an unknown place or board and a malformed schedule are answered with what to do, and a
// member who may not change the workspace's sources is told who may. The offline model never sends
// most of these arguments; a hosted model does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { createChatModel } from "../../src/agents/model.js";
import {
  startOpenAiServer,
  type ChatCompletionRequest,
  type OpenAiServer,
} from "../support/openai-server.js";
import { CV_WEB, givenProfile } from "../support/profiles.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { dropPrefix, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";

const files = replayPerFile();
// The app lives for the whole file (replayPerFile's cleanups run after each test).
const cleanups: Array<() => Promise<void> | void> = [];
type Call = { name: string; args: Record<string, unknown> };
/** The tool calls the model makes for each message the person writes. */
const script = new Map<string, Call[]>();
let server: OpenAiServer;
let app: App;

beforeAll(async () => {
  server = await startOpenAiServer((req: ChatCompletionRequest) => {
    const last = req.messages.at(-1)!;
    if (last.role === "tool") return { text: "Done." };
    const calls = script.get(String(last.content));
    return calls ? { toolCalls: calls } : { text: "Hello." };
  });
  cleanups.push(() => server.close());
  const tmp = tempDir();
  const env = testEnv(tmp.dir, files.server().url, {
    JOBSCOUT_SOURCES: "arbeitnow",
    OPENAI_API_KEY: "sk-test-key-not-real",
    OPENAI_BASE_URL: server.url,
    OPENAI_MODEL: "local-model",
  });
  const config = testConfig(env);
  app = await testApp(config, {
    model: (await createChatModel(config, () => undefined)).model,
    workers: false,
  });
  cleanups.push(
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
  );
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

let threads = 0;
const WS = "ws-tool-args";
const who = (userId: string, o: { isAdmin?: boolean; direct?: boolean; lang?: "de" } = {}) => ({
  workspaceId: WS,
  userId,
  threadId: `t-${++threads}`,
  platform: "slack",
  channel: o.direct === false ? "C1" : "D1",
  direct: o.direct ?? true,
  isAdmin: o.isAdmin ?? true,
  ...(o.lang ? { lang: o.lang } : {}),
});

/** The person writes `text`, the model answers with `calls`; what each tool told the model. */
async function told(
  text: string,
  calls: Call[],
  person: ReturnType<typeof who> = who("U1"),
): Promise<Array<Record<string, unknown>>> {
  script.set(text, calls);
  const before = server.requests.length;
  await app.agent.ask(text, person);
  const followUp = server.requests.slice(before).find((r) => r.body.messages.at(-1)?.role === "tool");
  expect(followUp, `the model was called again with the tools' results for “${text}”`).toBeDefined();
  return followUp!.body.messages
    .filter((m) => m.role === "tool")
    .slice(-calls.length)
    .map((m) => JSON.parse(String(m.content)) as Record<string, unknown>);
}

describe("save_alert with a model's arguments", () => {
  it("keeps an interval of at least 15 minutes and a radius of at most 300 km", async () => {
    const [out] = await told("send me new python jobs in Berlin every 5 minutes please", [
      {
        name: "save_alert",
        args: {
          name: "py",
          keywords: "python",
          place: "Berlin",
          radiusKm: 1000,
          everyMinutes: 5,
          employmentType: "full_time",
          seniority: "senior",
          salaryMin: 60000,
          timeZone: "Europe/Berlin",
        },
      },
    ]);
    expect(out).toMatchObject({ kind: "saved", created: true });
    const [alert] = await app.alerts.list({
      workspaceId: WS,
      userId: "U1",
      platform: "slack",
      isAdmin: true,
    });
    expect(alert!.search.schedule).toEqual({ kind: "every", everyMs: 900_000 });
    expect(alert!.search.query).toMatchObject({
      keywords: "python",
      place: "Berlin",
      radiusKm: 300,
      employmentType: "full_time",
      seniority: "senior",
      salaryMin: 60000,
    });
  });

  it("answers a schedule it cannot read with the ones it can, and an unknown place by name", async () => {
    const [badCron] = await told("a daily digest of nurse jobs", [
      { name: "save_alert", args: { keywords: "nurse", cron: "61 25 * * *", timeZone: "Europe/Berlin" } },
    ]);
    expect(badCron).toEqual({
      error:
        "I can send digests on a weekly or daily time (e.g. “every Monday at 9”, “daily at 8”) or every 15 minutes or more.",
    });
    const [atlantis] = await told("alert me daily about jobs in Xyzzyville", [
      { name: "save_alert", args: { place: "Xyzzyville", timeZone: "Europe/Berlin" } },
    ]);
    expect(atlantis).toEqual({
      error: 'I don\'t know a place called "Xyzzyville". Try a city name, e.g. "Frankfurt".',
    });
    const saved = await app.alerts.list({ workspaceId: WS, userId: "U1", platform: "slack", isAdmin: true });
    expect(saved.map((a) => a.search.name)).toEqual(["py"]);
  });
});

describe("update_profile with a model's arguments", () => {
  it("stores a wanted place within 300 km, a whole salary and a work permit the person denies", async () => {
    const [out] = await told(
      "I want jobs in Berlin within 500 km, at least 60000, I have no EU work permit",
      [
        {
          name: "update_profile",
          args: {
            places: ["Berlin"],
            radiusKm: 500,
            salaryMin: 60000.4,
            workPermit: false,
            remote: "remote_ok",
          },
        },
      ],
    );
    expect(out).toMatchObject({ added: [] });
    const profile = await app.profiles.get({ workspaceId: WS, userId: "U1" });
    expect(profile!.preferences).toEqual({
      places: [expect.objectContaining({ name: "Berlin", radiusKm: 300 })],
      remote: "remote_ok",
      salaryMin: 60000,
      workPermit: false,
    });
  });

  it("names a place it does not know, and asks for something when given nothing", async () => {
    const [unknown] = await told("I want to work in Xyzzyville", [
      { name: "update_profile", args: { places: ["Xyzzyville"] } },
    ]);
    expect(unknown).toEqual({
      error: 'I don\'t know a place called "Xyzzyville". Try a city name, e.g. "Frankfurt".',
    });
    const [nothing] = await told("update my profile", [{ name: "update_profile", args: {} }], who("U2"));
    expect(nothing).toEqual({ error: "Tell me a skill or a preference to add." });
    expect(await app.profiles.get({ workspaceId: WS, userId: "U2" })).toBeUndefined();
  });
});

describe("evaluate_jobs with a model's arguments", () => {
  it("asks for a CV first, then names a place it does not know", async () => {
    const [noCv] = await told(
      "evaluate all jobs in Berlin for me",
      [{ name: "evaluate_jobs", args: { place: "Berlin" } }],
      who("U3"),
    );
    expect(noCv).toEqual({
      error: "I have no profile for you yet: send me your CV (PDF, DOCX or text) first.",
    });
    await givenProfile(app.profiles, { workspaceId: WS, userId: "U3" }, CV_WEB);
    const [atlantis] = await told(
      "evaluate all jobs in Xyzzyville for me",
      [{ name: "evaluate_jobs", args: { place: "Xyzzyville" } }],
      who("U3"),
    );
    expect(atlantis).toEqual({
      error: 'I don\'t know a place called "Xyzzyville". Try a city name, e.g. "Frankfurt".',
    });
  });
});

describe("track_source with a model's arguments", () => {
  it("tracks only a board it recognises, written by the person, for an admin; untracking what is not tracked says so", async () => {
    const [garbled] = await told("track https://boards.greenhouse.io/acme", [
      { name: "track_source", args: { url: "https://[boards.greenhouse.io/acme" } },
    ]);
    expect(String(garbled!.error)).toMatch(
      /^I can't tell which job board https:\/\/\[boards\.greenhouse\.io\/acme is\. I recognise: .*Greenhouse/,
    );
    const [other] = await told("track https://boards.greenhouse.io/acme", [
      { name: "track_source", args: { url: "https://boards.greenhouse.io/evilcorp" } },
    ]);
    expect(other).toEqual({ error: "I track only a URL you wrote in your message yourself." });
    const [member] = await told(
      "track https://boards.greenhouse.io/acme",
      [{ name: "track_source", args: { url: "https://boards.greenhouse.io/acme" } }],
      who("U4", { isAdmin: false, direct: false }),
    );
    expect(String(member!.error)).toMatch(/admin/i);
    const [untracked] = await told("stop tracking https://jobs.lever.co/acme", [
      { name: "track_source", args: { url: "https://jobs.lever.co/acme", action: "untrack" } },
    ]);
    expect(String(untracked!.error)).toMatch(/^This workspace does not track .*acme/i);
    expect(await app.catalog.list(WS)).toEqual([]);
  });
});

describe("a model that changes what the person did not ask for", () => {
  // “save 2” asks to mark one job and nothing else: every other change a model attempts is refused
  // with how to ask for it.
  const RUN =
    "I fetch fresh postings only when you ask me to in your own message, e.g. “refresh python jobs in Berlin”.";
  const ALERT =
    "I set up, pause or delete alerts only when you ask me to in your own message, e.g. “alert me every Monday at 9 about python jobs in Frankfurt”.";
  const PROFILE =
    "I change your profile only when you ask me to in your own message, e.g. “I also know Kubernetes” or “forget my profile”.";
  const LETTER =
    "I draft, change or export letters only when you ask me to in your own message, e.g. “draft a letter for job 2”.";
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ["evaluate_jobs", { place: "Berlin" }, RUN],
    ["start_run", { keywords: "python" }, RUN],
    ["save_alert", { keywords: "python", timeZone: "Europe/Berlin" }, ALERT],
    ["change_alert", { action: "delete", alert: "all" }, ALERT],
    ["update_profile", { addSkills: ["Kubernetes"] }, PROFILE],
    ["forget_profile", {}, PROFILE],
    ["draft_letter", { jobId: "j_1" }, LETTER],
    ["draft_letters", { jobIds: ["j_1", "j_2"] }, LETTER],
    ["export_applications", { format: "csv" }, LETTER],
    ["letter_action", { action: "edit", text: "I led 40 engineers." }, LETTER],
    [
      "letter_action",
      { action: "approve" },
      "I approve a letter only when you say so in your own message, e.g. “approve” or the Approve button.",
    ],
    [
      "send_application",
      { to: "jobs@example.com" },
      "I send mail only when you ask me to in your own message, e.g. “send the letter to jobs@example.com”.",
    ],
    [
      "team",
      { action: "settings", team: true },
      "I change channel settings, roles or the team's marks only when you ask me to in your own message, e.g. “make this a team channel” or “I'll apply to 2”.",
    ],
  ];
  it.each(cases.map((c, i) => [...c, i] as const))("%s %j is refused", async (name, args, refusal, i) => {
    const person = who("U5", { direct: false });
    const [out] = await told(`save 2 (case ${i})`, [{ name, args }], person);
    expect(out).toEqual({ error: refusal });
  });

  it("changed nothing", async () => {
    const actor = { workspaceId: WS, userId: "U5", platform: "slack", isAdmin: true };
    expect(await app.alerts.list(actor)).toEqual([]);
    expect(await app.profiles.get({ workspaceId: WS, userId: "U5" })).toBeUndefined();
    expect(await app.runs.latest(WS, 10)).toEqual([]);
  });
});

describe("team with a model's arguments", () => {
  it("keeps a channel's default radius within 300 km, clears blank keywords, and says what is missing in the person's language", async () => {
    const admin = who("U6", { direct: false });
    const [settings] = await told(
      "make this a team channel: default radius 1000 km, no keywords",
      [{ name: "team", args: { action: "settings", radiusKm: 1000, keywords: "   " } }],
      admin,
    );
    expect(settings).toMatchObject({ kind: "channel", channel: "C1", defaults: { radiusKm: 300 } });
    expect((settings as { defaults: Record<string, unknown> }).defaults.keywords).toBeUndefined();
    const [unknown] = await told(
      "set this channel's default place to Xyzzyville",
      [{ name: "team", args: { action: "settings", place: "Xyzzyville" } }],
      admin,
    );
    expect(unknown).toEqual({
      error: 'I don\'t know a place called "Xyzzyville". Try a city name, e.g. "Frankfurt".',
    });
    const [grant] = await told("make someone an admin", [{ name: "team", args: { action: "grant" } }], admin);
    expect(grant).toEqual({ error: "Say whom and which role, e.g. “make @ana an admin”." });
    const [mark] = await told("ich bewerbe mich", [{ name: "team", args: { action: "mark" } }], {
      ...admin,
      lang: "de",
    });
    expect(mark).toEqual({ error: "Sag, welcher Job, z. B. „ich bewerbe mich auf 2“." });
  });
});
