// Which store DATABASE_URL selects, and what a person is told when it names neither.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";

describe("DATABASE_URL", () => {
  it("selects PostgreSQL for postgres:// and postgresql:// URLs, the SQLite file otherwise", () => {
    for (const url of ["postgres://127.0.0.1/jobscout", "postgresql://app@db:5432/jobs"]) {
      expect(loadConfig({ DATABASE_URL: url }, "/srv").postgresUrl).toBe(url);
    }
    const sqlite = loadConfig({ DATABASE_URL: "sqlite:data/other.sqlite" }, "/srv");
    expect(sqlite.postgresUrl).toBeUndefined();
    expect(sqlite.sqlitePath).toBe("/srv/data/other.sqlite");
    expect(loadConfig({}, "/srv")).toMatchObject({
      postgresUrl: undefined,
      sqlitePath: "/srv/data/jobscout.sqlite",
    });
  });

  it("refuses another kind of URL, naming the variable and the two it takes", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://db/jobs" }, "/srv")).toThrow(
      /DATABASE_URL: use postgres:\/\/user@host:5432\/database for PostgreSQL or sqlite:path .*got a mysql: URL/,
    );
  });
});
