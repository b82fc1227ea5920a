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

describe("readRequest, one kind of request at a time", () => {
  it("takes the URLs as written, without the punctuation that ends the sentence", () => {
    expect(readRequest("track https://jobs.lever.co/acme?team=eng).").urls).toEqual([
      "https://jobs.lever.co/acme?team=eng",
    ]);
    expect(readRequest("follow https://a.example/x and https://b.example/y.x!").urls).toEqual([
      "https://a.example/x",
      "https://b.example/y.x",
    ]);
  });

  it("takes a URL in every shape the request parser reads: no scheme, Slack's link, an idiom of watching", () => {
    const schemeless = readRequest("watch boards.greenhouse.io/n26");
    expect([...schemeless.asks]).toEqual(["track"]);
    expect(schemeless.urls).toEqual(["https://boards.greenhouse.io/n26"]);
    expect(readRequest("follow <https://boards.greenhouse.io/acme|acme board>").urls).toEqual([
      "https://boards.greenhouse.io/acme",
    ]);
    expect(
      readRequest("Kannst du https://careers.example.co.uk/vacancies im Auge behalten?").asks.has("track"),
    ).toBe(true);
    // A technology's name in capitals is no address, so nothing to track.
    expect(readRequest("track ASP.NET jobs").urls).toEqual([]);
  });

  it("tracks only a URL the message names, and never while it asks to stop", () => {
    expect(readRequest("track python jobs").asks.has("track")).toBe(false);
    expect(readRequest("remove https://boards.example/acme").asks).toEqual(new Set(["untrack"]));
    // Words inside the URL are not a request: "weekly" and "digest" here ask for no alert.
    expect(readRequest("track https://boards.example/weekly-digest").asks).toEqual(new Set(["track"]));
  });

  it("reads each kind of state change on its own, and a search (or nothing at all) as a run", () => {
    expect(readRequest("save 2").asks).toEqual(new Set(["mark"]));
    expect(readRequest("save python jobs").asks).toEqual(new Set(["mark", "run"]));
    expect(readRequest("hallo").asks).toEqual(new Set(["run"]));
    expect(readRequest("alert me weekly").asks).toEqual(new Set(["alert"]));
    expect(readRequest("I also know Kubernetes").asks).toEqual(new Set(["profile"]));
    expect(readRequest("make this a team channel").asks).toEqual(new Set(["team"]));
    expect(readRequest("make it shorter").asks).toEqual(new Set(["letter"]));
    expect(readRequest("approve").asks).toEqual(new Set(["approve"]));
    expect(readRequest("send it").asks).toEqual(new Set(["send"]));
  });

  it("counts the jobs a request to mark names: numbers of up to three digits", () => {
    expect(readRequest("save it").jobRefs).toBe(1);
    expect(readRequest("save 100 and 7").jobRefs).toBe(2);
    expect(readRequest("save 12345, 2 and 3").jobRefs).toBe(2);
    // A message that marks nothing names no jobs to mark, whatever numbers it holds.
    expect(readRequest("find 3 python jobs in 10 km").jobRefs).toBe(0);
  });

  it("lets tracking through as often as asked, and refuses in the person's language", () => {
    const used = { marks: 0 };
    const track = readRequest("track https://jobs.lever.co/acme");
    expect(refusal(track, "track", used)).toBeUndefined();
    expect(refusal(track, "track", used)).toBeUndefined();
    expect(used.marks).toBe(0);
    expect(refusal(readRequest("python jobs"), "mark", used, "de")).toBe(
      "Stellen merke oder verstecke ich nur, wenn du mich in deiner eigenen Nachricht darum bittest, z. B. „merk dir 2“ oder „nicht für mich 3“.",
    );
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
