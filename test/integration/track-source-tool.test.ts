// The track_source tool as any chat model calls it (a model picks its own arguments): it tracks
// only a board whose URL the person wrote in their own message, only for an admin (naming whom to
// ask when it knows), says when a board to stop tracking is not tracked, and refuses a feed at an
// internal address before saying "Now tracking". Real store (SQLite) of a test app.
import { describe, expect, it } from "vitest";
import type { App } from "../../src/compose/app.js";
import { readRequest } from "../../src/tools/request.js";
import { createTrackSourceTool } from "../../src/tools/track-source.tool.js";
import { startTestApp } from "../support/harness.js";
import { replayPerFile } from "../support/replay-per-file.js";
import { invokeTool } from "../support/turns.js";

const { server: replay, cleanups } = replayPerFile();

async function track(
  app: App,
  said: string,
  args: { url: string; action: "track" | "untrack" },
  who: { isAdmin: boolean; whoMay?: string } = { isAdmin: true },
) {
  const t = createTrackSourceTool({
    catalog: app.catalog,
    outbound: app.outbound,
    whoMay: who.whoMay === undefined ? undefined : () => Promise.resolve(who.whoMay),
  });
  const context = {
    workspaceId: "ws-track",
    userId: "u-track",
    threadId: "t-track",
    platform: "slack",
    channel: "C1",
    direct: false,
    isAdmin: who.isAdmin,
    request: readRequest(said),
    used: { marks: 0 },
  };
  return invokeTool(t, { name: "track_source", args }, context);
}

describe("the track_source tool", () => {
  it("tracks only the board whose URL the person wrote, and only for an admin", async () => {
    const app = await startTestApp(replay().url, {}, cleanups, { workers: false });
    const said = "track https://boards.greenhouse.io/n26";
    const other = await track(app, said, { url: "https://boards.greenhouse.io/evilcorp", action: "track" });
    expect(other).toEqual({
      content: { error: "I track only a URL you wrote in your message yourself." },
      artifact: null,
    });
    const member = await track(
      app,
      said,
      { url: "https://boards.greenhouse.io/n26", action: "track" },
      {
        isAdmin: false,
        whoMay: "@ana, @ben",
      },
    );
    expect(member.content).toEqual({
      error: "Only workspace admins (@ana, @ben) can change this workspace's job sources.",
    });
    const unnamed = await track(
      app,
      said,
      { url: "https://boards.greenhouse.io/n26", action: "track" },
      {
        isAdmin: false,
      },
    );
    expect(unnamed.content).toEqual({
      error: "Only workspace admins can change this workspace's job sources.",
    });
    expect(await app.catalog.list("ws-track")).toEqual([]);
  });

  it("says a board it is asked to stop tracking is not tracked", async () => {
    const app = await startTestApp(replay().url, {}, cleanups, { workers: false });
    const r = await track(app, "stop tracking https://jobs.lever.co/acme", {
      url: "https://jobs.lever.co/acme",
      action: "untrack",
    });
    expect(r).toEqual({ content: { error: "This workspace does not track Lever acme." }, artifact: null });
  });

  it("refuses a feed at an internal address before tracking it", async () => {
    const app = await startTestApp(replay().url, {}, cleanups, { workers: false });
    const url = "http://127.0.0.1:6379/jobs.rss";
    const r = await track(app, `track ${url}`, { url, action: "track" });
    expect(r).toEqual({
      content: {
        error:
          "I can't track http://127.0.0.1:6379/jobs.rss: this address is not allowed. I fetch job boards, feeds and careers pages only at public web addresses.",
      },
      artifact: null,
    });
    expect(await app.catalog.list("ws-track")).toEqual([]);
  });
});
