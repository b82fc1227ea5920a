// `npm run build`, after tsc: write what every process would otherwise compute at its first use
// into dist/artifacts/ (src/core/artifacts.ts). Each artifact carries stamps of what it was built
// from (compiled and source modules, data); one whose stamps are all current is left alone, so
// `npm start` (which builds first) pays nothing. A process that finds an artifact missing or stale
// computes the thing itself as before, so a failure here slows processes down but never breaks
// them: it is reported and the build goes on.
import { mkdirSync } from "node:fs";
import path from "node:path";
import {
  INTENT_MODEL_FILE,
  intentModelStamps,
  openIntentModelFile,
  trainBuiltInIntentWeights,
  writeIntentModelFile,
} from "./agents/intent-model-file.js";
import { artifactsDir } from "./core/artifacts.js";
import { cityIndexStamps, openCityIndexFile, writeCityIndexFile } from "./core/geo/city-index-file.js";
import { loadAllTheCities } from "./core/geo/city-index.js";
import { CITY_INDEX_FILE } from "./core/geo/gazetteer.js";

interface Artifact {
  file: string;
  current(file: string): boolean;
  write(file: string): string;
}

const ARTIFACTS: Artifact[] = [
  {
    file: CITY_INDEX_FILE,
    current: (file) => cityIndexStamps().every((s) => openCityIndexFile(file, s) !== undefined),
    write(file) {
      const cities = loadAllTheCities();
      writeCityIndexFile(file, cities);
      return `${cities.length} cities`;
    },
  },
  {
    file: INTENT_MODEL_FILE,
    current: (file) => intentModelStamps().every((s) => openIntentModelFile(file, s) !== undefined),
    write(file) {
      const model = trainBuiltInIntentWeights();
      writeIntentModelFile(file, model);
      return `${model.features.length} features × ${model.labels.length} intents`;
    },
  },
];

// Another directory may be named (a test builds into a temp dir); users build into dist/artifacts/.
const dir = process.argv[2] ?? artifactsDir();
mkdirSync(dir, { recursive: true });
for (const a of ARTIFACTS) {
  const file = path.join(dir, a.file);
  try {
    if (a.current(file)) continue;
    const what = a.write(file);
    process.stdout.write(`build: wrote ${file} (${what})\n`);
  } catch (err) {
    process.stderr.write(
      `build: could not write ${file} (processes will compute it at start): ${String(err)}\n`,
    );
  }
}
