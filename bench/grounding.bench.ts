// Grounding benchmark: how many planted unsupported claims the check catches and how many clean
// letters it wrongly flags, over the letter test set (test/fixtures/letters/grounding-set.json),
// per language and per kind of claim, and how fast it checks.
//
//   npx tsx bench/grounding.bench.ts
import { performance } from "node:perf_hooks";
import { checkGrounding } from "../src/jobs/applications/grounding.js";
import { writeOfflineLetter } from "../src/jobs/applications/letter-template.js";
import { groundingCases, letterScenarios, type GroundingCase } from "../test/support/grounding-set.js";

const { clean: written, planted } = groundingCases();
// The offline writer's letters count as clean letters too: every scenario, tone and length.
const generated: GroundingCase[] = letterScenarios().flatMap((s) =>
  (["neutral", "formal", "warm"] as const).flatMap((tone) =>
    (["short", "normal", "long"] as const).map((length) => {
      const d = writeOfflineLetter({ ...s, tone, length });
      return {
        name: `${s.id} ${tone} ${length}`,
        input: { letter: d.text, cited: d.cited, posting: s.posting, lang: s.lang },
      };
    }),
  ),
);
const clean = [...written, ...generated];
const row = (label: string, hit: number, of: number) =>
  `| ${label} | ${hit}/${of} | ${((100 * hit) / Math.max(1, of)).toFixed(0)}% |`;

const caught = planted.map((c) => {
  const r = checkGrounding(c.input);
  return {
    c,
    hit: r.unsupported.some((u) => u.sentence === c.planted?.sentence),
    extra: r.unsupported.length - 1,
  };
});
const alarms = clean.map((c) => ({ c, flagged: !checkGrounding(c.input).supported }));

console.log("| planted claims caught | n | rate |\n|---|---|---|");
console.log(row("all", caught.filter((x) => x.hit).length, caught.length));
for (const lang of ["en", "de"]) {
  const xs = caught.filter((x) => x.c.input.lang === lang);
  console.log(row(lang, xs.filter((x) => x.hit).length, xs.length));
}
for (const kind of [...new Set(planted.map((c) => c.planted!.kind))]) {
  const xs = caught.filter((x) => x.c.planted!.kind === kind);
  console.log(row(kind, xs.filter((x) => x.hit).length, xs.length));
}
console.log(
  `\nother sentences flagged in planted letters: ${caught.reduce((a, x) => a + Math.max(0, x.extra), 0)}`,
);
console.log(
  `clean letters flagged (false alarms): ${alarms.filter((a) => a.flagged).length}/${alarms.length} (${written.length} written, ${generated.length} from the offline writer)`,
);

const all = [...clean, ...planted];
const rounds = 200;
const t0 = performance.now();
for (let i = 0; i < rounds; i++) for (const c of all) checkGrounding(c.input);
const ms = (performance.now() - t0) / (rounds * all.length);
console.log(`speed: ${ms.toFixed(3)} ms per letter (${all.length} letters × ${rounds} rounds, one core)`);
