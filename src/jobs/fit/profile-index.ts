import type { Profile } from "../profiles/profile.js";
import { aliasesOf } from "../profiles/skills.js";
import { foldWithMap, originalSpan, type Citation, type FoldedText } from "./citations.js";
import type { Requirement } from "./requirements.js";

/** How a requirement was met: a CV line quoted, or a fact the person stated in chat. */
export interface RequirementMatch extends Requirement {
  met: boolean;
  citation?: Citation | undefined;
  /** Met by a fact stated in chat ("I also know Kubernetes"), which has no CV line. */
  stated?: boolean | undefined;
}

/** A profile prepared for scoring many jobs: folded lines, looked up once per term. */
export class ProfileIndex {
  private readonly lines: Array<{ n: number; text: string; f: FoldedText }>;
  private readonly cache = new Map<string, RequirementMatch | null>();
  private readonly stated: Set<string>;

  constructor(readonly profile: Profile) {
    this.lines = profile.lines.map((l) => ({ n: l.n, text: l.text, f: foldWithMap(l.text) }));
    this.stated = new Set(profile.facts.filter((f) => f.stated).map((f) => f.value.toLowerCase()));
  }

  /** Where the CV shows this requirement (first line that does), or that it does not. */
  match(r: Requirement): RequirementMatch {
    const key = `${r.from}:${r.term}`;
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = this.find(r);
      this.cache.set(key, hit);
    }
    return hit ? { ...r, met: true, citation: hit.citation, stated: hit.stated } : { ...r, met: false };
  }

  private find(r: Requirement): RequirementMatch | null {
    const needles = r.from === "title" && !/[A-Z]/.test(r.term) ? [r.term] : aliasesOf(r.term);
    for (const l of this.lines) {
      for (const needle of needles) {
        const at = findWord(l.f.folded, needle, r.from === "title");
        if (at >= 0)
          return {
            ...r,
            met: true,
            citation: { line: l.n, quote: originalSpan(l.text, l.f, at, at + needle.length) },
          };
      }
    }
    if (this.stated.has(r.term.toLowerCase())) return { ...r, met: true, stated: true };
    return null;
  }
}

const WORD = /[\p{L}\p{N}]/u;

/**
 * Index of `needle` in `hay` as a whole word; a title word of 5+ letters may also be part of a
 * compound ("pflege" in "intensivpflege", "security" in "cybersecurity").
 */
function findWord(hay: string, needle: string, compound: boolean): number {
  let from = 0;
  for (;;) {
    const at = hay.indexOf(needle, from);
    if (at < 0) return -1;
    const before = hay[at - 1] ?? " ";
    const after = hay[at + needle.length] ?? " ";
    const bounded = !WORD.test(before) && !WORD.test(after);
    if (bounded || (compound && needle.length >= 5)) return at;
    from = at + 1;
  }
}
