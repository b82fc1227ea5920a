// English: what every surface and test has always shown.
import type { Phrases } from "./phrases.js";
import { plural } from "./plural.js";
import { WHY_EN } from "../../search/explain.js";

export const EN: Phrases = {
  scored: (n, shown) =>
    n === 0
      ? "I found no jobs to score (or the scoring is still running)."
      : `I scored ${plural(n, "job", "jobs")} for you${shown > 0 ? `; the best ${shown}:` : "."}`,
  postedToday: "posted today",
  postedYesterday: "posted yesterday",
  postedDaysAgo: (n) => `posted ${n} days ago`,
  postedOn: (date) => `posted ${date}`,
  anyJobs: "jobs",
  inOrNear: (place) => ` in or near ${place}`,
  remote: {
    any: "",
    remote_only: "remote only",
    remote_ok: "remote ok",
    no_remote: "no remote",
    hybrid: "hybrid",
  },
  postedWithin: (n) => `posted in the last ${plural(n, "day", "days")}`,
  noResults: (q, afterRun) =>
    `I found no ${q}${afterRun ? " even after fetching fresh postings" : ""}. Try other keywords, a larger radius, or “remote ok”.`,
  moreMatches: (q) => `More matches for ${q}:`,
  matches: (shown, total, q) => `Here are ${total ? `${shown} of ${total}` : shown} matches for ${q}:`,
  retryingAt: (time) => `retrying at ${time} UTC`,
  status: {},
  stage: {},
  sourceFailed: (name, error) => `${name}: failed — ${error ?? "unknown error"}`,
  sourceJobs: (n, x) => {
    const extra = [
      x.new ? `${x.new} new` : null,
      x.updated ? `${x.updated} updated` : null,
      x.closed ? `${x.closed} closed` : null,
      x.skipped ? `${x.skipped} skipped` : null,
    ].filter(Boolean);
    return `${plural(n, "job", "jobs")}${extra.length ? `, ${extra.join(", ")}` : ""}`;
  },
  soFar: (n) => `${n} so far`,
  runCompleted: "Fetched fresh postings",
  runFailed: "The run failed",
  runAt: (stage, p) => `Run ${stage} (${p}%)`,
  run: (id) => `Run ${id}`,
  help: [
    "I search job postings for you. Try:",
    "- “find me jobs in Berlin”",
    "- “python jobs in Frankfurt posted this week, remote ok”",
    "- “only remote ones” (refines the last search) or “more”",
    "- “refresh data scientist jobs in Munich” (fetches fresh postings)",
    "- “details 2”, “save 2”, “not for me 3”, “saved jobs”",
    "- “track jobs at https://boards.greenhouse.io/n26”, “sources” (how each source did)",
    "- “status” (the latest run)",
  ].join("\n"),
  whichPlace: (written, options) =>
    `Which ${written} do you mean?\n${options.map((o, i) => `${i + 1}. ${o}`).join("\n")}\nAnswer with the number or the name.`,
  hello: "Hello!",
  apply: "Apply",
  sources: "Sources",
  employment: {
    full_time: "full-time",
    part_time: "part-time",
    contract: "contract",
    temporary: "temporary",
    internship: "internship",
    apprenticeship: "apprenticeship",
    mini_job: "mini job",
  },
  noSaved: "You have no saved jobs yet. Say “save 2” after a search to keep one.",
  savedHeading: "Your saved jobs:",
  marked: {
    // "… at Example e.V." already ends the sentence.
    save: (t, c) => `Saved “${t}” at ${c}${c.endsWith(".") ? "" : "."}`,
    hide: (t, c) => `Got it — I won't show you “${t}” at ${c} again.`,
    unsave: (t, c) => `Removed “${t}” at ${c} from your saved jobs.`,
    unhide: (t, c) => `I'll show you “${t}” at ${c} again.`,
  },
  noSourcesFetched: "This workspace fetches no sources.",
  sourcesHeading: "Job sources of this workspace:",
  origin: { default: "default", chat: "added in chat", yaml: "from sources.yaml", config: "from config" },
  paused: "paused",
  notFetched: "not fetched yet",
  lastSuccess: "last success",
  tracking: (label) =>
    `Now tracking ${label} for this workspace. Every run fetches it from now on — say “refresh” to fetch it now.`,
  untracked: (label) => `Stopped tracking ${label}.`,
  noJobNumber: (n) => `I don't see a job number ${n} in our conversation. Search first, then use its number.`,
  searchFirst: "Ask me for some jobs first, e.g. “find me jobs in Berlin”.",
  cannotFetch: "I couldn't fetch new postings:",
  toolMissing: (tool) => `I can't do that here (the ${tool} tool is not available).`,
  limits: {
    radius: (max, used) => `I can search up to ${max} km around a place — searching ${used} km.`,
    days: (max, used) =>
      `I can look up to ${max} days back — searching the last ${plural(used, "day", "days")}.`,
    clipped: (max, what) => `I used the first ${max} characters of the ${what}.`,
    keywords: "keywords",
    place: "place",
  },
  why: WHY_EN,
  card: {
    fit: (total, reasons) => `Fit ${total}/100${reasons.length > 0 ? `: ${reasons.join("; ")}` : ""}`,
    why: (reasons) => `Why: ${reasons.join("; ")}`,
    team: (marks) => `Team: ${marks.join("; ")}`,
    teamMark: {
      claimed: "claimed by",
      applied: "applied:",
      not_relevant: "not relevant to",
      seen: "seen by",
    },
    score: (score) => `score ${score.toFixed(2)}`,
    via: (sources) => `via ${sources}`,
    remote: { remote: "Remote", hybrid: "Hybrid", onsite: "On site", unknown: "Not stated" },
    onSite: "on-site",
    fields: { company: "Company", place: "Place", remote: "Remote", posted: "Posted", salary: "Salary" },
    noSalary: "no salary stated",
  },
  buttons: {
    details: "Details",
    save: "Save",
    hide: "Not for me",
    why: "Why this score?",
    more: "More",
    claim: "I'll apply",
    seen: "Seen",
  },
  whyScore: (total) => `Why ${total}?`,
  moreHint: "Say “more” for the next ones, or refine (“only remote ones”).",
  fetching: "Fetching fresh postings",
  postings: (n) => plural(n, "posting", "postings"),
  clipped: (max) => `(I read only the first ${max.toLocaleString("en")} characters of your message.)`,
  fileUnavailable: (name, why) => `I can't open “${name}”: ${why}`,
  fileReceived: (name, kind) => `I received “${name}” (${kind}).`,
  cannotReadFiles:
    "I can't read files yet. Tell me what you are looking for, e.g. “python jobs in Berlin, remote ok”.",
  somethingWrong:
    "Sorry, something went wrong on my side. Try again in a moment; if it keeps happening, the operator can find the details in jobscout's log.",
  cannotScore: "I can't score jobs here.",
  lookingInThread: "Looking… I'll answer in a thread in this channel.",
  postFailed: "Sorry — I could not post that answer. Please try again.",
  unknownPlace: (name) => `I don't know a place called "${name}". Try a city name, e.g. "Frankfurt".`,
  noRuns: "No runs yet in this workspace.",
  noRun: (id) => `No run ${id} in this workspace.`,
  howToAsk: {
    track:
      "I add a job board only when you ask me to in your own message, e.g. “track https://jobs.lever.co/acme”.",
    untrack:
      "I stop tracking a source only when you ask me to in your own message, e.g. “stop tracking https://jobs.lever.co/acme”.",
    mark: "I save or hide jobs only when you ask me to in your own message, e.g. “save 2” or “not for me 3”.",
    run: "I fetch fresh postings only when you ask me to in your own message, e.g. “refresh python jobs in Berlin”.",
    alert:
      "I set up, pause or delete alerts only when you ask me to in your own message, e.g. “alert me every Monday at 9 about python jobs in Frankfurt”.",
    team: "I change channel settings, roles or the team's marks only when you ask me to in your own message, e.g. “make this a team channel” or “I'll apply to 2”.",
    profile:
      "I change your profile only when you ask me to in your own message, e.g. “I also know Kubernetes” or “forget my profile”.",
    letter:
      "I draft, change or export letters only when you ask me to in your own message, e.g. “draft a letter for job 2”.",
    approve:
      "I approve a letter only when you say so in your own message, e.g. “approve” or the Approve button.",
    send: "I send mail only when you ask me to in your own message, e.g. “send the letter to jobs@example.com”.",
  },
  markedOnlyNamed: "I saved or hid only the jobs you named in your message.",
  unknownBoard: (url, known) => `I can't tell which job board ${url} is. I recognise: ${known}.`,
  trackOwnUrlOnly: "I track only a URL you wrote in your message yourself.",
  adminsOnly: (who) =>
    `Only workspace admins${who ? ` (${who})` : ""} can change this workspace's job sources.`,
  notTracked: (label) => `This workspace does not track ${label}.`,
  nothingToAdd: "Tell me a skill or a preference to add.",
  jobGone: "I can't find that job any more.",
  noProfileToScore: "I have no profile for you yet: send me your CV (PDF, DOCX or text) first.",
  scoring: (n) => ({
    working: `Scoring ${n} jobs for you`,
    done: `Scored ${n} jobs for you`,
    failed: "Scoring failed",
  }),
  languageSet: "From now on I answer you in English. Say “antworte auf Deutsch” to switch to German.",
  salaryUnknown: (n) =>
    `${n === 1 ? "1 of these names" : `${n} of these name`} no salary, so I can't check it against your minimum.`,
  seniorityUnknown: (n) =>
    `${n === 1 ? "1 of these does" : `${n} of these do`} not say which level it is for.`,
  seniority: { junior: "junior", senior: "senior" },
  salaryFloor: (min, period) =>
    `at least ${period === "year" && min >= 1000 ? `${Math.round(min / 1000)}k` : min.toLocaleString("en")} ${
      { hour: "an hour", month: "a month", year: "a year" }[period]
    }`,
  teamRank: {
    ranked: (n) =>
      `Ranked for the team: each job by its best member fit (${plural(n, "member's profile", "members' profiles")} counted).`,
    noProfiles:
      "No member of this workspace has a profile yet, so the team ranking is the search's own order.",
    notTeam: (who) =>
      `Ranking for the team works in a team channel. ${who} can turn that on by saying “make this a team channel” there.`,
  },
  channelSettings: {
    summary: (ch, parts) =>
      `Settings of <#${ch}>: ${parts.join("; ")}. A search here without its own place, radius or keywords takes these.`,
    place: (place, km) => `default place ${place}${km === undefined ? "" : ` (${km} km)`}`,
    radius: (km) => `default radius ${km} km`,
    keywords: (words) => `default keywords “${words}”`,
    noDefaults: "no search defaults",
    lang: { en: "answers in English", de: "answers in German" },
    mentionOnly: (only) => (only ? "I answer only when mentioned" : "I answer every message"),
    used: (parts) => `(This channel's ${parts.join(", ")}.)`,
  },
};
