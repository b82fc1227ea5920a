import path from "node:path";
import { ExactVectorIndex } from "../../src/search/exact.index.js";
import { HnswVectorIndex } from "../../src/search/hnsw.index.js";
import { tempDir } from "./search-fixtures.js";
import { vectorIndexContract } from "./vector-index.contract.js";

vectorIndexContract({
  name: "ExactVectorIndex",
  create: (dim) => new ExactVectorIndex({ dim, initialCapacity: 4 }),
});

const dirs: Array<() => Promise<void>> = [];
vectorIndexContract({
  name: "HnswVectorIndex",
  async create(dim) {
    const { dir, cleanup } = await tempDir();
    dirs.push(cleanup);
    // ef well above the sizes used, so the contract's exact answers are within reach.
    return HnswVectorIndex.create({ file: path.join(dir, "t.hnsw"), dim, initialCapacity: 16, ef: 400 });
  },
  async cleanup() {
    await Promise.all(dirs.splice(0).map((c) => c()));
  },
});
