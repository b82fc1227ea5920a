// Which CV lines a letter may use: first the lines that answer the posting's requirements (the
// requirement quoted in the posting's own words), then lines the profile's facts point at. Code
// chooses them; the writer only arranges what was chosen.
import type { Posting } from "../../core/posting.js";
import { foldText } from "../../core/text.js";
import { foldWithMap, originalSpan } from "../fit/citations.js";
import { ProfileIndex } from "../fit/profile-index.js";
import { requirementsOf } from "../fit/requirements.js";
import type { Profile } from "../profiles/profile.js";
import type { CitedLine } from "./grounding.js";
import type { LetterFact } from "./letter-template.js";

/** Lines longer than this are paragraphs, not facts to quote. */
const MAX_FACT_CHARS = 240;

/** The posting's own words for a term ("kubernetes" → "Kubernetes"), when it writes them. */
export function quoteFromPosting(posting: string, term: string): string | undefined {
  const f = foldWithMap(posting);
  const needle = foldText(term);
  const at = needle ? f.folded.indexOf(needle) : -1;
  return at < 0 ? undefined : originalSpan(posting, f, at, at + needle.length);
}

/** The name line that signs the letter: the CV's first line. */
export function applicantLine(profile: Profile): CitedLine | undefined {
  const first = profile.lines[0];
  return first ? { id: `L${first.n}`, text: first.text } : undefined;
}

/** The facts a letter for this posting may use, the best first. */
export function chooseFacts(profile: Profile, posting: Pick<Posting, "title" | "description">): LetterFact[] {
  const text = `${posting.title}\n${posting.description}`;
  const index = new ProfileIndex(profile);
  const byLine = new Map<number, LetterFact>();
  const usable = (n: number) => {
    const line = profile.lines[n - 1];
    return n > 1 && line !== undefined && line.text.length <= MAX_FACT_CHARS ? line : undefined;
  };
  const reqs = requirementsOf(posting).sort((a, b) => Number(a.kind === "nice") - Number(b.kind === "nice"));
  for (const r of reqs) {
    if (r.from === "title") continue;
    const m = index.match(r);
    const line = m.citation ? usable(m.citation.line) : undefined;
    if (!line || byLine.has(line.n)) continue;
    const requirement = quoteFromPosting(text, r.term);
    byLine.set(line.n, { lineId: `L${line.n}`, text: line.text, ...(requirement ? { requirement } : {}) });
  }
  for (const fact of profile.facts) {
    for (const n of fact.lines) {
      const line = usable(n);
      if (line && !byLine.has(n)) byLine.set(n, { lineId: `L${n}`, text: line.text });
    }
  }
  return [...byLine.values()];
}
