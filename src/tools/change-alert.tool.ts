import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { AlertsService } from "../jobs/alerts/alerts.service.js";
import { summarizeAlert, type AlertsAnswer } from "../answers/alerts.js";
import { alertActor, alertResult } from "./alert-common.js";
import { notAsked, toolError, turnContext } from "./context.js";

export const changeAlertSchema = z.object({
  action: z.enum(["pause", "resume", "delete", "time_zone"]),
  alert: z
    .string()
    .max(80)
    .default("all")
    .describe("Which of the person's alerts: its number from list_alerts, its name, or 'all'."),
  timeZone: z.string().max(64).optional().describe("For time_zone: the IANA name, e.g. Europe/Berlin."),
});

export function createChangeAlertTool(deps: { alerts: AlertsService }) {
  return tool(
    async (raw, config): Promise<[string, AlertsAnswer | null]> => {
      const ctx = turnContext(config);
      const refused = notAsked(ctx, "alert");
      if (refused) return [toolError(refused), null];
      const input = changeAlertSchema.parse(raw);
      const actor = alertActor(ctx);
      return alertResult(async () => {
        if (input.action === "time_zone") {
          const r = await deps.alerts.setTimeZone(actor, input.timeZone ?? "");
          return { kind: "time_zone", timeZone: r.timeZone, updated: r.updated };
        }
        const r = await deps.alerts.change(actor, input.action, input.alert);
        return { kind: "changed", action: r.action, alerts: r.changed.map(summarizeAlert) };
      }, ctx.lang);
    },
    {
      name: "change_alert",
      description: "Pause, resume or delete the person's own alerts, or set the time zone their alerts use.",
      schema: changeAlertSchema,
      responseFormat: "content_and_artifact",
    },
  );
}
