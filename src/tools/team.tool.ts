import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { AppError, describeError } from "../core/errors.js";
import type { TeamAnswer } from "../answers/team.js";
import type { JobActions } from "../jobs/job-actions.js";
import type { TeamActor, TeamService } from "../jobs/teams/team-service.js";
import { TEAM_MARKS } from "../store/teams.repo.js";
import { notAsked, toolError, turnContext } from "./context.js";
import { phrasesFor } from "../answers/phrases/phrases.js";
import type { Lang } from "../core/lang.js";

export const teamSchema = z.object({
  action: z.enum(["settings", "grant", "audit", "activity", "mark"]),
  team: z.boolean().optional().describe("settings: share marks in this channel (a team channel) or not."),
  alertsBy: z
    .enum(["admins", "members"])
    .optional()
    .describe("settings: who may point alerts at this channel."),
  place: z
    .string()
    .max(80)
    .nullable()
    .optional()
    .describe("settings: the channel's default place for searches without one; null removes it."),
  keywords: z
    .string()
    .max(120)
    .nullable()
    .optional()
    .describe("settings: the channel's default keywords for searches without any; null removes them."),
  radiusKm: z
    .number()
    .nullable()
    .optional()
    .describe("settings: the channel's default radius in km (1–300); null removes it."),
  lang: z
    .enum(["en", "de"])
    .nullable()
    .optional()
    .describe("settings: answer in this language in the channel (members who chose one keep theirs)."),
  mentionOnly: z
    .boolean()
    .optional()
    .describe("settings: answer only messages that mention the bot (true) or every message (false)."),
  user: z.string().max(40).optional().describe("grant: the member's platform id (from <@…>)."),
  role: z.enum(["owner", "admin", "member"]).optional(),
  channel: z.string().max(40).optional().describe("audit: only this channel's changes."),
  alertAction: z.string().max(40).optional().describe("audit: only this kind of change, e.g. alert.pause."),
  jobId: z.string().max(64).optional().describe("mark: the job's id (jobId from search results)."),
  mark: z
    .enum([...TEAM_MARKS, "clear"])
    .optional()
    .describe(
      "mark/activity: claimed (I'll apply), applied, not_relevant, seen; clear takes one's mark back.",
    ),
  days: z.number().int().min(1).max(90).default(7),
});

/** Changes only what the person's own message asked for. */
const CHANGES = new Set(["settings", "grant", "mark"]);

/** Dependencies of the team tool. */
export interface TeamToolDeps {
  team: TeamService;
  actions: JobActions;
  /** A place's canonical name, or undefined for a place not known. */
  resolvePlace(name: string): { name: string } | undefined;
}

const CHANNEL_KEYS = ["place", "keywords", "radiusKm", "lang", "mentionOnly"] as const;

export function createTeamTool(deps: TeamToolDeps) {
  return tool(
    async (raw, config): Promise<[string, TeamAnswer | null]> => {
      const ctx = turnContext(config);
      const input = teamSchema.parse(raw);
      if (CHANGES.has(input.action)) {
        const refused = notAsked(ctx, "team");
        if (refused) return [toolError(refused), null];
      }
      const actor: TeamActor = {
        workspaceId: ctx.workspaceId,
        userId: ctx.userId,
        channel: ctx.channel,
        direct: ctx.direct,
        isAdmin: ctx.isAdmin,
      };
      try {
        const answer = await run(deps, actor, input, ctx.lang);
        return [JSON.stringify(answer), answer];
      } catch (err) {
        if (err instanceof AppError && err.userMessage)
          return [toolError(describeError(err, ctx.lang)), null];
        throw err;
      }
    },
    {
      name: "team",
      description:
        "Teams sharing a channel: channel settings (team channel, who may set up alerts here), roles, the audit trail (who changed what), shared marks on jobs (claimed, applied, not relevant) and what the team applied to.",
      schema: teamSchema,
      responseFormat: "content_and_artifact",
    },
  );
}

async function run(
  deps: TeamToolDeps,
  actor: TeamActor,
  input: z.infer<typeof teamSchema>,
  lang: Lang,
): Promise<TeamAnswer> {
  switch (input.action) {
    case "settings": {
      if (CHANNEL_KEYS.some((k) => input[k] !== undefined)) {
        const place = input.place ? deps.resolvePlace(input.place) : undefined;
        if (input.place && !place) throw badInput(phrasesFor(lang).unknownPlace(input.place));
        const radius = input.radiusKm;
        const ch = await deps.team.setChannel(actor, {
          team: input.team,
          alertsBy: input.alertsBy,
          place: input.place === undefined ? undefined : (place?.name ?? null),
          keywords: input.keywords === undefined ? undefined : input.keywords?.trim() || null,
          radiusKm:
            radius === undefined || radius === null ? radius : Math.min(300, Math.max(1, Math.round(radius))),
          lang: input.lang,
          mentionOnly: input.mentionOnly,
        });
        return { kind: "channel", channel: ch.channelId, defaults: ch.defaults, mentionOnly: ch.mentionOnly };
      }
      const ch = await deps.team.setChannel(actor, { team: input.team, alertsBy: input.alertsBy });
      return { kind: "settings", channel: ch.channelId, team: ch.team, alertsBy: ch.alertsBy };
    }
    case "grant": {
      if (!input.user || !input.role) throw badInput(phrasesFor(lang).team.sayWhomAndRole);
      return { kind: "role", user: input.user, role: await deps.team.grant(actor, input.user, input.role) };
    }
    case "audit": {
      const entries = await deps.team.auditTrail(actor, {
        channelId: input.channel,
        actionPrefix: input.alertAction,
      });
      return { kind: "audit", entries };
    }
    case "activity": {
      const mark = input.mark === "clear" || !input.mark ? "applied" : input.mark;
      const rows = await deps.team.activity(actor, mark, input.days);
      const byJob = new Map<number, string[]>();
      for (const r of rows) byJob.set(r.jobId, [...(byJob.get(r.jobId) ?? []), r.userId]);
      const jobs = await Promise.all(
        [...byJob].map(async ([id, by]) => {
          const job = await deps.actions.find(id);
          return { title: job.posting.title, company: job.posting.company, by };
        }),
      );
      return { kind: "activity", mark, days: input.days, jobs };
    }
    case "mark": {
      if (!input.jobId || !input.mark) throw badInput(phrasesFor(lang).team.sayWhichJob);
      const job = await deps.actions.find(input.jobId);
      const mark = input.mark === "clear" ? null : input.mark;
      await deps.team.mark(actor, job.id, mark);
      return { kind: "marked", job: { title: job.posting.title, company: job.posting.company }, mark };
    }
  }
}

function badInput(userMessage: string): AppError {
  return new AppError("bad_input", userMessage, { userMessage });
}
