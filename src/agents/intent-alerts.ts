// Alert requests by rules, German and English: "alert me every Monday at 9 about new python jobs in
// Frankfurt", "daily at 8 in #jobs", "save this search", "jeden Montag um 9 Uhr", "list my alerts",
// "pausiere Alert 2", "my time zone is Europe/Berlin". What is left after the schedule, the target
// and the alert words is a search request, read by the search rules.
import { IANAZone } from "../core/luxon.js";

/** Where the person wants the digests. */
export type AlertPlace = { kind: "dm" } | { kind: "here" } | { kind: "channel"; channel: string };

export type AlertRequest =
  | {
      action: "create";
      /** A cron pattern (minute hour * * weekday) or an interval in minutes. */
      schedule: { cron: string } | { everyMinutes: number };
      /** Stated schedule words, or undefined when none were said (daily at 9). */
      place?: AlertPlace | undefined;
      name?: string | undefined;
      whenEmpty?: "notice" | undefined;
      timeZone?: string | undefined;
      /** The search words left over ("python jobs in Frankfurt"); "" means the conversation's last search. */
      rest: string;
    }
  | { action: "list" }
  | { action: "pause" | "resume" | "delete"; alert: string }
  | { action: "timezone"; timeZone: string };

const DAYS: Array<[RegExp, string]> = [
  [/\b(mon(day)?s?|montags?)\b/i, "1"],
  [/\b(tue(s|sday)?s?|dienstags?)\b/i, "2"],
  [/\b(wed(nesday)?s?|mittwochs?)\b/i, "3"],
  [/\b(thu(rs|rsday)?s?|donnerstags?)\b/i, "4"],
  [/\b(fri(day)?s?|freitags?)\b/i, "5"],
  [/\b(sat(urday)?s?|samstags?|sonnabends?)\b/i, "6"],
  [/\b(sun(day)?s?|sonntags?)\b/i, "0"],
];
const DAILY = /\b(daily|every ?day|each day|t(?:ä|ae)glich|jeden tag|every morning|jeden morgen)\b/i;
const WEEKDAYS =
  /\b(every weekday|weekdays|on weekdays|werktags|an werktagen|montag bis freitag|monday to friday|mo-fr)\b/i;
const WEEKLY = /\b(weekly|once a week|w(?:ö|oe)chentlich|einmal (pro|die) woche)\b/i;
// "hourly pay", "16 € stündlich", "stündlich 16 Euro" say how pay is counted, not how often to post.
const HOURLY =
  /(?<!\d\s?(?:€|eur|euros?|\$|£|dollars?|bucks)?\s?)\b(hourly|every hour|st(?:ü|ue)ndlich|jede stunde)\b(?!\s+(?:rate|pay|wage|wages|salary|earnings|lohn|verdienst|bezahlt|bezahlung|verg(?:ü|ue)tung|\d))/i;
const EVERY_N = /\b(?:every|alle)\s+(\d{1,2})\s*(hours?|stunden?|h|minutes?|minuten?|min)\b/i;
const EVERY_WORD = /\b(every|each|jeden|jede|jedes|immer)\b/i;
const TIME =
  /\b(?:at|um|gegen|ab)\s+(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|uhr|h|o'?clock)?|\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|uhr)\b/i;

const ALERT_WORD =
  /\b(alert|alerts|notify|notification|digest|digests|benachrichtig\w*|subscribe|abonnier\w*|job-?alarm|suchauftrag)\b/i;
const SAVE_SEARCH =
  /\b(save|keep|speicher\w*|merk\w*)\b.*\b(search|suche)\b|\b(search|suche)\b.*\b(save|speicher\w*|merk\w*)\b/i;
const LIST =
  /^\W*((list|show|which|what|zeig\w*|welche|liste)\b.*)?\b(my |all |meine |alle )?(alerts|saved searches|digests|gespeicherten suchen|benachrichtigungen|suchauftr(?:ä|ae)ge)\b[\s\w]*\W*$/i;
const PAUSE = /\b(pause|mute|stop|suspend|pausier\w*|anhalten|halte\w*|stopp\w*)\b/i;
const RESUME =
  /\b(resume|unpause|restart|continue|reactivate|fortsetz\w*|fort|reaktivier\w*|wieder aktivier\w*|weiter)\b/i;
const DELETE = /\b(delete|remove|cancel|drop|l(?:ö|oe)sch\w*|entfern\w*)\b/i;
const TZ_NAME =
  /\b((?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Za-z_]+(?:\/[A-Za-z_]+)?|UTC)\b/;
const TZ_WORD = /\b(time ?zone|zeitzone|tz)\b/i;
const CHANNEL = /<#([A-Z0-9]+)(?:\|[^>]*)?>|<#(\d+)>/;
const HERE =
  /\b(here|in this channel|to this channel|in the channel|hier|in diesem (kanal|channel)|in den (kanal|channel))\b/i;
const DM = /\b(dm|direct message|privately|private message|per dm|als dm|privat|direktnachricht)\b/i;
const NAMED =
  /\b(?:called|named|as|namens|mit (?:dem )?namen|(?:call|name) it|nenn(?:e|en)? (?:es|ihn|sie|den|die|das)(?: alert| suche)?|taufe? (?:es|ihn|sie))\s+["“„']?([^"”“'\n]{1,40}?)["”“']?\s*$/i;
/** A channel written by its name ("to #jobs", "in #team-berlin", "nach #stellen"): a place to post to, no search word. */
const CHANNEL_NAME =
  /(?:\b(?:to|in|into|on|nach|in den|an|auf)\s+)?(?<![\w&])#([\p{L}\p{N}][\p{L}\p{N}_-]{0,79})/u;
const NOTICE = /\b(even (if|when) (there is )?nothing( is)? new|auch wenn nichts neu\w*)\b/i;

function hourOf(m: RegExpExecArray): { hour: number; minute: number } | undefined {
  const h = Number(m[1] ?? m[4]);
  const minute = Number(m[2] ?? m[5] ?? 0);
  const suffix = (m[3] ?? m[6] ?? "").toLowerCase().replace(/\./g, "");
  let hour = h;
  if (suffix === "pm" && h < 12) hour += 12;
  if (suffix === "am" && h === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

/** The schedule a message states, and the message without those words; undefined when it states none. */
export function readSchedule(
  text: string,
): { schedule: { cron: string } | { everyMinutes: number }; rest: string } | undefined {
  let rest = text;
  const cut = (re: RegExp) => {
    rest = rest.replace(re, " ");
  };
  const everyN = EVERY_N.exec(rest);
  if (everyN) {
    cut(EVERY_N);
    const n = Number(everyN[1]);
    const minutes = /^(h|hours?|stunden?)$/i.test(everyN[2] ?? "") ? n * 60 : n;
    return { schedule: { everyMinutes: Math.max(15, minutes) }, rest };
  }
  if (HOURLY.test(rest)) {
    cut(HOURLY);
    return { schedule: { cron: "0 * * * *" }, rest };
  }
  let weekday: string | undefined;
  if (WEEKDAYS.test(rest)) {
    weekday = "1-5";
    cut(WEEKDAYS);
  } else if (DAILY.test(rest)) {
    weekday = "*";
    cut(DAILY);
  } else if (WEEKLY.test(rest)) {
    weekday = "1";
    cut(WEEKLY);
  } else {
    const days = DAYS.filter(([re]) => re.test(rest));
    if (days.length > 0) {
      weekday = days.map(([, d]) => d).join(",");
      for (const [re] of days) cut(new RegExp(re.source, "gi"));
    }
  }
  if (weekday === undefined) return undefined;
  const at = TIME.exec(rest);
  const time = at ? hourOf(at) : undefined;
  if (at) cut(TIME);
  cut(/\b(every|each|jeden|jede|jedes|on|am|immer)\b/gi);
  const { hour, minute } = time ?? { hour: 9, minute: 0 };
  return { schedule: { cron: `${minute} ${hour} * * ${weekday}` }, rest };
}

/** A valid IANA time zone name in the text, if any. */
export function timeZoneIn(text: string): string | undefined {
  const name = TZ_NAME.exec(text)?.[1];
  return name && IANAZone.isValidZone(name) ? name : undefined;
}

function alertRef(text: string, verb: RegExp): string {
  return text
    .replace(verb, " ")
    .replace(
      /\b(alerts?|digests?|benachrichtigung(en)?|saved searches|saved search|gespeicherte suche|my|meine?n?|the|den|die|das|please|bitte|for|für|fuer|now|jetzt|wieder)\b/gi,
      " ",
    )
    .replace(/[.!?"“”„]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Read an alert request; undefined when the message is not about alerts. */
export function readAlertRequest(text: string): AlertRequest | undefined {
  const t = text.trim();
  const tz = timeZoneIn(t);
  if (tz && (TZ_WORD.test(t) || t.replace(TZ_NAME, "").trim() === "")) {
    if (!ALERT_WORD.test(t) && readSchedule(t) === undefined) return { action: "timezone", timeZone: tz };
  }
  if (LIST.test(t) && !PAUSE.test(t) && !RESUME.test(t) && !DELETE.test(t)) return { action: "list" };
  const aboutAlerts = ALERT_WORD.test(t);
  if (aboutAlerts) {
    for (const [verb, action] of [
      [DELETE, "delete"],
      [RESUME, "resume"],
      [PAUSE, "pause"],
    ] as const) {
      if (verb.test(t) && !readSchedule(t)) return { action, alert: alertRef(t, verb) || "all" };
    }
  }
  const saveSearch = SAVE_SEARCH.test(t);
  const read = readSchedule(t);
  if (!aboutAlerts && !saveSearch && !read) return undefined;
  // "jobs on Monday" is no schedule; "every Monday", "mondays at 9", "daily", "werktags" are.
  const recurring = [EVERY_WORD, DAILY, WEEKDAYS, WEEKLY, HOURLY, EVERY_N, TIME].some((re) => re.test(t));
  if (!aboutAlerts && !saveSearch && !recurring) return undefined;
  let rest = read?.rest ?? t;
  const channel = CHANNEL.exec(rest);
  let place: AlertPlace | undefined;
  if (channel) {
    place = { kind: "channel", channel: channel[1] ?? channel[2] ?? "" };
    rest = rest.replace(CHANNEL, " ");
  } else if (CHANNEL_NAME.test(rest)) {
    // Only the platform knows the id behind a name: the channel is named, the search words lose it.
    place = { kind: "channel", channel: `#${CHANNEL_NAME.exec(rest)?.[1] ?? ""}` };
    rest = rest.replace(CHANNEL_NAME, " ");
  } else if (DM.test(rest)) {
    place = { kind: "dm" };
    rest = rest.replace(DM, " ");
  } else if (HERE.test(rest)) {
    place = { kind: "here" };
    rest = rest.replace(HERE, " ");
  }
  const named = NAMED.exec(rest);
  if (named) rest = rest.replace(NAMED, " ");
  const notice = NOTICE.test(rest);
  if (notice) rest = rest.replace(NOTICE, " ");
  if (tz) rest = rest.replace(TZ_NAME, " ").replace(TZ_WORD, " ");
  rest = rest
    .replace(ALERT_WORD, " ")
    .replace(SAVE_SEARCH, " ")
    .replace(
      /\b(me|mich|mir|us|uns|about|for|on|with|new|remind|erinner\w*|neue[nr]?|über|ueber|zu|send|schick\w*|sende\w*|post\w*|set up|create|erstelle\w*|an|a|ein\w*|this|that|diese[nrs]?|search|suche|please|bitte|speicher\w*|save|merk\w*)\b/gi,
      " ",
    )
    .replace(/[,;:!?.]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return {
    action: "create",
    schedule: read?.schedule ?? { cron: "0 9 * * *" },
    place,
    ...(named?.[1] ? { name: named[1].trim() } : {}),
    ...(notice ? { whenEmpty: "notice" as const } : {}),
    ...(tz ? { timeZone: tz } : {}),
    rest,
  };
}
