// Loads the grounding test set (test/fixtures/letters/grounding-set.json) as checker inputs.
import { readFileSync } from "node:fs";
import type { CitedLine, GroundingInput } from "../../src/jobs/applications/grounding.js";

interface Scenario {
  id: string;
  lang: "de" | "en";
  cv: string[];
  cited: string[];
  posting: string;
  clean: string[];
  planted: Array<{ base: number; kind: string; sentence: string }>;
  job: { title: string; company: string };
  facts: Array<{ line: string; requirement?: string }>;
}

/** A scenario as the offline letter writer takes it: the name line, the job and the chosen facts. */
export interface LetterScenario {
  id: string;
  lang: "de" | "en";
  applicant: CitedLine;
  job: { title: string; company: string };
  posting: string;
  facts: Array<{ lineId: string; text: string; requirement?: string }>;
}

function load(): Scenario[] {
  return (
    JSON.parse(readFileSync(new URL("../fixtures/letters/grounding-set.json", import.meta.url), "utf8")) as {
      scenarios: Scenario[];
    }
  ).scenarios;
}

export function letterScenarios(): LetterScenario[] {
  return load().map((s) => ({
    id: s.id,
    lang: s.lang,
    applicant: { id: "L1", text: s.cv[0]! },
    job: s.job,
    posting: s.posting,
    facts: s.facts.map((f) => ({
      lineId: f.line,
      text: s.cv[Number(f.line.slice(1)) - 1]!,
      ...(f.requirement ? { requirement: f.requirement } : {}),
    })),
  }));
}

export interface GroundingCase {
  name: string;
  input: GroundingInput;
  /** The planted sentence that must be reported; undefined for a clean letter. */
  planted?: { kind: string; sentence: string };
}

/** The body of a letter with a sentence added before its closing lines. */
function plant(letter: string, sentence: string): string {
  const paragraphs = letter.split("\n\n");
  paragraphs.splice(paragraphs.length - 1, 0, sentence);
  return paragraphs.join("\n\n");
}

export function groundingCases(): { clean: GroundingCase[]; planted: GroundingCase[] } {
  const set = { scenarios: load() };
  const clean: GroundingCase[] = [];
  const planted: GroundingCase[] = [];
  for (const s of set.scenarios) {
    const cited: CitedLine[] = s.cited.map((id) => ({ id, text: s.cv[Number(id.slice(1)) - 1]! }));
    s.clean.forEach((letter, i) =>
      clean.push({ name: `${s.id} clean ${i}`, input: { letter, cited, posting: s.posting, lang: s.lang } }),
    );
    s.planted.forEach((p, i) =>
      planted.push({
        name: `${s.id} planted ${i} (${p.kind})`,
        input: { letter: plant(s.clean[p.base]!, p.sentence), cited, posting: s.posting, lang: s.lang },
        planted: p,
      }),
    );
  }
  return { clean, planted };
}
