// What a posting asks for, read by rules: the skills it names (must-have, or nice-to-have when the
// sentence or section says so) and the words of its title. Postings are untrusted text: this only
// reads words from them, it never follows them.
import type { Posting } from "../../core/posting.js";
import { foldText } from "../../core/text.js";
import { STOPWORDS } from "../../search/hashing.embedder.js";
import { skillsInFolded } from "../profiles/skills.js";

export interface Requirement {
  /** A skill's canonical name, or a word of the title. */
  term: string;
  kind: "must" | "nice";
  /** Where it came from: the posting's title or its text. */
  from: "title" | "text";
}

const NICE_SENTENCE =
  /\b(nice to have|a plus|is a plus|bonus|ideally|preferred|desirable|von vorteil|wunschenswert|idealerweise|gerne auch|optional|plus)\b/;
const NICE_HEADING =
  /\b(nice to have|bonus points|good to have|von vorteil|wunschenswert|was uns freut|pluspunkte)\b/;
const MUST_HEADING =
  /\b(requirements|your profile|what you bring|qualifications|must have|anforderungen|ihr profil|dein profil|das bringst du mit|voraussetzungen|was du mitbringst|was sie mitbringen)\b/;

// Title words that say nothing about the work: gender tags, levels, working time.
const TITLE_NOISE = new Set(
  "mwd wmd mfd dmw fmd wm mw gn all w m d f junior senior lead principal head teamleiter teamleitung vollzeit teilzeit fulltime parttime full part time remote hybrid befristet unbefristet in im und and or oder der die das for fur".split(
    " ",
  ),
);

/** Significant words of a job title ("Product Security Engineer (m/w/d)" → product, security, engineer). */
export function titleTerms(title: string): string[] {
  const words = foldText(title)
    .replace(/\([^)]*\)/g, " ")
    .split(/[^\p{L}\p{N}+#]+/u)
    .filter((w) => w.length >= 3 && !TITLE_NOISE.has(w) && !STOPWORDS.has(w));
  return [...new Set(words)].slice(0, 6);
}

/** A posting's requirements: title words (must), then each skill it names, must unless said nice. */
export function requirementsOf(p: Pick<Posting, "title" | "description">): Requirement[] {
  const out = new Map<string, Requirement>();
  for (const w of titleTerms(p.title)) out.set(`t:${w}`, { term: w, kind: "must", from: "title" });
  for (const s of skillsInFolded(foldText(p.title)))
    out.set(s.skill, { term: s.skill, kind: "must", from: "title" });
  let section: "must" | "nice" | undefined;
  const parts = foldText(p.description.slice(0, 20_000)).split(/\n+|(?<=[.!?;•])\s+|\s[-•·*]\s/);
  for (const part of parts) {
    const heading = part.length < 80 && /:\s*$|^[^.]{0,60}$/.test(part);
    if (heading && NICE_HEADING.test(part)) section = "nice";
    else if (heading && MUST_HEADING.test(part)) section = "must";
    const kind = NICE_SENTENCE.test(part) || section === "nice" ? "nice" : "must";
    for (const s of skillsInFolded(part)) {
      const had = out.get(s.skill);
      // Said both ways: must wins (it is required somewhere).
      if (!had || (had.kind === "nice" && kind === "must" && had.from === "text"))
        out.set(s.skill, { term: s.skill, kind, from: "text" });
    }
  }
  return [...out.values()];
}
