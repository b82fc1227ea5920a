import { tool } from "@langchain/core/tools";
import { z } from "zod";
import type { AlertsService } from "../jobs/alerts/alerts.service.js";
import { summarizeAlert, type AlertsAnswer } from "../answers/alerts.js";
import { alertActor, alertResult } from "./alert-common.js";
import { turnContext } from "./context.js";

export function createListAlertsTool(deps: { alerts: AlertsService }) {
  return tool(
    async (_input, config): Promise<[string, AlertsAnswer | null]> => {
      const ctx = turnContext(config);
      return alertResult(
        async () => ({
          kind: "list",
          alerts: (await deps.alerts.list(alertActor(ctx))).map(summarizeAlert),
        }),
        ctx.lang,
      );
    },
    {
      name: "list_alerts",
      description:
        "List the person's own alerts (saved searches with schedules), numbered, with the next digest time.",
      schema: z.object({}),
      responseFormat: "content_and_artifact",
    },
  );
}
