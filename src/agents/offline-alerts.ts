// The offline model's alert steps: which alert tool to call for a request read by intent-alerts.ts.
import { AIMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { AlertRequest } from "./intent-alerts.js";
import { parseIntent, type PlaceLookup, type SearchArgs } from "./intent.js";
import type { Lang } from "./language.js";
import { PER_YEAR } from "../core/posting.js";

const SEARCH_FIRST: Record<Lang, string> = {
  en: "Tell me what the alert should look for, e.g. “alert me every Monday at 9 about python jobs in Frankfurt”, or search first and say “save this search”.",
  de: "Sag mir, wonach der Alert suchen soll, z. B. „jeden Montag um 9 Uhr Python-Jobs in Frankfurt“, oder suche zuerst und sag „Suche speichern“.",
};
// "to #jobs" typed as text names a channel only the platform can turn into an id: ask for the link
// rather than post somewhere else.
const CHANNEL_AS_LINK: Record<Lang, (name: string) => string> = {
  en: (name) =>
    `Which channel is ${name}? Say it again with the channel as a link (type # and pick it from the list), and I'll post the alert there.`,
  de: (name) =>
    `Welcher Kanal ist ${name}? Schreib es noch einmal mit dem Kanal als Link (# tippen und aus der Liste wählen), dann poste ich den Alert dort.`,
};

/** The save_alert call of this conversation still waiting for a time zone, if the last alert answer asked for one. */
function waitingForTimeZone(history: readonly BaseMessage[]): Record<string, unknown> | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    const m = history[i];
    if (!ToolMessage.isInstance(m) || m.name !== "save_alert") continue;
    const content = typeof m.content === "string" ? m.content : "";
    if (!content.includes('"need_time_zone"')) return undefined;
    for (let j = i - 1; j >= 0; j--) {
      const a = history[j];
      const call = AIMessage.isInstance(a) ? a.tool_calls?.find((c) => c.id === m.tool_call_id) : undefined;
      if (call) return call.args;
    }
    return undefined;
  }
  return undefined;
}

function searchPart(a: SearchArgs): Record<string, unknown> {
  return {
    keywords: a.keywords,
    ...(a.place ? { place: a.place } : {}),
    ...(a.radiusKm ? { radiusKm: a.radiusKm } : {}),
    remote: a.remote,
    ...(a.employmentType && a.employmentType !== "working_student"
      ? { employmentType: a.employmentType }
      : {}),
    ...(a.seniority ? { seniority: a.seniority } : {}),
    // save_alert keeps the floor as a yearly amount ("at least 60k", "ab 25 € die Stunde").
    ...(a.salaryMin ? { salaryMin: Math.round(a.salaryMin.min * PER_YEAR[a.salaryMin.period]) } : {}),
  };
}

/** The tool call for an alert request, or words to say instead. */
export function alertStep(
  r: AlertRequest,
  o: { lookup: PlaceLookup; previous: SearchArgs | undefined; history: readonly BaseMessage[]; lang: Lang },
): { tool: string; args: Record<string, unknown> } | { say: string } {
  switch (r.action) {
    case "list":
      return { tool: "list_alerts", args: {} };
    case "pause":
    case "resume":
    case "delete":
      return { tool: "change_alert", args: { action: r.action, alert: r.alert } };
    case "timezone": {
      const pending = waitingForTimeZone(o.history);
      return pending
        ? { tool: "save_alert", args: { ...pending, timeZone: r.timeZone } }
        : { tool: "change_alert", args: { action: "time_zone", timeZone: r.timeZone } };
    }
    case "create": {
      const stated = r.rest ? parseIntent(r.rest, o.lookup) : undefined;
      const own =
        stated?.kind === "search" &&
        (stated.args.keywords !== "" || stated.args.place !== undefined || stated.args.remote !== "any")
          ? stated.args
          : undefined;
      const args = own ?? o.previous;
      if (!args) return { say: SEARCH_FIRST[o.lang] };
      if (r.place?.kind === "channel" && r.place.channel.startsWith("#"))
        return { say: CHANNEL_AS_LINK[o.lang](r.place.channel) };
      const schedule =
        "cron" in r.schedule ? { cron: r.schedule.cron } : { everyMinutes: r.schedule.everyMinutes };
      const deliverTo = r.place?.kind ?? "dm";
      return {
        tool: "save_alert",
        args: {
          ...searchPart(args),
          ...schedule,
          deliverTo,
          ...(r.place?.kind === "channel" ? { channel: r.place.channel } : {}),
          ...(r.name ? { name: r.name } : {}),
          ...(r.whenEmpty ? { whenEmpty: r.whenEmpty } : {}),
          ...(r.timeZone ? { timeZone: r.timeZone } : {}),
        },
      };
    }
  }
}
