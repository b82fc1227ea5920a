// Everything jobscout says to a person, per language, in one place: the offline model's answers,
// job cards on every surface, buttons, progress lines, tool errors and refusals. Renderers fill
// these templates and never hold words of their own. English is what every surface and test
// has always shown; German follows it phrase by phrase.
import type { Lang } from "../../core/lang.js";
import type { UserText } from "../../core/errors.js";
import { DE } from "./de.js";
import { EN } from "./en.js";

import type { Count } from "./plural.js";
import type { CardSalary } from "../../core/job-card.js";
import type { WhyWords } from "../../search/explain.js";
import type { GoneReason } from "../../jobs/alerts/digest-poster.js";
import type { FailureWords } from "./failures.js";

/** The templates of one language. */
/** Why a file a person sent could not be downloaded (the platform's own words for `unavailable`). */
export type DownloadReason =
  | { kind: "unavailable"; text: UserText }
  | { kind: "noLink" }
  | { kind: "notWebLink" }
  | { kind: "http"; status: number }
  | { kind: "timeout" }
  | { kind: "unreachable" }
  | { kind: "brokeOff" };

/** Why a terminal file cannot be read from disk. */
export type DiskReason = "missing" | "directory" | "unreadable";

export interface Phrases {
  postedToday: string;
  postedYesterday: string;
  postedDaysAgo: Count;
  postedOn: (date: string) => string;
  anyJobs: string;
  inOrNear: (place: string) => string;
  remote: Record<"any" | "remote_only" | "remote_ok" | "no_remote" | "hybrid", string>;
  postedWithin: Count;
  noResults: (query: string, afterRun: boolean) => string;
  moreMatches: (query: string) => string;
  /** `total` only when more than shown match; `about`: it is an estimate (said rounded). */
  matches: (shown: number, total: number | undefined, query: string, about?: boolean) => string;
  retryingAt: (time: string) => string;
  status: Record<string, string>;
  /** A run's stage by its id ("normalize"); a stage not named here shows its id. */
  stage: Record<string, string>;
  /** A failed source and why (`failures.reason`, or a stored text from before codes). */
  sourceFailed: (name: string, error: string | null) => string;
  /** Why sources and runs failed, and how each source did lately. */
  failures: FailureWords;
  sourceJobs: (n: number, extra: { new: number; updated: number; closed: number; skipped: number }) => string;
  soFar: Count;
  runCompleted: string;
  runFailed: string;
  runAt: (stage: string, progress: number) => string;
  run: (id: string) => string;
  help: string;
  /** A name several places share: which one, with the options numbered. */
  whichPlace: (written: string, options: readonly string[]) => string;
  hello: string;
  apply: string;
  sources: string;
  employment: Record<string, string>;
  noSaved: string;
  savedHeading: string;
  marked: Record<"save" | "hide" | "unsave" | "unhide", (title: string, company: string) => string>;
  noSourcesFetched: string;
  sourcesHeading: string;
  origin: Record<"default" | "chat" | "yaml" | "config", string>;
  paused: string;
  notFetched: string;
  lastSuccess: string;
  tracking: (label: string) => string;
  untracked: (label: string) => string;
  noJobNumber: Count;
  searchFirst: string;
  cannotFetch: string;
  toolMissing: (tool: string) => string;
  /** After "evaluate … for me": how many were scored, and that the best follow. */
  scored: (n: number, shown: number) => string;
  /** Corrections to what was asked, when it is beyond what the tools take. */
  limits: {
    radius: (max: number, used: number) => string;
    days: (max: number, used: number) => string;
    clipped: (max: number, what: string) => string;
    keywords: string;
    place: string;
  };
  /** Why a job matched, on its card ("3 km von Würzburg"). */
  why: WhyWords;
  /** A job card, as every surface shows it. */
  card: {
    fit: (total: number, reasons: readonly string[]) => string;
    why: (reasons: readonly string[]) => string;
    /** In a team channel, the marks its members share. */
    team: (marks: readonly string[]) => string;
    /** One kind of shared mark before the members who set it ("claimed by <@U1>"). */
    teamMark: Record<"claimed" | "applied" | "not_relevant" | "seen", string>;
    score: (score: number) => string;
    via: (sources: string) => string;
    remote: Record<"remote" | "hybrid" | "onsite" | "unknown", string>;
    /** On-site, as a word in a line of facts. */
    onSite: string;
    fields: Record<"company" | "place" | "remote" | "posted" | "salary", string>;
    /** Shown instead of a salary when the search asked for a salary floor. */
    noSalary: string;
    /** "45k–53k EUR/year", "up to 4k EUR/month", "from 18.5 EUR/hour". */
    salary: (s: CardSalary) => string;
  };
  /** Button labels; Discord adds the card's number. */
  buttons: Record<"details" | "save" | "hide" | "why" | "more" | "claim" | "seen", string>;
  whyScore: (total: number) => string;
  /** Under a list that has more: the words that page on or narrow it. */
  moreHint: string;
  /** A run's progress while it works. */
  fetching: string;
  postings: Count;
  /** The message was longer than what is read. */
  clipped: (max: number) => string;
  fileUnavailable: (name: string, why: string) => string;
  fileReceived: (name: string, kind: string) => string;
  cannotReadFiles: string;
  somethingWrong: string;
  /** A slash command's instant answer: the real one follows in a thread. */
  lookingInThread: string;
  /** The answer could not be posted. */
  postFailed: string;
  cannotScore: string;
  /** Tool errors and refusals, as the person reads them. */
  /** A message that asks for nothing ("hmm", "ok"): what to say instead of searching everything. */
  whatToSearch: string;
  unknownPlace: (name: string) => string;
  noRuns: string;
  noRun: (id: string) => string;
  howToAsk: Record<
    "track" | "untrack" | "mark" | "run" | "alert" | "team" | "profile" | "letter" | "approve" | "send",
    string
  >;
  markedOnlyNamed: string;
  unknownBoard: (url: string, known: string) => string;
  trackOwnUrlOnly: string;
  /** A URL the outbound policy refuses (private, loopback, metadata…); names no detail of why. */
  trackRefused: (url: string) => string;
  /** Only admins may change sources; `who` names those granted in chat ("<@U1>, <@U2>"). */
  adminsOnly: (who?: string) => string;
  notTracked: (label: string) => string;
  /** Refusals of a new source: the workspace's limit, a person's (sources added from chat). */
  sourceLimitWorkspace: (max: number) => string;
  sourceLimitPerson: (max: number) => string;
  unknownSourceKind: (kind: string) => string;
  nothingToAdd: string;
  /** A button on a job that is no longer in the index. */
  jobGone: string;
  /** A choice button without one of the question's numbers (not a button we sent). */
  choiceNotOffered: string;
  noProfileToScore: string;
  /** A scoring run's progress line: while it works, when done, when it failed. */
  scoring: (n: number) => { working: string; done: string; failed: string };
  /** After "answer in English" / "antworte auf Deutsch". */
  languageSet: string;
  /** Salary and seniority filters: what a posting without them means. */
  salaryUnknown: (n: number) => string;
  seniorityUnknown: (n: number) => string;
  seniority: Record<"junior" | "senior", string>;
  salaryFloor: (min: number, period: "hour" | "month" | "year") => string;
  /** A channel's settings as an admin set them: search defaults, language, when it is answered. */
  /** "best for the team": ranked by the best fit among the channel members' profiles. */
  teamRank: {
    ranked: Count;
    noProfiles: string;
    /** `who` names the admins granted in chat ("<@U1>"), else undefined. */
    notTeam: (who: string | undefined) => string;
  };
  channelSettings: {
    summary: (channel: string, parts: readonly string[]) => string;
    place: (place: string, radiusKm: number | undefined) => string;
    radius: (km: number) => string;
    keywords: (words: string) => string;
    noDefaults: string;
    lang: Record<"en" | "de", string>;
    mentionOnly: (only: boolean) => string;
    /** Under a search that took a channel default: which ones. */
    used: (parts: readonly string[]) => string;
  };
  /** Slack's slash command help, above the general help; `command` is "/jobs". */
  slashHelp: (command: string) => string[];
  /** The terminal chat's first line. */
  terminalHello: string;
  /** The dashboard_link tool's answer: a one-time link, until when, and what a non-admin can do. */
  dashboardLink: (url: string, until: string, admin: boolean) => string;
  /** A profile asked for where others read along. */
  privateProfile: string;
  /** The configured chat model did not answer. */
  modelFailed: (description: string, why: string) => string;
  /** Runs that cannot start or be found. */
  runs: {
    unknownSources: (unknown: string, known: string) => string;
    busy: (max: number) => string;
    notFound: (id: string) => string;
    stillWorking: (stage: string, progress: number) => string;
    /** Redis is not there; `where` is its address. */
    queueDown: (where: string) => string;
  };
  /** The letter's buttons and its edit form. */
  letter: {
    buttons: Record<"approve" | "anyway" | "edit" | "regenerate", string>;
    formTitle: string;
    formLabel: string;
    formSubmit: string;
    formCancel: string;
    notYours: string;
    editHint: string;
    cannotWrite: string;
  };
  cv: CvWords;
  alerts: AlertWords;
  digest: DigestWords;
  team: TeamWords;
}

/** Why a CV could not be read, each with what to do. */
export interface CvWords {
  empty: (name: string) => string;
  tooLarge: (name: string, mb: string, maxMb: number) => string;
  zip: (name: string, renamedPdf: boolean) => string;
  oldDoc: (name: string) => string;
  image: (name: string) => string;
  webPage: (name: string) => string;
  notCv: (name: string) => string;
  encrypted: (name: string) => string;
  badDocx: (name: string) => string;
  badPdf: (name: string) => string;
  scanned: (name: string) => string;
  noText: (name: string) => string;
  unreadable: (name: string, said: string | undefined) => string;
  failed: string;
  stillReading: string;
  serviceKey: (name: string) => string;
  serviceCredits: (name: string) => string;
  serviceBusy: (name: string) => string;
  serviceSlow: (name: string) => string;
  serviceUnreachable: (name: string) => string;
  downloadFailed: (name: string, why: string) => string;
  /** Why a download failed, in words ({@link DownloadReason}). */
  downloadReason: (why: Exclude<DownloadReason, { kind: "unavailable" }>) => string;
  notOnDisk: (path: string, why: string) => string;
  /** Why a file on disk cannot be read. */
  diskReason: (why: DiskReason) => string;
  downloadTooLarge: (name: string, maxMb: number) => string;
  /** Slack gave no download link: the file is too old for the plan, from Slack Connect, or other. */
  slackHidden: string;
  slackConnect: string;
  slackNoLink: string;
}

/** Alerts: their schedules, targets, answers and refusals. */
export interface AlertWords {
  /** Sunday first, as cron counts. */
  days: readonly string[];
  /** The locale dates are written in. */
  locale: string;
  every: (what: string) => string;
  daily: string;
  weekdays: string;
  at: (t: string) => string;
  hourly: string;
  minutes: (n: number) => string;
  dm: string;
  terminal: string;
  channel: (c: string) => string;
  saved: (name: string, created: boolean) => string;
  next: (t: string) => string;
  nothingSaved: string;
  listHead: string;
  paused: (why: string | null) => string;
  howTo: string;
  changed: Record<"pause" | "resume" | "delete", string>;
  askTz: string;
  tz: (tz: string, n: number) => string;
  onlyNew: string;
  unknownTimeZone: (tz: string) => string;
  /** `who` names the admins granted in chat ("<@U1>, <@U2>"). */
  channelAdminsOnly: (who: string | undefined) => string;
  changeAdminsOnly: (who: string | undefined, action: "pause" | "resume" | "delete", name: string) => string;
  notFound: (ref: string, any: boolean) => string;
  noSingle: (ref: string, names: string, fits: readonly string[]) => string;
}

/** A digest as its reader gets it: the head line, the source-health footer, why an alert paused. */
export interface DigestWords {
  /** `matched` counts the new matches before the caps; more than `shown` says "3 of 4". */
  head: (name: string, shown: number, matched: number) => string;
  nothing: (name: string) => string;
  health: string;
  /** To the owner, once, when the digest's place is gone. */
  paused: (name: string, why: string) => string;
  gone: Record<GoneReason, string>;
  /** `jobscout digest run NAME` on a paused alert; `why` is its reason when it has one. */
  runPaused: (name: string, why: string | null) => string;
}

/** Team channels, roles, the audit trail and shared marks. */
export interface TeamWords {
  settings: (channel: string, team: boolean, by: string) => string;
  role: (user: string, role: string) => string;
  noAudit: string;
  /** A role change without the person or the role. */
  sayWhomAndRole: string;
  /** A team mark without the job or the mark. */
  sayWhichJob: string;
  auditHead: string;
  action: Record<string, string>;
  marked: Record<"claimed" | "applied" | "not_relevant" | "seen" | "clear", string>;
  markedText: (what: string, title: string, company: string) => string;
  activityHead: (mark: "claimed" | "applied" | "not_relevant" | "seen", days: number) => string;
  noActivity: (days: number) => string;
  /** Who may: the admins granted in chat when there are ("<@U1>"), else the platform's. */
  onlyWho: (owner: boolean, who: string | undefined, what: string) => string;
  deeds: { role: (role: string) => string; settings: string; audit: string };
  sayInChannel: string;
  notTeamChannel: (who: string | undefined) => string;
}

const TABLES: Record<Lang, Phrases> = { en: EN, de: DE };

/** The templates of a language. */
export function phrasesFor(lang: Lang): Phrases {
  return TABLES[lang];
}

/** An estimated count said as people round it: two significant digits (186,010 → 190,000). */
export function roughly(n: number): number {
  if (n < 100) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}
