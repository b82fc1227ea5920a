// The offline model answers in the language the person writes in, through the real agent loop over
// the real store, queue and search (jobs from the local replay server): German requests get German
// answers, English ones English, and a message whose words do not tell keeps the conversation's.
import { describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { startTestApp, TEST_WORKSPACE } from "../support/harness.js";
import { replyWords } from "../../src/bot/shared/reply-text.js";

const files = replayPerFile();
const turn = (threadId: string) => ({ ...TEST_WORKSPACE, threadId, platform: "test" });
const freshApp = (): Promise<App> => startTestApp(files.server().url, {}, files.cleanups);

describe("answers in the person's language", () => {
  it("a German request is understood and answered in German, follow-ups too", async () => {
    const app = await freshApp();
    const first = await app.agent.ask("Suche eine Stelle in der Nähe von Berlin, bitte", turn("de-1"));
    expect(first.toolCalls[0]).toMatchObject({
      name: "search_jobs",
      args: { keywords: "", place: "Berlin" },
    });
    expect(first.jobs.length).toBeGreaterThan(0);
    // The run's outcome is shown in the answer's language, above the words (src/bot/shared/reply-text.ts).
    expect(first.lang).toBe("de");
    expect(replyWords({ ...first, outcome: first.outcome ?? undefined })).toMatch(
      /^Neue Stellen abgerufen — Arbeitnow: 105 Stellen, 105 neu/,
    );
    expect(first.text).toMatch(
      /Hier sind \d+ (von \d+ Treffern|Treffer) für Stellen in oder bei Berlin \(25 km\):$/,
    );

    const remote = await app.agent.ask("nur remote", turn("de-1"));
    expect(remote.toolCalls[0]?.args).toMatchObject({ place: "Berlin", remote: "remote_only" });
    expect(remote.text).toMatch(/Treffer\w* für Stellen in oder bei Berlin \(25 km\), nur remote:$/);

    const details = await app.agent.ask("Details zu 1", turn("de-1"));
    expect(details.toolCalls.map((c) => c.name)).toEqual(["job_details"]);
    expect(details.text).toMatch(/\nQuellen: /);

    const saved = await app.agent.ask("merk dir Nummer 1", turn("de-1"));
    expect(saved.text).toMatch(/^Gespeichert: „.+“ bei .+\.$/);

    // "golang" alone says nothing about the language: the conversation's stays.
    const neutral = await app.agent.ask("golang", turn("de-1"));
    expect(neutral.text).toMatch(/(Ich habe nichts gefunden für „golang“|Hier sind)/);
    expect(neutral.text).not.toMatch(/I found|Here are/);

    const help = await app.agent.ask("Hilfe", turn("de-1"));
    expect(help.text).toMatch(/^Ich suche Stellenangebote für dich/);
    const unknown = await app.agent.ask("Details zu 42", turn("de-1"));
    expect(unknown.text).toBe(
      "Ich sehe keine Stelle Nummer 42 in unserem Gespräch. Suche zuerst und nimm dann ihre Nummer.",
    );
  });

  it("an English request in another thread is answered in English", async () => {
    const app = await freshApp();
    await app.agent.ask("Suche Jobs in Berlin", turn("de-2"));
    const en = await app.agent.ask("find me jobs in Berlin", turn("en-2"));
    expect(en.toolCalls.map((c) => c.name)).toEqual(["search_jobs"]);
    expect(en.text).toMatch(/^Here are \d+ (of \d+ )?matches for jobs in or near Berlin \(25 km\):$/);
    const hello = await app.agent.ask("hello", turn("en-2"));
    expect(hello.text).toMatch(/^Hello! I search job postings for you/);
    // The same words in German in the German thread.
    const hallo = await app.agent.ask("Hallo", turn("de-2"));
    expect(hallo.text).toMatch(/^Hallo! Ich suche Stellenangebote für dich/);
  });

  it("a first message that only tracks a board is answered in its verb's language, whatever the address says", async () => {
    const app = await freshApp();
    const de = await app.agent.ask("beobachte http://127.0.0.1:9/stellenangebote", {
      ...turn("de-track"),
      isAdmin: true,
    });
    expect(de.toolCalls.map((c) => c.name)).toEqual(["track_source"]);
    expect(de.text).toBe(
      "http://127.0.0.1:9/stellenangebote kann ich nicht beobachten: Diese Adresse ist nicht erlaubt. Jobbörsen, Feeds und Karriereseiten rufe ich nur unter öffentlichen Webadressen ab.",
    );
    const en = await app.agent.ask("watch http://127.0.0.1:9/stellenangebote", {
      ...turn("en-track"),
      isAdmin: true,
    });
    expect(en.text).toBe(
      "I can't track http://127.0.0.1:9/stellenangebote: this address is not allowed. I fetch job boards, feeds and careers pages only at public web addresses.",
    );
    // Written without a scheme, as people type it: the parser and the guard read the same address.
    const typed = await app.agent.ask("watch boards.greenhouse.io/n26", {
      ...turn("en-track"),
      isAdmin: true,
    });
    expect(typed.text).toMatch(/^Now tracking Greenhouse n26 for this workspace\./);
  });

  it("filters by the employment type and salary floor asked for, and says what it could not check", async () => {
    const app = await freshApp();
    await app.agent.ask("Suche Jobs in Berlin", turn("de-3"));
    const full = await app.agent.ask("Vollzeit Jobs in Berlin", turn("de-3"));
    expect(full.toolCalls[0]?.args).toMatchObject({ place: "Berlin", employmentType: "full_time" });
    expect(full.search?.query.employmentType).toBe("full_time");
    expect(full.text).toMatch(/für Stellen in oder bei Berlin \(25 km\), Vollzeit/);
    // Arbeitnow's postings name no salary: the floor is applied, and the answer says none was checked.
    const salary = await app.agent.ask("Entwickler ab 60k in Berlin", turn("de-3"));
    expect(salary.search?.query.salaryMin).toEqual({ min: 60000, period: "year", yearly: 60000 });
    expect(salary.jobs.length).toBeGreaterThan(0);
    expect(salary.text).toMatch(/^(Eine davon nennt|\d+ davon nennen) kein Gehalt; dein Mindestgehalt/);
    // The follow-up keeps the salary floor.
    const remote = await app.agent.ask("nur remote", turn("de-3"));
    expect(remote.toolCalls[0]?.args).toMatchObject({ salaryMin: { min: 60000, period: "year" } });
    expect(remote.text).toMatch(/mindestens 60k im Jahr/);
  });
});
