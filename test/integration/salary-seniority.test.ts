// "ab 60k", "at least 70k", "senior", "Junior-Stelle": the salary floor and the level a person asks
// for, in German or English, are applied by the search — a job paying less, or of another level, is
// left out — and the answer says honestly which shown jobs could not be checked (no salary named, no
// level stated). Real chat service, store, facets and offline model; postings put in the store as
// the pipeline does.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import type { ChatTurn } from "../../src/chat/chat-turn.js";
import type { Posting } from "../../src/core/posting.js";
import { renderReply } from "../../src/bot/slack/render.js";
import { renderDiscordReply } from "../../src/bot/discord/render.js";
import { replyAsText } from "../../src/bot/shared/reply-text.js";
import { posting } from "../contract/search-fixtures.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { startTestApp } from "../support/harness.js";

const files = replayPerFile();
const WUERZBURG = { city: "Würzburg", country: "DE", lat: 49.7913, lon: 9.9534 };
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

const JOBS: Posting[] = [
  posting("senior-85k", {
    title: "Backend Developer",
    seniority: "senior",
    salary: { min: 70_000, max: 85_000, currency: "EUR", period: "year" },
  }),
  posting("junior-50k", {
    title: "Junior Backend Developer",
    seniority: "junior",
    salary: { min: 45_000, max: 50_000, currency: "EUR", period: "year" },
  }),
  posting("senior-none", { title: "Senior Data Engineer", seniority: "senior" }),
  posting("level-none-5k-month", {
    title: "Software Developer",
    salary: { max: 5_000, currency: "EUR", period: "month" },
  }),
  posting("lead-90k", {
    title: "Lead Engineer",
    seniority: "lead",
    salary: { min: 90_000, currency: "EUR", period: "year" },
  }),
].map((p, i) => ({ ...p, locations: [WUERZBURG], postedAt: daysAgo(i + 1) }));

async function appWithJobs(): Promise<App> {
  const app = await startTestApp(files.server().url, {}, files.cleanups);
  const now = new Date().toISOString();
  await app.jobs.transaction(async (jobs) => {
    for (const p of JOBS) {
      const id = await jobs.insert(p, null, now);
      for (const ref of p.sources) await jobs.addSourceRef(id, ref, null, now);
    }
  });
  return app;
}

function turn(text: string): ChatTurn {
  return {
    platform: "slack",
    workspace: { id: "ws-salary" },
    channel: "C1",
    thread: `t-${randomUUID()}`,
    direct: true,
    user: { id: `U-${randomUUID()}`, isAdmin: false },
    text,
    files: [],
  };
}
const titles = (r: { jobs: Array<{ title: string }> }) => r.jobs.map((j) => j.title).sort();

describe("salary floor and seniority, asked in German or English", () => {
  it("'ab 60k' leaves out lower salaries, keeps jobs naming none and says so on the answer and the card", async () => {
    const app = await appWithJobs();
    const de = await app.chat.handleTurn(turn("Stellen in Würzburg ab 60k"));
    expect(titles(de)).toEqual([
      "Backend Developer",
      "Lead Engineer",
      "Senior Data Engineer",
      "Software Developer",
    ]);
    expect(de.text).toMatch(
      /^Eine davon nennt kein Gehalt; dein Mindestgehalt kann ich dort nicht prüfen\.\n\nHier sind 4 Treffer für Stellen in oder bei Würzburg \(25 km\), mindestens 60k im Jahr:$/,
    );
    const card = de.jobs.find((j) => j.title === "Senior Data Engineer")!;
    expect(card.noSalary).toBe(true);
    const slack = renderReply(de)
      .map((m) => JSON.stringify(m.blocks))
      .join("\n");
    expect(slack).toContain("kein Gehalt angegeben");
    const discord = renderDiscordReply(de).flatMap((m) => m.embeds);
    expect(
      discord
        .flatMap((e) => e.fields ?? [])
        .filter((f) => f.name === "Gehalt")
        .map((f) => f.value),
    ).toEqual(expect.arrayContaining(["kein Gehalt angegeben", "70k–85k EUR/Jahr"]));
    // A monthly figure counts as twelve months: 5,000 a month passes 60k a year.
    expect(titles(await app.chat.handleTurn(turn("ab 60.000 € Jobs in Würzburg")))).toContain(
      "Software Developer",
    );
  });

  it("'senior … at least 70k' filters both, a lead counting as senior; unchecked jobs are named", async () => {
    const app = await appWithJobs();
    const en = await app.chat.handleTurn(turn("senior jobs in Würzburg, at least 70k"));
    expect(titles(en)).toEqual(["Backend Developer", "Lead Engineer", "Senior Data Engineer"]);
    expect(en.text).toMatch(
      /^1 of these names no salary, so I can't check it against your minimum\.\n\nHere are 3 matches for jobs in or near Würzburg \(25 km\), senior, at least 70k a year:$/,
    );
    expect(replyAsText(en)).toMatch(
      /Senior Data Engineer — ACME GmbH\n {3}Würzburg[^\n]* · no salary stated/,
    );
  });

  it("'Junior-Stelle' keeps junior jobs and those that do not say their level, and says which", async () => {
    const app = await appWithJobs();
    const first = turn("Junior-Stelle in Würzburg");
    const de = await app.chat.handleTurn(first);
    expect(titles(de)).toEqual(["Junior Backend Developer", "Software Developer"]);
    expect(de.text).toMatch(/^Eine davon sagt nicht, für welche Erfahrungsstufe sie ist\.\n\n.*, Junior:$/);
    // A follow-up in the conversation keeps the level and adds a floor: 50k is below 55k.
    const more = await app.chat.handleTurn({ ...first, text: "nur ab 55k" });
    expect(titles(more)).toEqual(["Software Developer"]);
    expect(more.text).toMatch(/, Junior, mindestens 55k im Jahr:$/);
  });
});
