// The logger (pino underneath): JSON lines with level, message and fields; child bindings on every
// line; levels filter; secrets never reach a line, by key or by path.
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/core/logger.js";

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  const logger = createLogger(level, { role: "worker" }, (l) => lines.push(l));
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe("logger", () => {
  it("writes one JSON line per call with time, level, message, bindings and fields", () => {
    const { logger, parsed } = capture("info");
    logger.child({ runId: "r-1", source: "arbeitnow" }).info("fetched", { pages: 2 });
    const [line] = parsed();
    expect(line).toMatchObject({
      level: "info",
      msg: "fetched",
      role: "worker",
      runId: "r-1",
      source: "arbeitnow",
      pages: 2,
    });
    expect(Date.parse(String(line?.time))).not.toBeNaN();
  });

  it("drops lines below the level, and everything when silent", () => {
    const info = capture("info");
    info.logger.debug("noise");
    info.logger.warn("careful");
    expect(info.parsed().map((l) => l.level)).toEqual(["warn"]);
    const silent = capture("silent");
    silent.logger.error("boom");
    expect(silent.lines).toEqual([]);
  });

  it("redacts secrets by key at the top and by path below it", () => {
    const { logger, lines } = capture("info");
    logger.child({ slackToken: "xoxb-bound" }).warn("request failed", {
      apiKey: "sk-top",
      request: { headers: { authorization: "Bearer sk-nested" }, token: "xapp-nested" },
      options: { password: "hunter2" },
    });
    const text = lines.join("\n");
    for (const secret of ["xoxb-bound", "sk-top", "sk-nested", "xapp-nested", "hunter2"])
      expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });
});
