import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  detectEmploymentType,
  detectLanguage,
  detectRemoteMode,
  detectSeniority,
  htmlToText,
  makeSalary,
  markdownToText,
  toIsoUtc,
  validatePosting,
} from "../../src/pipeline/sources/posting-signals.js";

describe("htmlToText", () => {
  it("keeps paragraphs, headings and list items readable and drops link URLs and images", () => {
    const text = htmlToText(
      '<h2>Aufgaben</h2><p>Du <strong>baust</strong> APIs.</p><ul><li>Node.js</li><li>SQL</li></ul><p>Mehr auf <a href="https://example.org/x">unserer Seite</a><img src="https://example.org/logo.png" alt="Logo"></p>',
    );
    expect(text).toBe("Aufgaben\n\nDu baust APIs.\n\n• Node.js\n• SQL\n\nMehr auf unserer Seite");
  });

  it("decodes entity-escaped HTML and entities", () => {
    expect(
      htmlToText("&lt;p&gt;Gehalt &amp;amp; Benefits&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Rad&lt;/li&gt;&lt;/ul&gt;"),
    ).toBe("Gehalt & Benefits\n\n• Rad");
  });

  it("leaves plain text alone apart from whitespace", () => {
    expect(htmlToText("  Zeile eins\n\n\n\nZeile   zwei ")).toBe("Zeile eins\n\nZeile zwei");
  });
});

describe("markdownToText", () => {
  it("removes emphasis, link targets and markdownify escapes", () => {
    expect(
      markdownToText(
        "**Deine Aufgaben**\n\n* Java\\-Services\n* [Mehr](https://x.example)\n\nBewirb dich \\- jetzt!",
      ),
    ).toBe("Deine Aufgaben\n\n• Java-Services\n• Mehr\n\nBewirb dich - jetzt!");
  });
});

describe("detectRemoteMode", () => {
  it("reads remote, hybrid and onsite from flags and text", () => {
    expect(detectRemoteMode({ strong: ["Backend Engineer (Remote)"] })).toBe("remote");
    expect(detectRemoteMode({ strong: ["Kreditspezialist im Homeoffice (m/w/d)"] })).toBe("remote");
    expect(detectRemoteMode({ strong: ["Engineer"], text: "Die Stelle ist 100% remote." })).toBe("remote");
    // Arbeitnow's "AI Developer (w/m/d)" at Right Search (test/fixtures/job-sources/arbeitnow).
    const officeDay =
      "Wohnort im Raum München oder Berlin, da 1 Tag pro Woche Anwesenheit im Büro gefordert wird. Eine Remote-First-Arbeitsweise mit viel Vertrauen.";
    expect(detectRemoteMode({ flag: false, strong: ["AI Developer (w/m/d)"], text: officeDay })).toBe(
      "hybrid",
    );
    expect(
      detectRemoteMode({ strong: ["Engineer"], text: "Remote-first, with 2 days a week in the office." }),
    ).toBe("hybrid");
    expect(
      detectRemoteMode({ strong: ["Engineer"], text: "We are remote-first; on-site 3 days per quarter." }),
    ).toBe("remote");
    expect(detectRemoteMode({ strong: ["Engineer"], text: "30 Tage Urlaub, 100% remote." })).toBe("remote");
    expect(
      detectRemoteMode({ strong: ["Engineer"], text: "Fully remote: 5 days a week remote, no office." }),
    ).toBe("remote");
    expect(detectRemoteMode({ strong: ["Backend Engineer (Remote-only)"], text: officeDay })).toBe("remote");
    expect(detectRemoteMode({ flag: true, strong: ["Engineer"] })).toBe("remote");
    expect(detectRemoteMode({ flag: true, strong: ["Engineer", "Hamburg, Hybrid"] })).toBe("hybrid");
    expect(detectRemoteMode({ flag: false, strong: ["Engineer"], text: "2 Tage Homeoffice pro Woche" })).toBe(
      "hybrid",
    );
    expect(
      detectRemoteMode({ flag: false, strong: ["Engineer"], text: "Mobiles Arbeiten ist möglich." }),
    ).toBe("hybrid");
    expect(
      detectRemoteMode({ flag: false, strong: ["Engineer"], text: "Interviews finden remote statt." }),
    ).toBe("onsite");
    expect(detectRemoteMode({ strong: ["Engineer"], text: "Kein Homeoffice möglich." })).toBe("unknown");
    expect(detectRemoteMode({ strong: ["Engineer"] })).toBe("unknown");
  });
});

describe("detectEmploymentType", () => {
  it("knows German and English labels", () => {
    const cases: [string[], string][] = [
      [["Sachbearbeiter (m/w/d) in Vollzeit"], "full_time"],
      [["Teilzeitkraft", "Teilzeit"], "part_time"],
      [["Minijob im Büro"], "mini_job"],
      [["Ausbildung zum Fachinformatiker"], "apprenticeship"],
      [["Duales Studium BWL"], "apprenticeship"],
      [["Praktikum Marketing"], "internship"],
      [["Werkstudent:in Recruiting"], "part_time"],
      [["Designer", "Freelance"], "contract"],
      [["Engineer", "Full-time"], "full_time"],
      [["Engineer", "Contract"], "contract"],
      [["Engineer"], "unknown"],
    ];
    for (const [strong, type] of cases)
      expect(detectEmploymentType({ strong }), strong.join(" | ")).toBe(type);
  });

  it("trusts only working-time phrases in a description", () => {
    expect(detectEmploymentType({ strong: ["Engineer"], text: "Wir suchen dich in Vollzeit." })).toBe(
      "full_time",
    );
    expect(detectEmploymentType({ strong: ["Engineer"], text: "You have done an internship before." })).toBe(
      "unknown",
    );
  });
});

describe("detectSeniority", () => {
  it("reads the level from the title, then from labels", () => {
    expect(detectSeniority("Senior Backend Engineer")).toBe("senior");
    expect(detectSeniority("Junior Online Marketing (m/w/d)")).toBe("junior");
    expect(detectSeniority("Team Lead Data")).toBe("lead");
    expect(detectSeniority("Teamleiter Logistik")).toBe("lead");
    expect(detectSeniority("Head of Growth")).toBe("executive");
    expect(detectSeniority("Praktikant*in Kundenberatung")).toBe("intern");
    expect(detectSeniority("Werkstudent Recruiting")).toBe("intern");
    expect(detectSeniority("Zugbegleiter (m/w/d)")).toBe("unknown");
    expect(detectSeniority("Data Analyst", ["professional / experienced"])).toBe("mid");
    expect(detectSeniority("Automation Developer", ["berufseinstieg"])).toBe("junior");
    expect(detectSeniority("Data Engineer", ["mid-senior level"])).toBe("senior");
  });
});

describe("detectLanguage", () => {
  it("tells German from English and gives up on too little text", () => {
    expect(
      detectLanguage(
        "Wir suchen für unser Team in Berlin eine Entwicklerin, die mit uns die Zukunft gestaltet.",
      ),
    ).toBe("de");
    expect(
      detectLanguage("We are looking for an engineer who will work with our team on the platform."),
    ).toBe("en");
    expect(detectLanguage("Kfz-Mechatroniker")).toBe("und");
  });

  it("names the language of real EU postings beyond German and English", () => {
    const { postings } = JSON.parse(
      readFileSync(new URL("../fixtures/postings/languages.json", import.meta.url), "utf8"),
    ) as { postings: Array<{ id: string; language: string; title: string; description: string }> };
    expect(new Set(postings.map((p) => p.language)).size).toBeGreaterThanOrEqual(12);
    const wrong = postings
      .map((p) => ({ id: p.id, label: p.language, found: detectLanguage(`${p.title}\n${p.description}`) }))
      .filter((r) => r.found !== r.label);
    expect(wrong).toEqual([]);
  });
});

describe("toIsoUtc", () => {
  it("reads epoch seconds and milliseconds", () => {
    expect(toIsoUtc(1771162285)).toBe("2026-02-15T13:31:25.000Z");
    expect(toIsoUtc(1771162285123)).toBe("2026-02-15T13:31:25.123Z");
    expect(toIsoUtc("1771162285")).toBe("2026-02-15T13:31:25.000Z");
  });

  it("reads zone-less times as Berlin wall-clock time, in summer and in winter", () => {
    expect(toIsoUtc("2026-09-04T11:43:41.935")).toBe("2026-09-04T09:43:41.935Z");
    expect(toIsoUtc("2026-01-04T11:43:41")).toBe("2026-01-04T10:43:41.000Z");
    expect(toIsoUtc("2026-09-04")).toBe("2026-09-03T22:00:00.000Z");
    expect(toIsoUtc("04.09.2026")).toBe("2026-09-03T22:00:00.000Z");
  });

  it("keeps explicit zones and rejects nonsense", () => {
    expect(toIsoUtc("2026-09-04T11:43:41Z")).toBe("2026-09-04T11:43:41.000Z");
    expect(toIsoUtc("2026-09-04T11:43:41+02:00")).toBe("2026-09-04T09:43:41.000Z");
    expect(toIsoUtc("soon")).toBeUndefined();
    expect(toIsoUtc("2026-13-40")).toBeUndefined();
    expect(toIsoUtc(0)).toBeUndefined();
    expect(toIsoUtc(null)).toBeUndefined();
  });
});

describe("makeSalary", () => {
  it("builds a salary from loose parts, or none", () => {
    expect(makeSalary({ min: 65000, max: 95000, period: "JAHRESGEHALT" })).toEqual({
      min: 65000,
      max: 95000,
      currency: "EUR",
      period: "year",
    });
    expect(makeSalary({ min: "17.0", max: "15", currency: "usd", period: "hourly" })).toEqual({
      min: 15,
      max: 17,
      currency: "USD",
      period: "hour",
    });
    expect(makeSalary({ max: 4000, period: "MONATSGEHALT" })).toEqual({
      max: 4000,
      currency: "EUR",
      period: "month",
    });
    expect(makeSalary({ period: "yearly" })).toBeUndefined();
    expect(makeSalary({ min: 50000, period: "KEINE_ANGABEN" })).toBeUndefined();
    expect(makeSalary({ min: -5, period: "yearly" })).toBeUndefined();
  });
});

describe("validatePosting", () => {
  it("returns a reason naming the field instead of throwing", () => {
    const r = validatePosting(
      {
        id: "j_1",
        title: "",
        company: "X",
        locations: [],
        remoteMode: "unknown",
        employmentType: "unknown",
        seniority: "unknown",
        language: "de",
        description: "",
        sources: [{ source: "t", sourceId: "1" }],
      },
      "t 1",
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? "" : r.reason).toMatch(/^t 1: title/);
  });
});
