// A fresh search store for every test of a describe block: opened before each test in a temp dir
// (SQLite) or a database of its own (PostgreSQL), closed and removed after it.
import { afterEach, beforeEach } from "vitest";
import type { DbDialect } from "../../src/store/db.js";
import { FRANKFURT, openStore, posting, tempDir, type Store } from "./search-fixtures.js";

/** Register the hooks; the returned function gives the current test's store. */
export function storePerTest(kind: DbDialect): () => Store {
  let store: Store | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  beforeEach(async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    store = await openStore(t.dir, kind);
  });
  afterEach(async () => {
    await store?.close();
    await cleanup?.();
    store = undefined;
  });
  return () => {
    if (!store) throw new Error("storePerTest: no store outside a test");
    return store;
  };
}

/** A posting in Frankfurt am Main, with what else the test sets. */
export const inFrankfurt = (key: string, over: Parameters<typeof posting>[1] = {}) =>
  posting(key, { locations: [{ city: "Frankfurt am Main", ...FRANKFURT }], ...over });
