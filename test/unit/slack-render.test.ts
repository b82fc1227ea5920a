// Block Kit rendering: every message must be one Slack accepts (checked with the same validator the
// fake Slack applies), job text must never turn into markup, and nothing may be lost in splitting.
import type { webApi } from "@slack/bolt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProgressMessage } from "../../src/bot/shared/progress-message.js";
import { threadWriter } from "../../src/bot/slack/turn-runner.js";
import type { ChatReply } from "../../src/chat/chat-turn.js";
import {
  ACTION_IDS,
  actionKindOf,
  escapeMrkdwn,
  jobCardBlocks,
  plainFromSlack,
  renderProgress,
  renderReply,
  splitText,
} from "../../src/bot/slack/render.js";
import type { JobCard } from "../../src/core/job-card.js";
import type { RunSummary } from "../../src/answers/run-summary.js";
import { runAt } from "../support/run-summary.js";
import { blockProblem } from "../support/slack-server.js";

const NOW = Date.parse("2026-08-10T12:00:00Z");

function card(n: number, extra: Partial<JobCard> = {}): JobCard {
  return {
    n,
    id: n,
    jobId: `arbeitnow:job-${n}`,
    title: `Backend Engineer ${n}`,
    company: `Company ${n}`,
    place: "Berlin, DE",
    remoteMode: "onsite",
    postedAt: "2026-08-07T09:00:00Z",
    salary: { min: 60000, max: 80000, currency: "EUR", period: "year" },
    url: `https://example.com/jobs/${n}`,
    sources: ["arbeitnow"],
    score: 0.8123,
    why: ["less than 1 km from Berlin", "matches “backend”"],
    ...extra,
  };
}

function reply(extra: Partial<ChatReply> = {}): ChatReply {
  return { text: "", jobs: [], buttons: [], files: [], ...extra };
}

type Block = Record<string, unknown>;
const sectionTexts = (blocks: Block[]) =>
  blocks.filter((b) => b.type === "section").map((b) => (b.text as { text: string }).text);
const buttons = (blocks: Block[]) =>
  blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string; text: { text: string } }>);

describe("job cards", () => {
  it("show title with link, company, place, on-site, age, salary, why and score, and three buttons with the job id", () => {
    const blocks = jobCardBlocks(card(2), NOW) as unknown as Block[];
    const [head] = sectionTexts(blocks);
    expect(head).toBe(
      "2. *<https://example.com/jobs/2|Backend Engineer 2>*\nCompany 2 · Berlin, DE · on-site · posted 3 days ago · 60k–80k EUR/year",
    );
    const context = blocks.find((b) => b.type === "context") as { elements: Array<{ text: string }> };
    expect(context.elements[0]!.text).toBe(
      "Why: less than 1 km from Berlin; matches “backend” · score 0.81 · via Arbeitnow",
    );
    expect(buttons(blocks).map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      ["job_details", "Details", "arbeitnow:job-2"],
      ["job_save", "Save", "arbeitnow:job-2"],
      ["job_hide", "Not for me", "arbeitnow:job-2"],
    ]);
    expect(blockProblem(blocks)).toBeNull();
  });

  it("leave out what is unknown and never let posting text become Slack markup", () => {
    const evil = card(1, {
      title: "<!channel> Rockstar <https://evil.example|click> & win",
      company: "<@U123> GmbH",
      url: "javascript:alert(1)",
      salary: null,
      postedAt: null,
      score: null,
      why: [],
      sources: [],
      remoteMode: "remote",
      place: "Remote",
    });
    const blocks = jobCardBlocks(evil, NOW) as unknown as Block[];
    const [head] = sectionTexts(blocks);
    expect(head).toBe(
      "1. *&lt;!channel&gt; Rockstar &lt;https://evil.example|click&gt; &amp; win*\n&lt;@U123&gt; GmbH · Remote",
    );
    expect(head).not.toMatch(/<[!@h]/);
    expect(blocks.some((b) => b.type === "context")).toBe(false);
  });

  it("keep a link intact when the URL has characters that would end it", () => {
    const [head] = sectionTexts(
      jobCardBlocks(card(1, { url: "https://x.example/a|b>c d" }), NOW) as unknown as Block[],
    );
    expect(head).toContain("<https://x.example/a%7Cb%3Ec%20d|Backend Engineer 1>");
  });
});

describe("splitting text", () => {
  it("splits on paragraphs, then lines, then words, each piece within the limit, losing no word", () => {
    const para = (i: number) => `Paragraph ${i}: ` + "lorem ipsum dolor sit amet ".repeat(40).trim();
    const text = Array.from({ length: 12 }, (_, i) => para(i)).join("\n\n");
    const pieces = splitText(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(3000);
    // Whole paragraphs per piece: every piece starts a paragraph.
    for (const p of pieces) expect(p).toMatch(/^Paragraph \d+:/);
    expect(pieces.join(" ").split(/\s+/)).toEqual(text.split(/\s+/));

    const oneLine = "word ".repeat(2000).trim();
    const words = splitText(oneLine, 3000);
    for (const p of words) {
      expect(p.length).toBeLessThanOrEqual(3000);
      expect(p).toMatch(/^word( word)*$/);
    }
  });

  it("cuts a single over-long word only where it must, never inside an entity", () => {
    const long = escapeMrkdwn("a".repeat(2998) + "&" + "b".repeat(4000));
    const pieces = splitText(long, 3000);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(3000);
      expect(p).not.toMatch(/&(a|am|amp)?$/);
    }
    expect(pieces.join("")).toBe(long);
  });
});

describe("replies", () => {
  it("show the answer's words, then the cards from its structure, then More", () => {
    const jobs = [card(1), card(2)];
    const text = "Here are 2 of 9 matches for R&D jobs in or near Berlin (25 km):";
    const [msg, ...rest] = renderReply(
      reply({ text, jobs, buttons: [{ action: "more", label: "More", value: "slack:C1:1.2" }] }),
      NOW,
    );
    expect(rest).toEqual([]);
    const blocks = msg!.blocks as unknown as Block[];
    expect(sectionTexts(blocks)[0]).toBe(
      "Here are 2 of 9 matches for R&amp;D jobs in or near Berlin (25 km):",
    );
    expect(
      buttons(blocks)
        .filter((b) => b.action_id === "job_save")
        .map((b) => b.value),
    ).toEqual(["arbeitnow:job-1", "arbeitnow:job-2"]);
    expect(buttons(blocks).at(-1)).toMatchObject({ action_id: "jobs_more", value: "slack:C1:1.2" });
    // The full answer for notifications, escaped for mrkdwn.
    // (The card lines' exact wording belongs to the terminal renderer; here: words, each card, the hint.)
    const paragraphs = msg!.text.split("\n\n");
    expect(paragraphs[0]).toBe("Here are 2 of 9 matches for R&amp;D jobs in or near Berlin (25 km):");
    expect(paragraphs[1]).toMatch(
      /^1\. Backend Engineer 1 — Company 1\n[\s\S]*https:\/\/example\.com\/jobs\/1$/,
    );
    expect(paragraphs[2]).toMatch(
      /^2\. Backend Engineer 2 — Company 2\n[\s\S]*https:\/\/example\.com\/jobs\/2$/,
    );
    expect(paragraphs.at(-1)).toBe("Say “more” for the next ones, or refine (“only remote ones”).");
    expect(blockProblem(blocks)).toBeNull();
  });

  it("split many cards and long text into several messages Slack accepts, never a card across two", () => {
    const jobs = Array.from({ length: 30 }, (_, i) => card(i + 1));
    const text = "Intro. ".repeat(3000);
    const messages = renderReply(
      reply({ text, jobs, buttons: [{ action: "more", label: "More", value: "k" }] }),
      NOW,
    );
    expect(messages.length).toBeGreaterThan(1);
    const seen: string[] = [];
    for (const m of messages) {
      const blocks = m.blocks as unknown as Block[];
      expect(blockProblem(blocks)).toBeNull();
      expect(m.text.length).toBeGreaterThan(0);
      expect(m.text.length).toBeLessThanOrEqual(3000);
      // Every card section in this message has its own buttons in this message.
      const heads = sectionTexts(blocks).filter((t) => /^\d+\. \*</.test(t)).length;
      const saves = buttons(blocks).filter((b) => b.action_id === "job_save");
      expect(saves.length).toBe(heads);
      seen.push(...saves.map((b) => b.value));
    }
    expect(seen).toEqual(jobs.map((j) => j.jobId));
    expect(
      messages.flatMap((m) => sectionTexts(m.blocks as unknown as Block[])).join("").length,
    ).toBeGreaterThan(text.trim().length);
  });

  it("turn model markdown into Slack's and keep a reply that has only text", () => {
    const [m] = renderReply(reply({ text: "**Top pick**: see [the posting](https://example.com/x) <b>" }));
    expect(sectionTexts(m!.blocks as unknown as Block[])).toEqual([
      "*Top pick*: see <https://example.com/x|the posting> &lt;b&gt;",
    ]);
    expect(renderReply(reply({ text: "" }))[0]!.blocks.length).toBe(1);
  });

  it("shows the model's words as they are, and the jobs as cards from the structure", () => {
    const jobs = [card(1)];
    // A model that also lists the job in its own words keeps them: nothing parses prose.
    const text = `Intro\n\n1. ${jobs[0]!.title} — ${jobs[0]!.company}`;
    const [m] = renderReply(reply({ text, jobs }));
    const sections = sectionTexts(m!.blocks as unknown as Block[]);
    expect(sections[0]).toBe(`Intro\n\n1. ${jobs[0]!.title} — ${jobs[0]!.company}`);
    expect(sections.filter((t) => t.includes(jobs[0]!.title))).toHaveLength(2);
  });
});

const SOURCE_DEFAULTS = {
  closedJobs: 0,
  retries: 0,
  http: {},
  durationMs: null,
  complete: false,
  retryAt: null,
};

describe("progress and input", () => {
  const run = (extra: Partial<RunSummary>): RunSummary => ({
    runId: "0123456789abcdef",
    status: "running",
    stage: "normalize",
    progress: 40,
    query: { place: "Berlin" },
    createdAt: "2026-08-10T12:00:00Z",
    finishedAt: null,
    sources: [
      {
        ...SOURCE_DEFAULTS,
        source: "arbeitnow",
        label: "Arbeitnow",
        status: "ok",
        fetched: 105,
        newJobs: 105,
        updatedJobs: 0,
        rejected: 0,
        httpStatus: 200,
        error: null,
      },
      {
        ...SOURCE_DEFAULTS,
        source: "ba-jobsuche",
        label: "Bundesagentur für Arbeit",
        status: "fetching",
        fetched: 0,
        newJobs: 0,
        updatedJobs: 0,
        rejected: 0,
        httpStatus: null,
        error: "<b>",
      },
    ],
    ...extra,
  });

  it("render a running and a finished run as one section", () => {
    const running = renderProgress(run({}));
    expect(running.blocks.length).toBe(1);
    expect(sectionTexts(running.blocks as unknown as Block[])[0]).toBe(
      ":hourglass_flowing_sand: Fetching fresh postings — normalize, 40%\nArbeitnow: ok (105) · Bundesagentur für Arbeit: fetching",
    );
    const done = renderProgress(run({ status: "completed", stage: "done", progress: 100 }));
    expect(sectionTexts(done.blocks as unknown as Block[])[0]).toMatch(
      /^:white_check_mark: Fetched fresh postings — Arbeitnow: 105/,
    );
    expect(blockProblem(done.blocks)).toBeNull();
    const retrying = run({});
    retrying.sources[1] = {
      ...retrying.sources[1]!,
      status: "retrying",
      retryAt: "2026-08-10T10:42:07.000Z",
    };
    expect(sectionTexts(renderProgress(retrying).blocks as unknown as Block[])[0]).toMatch(
      /Bundesagentur für Arbeit: retrying at 10:42 UTC$/,
    );
  });

  it("read a Slack message as plain text: no bot mention, readable mentions and links, entities decoded", () => {
    expect(
      plainFromSlack(
        "<@U0BOT> jobs in <https://x.example|Köln> &amp; Bonn &lt;3 <@U9|bob> <#C1|jobs>",
        "U0BOT",
      ),
    ).toBe("jobs in Köln & Bonn <3 @U9 #jobs");
    expect(plainFromSlack("<@U0BOT>", "U0BOT")).toBe("");
  });

  it("map action ids to kinds and back", () => {
    for (const [kind, id] of Object.entries(ACTION_IDS)) expect(actionKindOf(id)).toBe(kind);
    expect(actionKindOf("other")).toBeUndefined();
  });
});

describe("the progress message", () => {
  afterEach(() => vi.useRealTimers());

  /** A stand-in for the Web API client that records what the message would show. */
  function recorder() {
    const calls: Array<{ method: "post" | "update"; text: string }> = [];
    const client = {
      chat: {
        postMessage: (a: { text: string }) => {
          calls.push({ method: "post", text: a.text });
          return Promise.resolve({ ok: true, ts: "1.000001" });
        },
        update: (a: { text: string; ts: string }) => {
          expect(a.ts).toBe("1.000001");
          calls.push({ method: "update", text: a.text });
          return Promise.resolve({ ok: true });
        },
      },
    };
    return { calls, client: client as unknown as webApi.WebClient };
  }
  /** Slack's progress message: its rendering, written into one thread through Slack's writer. */
  function slackProgress(client: webApi.WebClient, intervalMs?: number) {
    const writer = threadWriter({ client, channel: "C1", threadTs: "0.1" }, { broadcast: false });
    return new ProgressMessage({
      render: renderProgress,
      write: async (m) => void (await writer.progress(m)),
      onError: (err) => expect.unreachable(String(err)),
      ...(intervalMs !== undefined ? { intervalMs } : {}),
    });
  }
  const state = (progress: number, status: RunSummary["status"] = "running") => runAt(progress, status);

  it("posts once, then coalesces reports into at most one edit per interval, showing the newest state", async () => {
    vi.useFakeTimers();
    const { calls, client } = recorder();
    const p = slackProgress(client, 1000);
    p.report(state(0));
    for (let i = 1; i <= 9; i++) p.report(state(i * 10)); // a burst within the same interval
    await p.settle();
    expect(calls).toEqual([{ method: "post", text: "Fetching fresh postings — fetch, 0%" }]);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls.length).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await p.settle();
    expect(calls.at(-1)).toEqual({ method: "update", text: "Fetching fresh postings — fetch, 90%" });
    p.report(state(95));
    const done = p.finish(state(100, "completed"));
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(calls.map((c) => c.method)).toEqual(["post", "update", "update"]);
    expect(calls.at(-1)!.text).toMatch(/^Fetched fresh postings/);
  });

  it("does nothing when no run reported progress", async () => {
    const { calls, client } = recorder();
    const p = slackProgress(client);
    await p.finish(state(100, "completed"));
    expect(calls).toEqual([]);
  });
});

describe("the less common cards and replies", () => {
  const context = (blocks: Block[]) =>
    (blocks.find((b) => b.type === "context") as { elements: Array<{ text: string }> } | undefined)
      ?.elements[0]?.text;

  it("show a person's fit and the team's marks (only names and mentions from them) with Why, I'll apply and Seen", () => {
    const blocks = jobCardBlocks(
      card(1, { fit: { total: 72, reasons: ["python"] }, team: ["claimed by <@U1> *now*", "seen by <@U2>"] }),
      NOW,
    ) as unknown as Block[];
    expect(context(blocks)).toBe(
      "Fit 72/100: python · Why: less than 1 km from Berlin; matches “backend” · score 0.81 · via Arbeitnow · Team: claimed by <@U1> now; seen by <@U2>",
    );
    expect(buttons(blocks).map((b) => [b.action_id, b.text.text])).toEqual([
      ["job_details", "Details"],
      ["job_save", "Save"],
      ["job_hide", "Not for me"],
      ["job_why", "Why this score?"],
      ["job_claim", "I'll apply"],
      ["job_seen", "Seen"],
    ]);
    expect(blockProblem(blocks)).toBeNull();
  });

  it("give a card that has no reasons, score or source no line for them", () => {
    const blocks = jobCardBlocks(card(3, { why: [], score: null, sources: [] }), NOW) as unknown as Block[];
    expect(blocks.map((b) => b.type)).toEqual(["section", "actions"]);
  });

  it("number the answers to a question, leave out a button whose value Slack would refuse", () => {
    const [m] = renderReply(
      reply({
        text: "Which Frankfurt do you mean?",
        buttons: [
          { action: "choose", label: "Frankfurt am Main", value: "1:ref" },
          { action: "choose", label: "Frankfurt (Oder)", value: "2:ref" },
          { action: "more", label: "More", value: "x".repeat(2001) },
        ],
      }),
    );
    expect(buttons(m!.blocks as unknown as Block[]).map((b) => [b.action_id, b.value])).toEqual([
      ["conversation_choose_1", "1:ref"],
      ["conversation_choose_2", "2:ref"],
    ]);
  });

  it("show a text file inline as a code block that posting text cannot close, and leave a file on disk to the upload", () => {
    const [m] = renderReply(
      reply({
        text: "Your letter:",
        files: [
          { name: "letter <draft>.txt", content: "Dear team,\n``` <b>me</b> & you" },
          { name: "export.xlsx", path: "/tmp/export.xlsx", mimeType: "application/vnd.ms-excel" },
        ],
      }),
    );
    expect(sectionTexts(m!.blocks as unknown as Block[])).toEqual([
      "Your letter:",
      "*letter &lt;draft&gt;.txt*\n```Dear team,\nˋˋˋ &lt;b&gt;me&lt;/b&gt; &amp; you```",
    ]);
    expect(blockProblem(m!.blocks)).toBeNull();
  });

  it("keep only the label of a link too long to be one", () => {
    const [m] = renderReply(reply({ text: `see [the posting](https://example.com/${"a".repeat(2001)})` }));
    expect(sectionTexts(m!.blocks as unknown as Block[])).toEqual(["see the posting"]);
  });

  it("mark a failed run with a warning", () => {
    const failed = renderProgress({
      runId: "r1",
      status: "failed",
      stage: "fetch",
      progress: 10,
      query: {},
      createdAt: "2026-08-10T12:00:00Z",
      finishedAt: "2026-08-10T12:01:00Z",
      error: "the job queue lost the run",
      sources: [],
    });
    expect(sectionTexts(failed.blocks as unknown as Block[])).toEqual([
      ":warning: The run failed: the job queue lost the run.",
    ]);
  });

  it("say each failed source's reason once, in the reader's language, in a failed run's message", () => {
    const failed = {
      runId: "r1",
      status: "failed" as const,
      stage: "done" as const,
      progress: 100,
      query: {},
      createdAt: "2026-08-10T12:00:00Z",
      finishedAt: "2026-08-10T12:01:00Z",
      error: "ba-jobsuche: x answered HTTP 503; arbeitnow: x did not answer within 3000 ms",
      failure: { code: "sources_failed" as const, count: 2 },
      sources: (
        [
          ["ba-jobsuche", "Bundesagentur für Arbeit", { code: "http_status", status: 503 }],
          ["arbeitnow", "Arbeitnow", { code: "timeout", ms: 3000 }],
        ] as const
      ).map(([source, label, failure]) => ({
        source,
        label,
        status: "failed",
        fetched: 0,
        newJobs: 0,
        updatedJobs: 0,
        rejected: 0,
        closedJobs: 0,
        retries: 1,
        http: {},
        durationMs: 10,
        complete: false,
        httpStatus: null,
        error: "x answered HTTP 503 Service Unavailable",
        failure,
        retryAt: null,
      })),
    };
    const progress = renderProgress(failed, "de");
    expect(sectionTexts(progress.blocks as unknown as Block[])).toEqual([
      ":warning: Der Abruf ist fehlgeschlagen — Bundesagentur für Arbeit: fehlgeschlagen — Störung bei der Quelle (HTTP 503); " +
        "Arbeitnow: fehlgeschlagen — keine Antwort innerhalb von 3 s.",
    ]);
    // Without a progress message, the answer starts with the same line.
    const [m] = renderReply(
      reply({ text: "Ich konnte keine neuen Stellen abrufen.", outcome: failed, lang: "de" }),
    );
    const text = sectionTexts(m!.blocks as unknown as Block[]).join("\n");
    expect(text).toMatch(
      /^Der Abruf ist fehlgeschlagen — Bundesagentur für Arbeit: fehlgeschlagen — Störung/,
    );
    expect(text.split("Bundesagentur").length - 1).toBe(1);
  });

  it("read group mentions and @here as words", () => {
    expect(plainFromSlack("<!subteam^S123|@backend> and <!subteam^S9> <!here> python")).toBe(
      "@backend and @group @here python",
    );
  });
});
