// What a person sees when a setting is wrong (start-up stops with every bad variable named, with the
// value it got), and how the settings that take lists, switches and URLs are read.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { AppError } from "../../src/core/errors.js";

function configError(env: Record<string, string>): AppError {
  try {
    loadConfig(env, "/srv");
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected loadConfig to refuse the settings");
}

describe("loadConfig refuses bad settings", () => {
  it("names every bad variable with the value it got, in one message the person sees", () => {
    const err = configError({
      JOBSCOUT_WORKER_CONCURRENCY: "500",
      JOBSCOUT_PROGRESS: "maybe",
      JOBSCOUT_TIME_ZONE: "Europe/Frankfurt",
      DISCORD_APPLICATION_ID: "my-bot",
    });
    expect(err.code).toBe("config_invalid");
    const lines = (err.userMessageIn("en") ?? "").split("\n");
    expect(lines[0]).toBe("Invalid configuration:");
    expect(lines).toContain(
      '  JOBSCOUT_TIME_ZONE: an IANA time zone such as Europe/Berlin (got "Europe/Frankfurt")',
    );
    expect(lines).toContain('  DISCORD_APPLICATION_ID: a numeric Discord id (got "my-bot")');
    expect(lines).toContain('  JOBSCOUT_WORKER_CONCURRENCY: Too big: expected number to be <=64 (got "500")');
    expect(lines).toContain(
      '  JOBSCOUT_PROGRESS: Invalid option: expected one of "0"|"1"|"true"|"false"|"yes"|"no"|"on"|"off" (got "maybe")',
    );
    expect(lines).toHaveLength(5);
  });

  it("explains the format of host and body-size lists it cannot read", () => {
    const err = configError({
      JOBSCOUT_HOST_RATE_LIMITS: "api.example.com:30",
      JOBSCOUT_MAX_BODY_BYTES_BY_KIND: "html=5000",
    });
    expect(err.message).toBe(
      [
        "Invalid configuration:",
        '  JOBSCOUT_HOST_RATE_LIMITS: host=perMinute pairs separated by commas (got "api.example.com:30")',
        '  JOBSCOUT_MAX_BODY_BYTES_BY_KIND: kind=bytes pairs (kinds api, feed, page) separated by commas (got "html=5000")',
      ].join("\n"),
    );
  });

  it("asks for the LlamaCloud key when the CV parser is LlamaParse", () => {
    expect(configError({ JOBSCOUT_CV_PARSER: "llamaparse" }).userMessageIn("de")).toBe(
      "Invalid configuration:\n  JOBSCOUT_CV_PARSER: llamaparse needs LLAMA_CLOUD_API_KEY (a LlamaCloud key, llx-…; any value for `jobscout mock llamaparse` with LLAMA_CLOUD_BASE_URL)",
    );
  });

  it("asks for an API key when the embedder is OpenAI's", () => {
    expect(configError({ JOBSCOUT_EMBEDDER: "openai" }).message).toBe(
      "Invalid configuration:\n  JOBSCOUT_EMBEDDER: openai needs OPENAI_API_KEY (any value for a local server without keys, such as Ollama, with OPENAI_BASE_URL)",
    );
  });
});

describe("loadConfig reads", () => {
  it("host limits and body sizes as name=number lists, names lower-cased, blanks dropped", () => {
    const c = loadConfig(
      {
        JOBSCOUT_HOST_RATE_LIMITS: "API.Example.com=30, other.org=0,",
        JOBSCOUT_MAX_BODY_BYTES_BY_KIND: "feed=2048,page=4096",
      },
      "/srv",
    );
    expect(c.JOBSCOUT_HOST_RATE_LIMITS).toEqual({ "api.example.com": 30, "other.org": 0 });
    expect(c.JOBSCOUT_MAX_BODY_BYTES_BY_KIND).toEqual({ feed: 2048, page: 4096 });
  });

  it("switches written as on/off, yes/no, 1/0 or true/false", () => {
    const progress = (v: string) => loadConfig({ JOBSCOUT_PROGRESS: v }, "/srv").JOBSCOUT_PROGRESS;
    expect(["on", "yes", "1", "true"].map(progress)).toEqual([true, true, true, true]);
    expect(["off", "no", "0", "false"].map(progress)).toEqual([false, false, false, false]);
  });

  it("API base URLs as the clients need them: Slack's with one trailing slash, Discord's and the dashboard's without", () => {
    const c = loadConfig(
      {
        SLACK_API_URL: "http://127.0.0.1:4000/api",
        DISCORD_API_URL: "http://127.0.0.1:4001/api//",
        JOBSCOUT_DASHBOARD_URL: "https://jobs.example.com/",
      },
      "/srv",
    );
    expect(c.SLACK_API_URL).toBe("http://127.0.0.1:4000/api/");
    expect(c.DISCORD_API_URL).toBe("http://127.0.0.1:4001/api");
    expect(c.JOBSCOUT_DASHBOARD_URL).toBe("https://jobs.example.com");
    expect(loadConfig({ SLACK_API_URL: "http://127.0.0.1:4000/api/" }, "/srv").SLACK_API_URL).toBe(
      "http://127.0.0.1:4000/api/",
    );
  });

  it("export and snapshot folders relative to the working directory, empty values as unset", () => {
    const set = loadConfig(
      { JOBSCOUT_EXPORT_DIR: "out/exports", JOBSCOUT_INDEX_SNAPSHOT_DIR: "/mnt/shared/index" },
      "/srv",
    );
    expect(set.exportDir).toBe("/srv/out/exports");
    expect(set.snapshotDir).toBe("/mnt/shared/index");
    const unset = loadConfig({ JOBSCOUT_EXPORT_DIR: "", JOBSCOUT_DATA_DIR: "state" }, "/srv");
    expect(unset.exportDir).toBe("/srv/state/exports");
    expect(unset.snapshotDir).toBeUndefined();
  });
});
