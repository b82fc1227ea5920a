// What a person's own message asks for decides which state changes the tools may make this turn.
import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { recentTurns } from "../../src/agents/agent.js";
import { readRequest, refusal } from "../../src/tools/request.js";

describe("readRequest", () => {
  it("reads tracking, marking and searching in English and German", () => {
    const track = readRequest("track jobs at https://jobs.lever.co/acme.");
    expect([...track.asks].sort()).toEqual(["run", "track"]);
    expect(track.urls).toEqual(["https://jobs.lever.co/acme"]);
    expect(readRequest("bitte https://boards.greenhouse.io/n26 beobachten").asks.has("track")).toBe(true);
    expect(readRequest("stop tracking https://jobs.lever.co/acme").asks.has("track")).toBe(false);
    expect(readRequest("stop tracking https://jobs.lever.co/acme").asks.has("untrack")).toBe(true);
    expect(readRequest("save 2 and 5").jobRefs).toBe(2);
    expect(readRequest("merk dir Nummer 3").asks.has("mark")).toBe(true);
    expect(readRequest("find python jobs in Berlin").asks).toEqual(new Set(["run"]));
    // A URL without a verb asking to track it is not a request to track.
    expect(readRequest("what is https://evil.example/jobs.rss?").asks.has("track")).toBe(false);
  });

  it("refuses what was not asked, and more marks than jobs named", () => {
    const used = { marks: 0 };
    const save = readRequest("save 2");
    expect(refusal(save, "mark", used)).toBeUndefined();
    expect(refusal(save, "mark", used)).toMatch(/only the jobs you named/);
    expect(refusal(readRequest("python jobs in Berlin"), "track", used)).toMatch(/only when you ask/);
  });
});

describe("recentTurns", () => {
  it("keeps the last whole turns, starting at the person's message, and nothing when short", () => {
    const turn = (i: number) => [
      new HumanMessage(`q${i}`),
      new AIMessage({ content: "", tool_calls: [{ id: `c${i}`, name: "search_jobs", args: {} }] }),
      new ToolMessage({ content: "{}", tool_call_id: `c${i}`, name: "search_jobs" }),
      new AIMessage(`a${i}`),
    ];
    const history = Array.from({ length: 20 }, (_, i) => turn(i)).flat();
    expect(recentTurns(history.slice(0, 8), 40)).toBeUndefined();
    const kept = recentTurns(history, 10)!;
    expect(kept.length).toBe(8);
    expect(kept[0]).toBeInstanceOf(HumanMessage);
    expect(kept[0]!.content).toBe("q18");
    expect(kept.at(-1)!.content).toBe("a19");
  });
});
