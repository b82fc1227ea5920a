// Fit in chat, end to end through ChatService (real store, Redis queues, parse and evaluate
// workers, offline model, job sites replayed): search results rank by the asker's fit, "why 1?"
// explains a score with the CV lines it cites, "evaluate …" scores jobs through the queue, and the
// "Why this score?" button answers the presser from their own profile only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatAction, ChatReply, ChatTurn } from "../../src/chat/chat-turn.js";
import type { App } from "../../src/compose/app.js";
import { startTestApp } from "../support/harness.js";
import { CV_WEB, CV_WEB_DE, givenProfile } from "../support/profiles.js";
import { startReplayServer, type ReplayServer } from "../support/replay-server.js";

let replay: ReplayServer;
let app: App;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  replay = await startReplayServer();
  cleanups.push(() => replay.close());
  app = await startTestApp(replay.url, {}, cleanups);
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const ALICE = { workspace: "slack:T1", user: "U1" };

function turn(
  who: { workspace: string; user: string },
  text: string,
  o: { channel?: string; direct?: boolean; thread?: string } = {},
): ChatTurn {
  return {
    platform: "slack",
    workspace: { id: who.workspace },
    channel: o.channel ?? "D1",
    thread: o.thread ?? `t-${who.user}`,
    direct: o.direct ?? true,
    user: { id: who.user, isAdmin: false },
    text,
    files: [],
  };
}

function why_(who: { workspace: string; user: string }, jobId: string, channel = "C1"): ChatAction {
  return {
    platform: "slack",
    workspace: { id: who.workspace },
    channel,
    thread: "t-buttons",
    direct: false,
    user: { id: who.user, isAdmin: false },
    kind: "why",
    value: jobId,
  };
}

const totals = (r: ChatReply) => r.jobs.map((j) => j.fit?.total);

describe("fit in chat", () => {
  let alice: ChatReply;

  it("ranks search results by the asker's fit, best first, each card with its score and reasons; without a profile, no scores", async () => {
    await givenProfile(app.profiles, { workspaceId: ALICE.workspace, userId: ALICE.user }, CV_WEB, {
      languages: ["de", "en"],
    });
    // Bob asks first (no profile): the run fetches the postings, the order is the search's.
    const bob = await app.chat.handleTurn(
      turn({ workspace: "slack:T1", user: "U2" }, "find me jobs in Berlin"),
    );
    expect(bob.jobs.length).toBeGreaterThanOrEqual(3);
    expect(bob.jobs.every((j) => j.fit === undefined)).toBe(true);

    alice = await app.chat.handleTurn(turn(ALICE, "find me jobs in Berlin"));
    const scores = totals(alice) as number[];
    expect(scores.every((s) => typeof s === "number")).toBe(true);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The ranking is the fit's, not the search's: the best fit of the first page is a developer job
    // the search alone put lower.
    expect(alice.jobs.map((j) => j.jobId)).not.toEqual(bob.jobs.map((j) => j.jobId));
    expect(alice.jobs[0]!.title).toMatch(/Developer|Entwickler/);
    expect(alice.jobs[0]!.fit!.reasons.join(" ")).toMatch(/✓ .*\(L\d+\)/);
  });

  it("“why 1?” gives the full breakdown of the first card's score, parts adding up, quoting CV lines that hold", async () => {
    const first = alice.jobs[0]!;
    const r = await app.chat.handleTurn(turn(ALICE, "why 1?"));
    expect(r.text).toContain(`Fit ${first.fit!.total}/100 for “${first.title}”`);
    const parts = [...r.text.matchAll(/^\s*([+-]\d+)(?:\/\d+)? {2}/gm)].map((m) => Number(m[1]));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(first.fit!.total);
    const quotes = [...r.text.matchAll(/— L(\d+): “(.+)”$/gm)];
    expect(quotes.length).toBeGreaterThan(0);
    for (const [, n, text] of quotes) expect(CV_WEB[Number(n) - 1]).toBe(text);
    expect(r.text).toMatch(/Computed from profile version 1 with fit-rules-v\d/);
  });

  it("the Why button answers the presser only, from their own profile; nobody else in the workspace, another workspace or channel reads Alice's", async () => {
    const jobId = alice.jobs[0]!.jobId;
    const mine = await app.chat.handleAction(why_(ALICE, jobId));
    expect(mine.ephemeral).toBe(true);
    expect(mine.text).toContain(`Fit ${alice.jobs[0]!.fit!.total}/100`);
    expect(mine.text).toMatch(/L\d+: “/);

    const noProfile = /no profile for you yet: send me your CV/;
    // Bob pressing the button on Alice's card, in the same channel and another.
    expect((await app.chat.handleAction(why_({ workspace: "slack:T1", user: "U2" }, jobId))).text).toMatch(
      noProfile,
    );
    expect(
      (await app.chat.handleAction(why_({ workspace: "slack:T1", user: "U2" }, jobId, "C2"))).text,
    ).toMatch(noProfile);
    // Alice's own id in another workspace is another person there.
    expect((await app.chat.handleAction(why_({ workspace: "slack:T2", user: "U1" }, jobId))).text).toMatch(
      noProfile,
    );
    expect((await app.chat.handleAction(why_({ workspace: "discord:G1", user: "U1" }, jobId))).text).toMatch(
      noProfile,
    );
    // Bob's "why 1?" in his own thread explains his (missing) fit, never Alice's.
    const bobWhy = await app.chat.handleTurn(turn({ workspace: "slack:T1", user: "U2" }, "why 1?"));
    expect(bobWhy.text).toMatch(noProfile);
    expect(bobWhy.text).not.toMatch(/Fit \d+\/100/);
  });

  it("in a channel, Alice's profile and breakdown are not posted where others read them", async () => {
    const inChannel = { channel: "C1", direct: false, thread: "t-channel" };
    const shown = await app.chat.handleTurn(turn(ALICE, "show my profile", inChannel));
    expect(shown.text).toMatch(/Your profile is private.*direct message/);
    expect(shown.text).not.toMatch(/PHP|Laravel|L\d/);
    await app.chat.handleTurn(turn(ALICE, "find me jobs in Berlin", inChannel));
    const explained = await app.chat.handleTurn(turn(ALICE, "why 1?", inChannel));
    expect(explained.text).toMatch(/Your profile is private/);
    expect(explained.text).not.toMatch(/Fit \d+\/100/);
  });

  it("“evaluate all Berlin jobs for me” scores them through the queue with progress and answers with the best", async () => {
    const progress: number[] = [];
    const r = await app.chat.handleTurn(turn(ALICE, "evaluate all Berlin jobs for me"), {
      onProgress: (s) => progress.push(s.progress),
    });
    expect(r.run?.status).toBe("completed");
    const scored = Number(/I scored (\d+) jobs? for you/.exec(r.text)?.[1]);
    expect(scored).toBeGreaterThanOrEqual(alice.jobs.length);
    expect(r.jobs.length).toBeGreaterThan(0);
    const scores = totals(r) as number[];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(progress.length).toBeGreaterThan(0);
    // Stored for Alice only: Bob has no scores of these jobs.
    const ids = r.jobs.map((j) => j.id);
    expect((await app.fits.getMany({ workspaceId: ALICE.workspace, userId: ALICE.user }, ids)).size).toBe(
      ids.length,
    );
    expect((await app.fits.getMany({ workspaceId: "slack:T1", userId: "U2" }, ids)).size).toBe(0);
  });

  it("speaks German to a person who writes German: card reasons, “warum 1?” and the Why button", async () => {
    const KIM = { workspace: "slack:T1", user: "U3" };
    await givenProfile(app.profiles, { workspaceId: KIM.workspace, userId: KIM.user }, CV_WEB_DE, {
      languages: ["de"],
      seniority: "mid",
    });
    const found = await app.chat.handleTurn(turn(KIM, "Suche Jobs in Berlin"));
    expect(found.lang).toBe("de");
    const reasons = found.jobs.flatMap((j) => j.fit?.reasons ?? []).join("\n");
    expect(reasons).toMatch(/✓ .*\(L\d+\)/);
    expect(reasons).not.toMatch(/\b(missing|role|job|stated)\b/);
    const first = found.jobs[0]!;
    const why = await app.chat.handleTurn(turn(KIM, "warum 1?"));
    expect(why.text).toContain(`Passung ${first.fit!.total}/100 für „${first.title}“`);
    expect(why.text).toMatch(/Anforderungen erfüllt: \d+\/\d+ Muss/);
    expect(why.text).toMatch(/Sprache (erfüllt|nicht erfüllt|unbekannt): /);
    expect(why.text).toMatch(/— L\d+: „/);
    expect(why.text).not.toMatch(/must-have|Computed from/);
    const pressed = await app.chat.handleAction(why_(KIM, first.jobId));
    expect(pressed.text).toContain(`Passung ${first.fit!.total}/100`);
  });
});
