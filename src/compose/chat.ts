import path from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { createJobAgent, type JobAgent } from "../agents/agent.js";
import { createChatModel, createOpenAiChatModel } from "../agents/model.js";
import { createPlaceLookup } from "../agents/place-lookup.js";
import { loadPrompt } from "../agents/prompts.js";
import { ChatService } from "../chat/chat-service.js";
import type { Config } from "../config/config.js";
import { resolvePlace, sameNamedPlaces } from "../core/geo/gazetteer.js";
import type { Logger } from "../core/logger.js";
import type { RunService } from "../pipeline/run-service.js";
import type { SearchService } from "../search/search.service.js";
import { JobActions } from "../jobs/job-actions.js";
import { createJobDetailsTool } from "../tools/job-details.tool.js";
import { createMarkJobTool } from "../tools/mark-job.tool.js";
import { createRunStatusTool } from "../tools/run-status.tool.js";
import { createSavedJobsTool } from "../tools/saved-jobs.tool.js";
import { createSearchJobsTool } from "../tools/search-jobs.tool.js";
import { createSourceHealthTool } from "../tools/source-health.tool.js";
import { createStartRunTool } from "../tools/start-run.tool.js";
import { createTrackSourceTool } from "../tools/track-source.tool.js";
import { createDashboardLinkTool } from "../tools/dashboard-link.tool.js";
import type { AlertsService } from "../jobs/alerts/alerts.service.js";
import { createSaveAlertTool } from "../tools/save-alert.tool.js";
import { createListAlertsTool } from "../tools/list-alerts.tool.js";
import { createChangeAlertTool } from "../tools/change-alert.tool.js";
import { createTeamTool } from "../tools/team.tool.js";
import { teamNotes } from "../answers/team.js";
import { renderTeam } from "../agents/render-team.js";
import type { TeamService } from "../jobs/teams/team-service.js";
import { createEvaluateJobsTool } from "../tools/evaluate-jobs.tool.js";
import { createExplainFitTool } from "../tools/explain-fit.tool.js";
import { createForgetProfileTool } from "../tools/forget-profile.tool.js";
import { createShowProfileTool } from "../tools/show-profile.tool.js";
import { createUpdateProfileTool } from "../tools/update-profile.tool.js";
import { loginLinksFor } from "../dashboard/login-links.js";
import { LetterService } from "../jobs/applications/letter-service.js";
import { createModelLetterWriter } from "../jobs/applications/letter-model.js";
import { ApplicationExport } from "../jobs/applications/export-service.js";
import { createDraftLetterTool } from "../tools/draft-letter.tool.js";
import { createDraftLettersTool } from "../tools/draft-letters.tool.js";
import { createLetterActionTool } from "../tools/letter-action.tool.js";
import { createExportApplicationsTool } from "../tools/export-applications.tool.js";
import { createSendApplicationTool } from "../tools/send-application.tool.js";
import { ApplicationMail } from "../jobs/applications/application-mail.js";
import type { Redis } from "ioredis";
import { openConversationMemory, type ConversationMemory } from "../store/conversation-memory.js";
import type { Closers } from "./lifecycle.js";
import type { ProfileParts } from "./profiles.js";
import { createFileDownload } from "../bot/shared/file-download.js";
import type { SourceParts } from "./pipeline.js";
import type { Store } from "./store.js";
import { composeChannelMembers } from "./channel-members.js";

/** What the chat needs from the rest of the process. */
export interface ChatDeps {
  config: Config;
  logger: Logger;
  store: Store;
  search: SearchService;
  runService: RunService;
  sources: SourceParts;
  /** Redis (one-time dashboard login links live there). */
  connection: Redis;
  /** Conversation memory, keyed by thread. @defaultValue in-process memory */
  checkpointer?: BaseCheckpointSaver | undefined;
  /** The chat model; by default chosen from config (OpenAI-compatible or offline). */
  model?: BaseChatModel | undefined;
  /** Saved searches (alerts); without it the chat offers no alert tools. */
  alerts?: AlertsService | undefined;
  /** Teams sharing channels (roles, settings, shared marks, audit); without it no team tool. */
  team?: TeamService | undefined;
  /** Profiles and fit scores (CVs sent in chat, ranking by fit, "why this score?"). */
  profiles?: ProfileParts | undefined;
  /** Where what the chat opens (the SMTP connection pool) registers how to close it. */
  closers?: Closers | undefined;
}

/** The chat model, the agent with its tools, and the service every surface hands its turns to. */
export interface ChatParts {
  agent: JobAgent;
  /** Turns and button presses from every surface go through here. */
  chat: ChatService;
  /** Details, save, hide, saved list — shared by tools and chat buttons. */
  jobActions: JobActions;
  modelDescription: string;
}

/**
 * Conversation memory where the store is, shared by every process on it: in the PostgreSQL store
 * when `DATABASE_URL` names one (schema `jobscout_memory`), else in `<data dir>/memory.sqlite`. Kept
 * apart from the store's tables: the checkpointer owns its tables (outside our migrations), and
 * forgetting every conversation is dropping that schema or deleting one file, never the jobs.
 */
export async function composeMemory(config: Config, closers: Closers): Promise<ConversationMemory> {
  const memory = await openConversationMemory({
    file: path.join(config.dataDir, "memory.sqlite"),
    url: config.postgresUrl,
    keepCheckpoints: config.JOBSCOUT_MEMORY_CHECKPOINTS,
    idleDays: config.JOBSCOUT_MEMORY_IDLE_DAYS,
  });
  closers.add(() => memory.close());
  return memory;
}

/** The profile and fit tools: show, update, forget, explain a score, evaluate jobs. */
function profileTools(p: ProfileParts, actions: JobActions, search: SearchService, waitMs: number) {
  return [
    createShowProfileTool({ profiles: p.profiles }),
    createUpdateProfileTool({ profiles: p.profiles, resolvePlace: (name) => resolvePlace(name) }),
    createForgetProfileTool({ profiles: p.profiles }),
    createExplainFitTool({ fit: p.fit, actions }),
    createEvaluateJobsTool({
      search,
      resolvePlace: (name) => resolvePlace(name),
      fit: p.fit,
      queue: p.profileQueue,
      waitMs,
    }),
  ];
}

/** Letters (draft, approve, edit) and the export of applications, for people with a profile. */
async function applicationParts(
  config: Config,
  store: Store,
  p: ProfileParts,
  actions: JobActions,
  closers: Closers | undefined,
  logger: Logger,
) {
  const model = await createOpenAiChatModel(config);
  const letters = new LetterService({
    letters: store.letters,
    profiles: store.profiles,
    findJob: (id) => actions.find(id),
    writer:
      model &&
      createModelLetterWriter({ model, modelId: config.OPENAI_MODEL, requestsPerMinute: config.OPENAI_RPM }),
    concurrency: config.JOBSCOUT_LETTER_CONCURRENCY,
    logger: logger.child({ role: "letters" }),
  });
  const exports = new ApplicationExport({
    letters: store.letters,
    savedIds: (owner, limit) => store.marks.list(owner.workspaceId, owner.userId, "saved", limit),
    getJobs: (ids) => store.jobs.getMany(ids),
    fitFor: (owner, ids) => p.fit.summaries(owner, ids),
    dir: config.exportDir,
  });
  // nodemailer is loaded only when a mail server is configured.
  const mailer =
    config.SMTP_URL && config.SMTP_FROM
      ? (await import("../jobs/applications/mailer.js")).createSmtpMailer({
          url: config.SMTP_URL,
          from: config.SMTP_FROM,
          replyTo: config.SMTP_REPLY_TO,
          timeoutMs: config.SMTP_TIMEOUT_MS,
        })
      : undefined;
  if (mailer) closers?.add(() => Promise.resolve(mailer.close()));
  const mail = new ApplicationMail({
    letters: store.letters,
    findJob: (id) => actions.find(id),
    mailer,
    profiles: store.profiles,
    leaseMs: config.SMTP_SEND_LEASE_MS,
  });
  return {
    letters,
    tools: [
      createDraftLetterTool({ letters }),
      createDraftLettersTool({ letters }),
      createLetterActionTool({ letters }),
      createExportApplicationsTool({ exports }),
      createSendApplicationTool({ mail }),
    ],
  };
}

export async function composeChat(d: ChatDeps): Promise<ChatParts> {
  const { config, store, profiles, team } = d;
  const jobActions = new JobActions(store.jobs, store.marks);
  const applications =
    profiles && (await applicationParts(config, store, profiles, jobActions, d.closers, d.logger));
  const lookupPlace = createPlaceLookup((name) => resolvePlace(name));
  const channelMembers = composeChannelMembers(config, store, d.logger);
  const chosen = d.model
    ? { model: d.model, description: "injected model" }
    : await createChatModel(config, lookupPlace, (written) => sameNamedPlaces(written));
  const agent = createJobAgent({
    model: chosen.model,
    modelDescription: chosen.description,
    systemPrompt: loadPrompt("system"),
    ...(d.checkpointer ? { checkpointer: d.checkpointer } : {}),
    tools: [
      createSearchJobsTool({
        search: d.search,
        resolvePlace: (name) => resolvePlace(name),
        hiddenFor: (actor) => jobActions.hidden(actor),
        ...(profiles ? { fitFor: (actor, ids) => profiles.fit.summaries(actor, ids) } : {}),
        ...(team && profiles
          ? {
              teamFitFor: async (actor, ids) =>
                (await team.settingsIn(actor.workspaceId, actor.channel, actor.direct))?.team
                  ? profiles.fit.bestAmong(await channelMembers(actor), ids)
                  : { refused: await team.namedAdmins(actor.workspaceId) },
            }
          : {}),
        ...(team
          ? {
              // In a team channel every card carries the team's marks (none yet is an empty list).
              teamNotesFor: async (actor, ids, lang) => {
                const notes = teamNotes(await team.marksOn({ ...actor, isAdmin: false }, ids), lang);
                const ch = await team.settingsIn(actor.workspaceId, actor.channel, actor.direct);
                return ch?.team ? new Map(ids.map((id) => [id, notes.get(id) ?? []])) : notes;
              },
              channelDefaultsFor: async (actor) =>
                (await team.settingsIn(actor.workspaceId, actor.channel, actor.direct))?.defaults,
            }
          : {}),
      }),
      createStartRunTool({ runs: d.runService, waitMs: config.JOBSCOUT_RUN_WAIT_MS }),
      createRunStatusTool({ runs: d.runService }),
      createJobDetailsTool({ actions: jobActions }),
      createMarkJobTool({ actions: jobActions }),
      createSavedJobsTool({ actions: jobActions }),
      createSourceHealthTool({
        catalog: d.sources.catalog,
        runs: store.runs,
        defaults: config.JOBSCOUT_SOURCES,
      }),
      createTrackSourceTool({
        catalog: d.sources.catalog,
        outbound: d.sources.outbound,
        whoMay: team ? (workspaceId) => team.namedAdmins(workspaceId) : undefined,
      }),
      createDashboardLinkTool(loginLinksFor(config, d.connection)),
      ...(d.alerts
        ? [
            createSaveAlertTool({ alerts: d.alerts, resolvePlace: (name) => resolvePlace(name) }),
            createListAlertsTool({ alerts: d.alerts }),
            createChangeAlertTool({ alerts: d.alerts }),
          ]
        : []),
      ...(d.team
        ? [createTeamTool({ team: d.team, actions: jobActions, resolvePlace: (name) => resolvePlace(name) })]
        : []),
      ...(profiles ? profileTools(profiles, jobActions, d.search, config.JOBSCOUT_RUN_WAIT_MS) : []),
      ...(applications?.tools ?? []),
    ],
  });
  const chat = new ChatService({
    agent,
    workspaces: store.workspaces,
    members: store.members,
    jobActions,
    logger: d.logger.child({ role: "chat" }),
    cv: d.profiles && {
      profiles: d.profiles.profiles,
      download: createFileDownload({
        slackToken: config.SLACK_BOT_TOKEN,
        slackHosts: [
          "files.slack.com",
          ...(config.SLACK_API_URL ? [new URL(config.SLACK_API_URL).host] : []),
        ],
      }),
      waitMs: config.JOBSCOUT_CV_WAIT_MS,
    },
    fit: d.profiles?.fit,
    grantedAdmin: team
      ? (workspaceId, userId) => team.isAdmin({ workspaceId, userId, isAdmin: false })
      : undefined,
    teamMark: team
      ? async (actor, jobId, mark, lang) => {
          const job = await jobActions.find(jobId);
          await team.mark({ ...actor, isAdmin: false }, job.id, mark);
          return renderTeam(
            { kind: "marked", job: { title: job.posting.title, company: job.posting.company }, mark },
            lang,
          );
        }
      : undefined,
    channelSettings: team
      ? (workspaceId, channel) => team.settingsIn(workspaceId, channel, false)
      : undefined,
    noteMember: team
      ? (actor, personalWorkspaceId) => team.noteMember({ ...actor, isAdmin: false }, personalWorkspaceId)
      : undefined,
    letters: applications?.letters,
  });
  // Checked by a test: `jobscout worker` must never get here.
  d.logger.info("chat composed", { model: chosen.description });
  return { agent, chat, jobActions, modelDescription: chosen.description };
}
