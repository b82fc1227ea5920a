// Discord rendering is pure: replies of any size become message bodies Discord accepts. Every body
// is checked against the same rules the local Discord fake enforces.
import { describe, expect, it } from "vitest";
import type { ChatReply } from "../../src/chat/chat-turn.js";
import { conversationRef } from "../../src/chat/conversation.js";
import { ButtonStyle } from "discord.js";
import {
  customIdFor,
  embedChars,
  jobCardEmbed,
  jobCardRow,
  parseCustomId,
  renderDiscordReply,
  renderProgressText,
  splitText,
  type DiscordMessage,
} from "../../src/bot/discord/render.js";
import type { JobCard } from "../../src/core/job-card.js";
import type { RunSummary } from "../../src/answers/run-summary.js";
import { discordMessageProblems } from "../support/discord-server.js";

const NOW = Date.parse("2026-08-10T12:00:00Z");

function card(n: number, over: Partial<JobCard> = {}): JobCard {
  return {
    n,
    id: n,
    jobId: `j_${String(n).padStart(20, "0")}`,
    title: `Backend Engineer ${n}`,
    company: `Company ${n}`,
    place: "Berlin, DE",
    remoteMode: "hybrid",
    postedAt: "2026-08-07T09:00:00Z",
    salary: { min: 60000, max: 80000, currency: "EUR", period: "year" },
    url: `https://jobs.example.com/${n}`,
    sources: ["arbeitnow"],
    score: 0.9,
    why: ["less than 1 km from Berlin", "hybrid (partly remote)"],
    ...over,
  };
}

function reply(over: Partial<ChatReply>): ChatReply {
  return { text: "", jobs: [], buttons: [], files: [], ...over };
}

function expectValid(messages: DiscordMessage[]): void {
  for (const m of messages) {
    const body = { ...m, attachments: m.files.map((f, id) => ({ id, filename: f.name })) };
    expect(discordMessageProblems(body as unknown as Record<string, unknown>, { create: true })).toEqual([]);
  }
}

const buttonIds = (m: DiscordMessage) => m.components.flatMap((r) => r.components.map((b) => b.custom_id));

describe("splitText", () => {
  it("splits at paragraph breaks, keeps every character, and no chunk exceeds the limit", () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}: ${"word ".repeat(30).trim()}`).join(
      "\n\n",
    );
    const chunks = splitText(text, 2000);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(2000);
      expect(c).toMatch(/^Paragraph \d+:/);
    }
    expect(chunks.join("\n\n")).toBe(text);
  });

  it("falls back to spaces, then to a hard cut that never halves an emoji", () => {
    const words = "alpha beta gamma ".repeat(300).trim();
    for (const c of splitText(words, 100)) {
      expect(c.length).toBeLessThanOrEqual(100);
      expect(c).toMatch(/^(alpha|beta|gamma)( (alpha|beta|gamma))*$/);
    }
    const emoji = "😀".repeat(1500);
    const chunks = splitText(emoji, 2001);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(2001);
      expect(c).toMatch(/^(😀)+$/u);
    }
    expect(chunks.join("")).toBe(emoji);
  });
});

describe("renderDiscordReply", () => {
  it("renders a search answer as text plus card embeds with Details / Save / Not for me and a More row", () => {
    const jobs = [1, 2, 3, 4, 5].map((n) => card(n));
    const text = "Here are 5 of 39 matches for jobs in or near Berlin (25 km):";
    const messages = renderDiscordReply(
      reply({ text, jobs, buttons: [{ action: "more", label: "More", value: "discord:1:2" }] }),
      NOW,
    );
    expectValid(messages);
    const all = messages.flatMap((m) => m.embeds);
    expect(all.map((e) => e.title)).toEqual(jobs.map((j) => `${j.n}. ${j.title}`));
    expect(messages[0]!.content).toBe("Here are 5 of 39 matches for jobs in or near Berlin (25 km):");
    const first = all[0]!;
    expect(first.url).toBe("https://jobs.example.com/1");
    expect(first.description).toBe("Why: less than 1 km from Berlin; hybrid (partly remote)");
    expect(first.fields).toEqual([
      { name: "Company", value: "Company 1", inline: true },
      { name: "Place", value: "Berlin, DE", inline: true },
      { name: "Remote", value: "Hybrid", inline: true },
      { name: "Posted", value: "2026-08-07 (3 days ago)", inline: true },
      { name: "Salary", value: "60k–80k EUR/year", inline: true },
    ]);
    const ids = messages.flatMap(buttonIds);
    for (const j of jobs)
      for (const kind of ["details", "save", "hide"]) expect(ids).toContain(`job:${kind}:${j.jobId}`);
    // Five card rows and More cannot share one message: More ends up on the last one.
    expect(buttonIds(messages.at(-1)!)).toContain("reply:more:discord:1:2");
    expect(messages.every((m) => m.components.length <= 5)).toBe(true);
  });

  it("keeps oversized cards within every per-embed and per-message limit by spreading them out", () => {
    const jobs = Array.from({ length: 25 }, (_, i) =>
      card(i + 1, {
        title: "Senior Staff Principal Engineer ".repeat(20),
        company: "C".repeat(3000),
        place: "P".repeat(2000),
        salary: "S".repeat(1500),
        why: Array.from({ length: 50 }, () => "a very long reason why this matched"),
        sources: Array.from({ length: 400 }, (_, k) => `source-${k}`),
      }),
    );
    const messages = renderDiscordReply(reply({ text: "x".repeat(4500), jobs }), NOW);
    expectValid(messages);
    expect(messages.flatMap((m) => m.embeds)).toHaveLength(25);
    for (const m of messages) {
      expect(m.content.length).toBeLessThanOrEqual(2000);
      expect(m.embeds.length).toBeLessThanOrEqual(10);
      expect(m.embeds.reduce((n, e) => n + embedChars(e), 0)).toBeLessThanOrEqual(6000);
    }
  });

  it("drops links Discord would reject and buttons whose id cannot fit, keeping the card", () => {
    const jobs = [
      card(1, { url: "javascript:alert(1)" }),
      card(2, { url: "https://exa mple.com/x" }),
      card(3, { url: null }),
      card(4, { jobId: "x".repeat(120) }),
    ];
    const messages = renderDiscordReply(reply({ text: "Jobs:", jobs }), NOW);
    expectValid(messages);
    const embeds = messages.flatMap((m) => m.embeds);
    expect(embeds.map((e) => e.url)).toEqual([undefined, undefined, undefined, "https://jobs.example.com/4"]);
    expect(messages.flatMap(buttonIds).some((id) => id.includes("xxxx"))).toBe(false);
  });

  it("never sends an empty message, and spreads more than ten files", () => {
    expect(renderDiscordReply(reply({ text: "   " }))).toEqual([
      { content: "(no answer)", embeds: [], components: [], files: [] },
    ]);
    const files = Array.from({ length: 12 }, (_, i) => ({ name: `f${i}.csv`, content: "a,b\n" }));
    const messages = renderDiscordReply(reply({ text: "Your export:", files }));
    expectValid(messages);
    expect(messages.map((m) => m.files.length)).toEqual([10, 2]);
  });
});

describe("custom ids", () => {
  it("round-trip actions and ignore ids that are not ours", () => {
    expect(parseCustomId(customIdFor("job", "hide", "j_1"))).toEqual({ kind: "hide", value: "j_1" });
    expect(parseCustomId(customIdFor("reply", "more", "discord:1:2"))).toEqual({
      kind: "more",
      value: "discord:1:2",
    });
    expect(parseCustomId("job:delete:j_1")).toBeNull();
    expect(parseCustomId("reply:choose_all:1")).toBeNull();
    expect(parseCustomId("someone-else")).toBeNull();
  });
});

describe("a clarifying question", () => {
  it("offers each answer as a button whose id fits Discord's limit and comes back as that choice", () => {
    // A thread in a guild channel: the longest conversation reference a Discord button carries.
    const ref = conversationRef({
      platform: "discord",
      workspace: { id: "discord:123456789012345678" },
      channel: "123456789012345678",
      thread: "123456789012345679",
      direct: false,
    });
    const reply: ChatReply = {
      text: "Which Frankfurt do you mean?",
      jobs: [],
      files: [],
      buttons: ["Frankfurt am Main", "Frankfurt (Oder)"].map((label, i) => ({
        action: "choose" as const,
        label,
        value: `${i + 1}:${ref}`,
      })),
    };
    const messages = renderDiscordReply(reply);
    expectValid(messages);
    const buttons = messages[0]!.components.flatMap((r) => r.components);
    expect(buttons.map((b) => [b.label, parseCustomId(b.custom_id)])).toEqual([
      ["Frankfurt am Main", { kind: "choose", value: `1:${ref}` }],
      ["Frankfurt (Oder)", { kind: "choose", value: `2:${ref}` }],
    ]);
  });
});

describe("renderProgressText", () => {
  const run = (over: Partial<RunSummary>): RunSummary => ({
    runId: "r1",
    status: "running",
    stage: "normalize",
    progress: 50,
    query: { place: "Berlin" },
    createdAt: "2026-08-10T12:00:00Z",
    finishedAt: null,
    sources: [
      {
        source: "arbeitnow",
        label: "Arbeitnow",
        status: "ok",
        fetched: 105,
        newJobs: 105,
        updatedJobs: 0,
        rejected: 0,
        closedJobs: 0,
        retries: 0,
        http: { "200": 2 },
        durationMs: 1200,
        complete: true,
        httpStatus: 200,
        error: null,
        retryAt: null,
      },
    ],
    ...over,
  });
  it("shows stage and sources while running, the outcome when done", () => {
    expect(renderProgressText(run({}))).toBe(
      "⏳ Fetching fresh postings — normalize (50%)\n• Arbeitnow: ok, 105 postings",
    );
    expect(renderProgressText(run({ status: "completed", stage: "done", progress: 100 }))).toMatch(
      /^Fetched fresh postings — Arbeitnow: 105/,
    );
  });

  it("says each failed source's reason once, in the reader's language, when a run failed", () => {
    const failedRun = run({
      status: "failed",
      stage: "done",
      progress: 100,
      error: "arbeitnow: x answered HTTP 500",
      failure: { code: "sources_failed", count: 1 },
    });
    const [only] = failedRun.sources;
    failedRun.sources = [
      {
        ...only!,
        status: "failed",
        fetched: 0,
        error: "x answered HTTP 500",
        failure: { code: "http_status", status: 500 },
      },
    ];
    expect(renderProgressText(failedRun, "de")).toBe(
      "Der Abruf ist fehlgeschlagen — Arbeitnow: fehlgeschlagen — Störung bei der Quelle (HTTP 500).",
    );
    expect(renderProgressText(failedRun, "en")).toBe(
      "The run failed — Arbeitnow: failed — a fault at the source (HTTP 500).",
    );
    const [m] = renderDiscordReply({
      text: "Ich konnte keine neuen Stellen abrufen.",
      jobs: [],
      buttons: [],
      files: [],
      outcome: failedRun,
      lang: "de",
    });
    expect(m?.content).toBe(
      "Der Abruf ist fehlgeschlagen — Arbeitnow: fehlgeschlagen — Störung bei der Quelle (HTTP 500).\n\nIch konnte keine neuen Stellen abrufen.",
    );
  });

  it("says what other work (scoring, reading a CV) is doing", () => {
    const activity = { working: "Reading your CV", done: "Read your CV", failed: "Reading failed" };
    expect(renderProgressText(run({ progress: 30, activity }))).toBe("⏳ Reading your CV (30%)");
    expect(renderProgressText(run({ status: "failed", activity }))).toBe("Reading failed");
  });

  it("says when a retrying source is tried again", () => {
    const retrying = run({ stage: "fetch", progress: 5 });
    retrying.sources = retrying.sources.map((s) => ({
      ...s,
      status: "retrying",
      fetched: 0,
      retryAt: "2026-08-10T10:42:07.000Z",
    }));
    expect(renderProgressText(retrying)).toBe(
      "⏳ Fetching fresh postings — fetch (5%)\n• Arbeitnow: retrying at 10:42 UTC",
    );
  });
});

describe("the less common cards and replies", () => {
  const labels = (c: JobCard, lang?: "en" | "de") => jobCardRow(c, lang)!.components.map((b) => b.label);

  it("show a person's fit and the team's marks, with Why and I'll apply buttons (five at most)", () => {
    const scored = card(1, { why: [], fit: { total: 72, reasons: ["python"] }, team: ["claimed by <@U1>"] });
    expect(jobCardEmbed(scored, NOW).description).toBe("Fit 72/100: python\nTeam: claimed by <@U1>");
    expect(labels(scored)).toEqual(["Details #1", "Save #1", "Not for me #1", "Why 72? #1", "I'll apply #1"]);
    const team = card(2, { team: [] });
    expect(labels(team, "de")).toEqual([
      "Details #2",
      "Merken #2",
      "Nicht für mich #2",
      "Ich bewerbe mich #2",
      "Gesehen #2",
    ]);
    expect(jobCardEmbed(team, NOW).description).toBe(
      "Why: less than 1 km from Berlin; hybrid (partly remote)",
    );
  });

  it("leave out what a card does not know: no reasons, place, date, score or source", () => {
    const bare = card(3, {
      why: [],
      place: "  ",
      postedAt: null,
      score: null,
      sources: [],
      salary: null,
      noSalary: true,
      url: "https://[::1",
    });
    expect(jobCardEmbed(bare, NOW)).toEqual({
      title: "3. Backend Engineer 3",
      fields: [
        { name: "Company", value: "Company 3", inline: true },
        { name: "Remote", value: "Hybrid", inline: true },
        { name: "Salary", value: "no salary stated", inline: true },
      ],
    });
  });

  it("say an old posting's date once, and a German card's fields in German", () => {
    const old = card(4, { postedAt: "2026-05-01T08:00:00Z", remoteMode: "onsite", score: null });
    expect(jobCardEmbed(old, NOW, "de").fields).toEqual([
      { name: "Firma", value: "Company 4", inline: true },
      { name: "Ort", value: "Berlin, DE", inline: true },
      { name: "Remote", value: "Vor Ort", inline: true },
      { name: "Veröffentlicht", value: "2026-05-01", inline: true },
      { name: "Gehalt", value: "60k–80k EUR/Jahr", inline: true },
    ]);
    expect(jobCardEmbed(card(5), NOW, "de").fields?.[3]).toEqual({
      name: "Veröffentlicht",
      value: "2026-08-07 (vor 3 Tagen)",
      inline: true,
    });
  });

  it("cut a long title before an emoji rather than through it", () => {
    const title = `${"a".repeat(251)}${"😀".repeat(10)}`;
    expect(jobCardEmbed(card(1, { title }), NOW).title).toBe(`1. ${"a".repeat(251)}…`);
  });

  it("send a reply of only buttons as a message with just them, a danger button red", () => {
    const messages = renderDiscordReply(
      reply({ buttons: [{ action: "more", label: "Forget my profile", value: "p1", style: "danger" }] }),
    );
    expectValid(messages);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.content).toBe("");
    expect(messages[0]!.components[0]!.components[0]).toMatchObject({
      custom_id: "reply:more:p1",
      label: "Forget my profile",
      style: ButtonStyle.Danger,
    });
  });
});
