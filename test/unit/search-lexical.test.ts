import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { termsIn } from "../../src/search/explain.js";
import { LexicalSearch, matchExpression, queryTerms } from "../../src/search/lexical.js";
import { openStore, posting, tempDir, type Store } from "../contract/search-fixtures.js";
import { STORES } from "../support/stores.js";

describe("queryTerms / matchExpression", () => {
  it("keeps words, drops stopwords, one-letter words, duplicates and all FTS5 syntax", () => {
    expect(queryTerms('title:python AND "django" OR NEAR(a b) java* ^senior -x (m/w/d) Python')).toEqual([
      "title",
      "python",
      "django",
      "near",
      "java",
      "senior",
    ]);
    expect(queryTerms("Jobs in der Pflege für mich")).toEqual(["jobs", "pflege", "mich"]);
    expect(queryTerms("Würzburg")).toEqual(["würzburg"]);
    expect(queryTerms("  ¿?  ")).toEqual([]);
  });

  it("quotes every term", () => {
    expect(matchExpression(["python", "and"], "and")).toBe('"python" AND "and"');
    expect(matchExpression(["a", "b"], "or")).toBe('"a" OR "b"');
  });
});

describe.each(STORES)("LexicalSearch on %s", (kind) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let ids: Record<string, number>;

  beforeEach(async () => {
    const t = await tempDir();
    cleanup = t.cleanup;
    store = await openStore(t.dir, kind);
    const now = new Date().toISOString();
    const add = (key: string, p: Parameters<typeof posting>[1]) =>
      store.jobs.insert(posting(key, p), null, now);
    ids = {
      titlePython: await add("a", { title: "Python Developer", description: "Backend services." }),
      // "Python" three times in a short description: without the title weight this one would win.
      descPython: await add("b", { title: "Backend Developer", description: "Python. Python. Python." }),
      java: await add("c", { title: "Java Developer", description: "Spring." }),
      nurse: await add("d", {
        title: "Gesundheits- und Krankenpfleger",
        description: "Pflege im Schichtdienst in Würzburg.",
        locations: [{ city: "Würzburg" }],
      }),
    };
    // Unrelated postings, so "python" is a rare word and bm25's idf is meaningful (with 2 of 4
    // documents matching, FTS5 clamps idf to ~0 and the weights stop mattering).
    for (const [i, title] of [
      "Koch",
      "Erzieherin",
      "Elektriker",
      "Buchhalter",
      "Lagerhelfer",
      "Fahrer",
    ].entries()) {
      await add(`filler${i}`, { title, description: "Wir freuen uns auf Ihre Bewerbung." });
    }
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it("ranks a title match above a description match", async () => {
    const r = await new LexicalSearch(store.db).search("python", 10);
    expect(r.ids).toEqual([ids.titlePython, ids.descPython]);
    expect(r).toMatchObject({ mode: "and", terms: ["python"], total: 2, exhausted: true });
  });

  it("requires all words, and falls back to any word when none has all", async () => {
    const lex = new LexicalSearch(store.db);
    expect((await lex.search("python backend", 10)).ids.sort()).toEqual(
      [ids.titlePython, ids.descPython].sort(),
    );
    expect((await lex.search("python developer", 10)).ids).toEqual([ids.titlePython, ids.descPython]);
    const or = await lex.search("python spring", 10);
    expect(or.mode).toBe("or");
    expect(or.ids.sort()).toEqual([ids.titlePython, ids.descPython, ids.java].sort());
  });

  /** A job by its title alone; and the two that hold "Pflege" only inside a compound or as a name. */
  const addTitle = (key: string, title: string) =>
    store.jobs.insert(
      posting(key, { title, description: "Wir freuen uns auf Sie." }),
      null,
      new Date().toISOString(),
    );
  const addCompounds = async () => ({
    alten: await addTitle("e", "Altenpflegerin (m/w/d)"),
    fach: await addTitle("f", "Pflegefachkraft Intensivstation"),
  });

  it("finds a word inside German compounds in titles, after the whole-word matches", async () => {
    const { alten, fach } = await addCompounds();
    const lex = new LexicalSearch(store.db);
    const pflege = await lex.search("Pflege", 10);
    // The nurse's description says "Pflege" as a word, "Pflegefachkraft" is a name of the same job;
    // "Altenpflegerin" holds it only inside a compound, so it comes after them.
    expect(pflege.ids.at(-1)).toBe(alten);
    expect(pflege.ids.sort()).toEqual([ids.nurse!, alten, fach].sort());
    expect(pflege.total).toBe(3);
    // "Krankenpfleger" holds "pfleger"; "Lagerhelfer" holds "helfer"; umlauts fold.
    expect((await lex.search("pfleger", 10)).ids).toContain(ids.nurse);
    expect((await lex.search("helfer", 10)).ids).toHaveLength(1);
    // A word inside a title and another elsewhere cannot both be required (two indexes): "any word"
    // then puts the job that has both first.
    expect((await lex.search("PFLEGER wurzburg", 10)).ids[0]).toBe(ids.nurse);
    // Short words are not looked for inside words: "koch" would not find "Kochen", "art" not "Stuttgart".
    const stuttgart = await addTitle("g", "Verkäufer Stuttgart");
    expect((await lex.search("art", 10)).ids).not.toContain(stuttgart);
  });

  it("looks inside compounds only when the page is short of whole-word matches", async () => {
    const { alten, fach } = await addCompounds();
    const lex = new LexicalSearch(store.db);
    // Two whole-word matches (the nurse, and "Pflegefachkraft" by name) fill a page of two: the
    // compound is not looked for, however many the fusion could take.
    expect((await lex.search("Pflege", 30, undefined, 2)).ids.sort()).toEqual([ids.nurse!, fach].sort());
    expect((await lex.search("Pflege", 30, undefined, 3)).ids).toEqual(expect.arrayContaining([alten]));
  });

  it("finds a job by its English or German name (nursing ↔ Pflege, warehouse ↔ Lager)", async () => {
    const lex = new LexicalSearch(store.db);
    expect((await lex.search("nursing", 10)).ids).toEqual([ids.nurse]);
    expect(await lex.search("nurse Würzburg", 10)).toMatchObject({ ids: [ids.nurse], mode: "and" });
    const warehouse = await lex.search("warehouse", 10);
    expect(warehouse.ids).toHaveLength(1);
    expect((await store.jobs.getMany(warehouse.ids))[0]?.posting.title).toBe("Lagerhelfer");
    // The "why" names what was found, so "nursing" → title matches “pflege”.
    expect(termsIn("Gesundheits- und Krankenpfleger (m/w/d)", ["nursing", "python"])).toEqual([
      { term: "nursing", found: "pflege" },
    ]);
    expect(termsIn("Senior Python Developer", ["python", "developer"])).toEqual([
      { term: "python", found: "python" },
      { term: "developer", found: "developer" },
    ]);
    // Inside words, a name holding another adds nothing ("pflegekraft" ⊃ "pflege", "nurses" ⊃ "nurse").
    expect(matchExpression(["pflege"], "and", { synonyms: true, minLetters: 4 })).toBe(
      '("pflege" OR "nurse" OR "nursing")',
    );
    expect(matchExpression(["nurse", "python"], "and")).toBe('"nurse" AND "python"');
    expect(matchExpression(["nurse", "python"], "and", { synonyms: true })).toMatch(
      /^\("nurse" OR "nurses" OR "nursing" OR "pflege" .*\) AND "python"$/,
    );
  });

  it("folds case and diacritics like the index does", async () => {
    const lex = new LexicalSearch(store.db);
    expect((await lex.search("WURZBURG", 10)).ids).toEqual([ids.nurse]);
    expect((await lex.search("würzburg pflege", 10)).ids).toEqual([ids.nurse]);
  });

  it("applies the filter while reading the ranking, so a selective filter still fills the page", async () => {
    const lex = new LexicalSearch(store.db);
    const r = await lex.search("developer", 1, (id) => id === ids.java);
    expect(r.ids).toEqual([ids.java]);
    expect((await lex.search("developer", 10, () => false)).ids).toEqual([]);
  });

  it("ranks very common words in recency windows: newest matches first, bm25 within a window", async () => {
    const lex = new LexicalSearch(store.db, { window: 1 });
    const r = await lex.search("developer", 10);
    // Window 1 = the newest match (Java); then the 3 older ones ranked by bm25 (title before description).
    expect(r.ids).toEqual([ids.java, ids.titlePython, ids.descPython]);
    expect(r.exhausted).toBe(true);
    expect(await lex.search("developer", 1)).toMatchObject({ ids: [ids.java], exhausted: false });
  });

  it("reads hostile input as plain words: syntax alone finds nothing, words around it find their jobs", async () => {
    const lex = new LexicalSearch(store.db);
    for (const text of ['"', "NOT", "*", "a:b:c", "NEAR(", "'; DROP TABLE jobs_fts; --", "\u0000"]) {
      expect((await lex.search(text, 5)).ids).toEqual([]);
    }
    expect((await lex.search("python)(", 5)).ids).toEqual([ids.titlePython, ids.descPython]);
    expect((await lex.search('"java" NEAR(spring', 5)).ids).toEqual([ids.java]);
    expect((await lex.search("python OR java", 10)).ids).toContain(ids.java); // "or" is a stopword, not an operator
    expect(await store.jobs.count()).toBe(10);
  });
});
