// The Slack surface over the HTTP Events API: the real @slack/bolt receiver and @slack/web-api
// client against the local fake Slack, the real agent, store, queue and search, job sites replayed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { startSlackSurface, type SlackSurface } from "../../src/bot/slack/slack.surface.js";
import { dropPrefix, eventually, tempDir, testApp, testConfig, testEnv } from "../support/harness.js";
import { startOpenAiServer } from "../support/openai-server.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";
import {
  buttonPress,
  channelMessageEvent,
  commandPayload,
  eventEnvelope,
  mentionEvent,
  SlackSender,
  slackTs,
  startSlackServer,
  type FakeMessage,
  type SlackServer,
} from "../support/slack-server.js";

const SECRET = "test-signing-secret";
let replay: ReplayServer;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  replay = await startReplayServer();
});
afterAll(async () => replay.close());
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Setup {
  app: App;
  slack: SlackServer;
  surface: SlackSurface;
  send: SlackSender;
}

async function setup(extra: Record<string, string> = {}): Promise<Setup> {
  const slack = await startSlackServer({
    users: [
      { id: "UALICE", name: "alice" },
      { id: "UBOB", name: "bob" },
      { id: "UCAROL", name: "carol", is_admin: true },
    ],
  });
  cleanups.push(() => slack.close());
  const tmp = tempDir();
  const env = testEnv(tmp.dir, replay.url, {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    SLACK_PORT: "0",
    ...extra,
  });
  const app = await testApp(testConfig(env));
  cleanups.push(
    tmp.remove,
    () => dropPrefix(env.JOBSCOUT_QUEUE_PREFIX),
    () => app.close(),
  );
  const surface = await startSlackSurface(app);
  cleanups.push(() => surface.stop());
  const send = new SlackSender(`http://127.0.0.1:${surface.port}/slack/events`, SECRET);
  return { app, slack, surface, send };
}

const isProgress = (m: FakeMessage) => m.blocks[0]?.block_id === "run-progress";
const buttonsOf = (m: FakeMessage) =>
  m.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string }>);
const cardIds = (m: FakeMessage) =>
  buttonsOf(m)
    .filter((b) => b.action_id === "job_save")
    .map((b) => b.value);

/** Mention the bot in a channel; resolves with the answer that carries job cards (or any answer with `text`). */
async function ask(
  s: Setup,
  o: { user: string; text: string; channel?: string; teamId?: string; threadTs?: string },
  answered: (m: FakeMessage) => boolean = (m) => cardIds(m).length > 0,
): Promise<{ ts: string; answer: FakeMessage }> {
  const channel = o.channel ?? "C0JOBS";
  const ts = slackTs();
  const res = await s.send.event(
    eventEnvelope({
      teamId: o.teamId ?? s.slack.teamId,
      botUserId: s.slack.botUserId,
      event: mentionEvent({ ...o, channel, botUserId: s.slack.botUserId, ts }),
    }),
  );
  expect(res.status).toBe(200);
  const thread = o.threadTs ?? ts;
  const answer = await eventually(
    () => s.slack.thread(channel, thread).find((m) => m.ts !== thread && !isProgress(m) && answered(m)),
    60_000,
  );
  return { ts: thread, answer };
}

describe("Slack over the HTTP Events API", () => {
  it("answers a mention in its thread with job cards and buttons, after one progress message edited in place", async () => {
    const s = await setup();
    const { ts, answer } = await ask(s, { user: "UALICE", text: "find me jobs in Berlin" });

    const inThread = s.slack.callsTo("chat.postMessage");
    expect(inThread.length).toBeGreaterThanOrEqual(2);
    for (const c of inThread) expect(c.args.thread_ts).toBe(ts);

    // Five cards: title linked, Berlin, and the three buttons carrying the job id.
    const sections = answer.blocks
      .filter((b) => b.type === "section")
      .map((b) => (b.text as { text: string }).text);
    const cards = sections.filter((t) => /^\d\. \*<https:\/\//.test(t));
    expect(cards.length).toBe(5);
    for (const c of cards) expect(c).toMatch(/Berlin/);
    const ids = cardIds(answer);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) {
      for (const action of ["job_details", "job_hide"]) {
        expect(buttonsOf(answer)).toContainEqual(expect.objectContaining({ action_id: action, value: id }));
      }
    }
    const stored = await Promise.all(
      ids.map((id) => s.app.jobActions.details({ workspaceId: "slack:T0FAKE", userId: "UALICE" }, id)),
    );
    for (const [i, d] of stored.entries()) expect(cards[i]).toContain(d.card.title.replace(/&/g, "&amp;"));
    expect(buttonsOf(answer)).toContainEqual(expect.objectContaining({ action_id: "jobs_more" }));
    expect(answer.text).toMatch(/Berlin/); // the notification fallback

    // One progress message, before the answer, edited in place to the run's final state.
    const progress = s.slack.thread("C0JOBS", ts).filter(isProgress);
    expect(progress.length).toBe(1);
    expect(Number(progress[0]!.ts)).toBeLessThan(Number(answer.ts));
    await eventually(() => progress[0]!.text.startsWith("Fetched fresh postings"));
    expect(progress[0]!.edits).toBeGreaterThanOrEqual(1);
    expect(s.slack.callsTo("chat.update").every((c) => c.args.ts === progress[0]!.ts)).toBe(true);
    expect(progress[0]!.text).toMatch(/Arbeitnow: 105\b/);

    expect(s.slack.rejected).toEqual([]);
    expect((await s.app.runs.latest("slack:T0FAKE", 10)).length).toBe(1);
  });

  it("acks a slash command and a mention while a slow model is still working; the answers come afterwards", async () => {
    const model = await startOpenAiServer(() => ({ text: "Slow but sure: no jobs yet." }), { delayMs: 5000 });
    cleanups.push(() => model.close());
    const s = await setup({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: model.url });

    const command = await s.send.command(
      commandPayload({
        teamId: s.slack.teamId,
        user: "UALICE",
        channel: "C0JOBS",
        text: "find me jobs in Frankfurt",
        responseUrl: s.slack.responseUrl(),
      }),
    );
    const ts = slackTs();
    const mention = await s.send.event(
      eventEnvelope({
        teamId: s.slack.teamId,
        botUserId: s.slack.botUserId,
        event: mentionEvent({
          user: "UBOB",
          channel: "C0OTHER",
          text: "jobs in Berlin",
          botUserId: s.slack.botUserId,
          ts,
        }),
      }),
    );
    // Acked (Bolt answers 404 to a command not acked within 3 s) before either answer exists.
    expect(command.status).toBe(200);
    const ack = JSON.parse(command.body) as { response_type: string; text: string };
    expect(ack.response_type).toBe("ephemeral");
    expect(ack.text).toMatch(/Looking/);
    expect(mention.status).toBe(200);
    const answers = () =>
      s.slack.callsTo("chat.postMessage").filter((c) => String(c.args.text).includes("Slow but sure"));
    expect(answers()).toEqual([]);

    await eventually(() => answers().length === 2, 30_000);
    // The command's question went to the channel; the answer is in its thread (and shown in the channel).
    const anchor = s.slack
      .callsTo("chat.postMessage")
      .find((c) => String(c.args.text).includes("asked: find me jobs in Frankfurt"));
    expect(anchor?.args.thread_ts).toBeUndefined();
    const anchorTs = anchor!.response.ts as string;
    const commandAnswer = answers().find((c) => c.args.channel === "C0JOBS")!;
    expect(commandAnswer.args).toMatchObject({ thread_ts: anchorTs, reply_broadcast: "true" });
    expect(answers().find((c) => c.args.channel === "C0OTHER")?.args.thread_ts).toBe(ts);
    expect(model.requests.length).toBe(2);
  });

  it("starts one turn and one run for an event Slack delivers three times (retries 1 and 2, same event_id)", async () => {
    const s = await setup();
    const ts = slackTs();
    const envelope = eventEnvelope({
      teamId: s.slack.teamId,
      botUserId: s.slack.botUserId,
      event: mentionEvent({
        user: "UALICE",
        channel: "C0JOBS",
        text: "find me jobs in Berlin",
        botUserId: s.slack.botUserId,
        ts,
      }),
    });
    const deliveries = [
      await s.send.event(envelope),
      await s.send.event(envelope, { retryNum: 1 }),
      await s.send.event(envelope, { retryNum: 2 }),
    ];
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    await eventually(() => s.slack.thread("C0JOBS", ts).some((m) => cardIds(m).length > 0), 60_000);
    // A later message in the same thread is answered after any duplicate turn would have been.
    await ask(s, { user: "UALICE", text: "status", threadTs: ts }, (m) => /Run [0-9a-f]{8}/.test(m.text));

    const thread = s.slack.thread("C0JOBS", ts);
    expect(thread.filter((m) => cardIds(m).length > 0).length).toBe(1);
    expect(thread.filter(isProgress).length).toBe(1);
    expect(thread.filter((m) => !isProgress(m)).length).toBe(2);
    expect((await s.app.runs.latest("slack:T0FAKE", 10)).length).toBe(1);
  });

  it("answers plain channel messages only after a channel admin says so, and mentions only again after", async () => {
    const s = await setup();
    const channel = "C0PLAIN";
    const plain = async (user: string, text: string) => {
      const ts = slackTs();
      const res = await s.send.event(
        eventEnvelope({
          teamId: s.slack.teamId,
          botUserId: s.slack.botUserId,
          event: channelMessageEvent({ user, channel, text, ts }),
        }),
      );
      expect(res.status).toBe(200);
      return ts;
    };
    const said = (re: RegExp) => (m: FakeMessage) => re.test(m.text);
    const before = await plain("UBOB", "find me jobs in Berlin");
    await ask(
      s,
      { user: "UALICE", channel, text: "answer every message in this channel" },
      said(/^Only workspace admins can change a channel's settings\./),
    );
    await ask(
      s,
      { user: "UCAROL", channel, text: "answer every message in this channel" },
      said(/I answer every message\./),
    );
    const answered = await plain("UBOB", "find me jobs in Berlin");
    const cards = await eventually(
      () => s.slack.thread(channel, answered).find((m) => cardIds(m).length > 0),
      60_000,
    );
    expect(cardIds(cards).length).toBeGreaterThan(0);
    await ask(
      s,
      { user: "UCAROL", channel, text: "answer only when mentioned" },
      said(/I answer only when mentioned\./),
    );
    const after = await plain("UBOB", "find me jobs in Berlin");
    // Events reach the listeners in order: once a later mention is answered, the plain message was
    // seen; stopping then drains every turn the surface started.
    await ask(s, { user: "UBOB", channel, text: "help" }, said(/./));
    await s.surface.stop();
    expect(s.slack.thread(channel, before)).toEqual([]);
    expect(s.slack.thread(channel, after)).toEqual([]);
  }, 120_000);

  it("in a team channel the cards' “I'll apply” button marks the job for the presser, and the channel's next cards show it", async () => {
    const s = await setup();
    const channel = "C0TEAMB";
    await ask(s, { user: "UCAROL", channel, text: "make this a team channel" }, (m) =>
      /is a team channel/.test(m.text),
    );
    const first = await ask(s, { user: "UALICE", channel, text: "find me jobs in Berlin" });
    const [jobId] = cardIds(first.answer);
    const res = await s.send.interaction(
      buttonPress({
        message: first.answer,
        actionId: "job_claim",
        value: jobId!,
        user: "UBOB",
        teamId: s.slack.teamId,
        responseUrl: s.slack.responseUrl(),
      }),
    );
    expect(res.status).toBe(200);
    const reply = await eventually(() => s.slack.callsTo("chat.postEphemeral")[0]);
    expect(reply.args).toMatchObject({ channel, user: "UBOB" });
    expect(String(reply.args.text)).toMatch(/^You claimed \(will apply\) /);
    const again = await ask(s, { user: "UALICE", channel, text: "find me jobs in Berlin" });
    expect(JSON.stringify(again.answer.blocks)).toContain("Team: claimed by <@UBOB>");
  }, 120_000);

  it("“Not for me” hides a job for the presser only; Save and Details answer only the presser; forged presses are refused", async () => {
    const s = await setup();
    const first = await ask(s, { user: "UALICE", text: "find me jobs in Berlin" });
    const [hideId, saveId] = cardIds(first.answer);
    const press = async (user: string, actionId: string, value: string) => {
      const before = s.slack.callsTo("chat.postEphemeral").length;
      const res = await s.send.interaction(
        buttonPress({
          message: first.answer,
          actionId,
          value,
          user,
          teamId: s.slack.teamId,
          responseUrl: s.slack.responseUrl(),
        }),
      );
      expect(res.status).toBe(200);
      const reply = await eventually(() => s.slack.callsTo("chat.postEphemeral")[before]);
      expect(reply.args).toMatchObject({ channel: "C0JOBS", user, thread_ts: first.ts });
      return String(reply.args.text);
    };
    expect(await press("UALICE", "job_hide", hideId!)).toMatch(/won't show you/);
    expect(await press("UALICE", "job_save", saveId!)).toMatch(/^Saved/);
    const details = await press("UALICE", "job_details", saveId!);
    expect(details).toMatch(/Apply: https:\/\//);

    // A press signed with another secret is refused (401) and changes nothing for Bob.
    const forger = new SlackSender(`http://127.0.0.1:${s.surface.port}/slack/events`, "not-the-secret");
    const forged = await forger.interaction(
      buttonPress({
        message: first.answer,
        actionId: "job_hide",
        value: saveId!,
        user: "UBOB",
        teamId: s.slack.teamId,
        responseUrl: s.slack.responseUrl(),
      }),
    );
    expect(forged.status).toBe(401);

    const again = await ask(s, { user: "UALICE", text: "find me jobs in Berlin" });
    expect(cardIds(again.answer)).not.toContain(hideId);
    const bob = await ask(s, { user: "UBOB", text: "find me jobs in Berlin" });
    expect(cardIds(bob.answer)).toContain(hideId);
    expect(cardIds(bob.answer)).toContain(saveId);

    const saved = (m: FakeMessage) => /saved jobs/.test(m.text);
    const savedTitle = (
      await s.app.jobActions.details({ workspaceId: "slack:T0FAKE", userId: "UALICE" }, saveId!)
    ).card.title;
    expect((await ask(s, { user: "UALICE", text: "my saved jobs" }, saved)).answer.text).toContain(
      savedTitle.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
    );
    expect((await ask(s, { user: "UBOB", text: "my saved jobs" }, saved)).answer.text).toMatch(
      /no saved jobs/,
    );
    // Nothing was posted to the channel for the presses: only the threads' own answers.
    expect(s.slack.rejected).toEqual([]);
  });

  it("“More” continues the thread for everyone with the next cards of that search", async () => {
    const s = await setup();
    const first = await ask(s, { user: "UALICE", text: "find me jobs in Berlin" });
    const res = await s.send.interaction(
      buttonPress({
        message: first.answer,
        actionId: "jobs_more",
        user: "UBOB",
        teamId: s.slack.teamId,
        responseUrl: s.slack.responseUrl(),
      }),
    );
    expect(res.status).toBe(200);
    const next = await eventually(() =>
      s.slack.thread("C0JOBS", first.ts).find((m) => m.ts !== first.answer.ts && cardIds(m).length > 0),
    );
    const heads = next.blocks
      .filter((b) => b.type === "section")
      .map((b) => (b.text as { text: string }).text)
      .filter((t) => /^\d+\. \*</.test(t));
    expect(heads[0]).toMatch(/^6\. /);
    expect(cardIds(next).some((id) => cardIds(first.answer).includes(id))).toBe(false);
    expect(s.slack.callsTo("chat.postEphemeral")).toEqual([]);
  });

  it("keeps workspaces apart: another team sees neither the runs nor the saved jobs of the first", async () => {
    const s = await setup();
    const first = await ask(s, { user: "UALICE", text: "find me jobs in Berlin", teamId: "TTEAMA" });
    await s.send.interaction(
      buttonPress({
        message: first.answer,
        actionId: "job_save",
        value: cardIds(first.answer)[0]!,
        user: "UALICE",
        teamId: "TTEAMA",
        responseUrl: s.slack.responseUrl(),
      }),
    );
    await eventually(() => s.slack.callsTo("chat.postEphemeral").length === 1);
    const text = (m: FakeMessage) => m.text.length > 0;

    // Team B, same user id even: no runs, no saved jobs.
    const status = await s.send.command(
      commandPayload({
        teamId: "TTEAMB",
        user: "UALICE",
        channel: "C0B",
        text: "status",
        responseUrl: s.slack.responseUrl(),
      }),
    );
    expect(status.status).toBe(200);
    const statusAnswer = await eventually(() =>
      s.slack.callsTo("chat.postMessage").find((c) => c.args.channel === "C0B" && c.args.thread_ts),
    );
    expect(String(statusAnswer.args.text)).toMatch(/No runs yet/);
    const savedB = await ask(
      s,
      { user: "UALICE", text: "my saved jobs", teamId: "TTEAMB", channel: "C0B" },
      text,
    );
    expect(savedB.answer.text).toMatch(/no saved jobs/);
    const savedA = await ask(s, { user: "UALICE", text: "my saved jobs", teamId: "TTEAMA" }, text);
    expect(savedA.answer.text).toMatch(/Your saved jobs/);

    expect((await s.app.runs.latest("slack:TTEAMA", 10)).length).toBe(1);
    expect((await s.app.runs.latest("slack:TTEAMB", 10)).length).toBe(0);
  });

  it("/jobs help answers in the ack without the model; /jobs run fetches fresh postings even when the index has them", async () => {
    const s = await setup();
    const help = await s.send.command(
      commandPayload({
        teamId: s.slack.teamId,
        user: "UBOB",
        channel: "C0JOBS",
        text: "help",
        responseUrl: s.slack.responseUrl(),
      }),
    );
    expect(help.status).toBe(200);
    const ack = JSON.parse(help.body) as { response_type: string; text: string };
    expect(ack.response_type).toBe("ephemeral");
    expect(ack.text).toMatch(/\/jobs run/);
    expect(s.slack.callsTo("chat.postMessage")).toEqual([]);

    // A channel the bot is not in: the user is told how to fix it, ephemerally, and nothing runs.
    s.slack.fail("chat.postMessage", "not_in_channel");
    const outside = await s.send.command(
      commandPayload({
        teamId: s.slack.teamId,
        user: "UBOB",
        channel: "C0PRIVATE",
        text: "jobs in Berlin",
        responseUrl: s.slack.responseUrl(),
      }),
    );
    expect(outside.status).toBe(200);
    const told = await eventually(() => s.slack.responses.find((r) => /invite/i.test(String(r.text))));
    expect(told.response_type).toBe("ephemeral");

    await ask(s, { user: "UBOB", text: "find me jobs in Berlin" });
    expect((await s.app.runs.latest("slack:T0FAKE", 10)).length).toBe(1);
    await s.send.command(
      commandPayload({
        teamId: s.slack.teamId,
        user: "UBOB",
        channel: "C0JOBS",
        text: "run jobs in Berlin",
        responseUrl: s.slack.responseUrl(),
      }),
    );
    await eventually(async () => (await s.app.runs.latest("slack:T0FAKE", 10)).length === 2);
    await eventually(
      () => s.slack.callsTo("chat.postMessage").some((c) => c.args.reply_broadcast === "true"),
      60_000,
    );
  });

  it("rejects requests with a bad signature or a timestamp older than five minutes (401), and acts on none", async () => {
    const s = await setup();
    const envelope = () =>
      eventEnvelope({
        teamId: s.slack.teamId,
        botUserId: s.slack.botUserId,
        event: mentionEvent({
          user: "UALICE",
          channel: "C0JOBS",
          text: "jobs in Berlin",
          botUserId: s.slack.botUserId,
        }),
      });
    expect((await s.send.event(envelope(), { signature: "v0=" + "0".repeat(64) })).status).toBe(401);
    const wrongSecret = new SlackSender(`http://127.0.0.1:${s.surface.port}/slack/events`, "not-the-secret");
    expect((await wrongSecret.event(envelope())).status).toBe(401);
    const old = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await s.send.event(envelope(), { timestamp: old })).status).toBe(401);
    expect(
      (
        await s.send.command(
          commandPayload({
            teamId: s.slack.teamId,
            user: "UALICE",
            channel: "C0JOBS",
            text: "status",
            responseUrl: s.slack.responseUrl(),
          }),
          { timestamp: old },
        )
      ).status,
    ).toBe(401);
    // A correctly signed one passes, and is the only one answered.
    await ask(s, { user: "UALICE", text: "status" }, (m) => /No runs yet/.test(m.text));
    expect(s.slack.callsTo("chat.postMessage").length).toBe(1);
  });
});

describe("starting the Slack surface", () => {
  async function appWith(env: Record<string, string>): Promise<App> {
    const tmp = tempDir();
    const e = testEnv(tmp.dir, replay.url, env);
    const app = await testApp(testConfig(e), { workers: false });
    cleanups.push(
      tmp.remove,
      () => dropPrefix(e.JOBSCOUT_QUEUE_PREFIX),
      () => app.close(),
    );
    return app;
  }

  it("refuses to start without what it needs, naming the variable", async () => {
    const slack = await startSlackServer();
    cleanups.push(() => slack.close());
    await expect(startSlackSurface(await appWith({}))).rejects.toThrow(/SLACK_BOT_TOKEN/);
    const onlyBot = await appWith({ SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl });
    await expect(startSlackSurface(onlyBot)).rejects.toThrow(/SLACK_APP_TOKEN .*SLACK_SIGNING_SECRET/);
    const badToken = await appWith({
      SLACK_BOT_TOKEN: "xoxb-wrong",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: slack.apiUrl,
      SLACK_PORT: "0",
    });
    await expect(startSlackSurface(badToken)).rejects.toThrow(/SLACK_BOT_TOKEN: .*invalid_auth/);
  });
});
