// English: what every surface and test has always shown.
import { roughly, type Phrases } from "./phrases.js";
import { plural } from "./plural.js";
import { salaryText } from "./salary.js";
import { WHY_EN } from "../../search/explain.js";
import { failuresEn } from "./failures.js";

const CV_AS_TEXT = "Send your CV as a PDF with text, a DOCX, or plain text/Markdown.";
const CV_LATER = "Try again in a few minutes, or paste the CV as text.";

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
  matches: (shown, total, q, about) =>
    `Here are ${total ? `${shown} of ${about ? `about ${roughly(total).toLocaleString("en")}` : total}` : shown} matches for ${q}:`,
  retryingAt: (time) => `retrying at ${time} UTC`,
  status: {},
  stage: {},
  sourceFailed: (name, error) => `${name}: failed — ${error ?? "unknown error"}`,
  failures: failuresEn((id) => id),
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
  cannotFetch: "I couldn't fetch new postings. Ask me again later and I'll try anew.",
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
    salary: (s) =>
      salaryText(s, {
        locale: "en",
        upTo: "up to",
        from: "from",
        period: { hour: "hour", day: "day", week: "week", month: "month", year: "year" },
      }),
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
  whatToSearch:
    'What should I look for? Tell me a job and a place, e.g. "electrician in Würzburg", or say "help".',
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
  trackRefused: (url) =>
    `I can't track ${url}: this address is not allowed. I fetch job boards, feeds and careers pages only at public web addresses.`,
  adminsOnly: (who) =>
    `Only workspace admins${who ? ` (${who})` : ""} can change this workspace's job sources.`,
  notTracked: (label) => `This workspace does not track ${label}.`,
  sourceLimitWorkspace: (max) =>
    `This workspace already tracks ${plural(max, "source", "sources")}, the most it may. Stop tracking one first.`,
  sourceLimitPerson: (max) =>
    `You have added ${plural(max, "source", "sources")} already, the most one person may. Stop tracking one first.`,
  unknownSourceKind: (kind) => `I don't know the source kind "${kind}".`,
  nothingToAdd: "Tell me a skill or a preference to add.",
  jobGone: "I can't find that job any more.",
  choiceNotOffered: "That button is not one of the choices I offered. Write your answer instead, e.g. “1”.",
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
    noProfiles: "No member of this channel has a profile yet, so the team ranking is the search's own order.",
    notTeam: (who) =>
      `Ranking for the team works in a team channel. ${who ? `Workspace admins (${who})` : "Workspace admins"} can turn that on by saying “make this a team channel” there.`,
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
  slashHelp: (c) => [
    `*${c} <what you look for>* — e.g. \`${c} python jobs in Frankfurt, remote ok\``,
    `*${c} run <query>* — fetch fresh postings first · *${c} status* — the latest run · *${c} help*`,
    "Or mention me in a channel / write me a DM; I answer in a thread, where you can refine (“only remote ones”, “more”).",
  ],
  terminalHello:
    'Ask for jobs, e.g. "find me jobs in Berlin". Type "help" for more, "profile set ~/cv.pdf" to read your CV, "exit" to quit.',
  dashboardLink: (url, until, admin) =>
    `Your dashboard link (works once, until ${until}; don't share it): ${url}` +
    (admin ? "" : "\nYou can watch runs and sources there; an admin can also start runs and pause sources."),
  privateProfile:
    "Your profile is private, so I don't show it here where others can read it. Ask me in a direct message, or use the “Why this score?” button (its answer is only for you).",
  modelFailed: (description, why) =>
    `The chat model (${description}) did not answer: ${why}. Check OPENAI_BASE_URL, OPENAI_MODEL and OPENAI_API_KEY, or unset OPENAI_API_KEY to use the built-in offline model.`,
  runs: {
    unknownSources: (unknown, known) =>
      `I don't know the source(s) ${unknown}. This workspace fetches: ${known}.`,
    busy: (max) =>
      `I'm already fetching for this workspace (${max} runs under way). Ask “status”, and try again when one has finished.`,
    notFound: (id) => `I can't find run ${id}.`,
    stillWorking: (stage, progress) =>
      `The run is still working (${stage}, ${progress}%). Ask me for its status in a moment.`,
    queueDown: (where) =>
      `I could not start or follow the run: the job queue (Redis at ${where}) is not reachable. Start Redis again (or check REDIS_URL), then ask me again.`,
  },
  letter: {
    buttons: { approve: "Approve", anyway: "Approve anyway", edit: "Edit", regenerate: "Regenerate" },
    formTitle: "Edit cover letter",
    formLabel: "Your letter",
    formSubmit: "Check and save",
    formCancel: "Cancel",
    notYours: "That letter is not yours, or it is gone.",
    editHint: "Send the whole new text like this: “edit letter: <your text>”.",
    cannotWrite: "I can't write letters here.",
  },
  cv: {
    empty: (name) => `“${name}” is empty. ${CV_AS_TEXT}`,
    tooLarge: (name, mb, maxMb) =>
      `“${name}” is ${mb} MB; I read CVs up to ${maxMb} MB. Send a smaller PDF (without scanned images), a DOCX or plain text.`,
    zip: (name, renamedPdf) =>
      `“${name}” is a zip archive${renamedPdf ? " renamed to .pdf" : ""}, not a CV I can read. ${CV_AS_TEXT}`,
    oldDoc: (name) => `“${name}” is an old Word (.doc) file. Save it as DOCX or PDF and send it again.`,
    image: (name) => `“${name}” is an image, and I cannot read text from images. ${CV_AS_TEXT}`,
    webPage: (name) =>
      `I got a web page instead of “${name}” (the bot may lack Slack's files:read permission, or the link needs a login). Upload the file itself to me in a direct message, or paste the CV text.`,
    notCv: (name) => `I can't read “${name}”: it is not a PDF, DOCX or text file. ${CV_AS_TEXT}`,
    encrypted: (name) =>
      `“${name}” is protected by a password, so I can't read it. Send it without the password, as a DOCX, or as plain text.`,
    badDocx: (name) =>
      `I couldn't read “${name}” as a Word document. Save it again as DOCX or PDF, or send plain text.`,
    badPdf: (name) =>
      `I couldn't read “${name}” as a PDF (the file seems damaged). Export it again, or send a DOCX or text.`,
    scanned: (name) =>
      `“${name}” looks scanned — no text layer: send a DOCX or text version, or export the PDF again with text.`,
    noText: (name) => `I found no text in “${name}”. ${CV_AS_TEXT}`,
    unreadable: (name, said) =>
      `I couldn't read “${name}”${said ? ` (${said})` : ""}. Export it again, or send a DOCX or plain text.`,
    failed: "I couldn't read that file.",
    stillReading: "I'm still reading your CV (the workers are busy). Ask “show my profile” in a minute.",
    serviceKey: (name) =>
      `I can't read “${name}” right now: the document service refused jobscout's key (the operator must check LLAMA_CLOUD_API_KEY). ${CV_LATER}`,
    serviceCredits: (name) =>
      `I can't read “${name}” right now: the document service has no credits left (the operator must top them up). ${CV_LATER}`,
    serviceBusy: (name) =>
      `I can't read “${name}” right now: the document service is busy or down. ${CV_LATER}`,
    serviceSlow: (name) => `Reading “${name}” took the document service too long. ${CV_LATER}`,
    serviceUnreachable: (name) => `I couldn't reach the document service to read “${name}”. ${CV_LATER}`,
    downloadFailed: (name, why) =>
      `I couldn't download “${name}” (${why}). Upload it again in a direct message to me, or paste the text.`,
    notOnDisk: (path, why) =>
      `I can't read “${path}” (${why}). Check the path and try again, e.g. profile set ~/cv.pdf`,
    downloadReason: (why) =>
      why.kind === "http"
        ? `HTTP ${why.status}${why.status === 401 || why.status === 403 ? ", the bot may lack access" : ""}`
        : {
            noLink: "no download link",
            notWebLink: "not a web link",
            timeout: "the download did not answer",
            unreachable: "the file host could not be reached",
            brokeOff: "the connection to the file host broke off",
          }[why.kind],
    diskReason: (why) =>
      ({
        missing: "no such file",
        directory: "a directory, not a file",
        unreadable: "not readable by jobscout",
      })[why],
    downloadTooLarge: (name, maxMb) =>
      `“${name}” is larger than ${maxMb} MB, more than a CV needs. Send a smaller PDF (without scanned images), a DOCX or plain text.`,
    slackHidden:
      "Slack hides this file (older than your plan's history limit). Upload it again in a new message.",
    slackConnect:
      "This file was shared from another organisation (Slack Connect), so I cannot open it. Upload the file itself to me in a direct message.",
    slackNoLink:
      "Slack gave me no way to download this file. Upload the file itself (not a link to it) in a direct message.",
  },
  alerts: {
    days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    locale: "en-GB",
    every: (what) => `every ${what}`,
    daily: "daily",
    weekdays: "on weekdays",
    at: (t) => `at ${t}`,
    hourly: "every hour",
    minutes: (n) => (n % 60 === 0 ? `every ${n / 60} h` : `every ${n} min`),
    dm: "to you as a DM",
    terminal: "in this terminal",
    channel: (c) => `in <#${c}>`,
    saved: (name, created) => (created ? `Saved your alert “${name}”` : `Updated your alert “${name}”`),
    next: (t) => `Next digest: ${t}.`,
    nothingSaved:
      "You have no alerts yet. Say e.g. “alert me every Monday at 9 about python jobs in Frankfurt”.",
    listHead: "Your alerts:",
    paused: (why) => `paused${why ? ` (${why})` : ""}`,
    howTo: "Say “pause alert 2”, “resume alert 2” or “delete alert 2”.",
    changed: { pause: "Paused", resume: "Resumed", delete: "Deleted" },
    askTz: "Which time zone should your alerts use? Say e.g. “Europe/Berlin” or “America/New_York”.",
    tz: (tz, n) =>
      `Your alerts now use the time zone ${tz}${n > 0 ? ` (${n} alert${n === 1 ? "" : "s"} moved)` : ""}.`,
    onlyNew: "Each digest shows only jobs that are new or changed since the one before.",
    unknownTimeZone: (tz) =>
      `I don't know the time zone “${tz}”. Use a name like Europe/Berlin or America/New_York.`,
    channelAdminsOnly: (who) =>
      `Only a workspace admin can set up a digest for a channel — ask ${who ? `workspace admins (${who})` : "one of your workspace admins"}, or ask them to let members set up alerts in that channel. I can send this alert to you as a direct message instead: say “… as DM”.`,
    changeAdminsOnly: (who, action, name) =>
      `Only workspace admins${who ? ` (${who})` : ""} or its owner can ${action} the alert “${name}” of this channel.`,
    notFound: (ref, any) =>
      any
        ? `I can't find the alert “${ref}”. Say “list my alerts” to see their numbers.`
        : "You have no alerts yet. Say e.g. “alert me every Monday at 9 about python jobs in Frankfurt”.",
    noSingle: (ref, names, fits) =>
      names === ""
        ? "You have no alerts yet. Save one first, e.g. “alert me every Monday at 9 about python jobs in Frankfurt”."
        : fits.length === 0
          ? `There is no alert “${ref}”. Your alerts: ${names}.`
          : `“${ref}” fits ${fits.length} alerts (${fits.join(", ")}): name one of them.`,
  },
  digest: {
    head: (name, shown, matched) =>
      `New for your alert “${name}”: ${matched > shown ? `${shown} of ${matched}` : shown} job${matched === 1 ? "" : "s"} since the last digest.`,
    nothing: (name) => `Nothing new for your alert “${name}” since the last digest.`,
    health: "Some sources failed, so this digest may miss jobs:",
    paused: (name, why) =>
      `I paused your alert “${name}”: ${why}. Say “resume alert ${name}” once that is fixed, or set it up again elsewhere.`,
    gone: {
      channel_missing: "the channel no longer exists or the bot cannot see it",
      bot_removed: "the bot was removed from the channel",
      archived: "the channel was archived",
      no_permission: "the bot may no longer post in the channel",
      account_unreachable: "your account can no longer be reached",
      account_disabled: "your account was deactivated",
      app_uninstalled: "the app was uninstalled",
      no_dm: "the bot cannot send you direct messages",
    },
    runPaused: (name, why) =>
      `The alert “${name}” is paused${why ? ` (${why})` : ""}. Resume it first: jobscout ask "resume alert ${name}".`,
  },
  team: {
    settings: (ch, team, by) =>
      `<#${ch}> is ${team ? "a team channel: marks (seen, claimed, applied, not relevant) are shared here" : "not a team channel: marks stay with each member"}; ${by === "members" ? "every member" : "only admins"} may set up and change its alerts.`,
    role: (u, r) => `<@${u}> is now ${r === "member" ? "a member" : `an ${r}`} of this workspace.`,
    noAudit: "Nothing was changed yet.",
    sayWhomAndRole: "Say whom and which role, e.g. “make @ana an admin”.",
    sayWhichJob: "Say which job, e.g. “I'll apply to 2”.",
    auditHead: "Changes, newest first:",
    action: {
      "alert.create": "set up",
      "alert.update": "changed",
      "alert.pause": "paused",
      "alert.resume": "resumed",
      "alert.delete": "deleted",
      "channel.settings": "changed the settings of",
      "role.grant": "made",
    },
    marked: {
      claimed: "claimed (will apply)",
      applied: "applied to",
      not_relevant: "marked as not relevant",
      seen: "marked as seen",
      clear: "took back your mark on",
    },
    markedText: (what, title, company) =>
      `You ${what} “${title}” at ${company}. The channel sees it when someone asks what the team claimed or applied to.`,
    activityHead: (m, days) =>
      `${m === "applied" ? "Applied to" : m === "claimed" ? "Claimed" : m === "seen" ? "Seen" : "Not relevant"} by the team in the last ${days} days:`,
    noActivity: (days) => `Nobody in this channel marked a job like that in the last ${days} days.`,
    onlyWho: (owner, who, what) =>
      `Only ${owner ? "the workspace owner" : "workspace admins"}${who ? ` (${who})` : ""} can ${what}.`,
    deeds: {
      role: (role) => `make someone ${role === "member" ? "a member" : `an ${role}`}`,
      settings: "change a channel's settings",
      audit: "read the audit trail",
    },
    sayInChannel:
      "Say this in the channel it is about (channel settings and team marks live in a channel, not in a DM).",
    notTeamChannel: (who) =>
      `This channel does not share marks yet. ${who ? `Workspace admins (${who})` : "Workspace admins"} can turn that on by saying “make this a team channel” here. Your own saves (“save 2”) work everywhere.`,
  },
};
