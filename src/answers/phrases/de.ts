// German, phrase by phrase after the English table.
import type { Phrases } from "./phrases.js";
import { plural } from "./plural.js";

export const DE: Phrases = {
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
  stage: {
    queued: "wartet",
    fetch: "abrufen",
    normalize: "aufbereiten",
    dedupe: "Dubletten zusammenführen",
    embed: "einbetten",
    index: "indexieren",
    done: "fertig",
  },
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
  limits: {
    radius: (max, used) =>
      `Ich kann bis zu ${max} km um einen Ort suchen — ich suche im Umkreis von ${used} km.`,
    days: (max, used) =>
      `Ich kann bis zu ${max} Tage zurückschauen — ich suche in den letzten ${plural(used, "Tag", "Tagen")}.`,
    clipped: (max, what) => `Ich habe die ersten ${max} Zeichen ${what} genommen.`,
    keywords: "der Stichwörter",
    place: "des Orts",
  },
  why: {
    list: (terms) => {
      const q = terms.map((t) => `„${t}“`);
      return q.length <= 1 ? (q[0] ?? "") : `${q.slice(0, -1).join(", ")} und ${q[q.length - 1]!}`;
    },
    titleMatches: "Titel passt zu",
    companyMatches: "Firma passt zu",
    descriptionMentions: "Beschreibung nennt",
    matchesKeywords: "passt zu deinen Stichwörtern",
    similar: "ähnlich wie deine Suche",
    lessThanOneKm: "weniger als 1 km",
    kmFrom: (km, place) => `${km} von ${place}`,
    remoteAnyPlace: "remote, der Ort spielt keine Rolle",
    inCity: (city) => `in ${city}`,
    remote: "remote",
    hybrid: "hybrid (teils remote)",
    postedDays: (days) =>
      days <= 0
        ? "heute veröffentlicht"
        : days === 1
          ? "gestern veröffentlicht"
          : days < 14
            ? `vor ${days} Tagen veröffentlicht`
            : days < 60
              ? `vor ${Math.round(days / 7)} Wochen veröffentlicht`
              : `vor ${Math.round(days / 30)} Monaten veröffentlicht`,
  },
  card: {
    fit: (total, reasons) => `Passt ${total}/100${reasons.length > 0 ? `: ${reasons.join("; ")}` : ""}`,
    why: (reasons) => `Warum: ${reasons.join("; ")}`,
    team: (marks) => `Team: ${marks.join("; ")}`,
    teamMark: {
      claimed: "übernommen von",
      applied: "beworben:",
      not_relevant: "nicht relevant für",
      seen: "gesehen von",
    },
    score: (score) => `Relevanz ${score.toFixed(2).replace(".", ",")}`,
    via: (sources) => `über ${sources}`,
    remote: { remote: "Remote", hybrid: "Hybrid", onsite: "Vor Ort", unknown: "Nicht angegeben" },
    onSite: "vor Ort",
    fields: { company: "Firma", place: "Ort", remote: "Remote", posted: "Veröffentlicht", salary: "Gehalt" },
    noSalary: "kein Gehalt angegeben",
  },
  buttons: {
    details: "Details",
    save: "Merken",
    hide: "Nicht für mich",
    why: "Warum diese Bewertung?",
    more: "Mehr",
    claim: "Ich bewerbe mich",
    seen: "Gesehen",
  },
  whyScore: (total) => `Warum ${total}?`,
  moreHint: "Sag „mehr“ für die nächsten oder grenze ein („nur remote“).",
  fetching: "Rufe neue Stellen ab",
  postings: (n) => plural(n, "Stelle", "Stellen"),
  clipped: (max) => `(Ich habe nur die ersten ${max.toLocaleString("de")} Zeichen deiner Nachricht gelesen.)`,
  fileUnavailable: (name, why) => `Ich kann „${name}“ nicht öffnen: ${why}`,
  fileReceived: (name, kind) => `Ich habe „${name}“ erhalten (${kind}).`,
  cannotReadFiles:
    "Dateien kann ich noch nicht lesen. Schreib mir, was du suchst, z. B. „Python-Jobs in Berlin, auch remote“.",
  somethingWrong:
    "Entschuldigung, bei mir ist etwas schiefgegangen. Versuch es gleich noch einmal; wenn es wieder passiert, findet der Betreiber die Einzelheiten im Log von jobscout.",
  cannotScore: "Hier kann ich keine Stellen bewerten.",
  lookingInThread: "Ich suche… Die Antwort kommt in einem Thread in diesem Kanal.",
  postFailed: "Entschuldigung — ich konnte die Antwort nicht senden. Bitte versuch es noch einmal.",
  unknownPlace: (name) =>
    `Einen Ort namens „${name}“ kenne ich nicht. Versuch es mit einem Stadtnamen, z. B. „Frankfurt“.`,
  noRuns: "In diesem Workspace gab es noch keinen Abruf.",
  noRun: (id) => `In diesem Workspace gibt es keinen Abruf ${id}.`,
  howToAsk: {
    track:
      "Eine Jobbörse nehme ich nur auf, wenn du mich in deiner eigenen Nachricht darum bittest, z. B. „beobachte https://jobs.lever.co/acme“.",
    untrack:
      "Eine Quelle entferne ich nur, wenn du mich in deiner eigenen Nachricht darum bittest, z. B. „entferne https://jobs.lever.co/acme“.",
    mark: "Stellen merke oder verstecke ich nur, wenn du mich in deiner eigenen Nachricht darum bittest, z. B. „merk dir 2“ oder „nicht für mich 3“.",
    run: "Neue Stellen rufe ich nur ab, wenn du mich in deiner eigenen Nachricht darum bittest, z. B. „aktualisiere Python-Jobs in Berlin“.",
    alert:
      "Benachrichtigungen richte ich nur ein, pausiere oder lösche sie, wenn du mich in deiner eigenen Nachricht darum bittest, z. B. „benachrichtige mich jeden Montag um 9 über Python-Jobs in Frankfurt“.",
    team: "Kanaleinstellungen, Rollen oder die Markierungen des Teams ändere ich nur, wenn du mich in deiner eigenen Nachricht darum bittest, z. B. „mach diesen Kanal zum Team-Kanal“ oder „ich bewerbe mich auf 2“.",
    profile:
      "Dein Profil ändere ich nur, wenn du mich in deiner eigenen Nachricht darum bittest, z. B. „ich kann auch Kubernetes“ oder „vergiss mein Profil“.",
    letter:
      "Anschreiben entwerfe, ändere oder exportiere ich nur, wenn du mich in deiner eigenen Nachricht darum bittest, z. B. „schreib ein Anschreiben für Stelle 2“.",
    approve:
      "Ein Anschreiben gebe ich nur frei, wenn du es in deiner eigenen Nachricht sagst, z. B. „freigeben“ oder mit dem Button Freigeben.",
    send: "E-Mails verschicke ich nur, wenn du mich in deiner eigenen Nachricht darum bittest, z. B. „schick das Anschreiben an jobs@example.com“.",
  },
  markedOnlyNamed:
    "Ich habe nur die Stellen gemerkt oder versteckt, die du in deiner Nachricht genannt hast.",
  unknownBoard: (url, known) => `Ich erkenne nicht, welche Jobbörse ${url} ist. Ich kenne: ${known}.`,
  trackOwnUrlOnly: "Ich beobachte nur eine URL, die du selbst in deine Nachricht geschrieben hast.",
  adminsOnly: (who) =>
    `Nur Admins des Workspaces${who ? ` (${who})` : ""} können seine Stellenquellen ändern.`,
  notTracked: (label) => `Dieser Workspace beobachtet ${label} nicht.`,
  nothingToAdd: "Nenn mir eine Kenntnis oder einen Wunsch, den ich hinzufügen soll.",
  jobGone: "Diese Stelle finde ich nicht mehr.",
  noProfileToScore:
    "Ich habe noch kein Profil von dir: Schick mir zuerst deinen Lebenslauf (PDF, DOCX oder Text).",
  scoring: (n) => ({
    working: `Ich bewerte ${plural(n, "Stelle", "Stellen")} für dich`,
    done: `${plural(n, "Stelle", "Stellen")} für dich bewertet`,
    failed: "Die Bewertung ist fehlgeschlagen",
  }),
  languageSet: "Ab jetzt antworte ich dir auf Deutsch. Sag „answer in English“, um zu Englisch zu wechseln.",
  salaryUnknown: (n) =>
    `${n === 1 ? "Eine davon nennt" : `${n} davon nennen`} kein Gehalt; dein Mindestgehalt kann ich dort nicht prüfen.`,
  seniorityUnknown: (n) =>
    `${n === 1 ? "Eine davon sagt" : `${n} davon sagen`} nicht, für welche Erfahrungsstufe sie ist.`,
  seniority: { junior: "Junior", senior: "Senior" },
  salaryFloor: (min, period) =>
    `mindestens ${period === "year" && min >= 1000 ? `${Math.round(min / 1000)}k` : min.toLocaleString("de")} ${
      { hour: "pro Stunde", month: "im Monat", year: "im Jahr" }[period]
    }`,
  teamRank: {
    ranked: (n) =>
      `Fürs Team sortiert: jede Stelle nach der besten Passung eines Mitglieds (${plural(n, "Profil", "Profile")} berücksichtigt).`,
    noProfiles:
      "In diesem Workspace hat noch kein Mitglied ein Profil, daher bleibt es bei der Reihenfolge der Suche.",
    notTeam: (who) =>
      `Die Sortierung fürs Team gibt es in einem Team-Kanal. ${who} kann das einschalten, indem dort „mach das zu einem Team-Kanal“ gesagt wird.`,
  },
  channelSettings: {
    summary: (ch, parts) =>
      `Einstellungen von <#${ch}>: ${parts.join("; ")}. Eine Suche hier ohne eigenen Ort, Umkreis oder Stichwörter nimmt diese.`,
    place: (place, km) => `Standardort ${place}${km === undefined ? "" : ` (${km} km)`}`,
    radius: (km) => `Standardumkreis ${km} km`,
    keywords: (words) => `Standard-Stichwörter „${words}“`,
    noDefaults: "keine Standardwerte für die Suche",
    lang: { en: "Antworten auf Englisch", de: "Antworten auf Deutsch" },
    mentionOnly: (only) =>
      only ? "ich antworte nur, wenn ich erwähnt werde" : "ich antworte auf jede Nachricht",
    used: (parts) => `(Aus den Einstellungen dieses Kanals: ${parts.join(", ")}.)`,
  },
};
