// Alert answers in words, English and German: what was saved, the list, what changed.
import { DateTime } from "luxon";
import type { AlertSummary, AlertsAnswer } from "../answers/alerts.js";
import type { AlertTarget, Schedule } from "../jobs/alerts/saved-search.js";
import type { Lang } from "./language.js";

const DAY_NAMES: Record<Lang, string[]> = {
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  de: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
};

const W = {
  en: {
    every: (what: string) => `every ${what}`,
    daily: "daily",
    weekdays: "on weekdays",
    at: (t: string) => `at ${t}`,
    hourly: "every hour",
    minutes: (n: number) => (n % 60 === 0 ? `every ${n / 60} h` : `every ${n} min`),
    dm: "to you as a DM",
    terminal: "in this terminal",
    channel: (c: string) => `in <#${c}>`,
    saved: (name: string, created: boolean) =>
      created ? `Saved your alert “${name}”` : `Updated your alert “${name}”`,
    next: (t: string) => `Next digest: ${t}.`,
    nothingSaved:
      "You have no alerts yet. Say e.g. “alert me every Monday at 9 about python jobs in Frankfurt”.",
    listHead: "Your alerts:",
    paused: (why: string | null) => `paused${why ? ` (${why})` : ""}`,
    howTo: "Say “pause alert 2”, “resume alert 2” or “delete alert 2”.",
    changed: { pause: "Paused", resume: "Resumed", delete: "Deleted" },
    askTz: "Which time zone should your alerts use? Say e.g. “Europe/Berlin” or “America/New_York”.",
    tz: (tz: string, n: number) =>
      `Your alerts now use the time zone ${tz}${n > 0 ? ` (${n} alert${n === 1 ? "" : "s"} moved)` : ""}.`,
    onlyNew: "Each digest shows only jobs that are new or changed since the one before.",
  },
  de: {
    every: (what: string) => `jeden ${what}`,
    daily: "täglich",
    weekdays: "werktags",
    at: (t: string) => `um ${t}`,
    hourly: "stündlich",
    minutes: (n: number) => (n % 60 === 0 ? `alle ${n / 60} Std.` : `alle ${n} Min.`),
    dm: "dir als Direktnachricht",
    terminal: "in diesem Terminal",
    channel: (c: string) => `in <#${c}>`,
    saved: (name: string, created: boolean) =>
      created ? `Dein Alert „${name}“ ist gespeichert` : `Dein Alert „${name}“ ist geändert`,
    next: (t: string) => `Nächster Digest: ${t}.`,
    nothingSaved:
      "Du hast noch keine Alerts. Sag z. B. „jeden Montag um 9 Uhr neue Python-Jobs in Frankfurt“.",
    listHead: "Deine Alerts:",
    paused: (why: string | null) => `pausiert${why ? ` (${why})` : ""}`,
    howTo: "Sag „pausiere Alert 2“, „Alert 2 fortsetzen“ oder „lösche Alert 2“.",
    changed: { pause: "Pausiert", resume: "Fortgesetzt", delete: "Gelöscht" },
    askTz: "In welcher Zeitzone sollen deine Alerts laufen? Sag z. B. „Europe/Berlin“.",
    tz: (tz: string, n: number) =>
      `Deine Alerts nutzen jetzt die Zeitzone ${tz}${n > 0 ? ` (${n} Alert${n === 1 ? "" : "s"} angepasst)` : ""}.`,
    onlyNew: "Jeder Digest zeigt nur Jobs, die seit dem letzten neu sind oder sich geändert haben.",
  },
} as const;

/** "every Monday at 9:00", "täglich um 8:30", "every 2 h". */
export function describeSchedule(s: Schedule, lang: Lang = "en"): string {
  const w = W[lang];
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
              .map((d) => DAY_NAMES[lang][Number(d) % 7] ?? d)
              .join(", "),
          );
  return `${days} ${w.at(time)}`;
}

export function describeTarget(t: AlertTarget, lang: Lang = "en"): string {
  const w = W[lang];
  return t.kind === "channel" ? w.channel(t.channel) : t.kind === "terminal" ? w.terminal : w.dm;
}

function when(iso: string, tz: string, lang: Lang): string {
  return DateTime.fromISO(iso, { zone: tz })
    .setLocale(lang === "de" ? "de-DE" : "en-GB")
    .toFormat("ccc d LLL, HH:mm ZZZZ");
}

function line(a: AlertSummary, lang: Lang): string {
  const w = W[lang];
  const state = a.status === "paused" ? ` — ${w.paused(a.pausedReason)}` : "";
  return `${a.n}. ${a.name}: ${describeSchedule(a.schedule, lang)} (${a.tz}), ${describeTarget(a.target, lang)}${state}`;
}

/** The words for an alert tool's answer. */
export function renderAlerts(answer: AlertsAnswer, lang: Lang = "en"): string {
  const w = W[lang];
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
