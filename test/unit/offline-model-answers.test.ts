// The built-in offline model, turn by turn, as a person without an API key meets it: what it answers
// to each tool's result (refusals, failed and empty runs, results that came over the wire without
// their artifact), which tool it calls for a request and with which arguments, the questions it asks
// back (which job number, which Frankfurt), and the tools a surface did not give it. The model is
// driven with the conversation a LangChain agent hands it: the person's message, its own tool calls
// and the tools' results.
import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { OfflineChatModel, stepsOf } from "../../src/agents/offline-model.js";
import { createPlaceLookup } from "../../src/agents/place-lookup.js";

// A small gazetteer: the model needs only to recognise these names.
const PLACES: Record<string, { name: string; country: string; population: number }> = {
  berlin: { name: "Berlin", country: "DE", population: 3_600_000 },
  munich: { name: "München", country: "DE", population: 1_500_000 },
  frankfurt: { name: "Frankfurt am Main", country: "DE", population: 750_000 },
};
const lookupPlace = createPlaceLookup((name) => PLACES[name.toLowerCase()]);
const FRANKFURTS = ["Frankfurt am Main", "Frankfurt (Oder)"];
const placeChoices = (written: string) => (/^frankfurt$/i.test(written) ? FRANKFURTS : []);

const model = new OfflineChatModel({ lookupPlace, placeChoices });
/** The model as an agent with only these tools binds it. */
const withTools = (...names: string[]) =>
  model.bindTools(names.map((name) => ({ name, description: name, schema: {} })));

let callNo = 0;
/** The model's call of a tool and the tool's result, as they stand in the conversation. */
function exchange(
  name: string,
  args: Record<string, unknown>,
  result: unknown,
  artifact?: unknown,
): BaseMessage[] {
  const id = `call_${++callNo}`;
  return [
    new AIMessage({ content: "", tool_calls: [{ name, args, id, type: "tool_call" }] }),
    new ToolMessage({
      content: typeof result === "string" ? result : JSON.stringify(result),
      name,
      tool_call_id: id,
      ...(artifact === undefined ? {} : { artifact }),
    }),
  ];
}

async function reply(messages: BaseMessage[], m: { invoke: OfflineChatModel["invoke"] } = model) {
  const out = await m.invoke(messages);
  return {
    text: out.content as string,
    calls: (out.tool_calls ?? []).map((c) => ({ name: c.name, args: c.args })),
  };
}
const say = (text: string, before: BaseMessage[] = []) => reply([...before, new HumanMessage(text)]);

const JOB = { title: "Backend Engineer", company: "Acme GmbH" };
const SEARCH_RESULT = {
  query: { keywords: "python", place: "Berlin", remote: "any", offset: 0, limit: 5 },
  total: 2,
  notes: [],
  jobs: [
    { n: 2, jobId: "job-b", ...JOB },
    { n: 1, jobId: "job-a", ...JOB },
  ],
};
/** A conversation in which "python jobs in Berlin" showed two jobs. */
const searched = (): BaseMessage[] => [
  new HumanMessage("python jobs in Berlin"),
  ...exchange(
    "search_jobs",
    { keywords: "python", place: "Berlin", remote: "any", limit: 5, offset: 0 },
    SEARCH_RESULT,
  ),
  new AIMessage("Here are 2 matches for “python” in or near Berlin:"),
];

const source = (status: string, extra: Record<string, unknown> = {}) => ({
  source: "arbeitnow",
  label: "Arbeitnow",
  status,
  fetched: 12,
  newJobs: 3,
  updatedJobs: 0,
  rejected: 0,
  closedJobs: 0,
  retries: 0,
  http: {},
  durationMs: 1200,
  complete: true,
  httpStatus: 200,
  error: null,
  retryAt: null,
  ...extra,
});
const run = (status: string, sources: unknown[], extra: Record<string, unknown> = {}) => ({
  runId: "run12345-6789",
  status,
  stage: "done",
  progress: 100,
  query: { keywords: "python" },
  createdAt: "2026-12-04T10:00:00.000Z",
  finishedAt: "2026-12-04T10:01:00.000Z",
  sources,
  ...extra,
});

describe("the offline model answering a tool's result", () => {
  it("says a tool's refusal as it is, for a refresh too", async () => {
    const human = new HumanMessage("details 1");
    const refused = await reply([
      human,
      ...exchange("job_details", { jobId: "x" }, { error: "That job is gone." }),
    ]);
    expect(refused).toEqual({ text: "That job is gone.", calls: [] });
    const noRun = await reply([
      new HumanMessage("refresh python jobs"),
      ...exchange("start_run", { keywords: "python" }, { error: "Runs are paused in this workspace." }),
    ]);
    expect(noRun.text).toBe("Runs are paused in this workspace.");
  });

  it("says a tool's result that is not JSON as its words", async () => {
    const r = await reply([
      new HumanMessage("status"),
      ...exchange("run_status", {}, "the queue is not reachable"),
    ]);
    expect(r.text).toBe("the queue is not reachable");
  });

  it("after a run that fetched postings, searches for the same request (place and radius kept)", async () => {
    const r = await reply([
      new HumanMessage("refresh python jobs in Berlin within 30 km"),
      ...exchange(
        "start_run",
        { keywords: "python", place: "Berlin", radiusKm: 30 },
        run("completed", [source("ok")]),
      ),
    ]);
    expect(r.calls).toEqual([
      {
        name: "search_jobs",
        args: { keywords: "python", place: "Berlin", radiusKm: 30, remote: "any", limit: 5, offset: 0 },
      },
    ]);
  });

  it("after a run, shows the run when no source delivered or it cannot search", async () => {
    const failedSource = run("completed", [source("failed", { error: "HTTP 503", fetched: 0 })]);
    const none = await reply([
      new HumanMessage("refresh python jobs"),
      ...exchange("start_run", { keywords: "python" }, failedSource),
    ]);
    expect(none).toEqual({ text: "Run run12345: completed\n- Arbeitnow: failed — HTTP 503", calls: [] });
    const noSearch = await reply(
      [
        new HumanMessage("refresh python jobs"),
        ...exchange("start_run", { keywords: "python" }, run("completed", [source("ok")])),
      ],
      withTools("start_run"),
    );
    expect(noSearch.text).toBe("Run run12345: completed\n- Arbeitnow: 12 jobs, 3 new");
  });

  it("says it could not fetch when the run failed; why is in the run's outcome above, not said again", async () => {
    const r = await reply([
      new HumanMessage("refresh python jobs"),
      ...exchange(
        "start_run",
        { keywords: "python" },
        run("failed", [], { error: "the job queue lost the run" }),
      ),
    ]);
    expect(r.text).toBe("I couldn't fetch new postings. Ask me again later and I'll try anew.");
  });

  it("fetches fresh postings when a first search finds nothing, with its place and radius", async () => {
    const empty = {
      query: { keywords: "rust", place: "Berlin", radiusKm: 20, remote: "any", offset: 0, limit: 5 },
      total: 0,
      notes: [],
      jobs: [],
    };
    const human = new HumanMessage("rust jobs in Berlin within 20 km");
    const args = { keywords: "rust", place: "Berlin", radiusKm: 20, remote: "any", limit: 5, offset: 0 };
    const r = await reply([human, ...exchange("search_jobs", args, empty)]);
    expect(r.calls).toEqual([
      { name: "start_run", args: { keywords: "rust", place: "Berlin", radiusKm: 20 } },
    ]);
    // Without the start_run tool it says what it did not find.
    const told = await reply([human, ...exchange("search_jobs", args, empty)], withTools("search_jobs"));
    expect(told.text).toBe(
      "I found no “rust” in or near Berlin (20 km). Try other keywords, a larger radius, or “remote ok”.",
    );
  });

  it("renders the other tools' results in words", async () => {
    const h = new HumanMessage("x");
    const cases: Array<[string, unknown, string]> = [
      [
        "run_status",
        run("running", [source("fetching", { fetched: 0 })], { stage: "fetch", progress: 40 }),
        "Run run12345: running (fetch, 40%)\n- Arbeitnow: fetching",
      ],
      [
        "dashboard_link",
        { message: "Open http://127.0.0.1:8080/login/abc within 10 minutes." },
        "Open http://127.0.0.1:8080/login/abc within 10 minutes.",
      ],
      ["source_health", {}, "This workspace fetches no sources."],
      ["saved_jobs", {}, "You have no saved jobs yet. Say “save 2” after a search to keep one."],
      ["track_source", { action: "untrack", label: "Greenhouse n26" }, "Stopped tracking Greenhouse n26."],
      ["mark_job", { action: "unhide", job: JOB }, "I'll show you “Backend Engineer” at Acme GmbH again."],
      [
        "forget_profile",
        { forgotten: true },
        "I deleted your profile: CV text, facts, preferences and scores.",
      ],
      ["forget_profile", { forgotten: false }, "There was no profile to forget."],
      ["update_profile", { added: ["Kafka", "Go"] }, "Added to your profile (stated by you): Kafka, Go."],
      ["update_profile", {}, ""],
      ["evaluate_jobs", {}, "I found no jobs to score (or the scoring is still running)."],
      ["evaluate_jobs", { evaluated: 4, jobs: [{ n: 1 }, { n: 2 }] }, "I scored 4 jobs for you; the best 2:"],
      [
        "export_applications",
        { exported: 3, name: "applications.xlsx" },
        "Exported 3 jobs: applications.xlsx (attached).",
      ],
      [
        "send_application",
        { outcome: { status: "already_sent", to: "hr@example.com", job: JOB } },
        "That letter already went to hr@example.com; I did not send it again.",
      ],
      ["some_new_tool", { ok: true }, '{"ok":true}'],
      ["some_new_tool", 42, "42"],
      [
        "list_alerts",
        { kind: "list", alerts: [] },
        "You have no alerts yet. Say e.g. “alert me every Monday at 9 about python jobs in Frankfurt”.",
      ],
      [
        "save_alert",
        { kind: "need_time_zone" },
        "Which time zone should your alerts use? Say e.g. “Europe/Berlin” or “America/New_York”.",
      ],
      [
        "team",
        { kind: "settings", channel: "C1", team: true, alertsBy: "admins" },
        "<#C1> is a team channel: marks (seen, claimed, applied, not relevant) are shared here; only admins may set up and change its alerts.",
      ],
      [
        "show_profile",
        { profile: null },
        "You have no profile yet. Send me your CV (PDF, DOCX or text), or tell me what you know, e.g. “I also know Kubernetes”.",
      ],
      [
        "update_profile",
        { preferences: { remote: "remote_only", salaryMin: 60000 } },
        "Saved your preferences: remote only; at least 60k a year.",
      ],
      ["draft_letters", {}, ""],
    ];
    for (const [name, result, text] of cases) {
      expect((await reply([h, ...exchange(name, {}, result)])).text, name).toBe(text);
    }
  });

  it("shows a letter that came without its artifact (as the OpenAI stand-in gets it) from the tool's words", async () => {
    const letter = {
      letterId: "let-1",
      text: "Dear team, I build APIs in Python.",
      status: "approved",
      anyway: true,
      job: JOB,
      focusMissing: true,
      notice: "The model is out of quota; this is the template letter.",
    };
    const r = await reply([new HumanMessage("approve anyway"), ...exchange("letter_action", {}, letter)]);
    expect(r.text.split("\n\n")).toEqual([
      "The model is out of quota; this is the template letter.",
      "Draft cover letter for Backend Engineer at Acme GmbH:",
      "Dear team, I build APIs in Python.",
      "(I found nothing about that in your CV, so the letter does not mention it.)",
      "Approved, including the sentences you confirmed. It can now be exported or sent.",
    ]);
    const many = await reply([
      new HumanMessage("draft letters for the top 2"),
      ...exchange(
        "draft_letters",
        {},
        {
          letters: [
            { n: 1, letterId: "let-2", text: "Dear team.", job: JOB, unsupported: [] },
            { n: 2, error: "the posting has no text" },
          ],
        },
      ),
    ]);
    expect(many.text).toContain("No letter for job 2: the posting has no text");
    expect(many.text).toContain("1. Draft cover letter for Backend Engineer at Acme GmbH:\n\nDear team.");
  });
});

describe("the offline model choosing a tool", () => {
  it("answers a greeting and help, and help when there is no message at all", async () => {
    expect((await say("hello")).text).toMatch(/^Hello! I search job postings for you\. Try:/);
    expect((await say("help")).text).toMatch(/^I search job postings for you\. Try:/);
    expect((await reply([new SystemMessage("You help people find jobs.")])).text).toMatch(
      /^I search job postings/,
    );
  });

  it("asks for a search first when a job number or “more” has nothing to refer to", async () => {
    const noJob = "I don't see a job number 3 in our conversation. Search first, then use its number.";
    expect((await say("details 3")).text).toBe(noJob);
    expect((await say("save 3")).text).toBe(noJob);
    expect((await say("why is job 3 a good fit?")).text).toBe(noJob);
    expect((await say("more")).text).toBe("Ask me for some jobs first, e.g. “find me jobs in Berlin”.");
    expect((await say("draft a letter for job 3")).text).toBe(noJob);
    expect((await say("send the letter for job 3 to hr@example.com")).text).toBe(noJob);
    expect((await say("draft letters for the top 3")).text).toBe(
      "I have no list of jobs to take the top ones from: search first (e.g. “python jobs in Frankfurt”), then ask again.",
    );
  });

  it("acts on a job by its number in the list shown", async () => {
    const before = searched();
    expect((await say("details 2", before)).calls).toEqual([
      { name: "job_details", args: { jobId: "job-b" } },
    ]);
    expect((await say("not for me 1", before)).calls).toEqual([
      { name: "mark_job", args: { jobId: "job-a", action: "hide" } },
    ]);
    expect((await say("more", before)).calls).toEqual([
      {
        name: "search_jobs",
        args: { keywords: "python", place: "Berlin", remote: "any", limit: 5, offset: 5 },
      },
    ]);
    expect((await say("draft letters for the top 5", before)).calls).toEqual([
      { name: "draft_letters", args: { jobIds: ["job-a", "job-b"] } },
    ]);
    expect((await say("draft a shorter letter for job 2", before)).calls).toEqual([
      { name: "draft_letter", args: { jobId: "job-b", length: "short" } },
    ]);
    expect((await say("send the letter for job 1 to hr@example.com", before)).calls).toEqual([
      { name: "send_application", args: { to: "hr@example.com", jobId: "job-a" } },
    ]);
  });

  it("acts on the letter of the conversation: rewrite, approve anyway, edit, show, export, confirm the mail", async () => {
    const drafted = [
      ...searched(),
      new HumanMessage("draft a letter for job 1"),
      ...exchange("draft_letter", { jobId: "job-a" }, { letterId: "let-1", text: "Dear team.", job: JOB }),
      new AIMessage("Draft cover letter for Backend Engineer at Acme GmbH:"),
    ];
    expect((await say("more formal", drafted)).calls).toEqual([
      { name: "draft_letter", args: { tone: "formal" } },
    ]);
    expect((await say("approve anyway", drafted)).calls).toEqual([
      { name: "letter_action", args: { action: "approve_anyway" } },
    ]);
    expect((await say("edit letter: Dear Acme team.", drafted)).calls).toEqual([
      { name: "letter_action", args: { action: "edit", text: "Dear Acme team." } },
    ]);
    expect((await say("show my letter", drafted)).calls).toEqual([
      { name: "letter_action", args: { action: "show" } },
    ]);
    expect((await say("export my applications as csv", drafted)).calls).toEqual([
      { name: "export_applications", args: { format: "csv", lang: "en" } },
    ]);
    const previewed = [
      ...drafted,
      new HumanMessage("send it to hr@example.com"),
      ...exchange(
        "send_application",
        { to: "hr@example.com" },
        {
          preview: {
            to: "hr@example.com",
            letterId: "let-1",
            confirmation: "c-77",
            subject: "Application",
            job: JOB,
          },
        },
      ),
      new AIMessage("I will send your approved letter …"),
    ];
    expect((await say("yes, send it", previewed)).calls).toEqual([
      { name: "send_application", args: { to: "hr@example.com", letterId: "let-1", confirmation: "c-77" } },
    ]);
  });

  it("asks what to look for when a message says nothing to search for, instead of fetching everything", async () => {
    for (const [text, answer] of [
      [
        "hmm",
        'What should I look for? Tell me a job and a place, e.g. "electrician in Würzburg", or say "help".',
      ],
      [
        "ok",
        'What should I look for? Tell me a job and a place, e.g. "electrician in Würzburg", or say "help".',
      ],
      [
        "äh jo",
        "Wonach soll ich suchen? Nenn mir einen Beruf und einen Ort, z. B. „Elektriker in Würzburg“, oder schreib „Hilfe“.",
      ],
    ] as const) {
      const reply = await model.invoke([new HumanMessage(text)]);
      expect(reply.content, text).toBe(answer);
      expect(reply.tool_calls ?? [], text).toEqual([]);
    }
    // Asking for jobs at all, a job, a place or a filter is a search.
    for (const text of [
      "show me all jobs",
      "zeig mir die neuesten Stellen",
      "Elektriker",
      "jobs in Berlin",
      "nur remote",
    ])
      expect(
        (await say(text)).calls.map((c) => c.name),
        text,
      ).toEqual(["search_jobs"]);
  });

  it("says it does not know a place written after 'near' / 'in der Nähe von' instead of searching for it as a word", async () => {
    const de = await model.invoke([new HumanMessage("Elektriker in der Nähe von Xyzabc, Vollzeit")]);
    expect(de.content).toBe(
      "Einen Ort namens „Xyzabc“ kenne ich nicht. Versuch es mit einem Stadtnamen, z. B. „Frankfurt“.",
    );
    expect(de.tool_calls ?? []).toEqual([]);
    for (const [text, name] of [
      ["nurse jobs near Qwertyville", "Qwertyville"],
      ["Pflege im Umkreis von 20 km um Blubbstadt", "Blubbstadt"],
      ["python jobs within 10 km of Zorbania", "Zorbania"],
      ["Lagerjobs rund um Nixdorf-Ost", "Nixdorf-Ost"],
    ] as const) {
      const answer = await model.invoke([new HumanMessage(text)]);
      expect(answer.content as string, text).toContain(name);
      expect(answer.tool_calls ?? [], text).toEqual([]);
    }
    // Not a place: the person, the clock, a salary, a known place, or a place given elsewhere.
    for (const [text, keywords] of [
      ["python jobs near me", "python"],
      ["Pflege rund um die Uhr in Berlin", undefined],
      ["jobs paying around 60k in Berlin", undefined],
      ["python jobs near Munich", "python"],
    ] as const) {
      const calls = (await say(text)).calls;
      expect(
        calls.map((c) => c.name),
        text,
      ).toEqual(["search_jobs"]);
      if (keywords) expect(calls[0]!.args, text).toMatchObject({ keywords });
    }
  });

  it("asks which Frankfurt, and takes the answer, a name, or the place searched before", async () => {
    const asked = await model.invoke([new HumanMessage("python jobs in Frankfurt")]);
    expect(asked.content).toBe(
      "Which Frankfurt do you mean?\n1. Frankfurt am Main\n2. Frankfurt (Oder)\nAnswer with the number or the name.",
    );
    expect(asked.tool_calls ?? []).toEqual([]);
    const question = [new HumanMessage("python jobs in Frankfurt"), asked];
    const second = await say("2", question);
    expect(second.calls).toEqual([
      {
        name: "search_jobs",
        args: { keywords: "python", place: "Frankfurt (Oder)", remote: "any", limit: 5, offset: 0 },
      },
    ]);
    // Searched in Frankfurt (Oder) before: "Frankfurt" now means that one.
    const settled = await say("java jobs in Frankfurt", [
      new HumanMessage("python jobs in Frankfurt (Oder)"),
      ...exchange(
        "search_jobs",
        { keywords: "python", place: "Frankfurt (Oder)", remote: "any", limit: 5 },
        SEARCH_RESULT,
      ),
      new AIMessage("Here are 2 matches"),
    ]);
    expect(settled.calls).toEqual([
      {
        name: "search_jobs",
        args: { keywords: "java", place: "Frankfurt (Oder)", remote: "any", limit: 5, offset: 0 },
      },
    ]);
  });

  it("refreshes with the place and radius asked, and says when a surface lacks the tool", async () => {
    expect((await say("refresh python jobs in Berlin within 30 km")).calls).toEqual([
      { name: "start_run", args: { keywords: "python", place: "Berlin", radiusKm: 30 } },
    ]);
    expect((await reply([new HumanMessage("saved jobs")], withTools("search_jobs"))).text).toBe(
      "I can't do that here (the saved_jobs tool is not available).",
    );
  });

  it("evaluates the jobs of the search before, or of its own request", async () => {
    expect((await say("evaluate all jobs for me", searched())).calls).toEqual([
      { name: "evaluate_jobs", args: { keywords: "python", place: "Berlin", remote: "any" } },
    ]);
    expect((await say("evaluate java jobs in Munich")).calls).toEqual([
      { name: "evaluate_jobs", args: { keywords: "java", place: "München", remote: "any" } },
    ]);
  });

  it("asks for the channel as a link when an alert names one in plain text, and saves the name given", async () => {
    expect(await say("alert me about python jobs in Berlin every morning to #jobs")).toEqual({
      text: "Which channel is #jobs? Say it again with the channel as a link (type # and pick it from the list), and I'll post the alert there.",
      calls: [],
    });
    expect((await say("remind me daily of python jobs in Berlin, call it Morning")).calls).toEqual([
      {
        name: "save_alert",
        args: {
          keywords: "python",
          place: "Berlin",
          remote: "any",
          cron: "0 9 * * *",
          deliverTo: "dm",
          name: "Morning",
        },
      },
    ]);
  });

  it("scores the jobs just shown when asked to evaluate 'them' or 'sie', in a step or alone", async () => {
    const args = { keywords: "python", place: "Berlin", remote: "any", limit: 5, offset: 0 };
    const scored = [{ name: "evaluate_jobs", args: { keywords: "python", place: "Berlin", remote: "any" } }];
    for (const text of [
      "find python jobs in Berlin, then evaluate them",
      "Finde Python-Jobs in Berlin, dann bewerte sie",
    ]) {
      const next = await reply([new HumanMessage(text), ...exchange("search_jobs", args, SEARCH_RESULT)]);
      expect(next.calls).toEqual(scored);
    }
    for (const text of ["evaluate them", "can you rate them please?", "bewerte sie bitte", "bewerte die mal"])
      expect((await say(text, searched())).calls).toEqual(scored);
  });

  it("runs the steps of one message in turn, and stops at a step that failed", async () => {
    const text = "find python jobs in Berlin, then evaluate all jobs for me";
    expect(stepsOf(text)).toEqual(["find python jobs in Berlin", "evaluate all jobs for me"]);
    const args = { keywords: "python", place: "Berlin", remote: "any", limit: 5, offset: 0 };
    const next = await reply([new HumanMessage(text), ...exchange("search_jobs", args, SEARCH_RESULT)]);
    expect(next.calls).toEqual([
      { name: "evaluate_jobs", args: { keywords: "python", place: "Berlin", remote: "any" } },
    ]);
    const stopped = await reply([
      new HumanMessage(text),
      ...exchange("search_jobs", args, { error: "The search index is being rebuilt." }),
    ]);
    expect(stopped).toEqual({ text: "The search index is being rebuilt.", calls: [] });
  });

  it("answers in the language the agent decided, whatever the message", async () => {
    const r = await reply([
      new SystemMessage({ content: "prompt", additional_kwargs: { lang: "de" } }),
      new HumanMessage("more"),
    ]);
    expect(r.text).toBe("Frag mich zuerst nach Stellen, z. B. „Suche Jobs in Berlin“.");
  });

  it("marks a job for the team by its number, and asks for a list when there is none", async () => {
    expect((await say("I'll apply to 2")).text).toBe(
      "I don't see a job number 2 in our conversation. Search first, then use its number.",
    );
    expect((await say("I'll apply to 2", searched())).calls).toEqual([
      { name: "team", args: { action: "mark", jobId: "job-b", mark: "claimed" } },
    ]);
  });

  it("asks about a named run, and sends a letter without a job number to the address only", async () => {
    expect((await say("status of 0d8c2f4e-1b2a-4c3d-8e9f-001122334455")).calls).toEqual([
      { name: "run_status", args: { runId: "0d8c2f4e-1b2a-4c3d-8e9f-001122334455" } },
    ]);
    expect((await say("send my letter to hr@example.com")).calls).toEqual([
      { name: "send_application", args: { to: "hr@example.com" } },
    ]);
  });

  it("reads a message sent in parts (text and an image), ignoring what is not text", async () => {
    const parts = new HumanMessage({
      content: [
        { type: "text", text: "python jobs in " },
        { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } },
        { type: "text", text: "Berlin" },
      ],
    });
    expect((await reply([parts])).calls).toEqual([
      {
        name: "search_jobs",
        args: { keywords: "python", place: "Berlin", remote: "any", limit: 5, offset: 0 },
      },
    ]);
  });

  it("does not ask which Frankfurt without a list of places to choose from", async () => {
    const plain = new OfflineChatModel({ lookupPlace });
    expect((await reply([new HumanMessage("python jobs in Frankfurt")], plain)).calls).toEqual([
      {
        name: "search_jobs",
        args: { keywords: "python", place: "Frankfurt am Main", remote: "any", limit: 5, offset: 0 },
      },
    ]);
  });

  it("turns each kind of request into its tool call with the arguments it names", async () => {
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ["python jobs", "search_jobs", { keywords: "python", remote: "any", limit: 5, offset: 0 }],
      [
        "working student python jobs in Berlin",
        "search_jobs",
        { keywords: "Werkstudent python", place: "Berlin", remote: "any", limit: 5, offset: 0 },
      ],
      [
        "Werkstudent python jobs in Berlin",
        "search_jobs",
        { keywords: "Werkstudent python", place: "Berlin", remote: "any", limit: 5, offset: 0 },
      ],
      [
        "senior part-time python jobs posted this week, at least 60k",
        "search_jobs",
        {
          keywords: "python",
          remote: "any",
          employmentType: "part_time",
          postedWithinDays: 7,
          seniority: "senior",
          salaryMin: { min: 60000, period: "year" },
          limit: 5,
          offset: 0,
        },
      ],
      [
        "python jobs best for the team",
        "search_jobs",
        { keywords: "python", remote: "any", rankFor: "team", limit: 5, offset: 0 },
      ],
      ["status", "run_status", {}],
      ["sources", "source_health", {}],
      ["dashboard", "dashboard_link", {}],
      [
        "track https://boards.greenhouse.io/n26",
        "track_source",
        { url: "https://boards.greenhouse.io/n26", action: "track" },
      ],
      ["saved jobs", "saved_jobs", {}],
      [
        "alert me every Monday at 9 about python jobs in Berlin",
        "save_alert",
        { keywords: "python", place: "Berlin", remote: "any", cron: "0 9 * * 1", deliverTo: "dm" },
      ],
      ["my alerts", "list_alerts", {}],
      ["pause my alerts", "change_alert", { action: "pause", alert: "all" }],
      ["make this a team channel", "team", { action: "settings", team: true }],
      ["refresh python jobs", "start_run", { keywords: "python" }],
      ["show my profile", "show_profile", {}],
      ["forget my profile", "forget_profile", {}],
      ["I also know Kubernetes", "update_profile", { addSkills: ["Kubernetes"] }],
      ["I prefer remote only", "update_profile", { remote: "remote_only" }],
      ["approve", "letter_action", { action: "approve" }],
      ["score all jobs for me", "evaluate_jobs", { keywords: "", remote: "any" }],
    ];
    for (const [text, name, args] of cases) expect((await say(text)).calls, text).toEqual([{ name, args }]);
    expect((await say("save this search")).text).toBe(
      "Tell me what the alert should look for, e.g. “alert me every Monday at 9 about python jobs in Frankfurt”, or search first and say “save this search”.",
    );
  });

  it("acts on the numbers of the saved list, of an earlier list when a later search found nothing, and takes back a team mark", async () => {
    const saved = [
      new HumanMessage("saved jobs"),
      ...exchange("saved_jobs", {}, { saved: [{ n: 1, jobId: "job-s", ...JOB }] }),
      new AIMessage("Your saved jobs:"),
    ];
    expect((await say("details 1", saved)).calls).toEqual([
      { name: "job_details", args: { jobId: "job-s" } },
    ]);
    const laterEmpty = [
      ...searched(),
      new HumanMessage("status"),
      ...exchange("run_status", {}, run("completed", [])),
      new AIMessage("Run run12345: completed"),
      new HumanMessage("rust jobs"),
      ...exchange(
        "search_jobs",
        { keywords: "rust", remote: "any", limit: 5, offset: 0 },
        {
          ...SEARCH_RESULT,
          total: 0,
          jobs: [],
        },
      ),
      new AIMessage("I found no “rust”."),
    ];
    expect((await say("draft letters for the top 2", laterEmpty)).calls).toEqual([
      { name: "draft_letters", args: { jobIds: ["job-a", "job-b"] } },
    ]);
    expect((await say("why is job 2 a good fit?", laterEmpty)).calls).toEqual([
      { name: "explain_fit", args: { jobId: "job-b" } },
    ]);
    expect((await say("unclaim 2", laterEmpty)).calls).toEqual([
      { name: "team", args: { action: "mark", jobId: "job-b", mark: "clear" } },
    ]);
    // The search before was "python jobs in Berlin": "more" pages on from its first page.
    const noOffset = [
      new HumanMessage("python jobs"),
      ...exchange("search_jobs", { keywords: "python", remote: "any", limit: 5 }, SEARCH_RESULT),
      new AIMessage("Here are 2 matches"),
    ];
    expect((await say("more", noOffset)).calls).toEqual([
      { name: "search_jobs", args: { keywords: "python", remote: "any", limit: 5, offset: 5 } },
    ]);
  });

  it("does not take “yes” for a confirmation once the letter was sent", async () => {
    const sent = [
      new HumanMessage("yes, send it"),
      ...exchange("send_application", {}, { outcome: { status: "sent", to: "hr@example.com", job: JOB } }),
      new AIMessage("Sent to hr@example.com."),
    ];
    expect((await say("yes, send it", sent)).calls.map((c) => c.name)).not.toContain("send_application");
  });

  it("says what a search found nothing for, also after fetching and on a later page", async () => {
    const empty = {
      query: { keywords: "rust", remote: "any", offset: 0, limit: 5 },
      total: 0,
      notes: [],
      jobs: [],
    };
    const afterRun = await reply([
      new HumanMessage("rust jobs"),
      ...exchange("start_run", { keywords: "rust" }, run("completed", [source("ok")])),
      ...exchange("search_jobs", { keywords: "rust", remote: "any", limit: 5, offset: 0 }, empty),
    ]);
    expect(afterRun.text).toBe(
      "I found no “rust” even after fetching fresh postings. Try other keywords, a larger radius, or “remote ok”.",
    );
    const firstEmpty = await reply([
      new HumanMessage("rust jobs"),
      ...exchange("search_jobs", { keywords: "rust", remote: "any", limit: 5 }, empty),
    ]);
    expect(firstEmpty.calls).toEqual([{ name: "start_run", args: { keywords: "rust" } }]);
    const laterPage = await reply([
      new HumanMessage("more"),
      ...exchange(
        "search_jobs",
        { keywords: "rust", remote: "any", limit: 5, offset: 5 },
        {
          ...empty,
          query: { ...empty.query, offset: 5 },
        },
      ),
    ]);
    expect(laterPage.text).toBe("I found no “rust”. Try other keywords, a larger radius, or “remote ok”.");
  });

  it("shows a job's details and a drafted letter, and drafts for the top of the saved list", async () => {
    const details = {
      card: {
        n: 1,
        jobId: "job-a",
        ...JOB,
        place: "Berlin",
        salary: "60–70k EUR a year",
        postedAt: null,
        url: "https://acme.example/jobs/1",
        sources: ["arbeitnow", "ba-jobsuche"],
        why: [],
      },
      description: "Build APIs in Python.",
      employmentType: "part_time",
      seniority: "unknown",
      language: "en",
      saved: false,
    };
    const shown = await reply([
      new HumanMessage("details 1"),
      ...exchange("job_details", { jobId: "job-a" }, details),
    ]);
    expect(shown.text).toBe(
      [
        "Backend Engineer — Acme GmbH",
        "Berlin · 60–70k EUR a year · part-time",
        "",
        "Build APIs in Python.",
        "",
        "Apply: https://acme.example/jobs/1",
        "Sources: Arbeitnow, Bundesagentur für Arbeit",
      ].join("\n"),
    );
    const view = {
      letter: {
        id: "let-9",
        text: "Dear Acme team.",
        status: "draft",
        report: { supported: true, unsupported: [], claims: 1 },
        approvedUnsupported: false,
      },
      job: JOB,
      focusMissing: false,
    };
    const drafted = await reply([
      new HumanMessage("draft a letter for job 1"),
      ...exchange("draft_letter", { jobId: "job-a" }, { letterId: "let-9" }, view),
    ]);
    expect(drafted.text).toBe(
      [
        "Draft cover letter for Backend Engineer at Acme GmbH:",
        "Dear Acme team.",
        "Every statement is backed by your CV or the posting.",
        "Say “approve”, “edit letter: <your text>”, or “regenerate” (e.g. “shorter”, “more formal”).",
      ].join("\n\n"),
    );
    const saved = [
      new HumanMessage("saved jobs"),
      ...exchange(
        "saved_jobs",
        {},
        {
          saved: [
            { n: 2, jobId: "job-t" },
            { n: 1, jobId: "job-s" },
          ],
        },
      ),
      new AIMessage("Your saved jobs:"),
    ];
    expect((await say("draft letters for the top 1", saved)).calls).toEqual([
      { name: "draft_letters", args: { jobIds: ["job-s"] } },
    ]);
    expect((await say("evaluate python jobs in Berlin within 20 km")).calls).toEqual([
      { name: "evaluate_jobs", args: { keywords: "python", place: "Berlin", radiusKm: 20, remote: "any" } },
    ]);
  });
});
