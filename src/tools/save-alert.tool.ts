import { tool } from "@langchain/core/tools";
import { phrasesFor } from "../answers/phrases/phrases.js";
import { z } from "zod";
import type { AlertsService } from "../jobs/alerts/alerts.service.js";
import { alertQuerySchema, scheduleSchema, type Schedule } from "../jobs/alerts/saved-search.js";
import { summarizeAlert, type AlertsAnswer } from "../answers/alerts.js";
import { alertActor, alertResult } from "./alert-common.js";
import { notAsked, toolError, turnContext } from "./context.js";

export const saveAlertSchema = z.object({
  name: z.string().max(60).optional().describe("A short name; omit to name it after the search."),
  keywords: z.string().max(200).default("").describe("Search words, e.g. 'python backend'."),
  place: z.string().max(100).optional().describe("City or region, e.g. 'Frankfurt'."),
  radiusKm: z.number().optional().describe("Distance around the place in km, 1–300."),
  remote: z.enum(["any", "remote_only", "remote_ok", "no_remote", "hybrid"]).default("any"),
  employmentType: alertQuerySchema.shape.employmentType,
  seniority: z.string().max(40).optional(),
  salaryMin: z
    .number()
    .optional()
    .describe("Yearly salary floor, e.g. 60000 for 'at least 60k'; a monthly one times 12."),
  cron: z
    .string()
    .optional()
    .describe("When, as five cron fields read in the person's time zone: '0 9 * * 1' = Mondays 9:00."),
  everyMinutes: z.number().optional().describe("Or a fixed interval in minutes (at least 15)."),
  deliverTo: z
    .enum(["dm", "here", "channel"])
    .default("dm")
    .describe("dm: the person's direct messages; here: this channel; channel: the channel id given."),
  channel: z.string().max(40).optional().describe("Channel id when deliverTo is 'channel'."),
  whenEmpty: z
    .enum(["skip", "notice"])
    .default("skip")
    .describe("notice: say 'nothing new' when nothing is."),
  timeZone: z.string().max(64).optional().describe("IANA time zone the person named, e.g. Europe/Berlin."),
});

/** Dependencies of the save_alert tool. */
export interface SaveAlertDeps {
  alerts: AlertsService;
  /** The place's canonical name, or undefined when unknown. */
  resolvePlace(name: string): { name: string } | undefined;
}

function scheduleOf(input: z.infer<typeof saveAlertSchema>): Schedule | string {
  const parsed = scheduleSchema.safeParse(
    input.everyMinutes !== undefined
      ? { kind: "every", everyMs: Math.max(15, Math.round(input.everyMinutes)) * 60_000 }
      : { kind: "cron", pattern: (input.cron ?? "0 9 * * *").trim() },
  );
  return parsed.success
    ? parsed.data
    : "I can send digests on a weekly or daily time (e.g. “every Monday at 9”, “daily at 8”) or every 15 minutes or more.";
}

export function createSaveAlertTool(deps: SaveAlertDeps) {
  return tool(
    async (raw, config): Promise<[string, AlertsAnswer | null]> => {
      const ctx = turnContext(config);
      const refused = notAsked(ctx, "alert");
      if (refused) return [toolError(refused), null];
      const input = saveAlertSchema.parse(raw);
      const schedule = scheduleOf(input);
      if (typeof schedule === "string") return [toolError(schedule), null];
      let place: string | undefined;
      if (input.place) {
        place = deps.resolvePlace(input.place)?.name;
        if (!place) return [toolError(phrasesFor(ctx.lang).unknownPlace(input.place)), null];
      }
      const query = alertQuerySchema.parse({
        keywords: input.keywords,
        ...(place ? { place } : {}),
        ...(input.radiusKm ? { radiusKm: Math.min(300, Math.max(1, input.radiusKm)) } : {}),
        remote: input.remote,
        ...(input.employmentType ? { employmentType: input.employmentType } : {}),
        ...(input.seniority ? { seniority: input.seniority } : {}),
        ...(input.salaryMin ? { salaryMin: input.salaryMin } : {}),
      });
      return alertResult(async () => {
        const saved = await deps.alerts.save(alertActor(ctx), {
          name: input.name,
          query,
          schedule,
          place: input.deliverTo,
          channel: input.channel,
          whenEmpty: input.whenEmpty,
          timeZone: input.timeZone,
        });
        return saved.status === "need_time_zone"
          ? { kind: "need_time_zone" }
          : { kind: "saved", created: saved.created, alert: summarizeAlert(saved.alert) };
      }, ctx.lang);
    },
    {
      name: "save_alert",
      description:
        "Save a search as an alert that posts a digest of new matching jobs on a schedule (to the person's DM, this channel, or a channel). Saving the same name again changes it.",
      schema: saveAlertSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
