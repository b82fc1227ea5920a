// Alert answers in words, from the phrase tables: what was saved, the list, what changed.
import { DateTime } from "../core/luxon.js";
import type { AlertSummary, AlertsAnswer } from "../answers/alerts.js";
import type { AlertTarget, Schedule } from "../jobs/alerts/saved-search.js";
import type { Lang } from "./language.js";
import { phrasesFor } from "../answers/phrases/phrases.js";
import { isGoneReason } from "../jobs/alerts/digest-poster.js";

/** "every Monday at 9:00", "täglich um 8:30", "every 2 h". */
export function describeSchedule(s: Schedule, lang: Lang = "en"): string {
  const w = phrasesFor(lang).alerts;
  if (s.kind === "every") return w.minutes(Math.round(s.everyMs / 60_000));
  const [minute = "0", hour = "*", , , weekday = "*"] = s.pattern.split(" ");
  if (hour === "*") return w.hourly;
  const time = `${hour}:${minute.padStart(2, "0")}`;
  const days =
    weekday === "*"
      ? w.daily
      : weekday === "1-5"
        ? w.weekdays
        : w.every(
            weekday
              .split(",")
              .map((d) => w.days[Number(d) % 7] ?? d)
              .join(", "),
          );
  return `${days} ${w.at(time)}`;
}

export function describeTarget(t: AlertTarget, lang: Lang = "en"): string {
  const w = phrasesFor(lang).alerts;
  return t.kind === "channel" ? w.channel(t.channel) : t.kind === "terminal" ? w.terminal : w.dm;
}

function when(iso: string, tz: string, lang: Lang): string {
  return DateTime.fromISO(iso, { zone: tz })
    .setLocale(phrasesFor(lang).alerts.locale)
    .toFormat("ccc d LLL, HH:mm ZZZZ");
}

/** A paused alert's reason in the reader's language (alerts paused before reasons were codes keep their text). */
export function pausedWhy(reason: string | null, lang: Lang): string | null {
  return isGoneReason(reason) ? phrasesFor(lang).digest.gone[reason] : reason;
}

function line(a: AlertSummary, lang: Lang): string {
  const w = phrasesFor(lang).alerts;
  const state = a.status === "paused" ? ` — ${w.paused(pausedWhy(a.pausedReason, lang))}` : "";
  return `${a.n}. ${a.name}: ${describeSchedule(a.schedule, lang)} (${a.tz}), ${describeTarget(a.target, lang)}${state}`;
}

/** The words for an alert tool's answer. */
export function renderAlerts(answer: AlertsAnswer, lang: Lang = "en"): string {
  const w = phrasesFor(lang).alerts;
  switch (answer.kind) {
    case "need_time_zone":
      return w.askTz;
    case "time_zone":
      return w.tz(answer.timeZone, answer.updated);
    case "saved": {
      const a = answer.alert;
      const head = `${w.saved(a.name, answer.created)}: ${describeSchedule(a.schedule, lang)} (${a.tz}), ${describeTarget(a.target, lang)}.`;
      return [head, a.next ? w.next(when(a.next, a.tz, lang)) : "", w.onlyNew].filter(Boolean).join("\n");
    }
    case "list":
      if (answer.alerts.length === 0) return w.nothingSaved;
      return [w.listHead, ...answer.alerts.map((a) => line(a, lang)), w.howTo].join("\n");
    case "changed":
      return `${w.changed[answer.action]}: ${answer.alerts.map((a) => `“${a.name}”`).join(", ")}.`;
  }
}
