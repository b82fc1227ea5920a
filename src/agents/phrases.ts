// Everything the offline model says, per language, in one place: render.ts and offline-model.ts
// fill these templates and never hold words of their own. English is what every surface and test
// has always shown; German follows it phrase by phrase.
import type { Lang } from "./language.js";

type Count = (n: number) => string;

/** The templates of one language. */
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
  /** `total` only when more than shown match. */
  matches: (shown: number, total: number | undefined, query: string) => string;
  retryingAt: (time: string) => string;
  status: Record<string, string>;
  sourceFailed: (name: string, error: string | null) => string;
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
  notFiltered: (what: ReadonlyArray<"seniority" | "salaryMin">) => string;
  /** After "evaluate … for me": how many were scored, and that the best follow. */
  scored: (n: number, shown: number) => string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const EN: Phrases = {
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
  notFiltered: (what) =>
    `I can't filter by ${what.map((w) => (w === "salaryMin" ? "salary" : "seniority")).join(" or ")} yet, so these are not checked for it.`,
};

const DE: Phrases = {
  scored: (n, shown) =>
    n === 0
      ? "Ich habe keine passenden Stellen zum Bewerten gefunden (oder die Bewertung läuft noch)."
      : `Ich habe ${plural(n, "Stelle", "Stellen")} für dich bewertet${shown > 0 ? `; die ${shown} besten:` : "."}`,
  postedToday: "heute veröffentlicht",
  postedYesterday: "gestern veröffentlicht",
  postedDaysAgo: (n) => `vor ${n} Tagen veröffentlicht`,
  postedOn: (date) => `veröffentlicht am ${date}`,
  anyJobs: "Stellen",
  inOrNear: (place) => ` in oder bei ${place}`,
  remote: {
    any: "",
    remote_only: "nur remote",
    remote_ok: "auch remote",
    no_remote: "ohne remote",
    hybrid: "hybrid",
  },
  postedWithin: (n) => (n === 1 ? "seit gestern veröffentlicht" : `in den letzten ${n} Tagen veröffentlicht`),
  noResults: (q, afterRun) =>
    `Ich habe nichts gefunden für ${q}${afterRun ? ", auch nicht nach dem Abruf neuer Stellen" : ""}. Versuche andere Stichwörter, einen größeren Umkreis oder „auch remote“.`,
  moreMatches: (q) => `Weitere Treffer für ${q}:`,
  matches: (shown, total, q) =>
    total ? `Hier sind ${shown} von ${total} Treffern für ${q}:` : `Hier sind ${shown} Treffer für ${q}:`,
  retryingAt: (time) => `neuer Versuch um ${time} UTC`,
  status: {
    completed: "fertig",
    failed: "fehlgeschlagen",
    running: "läuft",
    queued: "wartet",
    ok: "ok",
    fetching: "wird abgerufen",
    retrying: "neuer Versuch",
    pending: "wartet",
  },
  sourceFailed: (name, error) => `${name}: fehlgeschlagen — ${error ?? "unbekannter Fehler"}`,
  sourceJobs: (n, x) => {
    const extra = [
      x.new ? `${x.new} neu` : null,
      x.updated ? `${x.updated} geändert` : null,
      x.closed ? `${x.closed} geschlossen` : null,
      x.skipped ? `${x.skipped} übersprungen` : null,
    ].filter(Boolean);
    return `${plural(n, "Stelle", "Stellen")}${extra.length ? `, ${extra.join(", ")}` : ""}`;
  },
  soFar: (n) => `bisher ${n}`,
  runCompleted: "Neue Stellen abgerufen",
  runFailed: "Der Abruf ist fehlgeschlagen",
  runAt: (stage, p) => `Abruf: ${stage} (${p} %)`,
  run: (id) => `Abruf ${id}`,
  help: [
    "Ich suche Stellenangebote für dich. Versuch zum Beispiel:",
    "- „Suche Jobs in Berlin“",
    "- „Elektriker in der Nähe von Würzburg, Vollzeit, diese Woche“",
    "- „nur remote“ (verfeinert die letzte Suche) oder „mehr“",
    "- „aktualisiere Pflege-Jobs in München“ (ruft neue Stellen ab)",
    "- „Details zu 2“, „merk dir Nummer 2“, „nicht für mich 3“, „gespeicherte Jobs“",
    "- „beobachte https://boards.greenhouse.io/n26“, „Quellen“ (wie jede Quelle lief)",
    "- „Status“ (der letzte Abruf)",
  ].join("\n"),
  whichPlace: (written, options) =>
    `Welches ${written} meinst du?\n${options.map((o, i) => `${i + 1}. ${o}`).join("\n")}\nAntworte mit der Nummer oder dem Namen.`,
  hello: "Hallo!",
  apply: "Bewerben",
  sources: "Quellen",
  employment: {
    full_time: "Vollzeit",
    part_time: "Teilzeit",
    contract: "freiberuflich",
    temporary: "befristet",
    internship: "Praktikum",
    apprenticeship: "Ausbildung",
    mini_job: "Minijob",
  },
  noSaved:
    "Du hast noch keine Stellen gespeichert. Sag nach einer Suche „merk dir Nummer 2“, um eine zu behalten.",
  savedHeading: "Deine gespeicherten Stellen:",
  marked: {
    save: (t, c) => `Gespeichert: „${t}“ bei ${c}.`,
    hide: (t, c) => `Alles klar — „${t}“ bei ${c} zeige ich dir nicht mehr.`,
    unsave: (t, c) => `„${t}“ bei ${c} ist nicht mehr gespeichert.`,
    unhide: (t, c) => `„${t}“ bei ${c} zeige ich dir wieder.`,
  },
  noSourcesFetched: "Dieser Workspace ruft keine Quellen ab.",
  sourcesHeading: "Stellenquellen dieses Workspaces:",
  origin: {
    default: "Standard",
    chat: "im Chat hinzugefügt",
    yaml: "aus sources.yaml",
    config: "aus der Konfiguration",
  },
  paused: "pausiert",
  notFetched: "noch nicht abgerufen",
  lastSuccess: "zuletzt erfolgreich",
  tracking: (label) =>
    `Ich beobachte jetzt ${label} für diesen Workspace. Jeder Abruf holt sie ab jetzt mit — sag „aktualisiere“, um sie gleich abzurufen.`,
  untracked: (label) => `Ich beobachte ${label} nicht mehr.`,
  noJobNumber: (n) =>
    `Ich sehe keine Stelle Nummer ${n} in unserem Gespräch. Suche zuerst und nimm dann ihre Nummer.`,
  searchFirst: "Frag mich zuerst nach Stellen, z. B. „Suche Jobs in Berlin“.",
  cannotFetch: "Ich konnte keine neuen Stellen abrufen:",
  toolMissing: (tool) => `Das kann ich hier nicht (das Werkzeug ${tool} ist nicht verfügbar).`,
  notFiltered: (what) =>
    `Nach ${what.map((w) => (w === "salaryMin" ? "Gehalt" : "Erfahrungsstufe")).join(" oder ")} kann ich noch nicht filtern; die Treffer sind darauf nicht geprüft.`,
};

const TABLES: Record<Lang, Phrases> = { en: EN, de: DE };

/** The templates of a language. */
export function phrasesFor(lang: Lang): Phrases {
  return TABLES[lang];
}
