// How the stand-in answers a fit-verdict request (`fit_verdict`, see src/jobs/fit/verdict-model.ts),
// by fixed rules over the request — never a canned answer: it looks for each significant word of
// the posting's title in the CV lines of the prompt, cites the first line holding it and gives
// points by the share found (all → +10, none → −10). Like a model that paraphrases, it quotes the
// word as the posting spells it, found in the CV whatever its case: a posting that writes
// "python developer" for a CV's "Python Developer" gets quotes that do not check out.
import { foldWithMap, originalSpan } from "../../jobs/fit/citations.js";
import { titleTerms } from "../../jobs/fit/requirements.js";
import { VERDICT_TOOL } from "../../jobs/fit/verdict-model.js";
import { contentText, type ChatCompletionRequest, type Reply } from "./protocol.js";

const WORD = /[\p{L}\p{N}]/u;

/** Index of `word` in `folded` as a whole word, or -1. */
function wordAt(folded: string, word: string): number {
  for (let at = folded.indexOf(word); at >= 0; at = folded.indexOf(word, at + 1)) {
    const before = folded[at - 1] ?? " ";
    const after = folded[at + word.length] ?? " ";
    if (!WORD.test(before) && !WORD.test(after)) return at;
  }
  return -1;
}

/** The verdict the stand-in gives for a request's CV lines and posting. */
export function standInVerdict(text: string): Record<string, unknown> {
  const [cvPart = "", rest = ""] = text.split("<posting>");
  const lines = [...cvPart.matchAll(/^L(\d+): (.*)$/gm)].map((m) => ({
    n: Number(m[1]),
    folded: foldWithMap(m[2] ?? "").folded,
  }));
  const title = /^Title: (.*)$/m.exec(rest.split("</posting>")[0] ?? "")?.[1] ?? "";
  const titleFolded = foldWithMap(title);
  const terms = titleTerms(title);
  const citations: Array<{ line: number; quote: string }> = [];
  const found: string[] = [];
  for (const term of terms) {
    const line = lines.find((l) => wordAt(l.folded, term) >= 0);
    if (!line) continue;
    const at = wordAt(titleFolded.folded, term);
    found.push(term);
    citations.push({
      line: line.n,
      quote: at >= 0 ? originalSpan(title, titleFolded, at, at + term.length) : term,
    });
  }
  const points = terms.length === 0 ? 0 : Math.round((20 * found.length) / terms.length - 10);
  const reason =
    found.length === 0
      ? "None of the title's words appear in the CV."
      : `The CV shows ${found.length} of ${terms.length} words of the title: ${found.join(", ")}.`;
  return { points, reason, citations };
}

/** Answers requests that force the `fit_verdict` tool (or ask for it as a JSON schema). */
export function fitVerdictRule(req: ChatCompletionRequest): Reply | undefined {
  const forced = typeof req.tool_choice === "object" ? req.tool_choice.function.name : undefined;
  const asSchema =
    req.response_format?.type === "json_schema" && req.response_format.json_schema?.name === VERDICT_TOOL;
  if (forced !== VERDICT_TOOL && !asSchema) return undefined;
  const text = req.messages
    .filter((m) => m.role === "user")
    .map((m) => contentText(m.content))
    .join("\n");
  const args = standInVerdict(text);
  return asSchema ? { text: JSON.stringify(args) } : { toolCalls: [{ name: VERDICT_TOOL, args }] };
}
