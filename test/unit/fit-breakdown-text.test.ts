// "Why 72?" as a person reads it, in German and English: every part with its points, requirements
// with the CV line that shows them (clipped around the quote), stated or missing, the model's
// verdict with its quotes once each, and why a verdict is not part of the score.
import { describe, expect, it } from "vitest";
import { cardsInLang, renderFitBreakdown } from "../../src/answers/fit-breakdown.js";
import type { JobCard } from "../../src/core/job-card.js";
import type { FitBreakdown } from "../../src/jobs/fit/fit-score.js";

const LONG_LINE =
  "2019–2024 Data Engineer bei der Beispiel AG in Frankfurt: Aufbau von Datenstrecken mit Python, Airflow und Spark für das Risikomanagement";

const breakdown: FitBreakdown = {
  total: 56,
  parts: [
    { key: "requirements", label: "Requirements met: 2/2 must-have, 0/1 nice-to-have", points: 30, max: 50 },
    { key: "similarity", label: "CV and posting similarity 0.62", points: 12, max: 20 },
    { key: "rule:place", label: "Place pass: 12 km from Frankfurt am Main", points: 5, max: 5 },
    { key: "rule:salary", label: "Salary unknown: the posting names no salary", points: 3, max: 5 },
    { key: "verdict", label: "Model verdict: strong in Python", points: 6, max: 10 },
    { key: "bonus", label: "Bonus", points: 0, max: 0 },
    { key: "floor", label: "Scores start at 0", points: 0, max: 0 },
  ],
  rules: [
    {
      rule: "place",
      outcome: "pass",
      reason: "12 km from Frankfurt am Main",
      code: "within",
      args: { km: 12, place: "Frankfurt am Main" },
    },
    {
      rule: "salary",
      outcome: "unknown",
      reason: "the posting names no salary",
      code: "no_salary",
      args: {},
    },
  ],
  requirements: [
    { term: "Python", kind: "must", from: "text", met: true, citation: { line: 4, quote: "Python" } },
    { term: "Kubernetes", kind: "must", from: "text", met: true, stated: true },
    { term: "Terraform", kind: "nice", from: "text", met: false },
  ],
  similarity: 0.62,
  modelId: "gpt-4o-mini",
  promptVersion: "fit-rules-v2",
  profileVersion: 3,
  embedder: "hashing-256",
  verdict: {
    points: 6,
    reason: "stark in Python",
    citations: [
      { line: 4, quote: "Python" },
      { line: 4, quote: "Airflow" },
      { line: 7, quote: "Spark" },
    ],
  },
};

describe("the fit breakdown", () => {
  it("reads in German with each part's points, cited, stated and missing requirements, and the verdict's quotes once", () => {
    expect(renderFitBreakdown(breakdown, { 4: LONG_LINE }, "Data Engineer (m/w/d)", "de")).toBe(
      [
        "Passung 56/100 für „Data Engineer (m/w/d)“:",
        " +30/50  Anforderungen erfüllt: 2/2 Muss, 0/1 Kann",
        "        ✓ Python (Muss) — L4: „… Aufbau von Datenstrecken mit Python, Airflow und Spark für das Risikomanagement“",
        "        ✓ Kubernetes (Muss) — von dir genannt",
        "        ✗ Terraform (Kann) — nicht in deinem Lebenslauf",
        " +12/20  Ähnlichkeit von Lebenslauf und Anzeige 0,62",
        "  +5/5  Ort erfüllt: 12 km von Frankfurt am Main",
        "  +3/5  Gehalt unbekannt: die Anzeige nennt kein Gehalt",
        "  +6/10  Urteil des Modells: stark in Python",
        "        L4: „… Aufbau von Datenstrecken mit Python, Airflow und Spark für das Risikomanagement“",
        "        L7: „Spark“",
        "  +0  Bonus",
        "  +0  Bewertungen beginnen bei 0",
        "   = 56",
        "Berechnet aus Profilversion 3 mit fit-rules-v2 (Modell: gpt-4o-mini, Embedder hashing-256). Unbekannte Regeln kosten nichts Verstecktes: sie stehen oben.",
      ].join("\n"),
    );
  });

  it("says why a configured model's verdict is not in the score, and shows a lost point as minus", () => {
    const without: FitBreakdown = {
      ...breakdown,
      total: 0,
      parts: [
        {
          key: "rule:salary",
          label: "Salary fail: up to 40000 EUR a year, below 60000",
          points: -15,
          max: 5,
        },
        {
          key: "requirements",
          label: "Requirements met: 1/1 must-have, 0/0 nice-to-have",
          points: 15,
          max: 50,
        },
      ],
      requirements: [
        { term: "SQL", kind: "must", from: "text", met: true, citation: { line: 2, quote: "SQL" } },
      ],
      verdict: undefined,
      verdictNote: "quota",
    };
    const cv = { 2: `SQL and reporting for ${"a large retail chain with many stores, ".repeat(3)}` };
    expect(renderFitBreakdown(without, cv, "Data Engineer").split("\n")).toEqual([
      "Fit 0/100 for “Data Engineer”:",
      " -15/5  Salary fail: up to 40000 EUR a year, below 60000",
      " +15/50  Requirements met: 1/1 must-have, 0/0 nice-to-have",
      "        ✓ SQL (must-have) — L2: “SQL and reporting for a large retail chain with many stores, a large retail chain with man…”",
      "Scored without the model's verdict: its quota is used up.",
      "   = 0",
      "Computed from profile version 3 with fit-rules-v2 (model: gpt-4o-mini, embedder hashing-256). Unknown rules cost nothing hidden: they are listed above.",
    ]);
  });

  it("words a card's fit reasons in German from their data, and leaves cards without it alone", () => {
    const card = (fit: JobCard["fit"]): JobCard => ({
      n: 1,
      id: 1,
      jobId: "j_1",
      title: "Data Engineer",
      company: "Beispiel AG",
      place: "Frankfurt am Main, DE",
      remoteMode: "hybrid",
      postedAt: null,
      salary: null,
      url: null,
      sources: ["arbeitnow"],
      score: null,
      why: [],
      fit,
    });
    const scored = card({
      total: 56,
      reasons: ["✗ Salary: up to 40000 EUR a year, below 60000"],
      top: [
        {
          kind: "rule",
          rule: "salary",
          outcome: "fail",
          code: "salary_low",
          args: { top: 40000, currency: "EUR", floor: 60000 },
        },
        { kind: "met", terms: [{ term: "Python", line: 4 }, { term: "Kubernetes" }] },
        { kind: "missing", terms: ["Terraform"] },
      ],
    });
    const plain = card({ total: 40, reasons: ["python"] });
    const [de, untouched] = cardsInLang([scored, plain], "de");
    expect(de?.fit?.reasons).toEqual([
      "✗ Gehalt: bis 40000 EUR im Jahr, unter 60000",
      "✓ Python (L4), Kubernetes (genannt)",
      "fehlt: Terraform",
    ]);
    expect(untouched).toBe(plain);
    expect(cardsInLang([scored], "en")[0]).toBe(scored);
  });
});
