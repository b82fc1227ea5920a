import { randomUUID } from "node:crypto";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import {
  BaseChatModel,
  type BaseChatModelParams,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from "@langchain/core/messages";
import { isLang } from "../core/lang.js";
import type { ChatResult } from "@langchain/core/outputs";
import type { SearchJobsResult } from "../tools/search-jobs.tool.js";
import type { RunSummary } from "../answers/run-summary.js";
import { parseIntent, type Intent, type PlaceLookup, type SearchArgs } from "./intent.js";
import { choicesOf, pickChoice, withChoices, type Choice } from "./choices.js";
import { alertStep } from "./offline-alerts.js";
import { unknownPlaceIn } from "./unknown-place.js";
import { asksForNothing } from "./unclear-request.js";
import { renderAlerts } from "./render-alerts.js";
import { renderTeam } from "./render-team.js";
import type { TeamAnswer } from "../answers/team.js";
import type { AlertsAnswer } from "../answers/alerts.js";
import type { JobDetails } from "../jobs/job-actions.js";
import type { SourceHealth } from "../tools/source-health.tool.js";
import type { DashboardLinkResult } from "../tools/dashboard-link.tool.js";
import type { TrackedSourceResult } from "../tools/track-source.tool.js";
import { replyLanguage, type Lang } from "./language.js";
import { preferencesText, profileTexts, renderProfile, type ProfileView } from "../answers/profile-text.js";
import { renderFitBreakdown } from "../answers/fit-breakdown.js";
import type { ExplainFitResult } from "../tools/explain-fit.tool.js";
import type { JobCard } from "../core/job-card.js";
import { phrasesFor } from "../answers/phrases/phrases.js";
import { commandWords, letterIntent, type LetterIntent } from "./intent-letters.js";
import { renderExported, renderLetter, renderLetters, renderMailStep } from "../answers/letter-text.js";
import { letterTexts } from "../jobs/applications/letter-texts.js";
import { MAX_LETTERS_AT_ONCE, type DraftedLetters } from "../tools/draft-letters.tool.js";
import type { LetterView } from "../jobs/applications/letter-service.js";
import {
  renderDetails,
  renderMarked,
  renderRunSummary,
  renderSaved,
  renderSearchAnswer,
  renderSourceHealth,
  renderTracked,
} from "./render.js";

/** Options for {@link OfflineChatModel}. */
export interface OfflineChatModelOptions extends BaseChatModelParams {
  /** Recognises place names in requests (the bundled gazetteer). */
  lookupPlace: PlaceLookup;
  /**
   * The places a name as written may mean, when several sizeable ones share it ("Frankfurt"): then
   * the model asks which one instead of guessing. @defaultValue never asks
   */
  placeChoices?: ((written: string) => string[]) | undefined;
}

type ToolCall = { name: string; args: Record<string, unknown>; id: string; type: "tool_call" };

function textOf(m: BaseMessage): string {
  return typeof m.content === "string"
    ? m.content
    : m.content
        .map((c) => (typeof c === "object" && "text" in c && typeof c.text === "string" ? c.text : ""))
        .join("");
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return { error: text };
  }
}

function callsOf(messages: readonly BaseMessage[], name: string): Array<Record<string, unknown>> {
  return messages.flatMap((m) =>
    AIMessage.isInstance(m) ? (m.tool_calls ?? []).filter((c) => c.name === name).map((c) => c.args) : [],
  );
}

/** The mail preview the last answer asked to confirm, if the last tool result was one. */
function lastPreview(
  history: readonly BaseMessage[],
): { to: string; letterId: string; confirmation: string } | undefined {
  const last = [...history].reverse().find((m) => ToolMessage.isInstance(m));
  if (!last || last.name !== "send_application") return undefined;
  const p = parseJson(textOf(last)).preview as
    { to: string; letterId: string; confirmation: string } | undefined;
  return p && typeof p.confirmation === "string" ? p : undefined;
}

/** The stable id of job number `n` in the latest search results shown in this conversation. */
const STEP_VERB =
  /\b(?:find|search|look for|refresh|evaluate|score|rate|draft|write|prepare|such\w*|finde\w*|aktualisier\w*|bewerte\w*|schreib\w*|erstell\w*|entw(?:u|ü|ue)rf\w*)\b/i;
const STEP_LETTERS = /\b(?:(?:cover )?letters?|anschreiben)\b/i;
const STEP_EVALUATE = /\b(?:evaluate|score|rate|bewerte\w*)\b/i;

/**
 * The steps of a message that asks for several things in a row ("find …, evaluate them for me,
 * draft letters for the top 3"): its parts between commas or "then", when every part asks for
 * something; otherwise the message is one step.
 */
export function stepsOf(text: string): string[] {
  const parts = text
    .split(/\s*(?:[,;]|\bthen\b|\bdann\b)\s*(?:and\s+|und\s+)?/i)
    .map((x) => x.trim())
    .filter(Boolean);
  return parts.length > 1 && parts.every((x) => STEP_VERB.test(x)) ? parts : [text];
}

/** The tools whose result ends a step (a search may first run a refresh). */
function stepTools(step: string): string[] {
  if (STEP_LETTERS.test(step)) return ["draft_letters", "draft_letter"];
  if (STEP_EVALUATE.test(step)) return ["evaluate_jobs"];
  return ["search_jobs"];
}

/**
 * A letter as its tool's words describe it, for when the result came over the wire without its
 * artifact (this model answering as the OpenAI stand-in): what the answer shows, nothing more.
 */
function viewOf(c: Record<string, unknown>): LetterView {
  const unsupported = (c.unsupported ?? []) as LetterView["letter"]["report"]["unsupported"];
  return {
    letter: {
      id: typeof c.letterId === "string" ? c.letterId : "",
      text: typeof c.text === "string" ? c.text : "",
      status: c.status === "approved" || c.approved === true ? "approved" : "draft",
      report: { supported: unsupported.length === 0, unsupported, claims: 0 },
      approvedUnsupported: c.anyway === true,
    },
    job: c.job,
    focusMissing: c.focusMissing === true,
    ...(typeof c.notice === "string" ? { notice: c.notice } : {}),
  } as unknown as LetterView;
}

/** The numbered jobs of the newest result list shown: a search, the saved list or an evaluation. */
function lastResultList(history: readonly BaseMessage[]): Array<{ n: number; jobId: string }> | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i];
    if (!ToolMessage.isInstance(m) || !RESULT_LISTS.has(m.name ?? "")) continue;
    const c = parseJson(textOf(m));
    const jobs = (c.jobs ?? c.saved) as Array<{ n: number; jobId: string }> | undefined;
    if (jobs?.length) return jobs;
  }
  return undefined;
}
const RESULT_LISTS = new Set(["search_jobs", "saved_jobs", "evaluate_jobs"]);

function jobIdOfNumber(history: readonly BaseMessage[], n: number): string | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i];
    if (!ToolMessage.isInstance(m) || !RESULT_LISTS.has(m.name ?? "")) continue;
    const c = parseJson(textOf(m));
    const jobs = (c.jobs ?? c.saved) as Array<{ n: number; jobId: string }> | undefined;
    const hit = jobs?.find((j) => j.n === n);
    if (hit) return hit.jobId;
  }
  return undefined;
}

/**
 * The search_jobs call for parsed arguments, salary floor and seniority included (the tool filters
 * by them and says which shown jobs it could not check); "Werkstudent", which no posting type
 * names, stays a keyword as job titles carry it.
 */
function searchCall(a: SearchArgs): { keywords: string } & Record<string, unknown> {
  const student = a.employmentType === "working_student";
  const keywords =
    student && !/werkstudent/i.test(a.keywords) ? `Werkstudent ${a.keywords}`.trim() : a.keywords;
  return {
    keywords,
    ...(a.place ? { place: a.place } : {}),
    ...(a.radiusKm ? { radiusKm: a.radiusKm } : {}),
    remote: a.remote,
    ...(a.employmentType && !student ? { employmentType: a.employmentType } : {}),
    ...(a.postedWithinDays ? { postedWithinDays: a.postedWithinDays } : {}),
    ...(a.seniority ? { seniority: a.seniority } : {}),
    ...(a.salaryMin ? { salaryMin: a.salaryMin } : {}),
    ...(a.rankFor === "team" ? { rankFor: "team" } : {}),
    limit: a.limit,
    offset: 0,
  };
}

/**
 * The built-in chat model for use without any API key: it turns requests into tool calls by rules
 * (see {@link parseIntent}) and renders tool results as a readable answer. It plugs into the same
 * agent loop as any LangChain chat model.
 */
export class OfflineChatModel extends BaseChatModel {
  private readonly lookupPlace: PlaceLookup;
  private readonly placeChoices: ((written: string) => string[]) | undefined;
  private boundTools: string[] = [];
  /**
   * The language of the turn being answered: set at the start of each response and read only within
   * that same synchronous call, so concurrent turns of other threads cannot see each other's.
   */
  private lang: Lang = "en";

  constructor(options: OfflineChatModelOptions) {
    super(options);
    this.lookupPlace = options.lookupPlace;
    this.placeChoices = options.placeChoices;
  }

  _llmType(): string {
    return "jobscout-offline";
  }

  override bindTools(tools: BindToolsInput[]): OfflineChatModel {
    const bound = new OfflineChatModel({ lookupPlace: this.lookupPlace, placeChoices: this.placeChoices });
    bound.boundTools = tools.map((t) =>
      typeof t === "object" && t !== null && "name" in t ? String(t.name) : "",
    );
    return bound;
  }

  async _generate(
    messages: BaseMessage[],
    _options: this["ParsedCallOptions"],
    _run?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const message = this.respond(messages);
    return Promise.resolve({ generations: [{ text: textOf(message), message }] });
  }

  private say(text: string, choices: readonly Choice[] = []): AIMessage {
    return new AIMessage({
      content: text,
      ...(choices.length > 0 ? { additional_kwargs: withChoices(choices) } : {}),
    });
  }

  private call(name: string, args: Record<string, unknown>): AIMessage {
    if (this.boundTools.length > 0 && !this.boundTools.includes(name)) {
      return this.say(phrasesFor(this.lang).toolMissing(name));
    }
    const call: ToolCall = { name, args, id: `call_${randomUUID().slice(0, 12)}`, type: "tool_call" };
    return new AIMessage({ content: "", tool_calls: [call] });
  }

  private respond(messages: BaseMessage[]): AIMessage {
    let h = messages.length - 1;
    while (h >= 0 && !HumanMessage.isInstance(messages[h])) h--;
    const human = messages[h];
    // The agent decides the turn's language (the member's choice, this message, the conversation)
    // and says it beside the system prompt; without an agent, this message's or the conversation's.
    const decided = messages.find((m) => SystemMessage.isInstance(m))?.additional_kwargs.lang;
    const earlier = messages.slice(0, Math.max(h, 0)).filter((m) => HumanMessage.isInstance(m));
    this.lang = isLang(decided)
      ? decided
      : human
        ? replyLanguage(
            commandWords(textOf(human)),
            earlier.map((m) => commandWords(textOf(m))),
          )
        : "en";
    const p = phrasesFor(this.lang);
    if (!human) return this.say(p.help);
    const turn = messages.slice(h + 1);
    const results = turn.filter((m): m is ToolMessage => ToolMessage.isInstance(m));
    const last = results.at(-1);
    const steps = stepsOf(textOf(human));
    if (!last) return this.firstStep(steps[0] ?? textOf(human), messages.slice(0, h));
    const answer = this.afterTool(last, turn, results);
    // "find python jobs in Frankfurt, evaluate them, draft letters for the top 3": each step runs
    // once the one before it has answered, with what it showed as the conversation so far.
    const next = steps.find((step) => !results.some((m) => stepTools(step).includes(m.name ?? "")));
    const stopped = typeof parseJson(textOf(last)).error === "string";
    if (steps.length > 1 && next && !stopped && (answer.tool_calls?.length ?? 0) === 0)
      return this.firstStep(next, messages);
    return answer;
  }

  /** The answer to the turn's latest tool result: words, or the next call of the same step. */
  private afterTool(last: ToolMessage, turn: BaseMessage[], results: ToolMessage[]): AIMessage {
    const p = phrasesFor(this.lang);

    const content = parseJson(textOf(last));
    // A tool's refusal is `{ error }`; a run summary also carries `error` (why the run failed) beside its id.
    const refused = typeof content.error === "string" && typeof content.runId !== "string";
    if (refused && last.name !== "start_run") return this.say(String(content.error));
    switch (last.name) {
      case "search_jobs": {
        const result = content as unknown as SearchJobsResult;
        const ranRun = results.some((m) => m.name === "start_run");
        const searchArgs = callsOf(turn, "search_jobs")[0] ?? {};
        if (
          result.jobs.length === 0 &&
          !ranRun &&
          Number(searchArgs.offset ?? 0) === 0 &&
          this.canCall("start_run")
        ) {
          return this.call("start_run", {
            keywords: result.query.keywords,
            ...(typeof searchArgs.place === "string" ? { place: searchArgs.place } : {}),
            ...(result.query.radiusKm ? { radiusKm: result.query.radiusKm } : {}),
          });
        }
        return this.say(renderSearchAnswer(result, ranRun, this.lang));
      }
      case "start_run": {
        if (refused) return this.say(String(content.error));
        const summary = content as unknown as RunSummary;
        const runArgs = callsOf(turn, "start_run")[0] ?? {};
        // After a refresh, show what the run brought for the same request.
        const search = callsOf(turn, "search_jobs")[0] ?? {
          keywords: runArgs.keywords ?? "",
          ...(runArgs.place ? { place: runArgs.place } : {}),
          ...(runArgs.radiusKm ? { radiusKm: runArgs.radiusKm } : {}),
          remote: "any",
          limit: 5,
          offset: 0,
        };
        const delivered = summary.sources.some((s) => s.status === "ok");
        if (summary.status === "completed" && delivered && this.canCall("search_jobs"))
          return this.call("search_jobs", search);
        // Each source's reason is in the run's outcome, shown once above these words (or in the
        // progress message that ends on it): said here again, every failure would be read twice.
        if (summary.status === "failed") return this.say(p.cannotFetch);
        return this.say(renderRunSummary(summary, this.lang));
      }
      case "run_status":
        return this.say(renderRunSummary(content as unknown as RunSummary, this.lang));
      case "job_details":
        return this.say(renderDetails(content as unknown as JobDetails, this.lang));
      case "mark_job": {
        const job = content.job as { title: string; company: string };
        return this.say(renderMarked(String(content.action), job, this.lang));
      }
      case "dashboard_link":
        return this.say((content as unknown as DashboardLinkResult).message);
      case "source_health":
        return this.say(renderSourceHealth((content.sources ?? []) as SourceHealth[], this.lang));
      case "track_source":
        return this.say(renderTracked(content as unknown as TrackedSourceResult, this.lang));
      case "saved_jobs":
        return this.say(renderSaved((content.saved ?? []) as SearchJobsResult["jobs"], this.lang));
      case "save_alert":
      case "list_alerts":
      case "change_alert":
        return this.say(renderAlerts(content as unknown as AlertsAnswer, this.lang));
      case "team":
        return this.say(renderTeam(content as unknown as TeamAnswer, this.lang));
      case "show_profile":
        return this.say(renderProfile(content.profile as ProfileView | null, this.lang));
      case "forget_profile":
        return this.say(
          content.forgotten ? profileTexts(this.lang).forgotten : profileTexts(this.lang).nothingToForget,
        );
      case "update_profile": {
        const t = profileTexts(this.lang);
        const added = (content.added ?? []) as string[];
        const prefs = preferencesText(content.preferences ?? {}, this.lang);
        return this.say(
          [added.length > 0 ? t.added(added.join(", ")) : "", prefs ? t.prefsSaved(prefs) : ""]
            .filter(Boolean)
            .join("\n"),
        );
      }
      case "explain_fit": {
        const r = content as unknown as ExplainFitResult;
        return this.say(renderFitBreakdown(r.breakdown, r.cited, r.title, this.lang));
      }
      case "draft_letter":
      case "letter_action":
        return this.say(
          renderLetter((last.artifact as LetterView | undefined) ?? viewOf(content), this.lang),
        );
      case "draft_letters":
        return this.say(
          renderLetters(
            (last.artifact as DraftedLetters | undefined) ?? {
              letters: ((content.letters ?? []) as Array<Record<string, unknown>>).map((l) => ({
                n: Number(l.n),
                ...(typeof l.error === "string" ? { error: l.error } : { view: viewOf(l) }),
              })),
            },
            this.lang,
          ),
        );
      case "send_application":
        return this.say(renderMailStep(content, this.lang));
      case "export_applications":
        return this.say(
          renderExported(content as { exported: number; name: string; path?: string }, this.lang),
        );
      case "evaluate_jobs": {
        const jobs = (content.jobs ?? []) as JobCard[];
        return this.say(p.scored(Number(content.evaluated ?? 0), jobs.length));
      }
      default:
        return this.say(textOf(last));
    }
  }

  /**
   * A question when the place as written is a name several sizeable places share and nothing in the
   * conversation settles it; a place searched before in this conversation settles it.
   */
  private whichPlace(
    intent: Extract<Intent, { kind: "search" | "refresh" }>,
    text: string,
    previous: SearchArgs | undefined,
  ): AIMessage | undefined {
    const written = intent.placeWritten;
    if (!written || !this.placeChoices) return undefined;
    const options = this.placeChoices(written);
    if (options.length < 2) return undefined;
    if (previous?.place && options.includes(previous.place)) {
      intent.args.place = previous.place;
      return undefined;
    }
    return this.say(
      phrasesFor(this.lang).whichPlace(written, options),
      options.map((place) => ({ label: place, text, place })),
    );
  }

  /** Letters: draft for a numbered job, rewrite, approve, edit, show; export the applications. */
  private letterStep(intent: LetterIntent, history: BaseMessage[]): AIMessage {
    switch (intent.kind) {
      case "letter_draft": {
        const jobId = jobIdOfNumber(history, intent.n);
        if (!jobId) return this.say(phrasesFor(this.lang).noJobNumber(intent.n));
        return this.call("draft_letter", { jobId, ...intent.options });
      }
      case "letter_draft_top": {
        const list = lastResultList(history);
        if (!list) return this.say(letterTexts(this.lang).noList);
        const jobIds = [...list]
          .sort((a, b) => a.n - b.n)
          .slice(0, Math.min(intent.n, MAX_LETTERS_AT_ONCE))
          .map((j) => j.jobId);
        return this.call("draft_letters", { jobIds, ...intent.options });
      }
      case "letter_regenerate":
        return this.call("draft_letter", { ...intent.options });
      case "letter_approve":
        return this.call("letter_action", { action: intent.anyway ? "approve_anyway" : "approve" });
      case "letter_edit":
        return this.call("letter_action", { action: "edit", text: intent.text });
      case "letter_show":
        return this.call("letter_action", { action: "show" });
      case "export":
        return this.call("export_applications", { format: intent.format, lang: this.lang });
      case "letter_send": {
        const jobId = intent.n === undefined ? undefined : jobIdOfNumber(history, intent.n);
        if (intent.n !== undefined && !jobId) return this.say(phrasesFor(this.lang).noJobNumber(intent.n));
        return this.call("send_application", { to: intent.to, ...(jobId ? { jobId } : {}) });
      }
      case "letter_confirm": {
        const p = lastPreview(history)!;
        return this.call("send_application", {
          to: p.to,
          letterId: p.letterId,
          confirmation: p.confirmation,
        });
      }
    }
  }

  private canCall(name: string): boolean {
    return this.boundTools.length === 0 || this.boundTools.includes(name);
  }

  private firstStep(said: string, history: BaseMessage[]): AIMessage {
    const previous = callsOf(history, "search_jobs").at(-1) as SearchArgs | undefined;
    // An answer to the question just asked ("2", "Oder") is the request it was about, settled.
    const lastAnswer = [...history].reverse().find((m): m is AIMessage => AIMessage.isInstance(m));
    const picked = pickChoice(said, choicesOf(lastAnswer));
    const text = picked?.text ?? said;
    const p = phrasesFor(this.lang);
    const letter = letterIntent(
      text,
      callsOf(history, "draft_letter").length > 0,
      lastPreview(history) !== undefined,
    );
    if (letter) return this.letterStep(letter, history);
    const intent = parseIntent(text, this.lookupPlace, previous);
    if (intent.kind === "search" || intent.kind === "refresh") {
      if (picked) intent.args.place = picked.place;
      else {
        const question = this.whichPlace(intent, text, previous);
        if (question) return question;
        const unknown = intent.args.place ? undefined : unknownPlaceIn(text, this.lookupPlace);
        if (unknown) return this.say(p.unknownPlace(unknown));
        if (asksForNothing(text, intent)) return this.say(p.whatToSearch);
      }
    }
    switch (intent.kind) {
      case "greeting":
        return this.say(`${p.hello} ${p.help}`);
      case "help":
        return this.say(p.help);
      case "status":
        return this.call("run_status", intent.runId ? { runId: intent.runId } : {});
      case "details":
      case "mark": {
        const jobId = jobIdOfNumber(history, intent.n);
        if (!jobId) return this.say(p.noJobNumber(intent.n));
        return intent.kind === "details"
          ? this.call("job_details", { jobId })
          : this.call("mark_job", { jobId, action: intent.action });
      }
      case "saved":
        return this.call("saved_jobs", {});
      case "track":
        return this.call("track_source", { url: intent.url, action: intent.action });
      case "sources":
        return this.call("source_health", {});
      case "dashboard":
        return this.call("dashboard_link", {});
      case "alert": {
        const step = alertStep(intent.request, {
          lookup: this.lookupPlace,
          previous,
          history,
          lang: this.lang,
        });
        return "say" in step ? this.say(step.say) : this.call(step.tool, step.args);
      }
      case "team": {
        const r = intent.request;
        if (r.action !== "mark") return this.call("team", { ...r });
        const jobId = jobIdOfNumber(history, r.n);
        if (!jobId) return this.say(p.noJobNumber(r.n));
        return this.call("team", { action: "mark", jobId, mark: r.mark ?? "clear" });
      }
      case "more":
        if (!previous) return this.say(p.searchFirst);
        return this.call("search_jobs", { ...previous, offset: (previous.offset ?? 0) + previous.limit });
      case "refresh":
        return this.call("start_run", {
          keywords: searchCall(intent.args).keywords,
          ...(intent.args.place ? { place: intent.args.place } : {}),
          ...(intent.args.radiusKm ? { radiusKm: intent.args.radiusKm } : {}),
        });
      case "search":
        return this.call("search_jobs", searchCall(intent.args));
      case "profile_show":
        return this.call("show_profile", {});
      case "profile_forget":
        return this.call("forget_profile", {});
      case "profile_add":
        return this.call("update_profile", { addSkills: intent.skills });
      case "profile_prefs":
        return this.call("update_profile", { ...intent.prefs });
      case "explain_fit": {
        const jobId = jobIdOfNumber(history, intent.n);
        if (!jobId) return this.say(p.noJobNumber(intent.n));
        return this.call("explain_fit", { jobId });
      }
      case "evaluate": {
        const parsed = parseIntent(intent.text, this.lookupPlace);
        const own = parsed.kind === "search" || parsed.kind === "refresh" ? parsed.args : undefined;
        // "evaluate them": the jobs of the search before.
        const a = own && (own.keywords || own.place) ? own : (previous ?? own);
        return this.call("evaluate_jobs", {
          keywords: a?.keywords ?? "",
          ...(a?.place ? { place: a.place } : {}),
          ...(a?.radiusKm ? { radiusKm: a.radiusKm } : {}),
          remote: a?.remote ?? "any",
        });
      }
    }
  }
}
