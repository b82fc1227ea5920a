// German, phrase by phrase after the English table.
import { roughly, type Phrases } from "./phrases.js";
import { plural } from "./plural.js";
import { failuresDe } from "./failures.js";
import { salaryText } from "./salary.js";

const DE_STAGE: Record<string, string> = {
  queued: "wartet",
  fetch: "abrufen",
  normalize: "aufbereiten",
  dedupe: "Dubletten zusammenführen",
  embed: "einbetten",
  index: "indexieren",
  done: "fertig",
};
const CV_AS_TEXT = "Schick deinen Lebenslauf als PDF mit Text, als DOCX oder als einfachen Text/Markdown.";
const CV_LATER = "Versuch es in ein paar Minuten noch einmal, oder füge den Lebenslauf als Text ein.";

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
  matches: (shown, total, q, about) =>
    total
      ? `Hier sind ${shown} von ${about ? `etwa ${roughly(total).toLocaleString("de")}` : total} Treffern für ${q}:`
      : `Hier sind ${shown} Treffer für ${q}:`,
  retryingAt: (time) => `neuer Versuch um ${time} UTC`,
  stage: DE_STAGE,
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
  failures: failuresDe((id) => DE_STAGE[id] ?? id),
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
  cannotFetch:
    "Ich konnte keine neuen Stellen abrufen. Frag mich später noch einmal, dann versuche ich es erneut.",
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
    fit: (total, reasons) => `Passung ${total}/100${reasons.length > 0 ? `: ${reasons.join("; ")}` : ""}`,
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
    salary: (s) =>
      salaryText(s, {
        locale: "de",
        upTo: "bis",
        from: "ab",
        period: { hour: "Stunde", day: "Tag", week: "Woche", month: "Monat", year: "Jahr" },
      }),
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
  whatToSearch:
    "Wonach soll ich suchen? Nenn mir einen Beruf und einen Ort, z. B. „Elektriker in Würzburg“, oder schreib „Hilfe“.",
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
  trackRefused: (url) =>
    `${url} kann ich nicht beobachten: Diese Adresse ist nicht erlaubt. Jobbörsen, Feeds und Karriereseiten rufe ich nur unter öffentlichen Webadressen ab.`,
  adminsOnly: (who) =>
    `Nur Admins des Workspaces${who ? ` (${who})` : ""} können seine Stellenquellen ändern.`,
  notTracked: (label) => `Dieser Workspace beobachtet ${label} nicht.`,
  sourceLimitWorkspace: (max) =>
    `Dieser Workspace beobachtet schon ${plural(max, "Quelle", "Quellen")}, mehr geht nicht. Beende zuerst das Beobachten einer anderen.`,
  sourceLimitPerson: (max) =>
    `Du hast schon ${plural(max, "Quelle", "Quellen")} hinzugefügt, mehr darf eine Person nicht. Beende zuerst das Beobachten einer anderen.`,
  unknownSourceKind: (kind) => `Die Art von Quelle „${kind}“ kenne ich nicht.`,
  nothingToAdd: "Nenn mir eine Kenntnis oder einen Wunsch, den ich hinzufügen soll.",
  jobGone: "Diese Stelle finde ich nicht mehr.",
  choiceNotOffered:
    "Dieser Button gehört zu keiner meiner Auswahlen. Schreib deine Antwort stattdessen, z. B. „1“.",
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
      "In diesem Kanal hat noch kein Mitglied ein Profil, daher bleibt es bei der Reihenfolge der Suche.",
    notTeam: (who) =>
      `Die Sortierung fürs Team gibt es in einem Team-Kanal. ${who ? `Die Admins des Workspaces (${who})` : "Die Admins des Workspaces"} können das einschalten, indem sie dort „mach diesen Kanal zum Teamkanal“ sagen.`,
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
  slashHelp: (c) => [
    `*${c} <was du suchst>* — z. B. \`${c} Elektriker in Würzburg, Vollzeit\``,
    `*${c} run <Suche>* — erst neue Stellen abrufen · *${c} status* — der letzte Abruf · *${c} hilfe*`,
    "Oder erwähne mich in einem Kanal / schreib mir direkt; ich antworte in einem Thread, wo du eingrenzen kannst („nur remote“, „mehr“).",
  ],
  terminalHello:
    "Frag nach Stellen, z. B. „Suche Jobs in Berlin“. Tippe „hilfe“ für mehr, „profile set ~/cv.pdf“, um deinen Lebenslauf einzulesen, „exit“ zum Beenden.",
  dashboardLink: (url, until, admin) =>
    `Dein Link zum Dashboard (gilt einmal, bis ${until}; gib ihn nicht weiter): ${url}` +
    (admin
      ? ""
      : "\nDort siehst du Abrufe und Quellen; ein Admin kann dort auch Abrufe starten und Quellen pausieren."),
  privateProfile:
    "Dein Profil ist privat, deshalb zeige ich es nicht hier, wo andere mitlesen. Frag mich in einer Direktnachricht oder nutz den Button „Warum diese Bewertung?“ (die Antwort siehst nur du).",
  modelFailed: (description, why) =>
    `Das Chat-Modell (${description}) hat nicht geantwortet: ${why}. Prüf OPENAI_BASE_URL, OPENAI_MODEL und OPENAI_API_KEY, oder entferne OPENAI_API_KEY, um das eingebaute Offline-Modell zu nutzen.`,
  runs: {
    unknownSources: (unknown, known) =>
      `Die Quelle(n) ${unknown} kenne ich nicht. Dieser Workspace ruft ab: ${known}.`,
    busy: (max) =>
      `Ich rufe für diesen Workspace schon Stellen ab (${max} Abrufe laufen). Frag nach dem „Status“ und versuch es wieder, wenn einer fertig ist.`,
    notFound: (id) => `Den Abruf ${id} finde ich nicht.`,
    stillWorking: (stage, progress) =>
      `Der Abruf läuft noch (${DE_STAGE[stage] ?? stage}, ${progress} %). Frag mich gleich nach seinem Status.`,
    queueDown: (where) =>
      `Ich konnte den Abruf nicht starten oder verfolgen: Die Job-Warteschlange (Redis unter ${where}) ist nicht erreichbar. Starte Redis neu (oder prüf REDIS_URL) und frag mich dann noch einmal.`,
  },
  letter: {
    buttons: {
      approve: "Freigeben",
      anyway: "Trotzdem freigeben",
      edit: "Bearbeiten",
      regenerate: "Neu schreiben",
    },
    formTitle: "Anschreiben bearbeiten",
    formLabel: "Dein Anschreiben",
    formSubmit: "Prüfen und speichern",
    formCancel: "Abbrechen",
    notYours: "Dieses Anschreiben gehört nicht dir, oder es ist nicht mehr da.",
    editHint: "Schick den ganzen neuen Text so: „Anschreiben ändern: <dein Text>“.",
    cannotWrite: "Hier kann ich keine Anschreiben schreiben.",
  },
  cv: {
    empty: (name) => `„${name}“ ist leer. ${CV_AS_TEXT}`,
    tooLarge: (name, mb, maxMb) =>
      `„${name}“ hat ${mb.replace(".", ",")} MB; ich lese Lebensläufe bis ${maxMb} MB. Schick ein kleineres PDF (ohne eingescannte Bilder), ein DOCX oder einfachen Text.`,
    zip: (name, renamedPdf) =>
      `„${name}“ ist ein ZIP-Archiv${renamedPdf ? " mit der Endung .pdf" : ""}, kein Lebenslauf, den ich lesen kann. ${CV_AS_TEXT}`,
    oldDoc: (name) =>
      `„${name}“ ist eine alte Word-Datei (.doc). Speichere sie als DOCX oder PDF und schick sie noch einmal.`,
    image: (name) => `„${name}“ ist ein Bild, und aus Bildern kann ich keinen Text lesen. ${CV_AS_TEXT}`,
    webPage: (name) =>
      `Statt „${name}“ habe ich eine Webseite bekommen (dem Bot fehlt vielleicht Slacks Berechtigung files:read, oder der Link braucht eine Anmeldung). Lade die Datei selbst in einer Direktnachricht an mich hoch oder füge den Text des Lebenslaufs ein.`,
    notCv: (name) => `„${name}“ kann ich nicht lesen: Es ist keine PDF-, DOCX- oder Textdatei. ${CV_AS_TEXT}`,
    encrypted: (name) =>
      `„${name}“ ist mit einem Passwort geschützt, deshalb kann ich es nicht lesen. Schick es ohne Passwort, als DOCX oder als einfachen Text.`,
    badDocx: (name) =>
      `„${name}“ konnte ich nicht als Word-Dokument lesen. Speichere es neu als DOCX oder PDF, oder schick einfachen Text.`,
    badPdf: (name) =>
      `„${name}“ konnte ich nicht als PDF lesen (die Datei scheint beschädigt). Exportiere es noch einmal, oder schick ein DOCX oder Text.`,
    scanned: (name) =>
      `„${name}“ sieht eingescannt aus — ohne Textebene: Schick eine DOCX- oder Textfassung, oder exportiere das PDF noch einmal mit Text.`,
    noText: (name) => `In „${name}“ habe ich keinen Text gefunden. ${CV_AS_TEXT}`,
    unreadable: (name, said) =>
      `„${name}“ konnte ich nicht lesen${said ? ` (${said})` : ""}. Exportiere es noch einmal, oder schick ein DOCX oder einfachen Text.`,
    failed: "Diese Datei konnte ich nicht lesen.",
    stillReading:
      "Ich lese deinen Lebenslauf noch (die Worker sind beschäftigt). Frag in einer Minute „zeig mein Profil“.",
    serviceKey: (name) =>
      `„${name}“ kann ich gerade nicht lesen: Der Dokumentdienst hat den Schlüssel von jobscout abgelehnt (der Betreiber muss LLAMA_CLOUD_API_KEY prüfen). ${CV_LATER}`,
    serviceCredits: (name) =>
      `„${name}“ kann ich gerade nicht lesen: Der Dokumentdienst hat kein Guthaben mehr (der Betreiber muss es aufladen). ${CV_LATER}`,
    serviceBusy: (name) =>
      `„${name}“ kann ich gerade nicht lesen: Der Dokumentdienst ist ausgelastet oder nicht erreichbar. ${CV_LATER}`,
    serviceSlow: (name) => `Das Lesen von „${name}“ hat beim Dokumentdienst zu lange gedauert. ${CV_LATER}`,
    serviceUnreachable: (name) =>
      `Ich konnte den Dokumentdienst nicht erreichen, um „${name}“ zu lesen. ${CV_LATER}`,
    downloadFailed: (name, why) =>
      `„${name}“ konnte ich nicht herunterladen (${why}). Lade es noch einmal in einer Direktnachricht an mich hoch oder füge den Text ein.`,
    notOnDisk: (path, why) =>
      `„${path}“ kann ich nicht lesen (${why}). Prüf den Pfad und versuch es noch einmal, z. B. profile set ~/cv.pdf`,
    downloadReason: (why) =>
      why.kind === "http"
        ? `HTTP ${why.status}${why.status === 401 || why.status === 403 ? ", dem Bot fehlt vielleicht der Zugriff" : ""}`
        : {
            noLink: "kein Download-Link",
            notWebLink: "kein Weblink",
            timeout: "der Download hat nicht geantwortet",
            unreachable: "der Dateiserver war nicht erreichbar",
            brokeOff: "die Verbindung zum Dateiserver ist abgebrochen",
          }[why.kind],
    diskReason: (why) =>
      ({
        missing: "diese Datei gibt es nicht",
        directory: "ein Ordner, keine Datei",
        unreadable: "jobscout darf sie nicht lesen",
      })[why],
    downloadTooLarge: (name, maxMb) =>
      `„${name}“ ist größer als ${maxMb} MB, mehr als ein Lebenslauf braucht. Schick ein kleineres PDF (ohne eingescannte Bilder), ein DOCX oder einfachen Text.`,
    slackHidden:
      "Slack verbirgt diese Datei (älter als die Verlaufsgrenze deines Tarifs). Lade sie in einer neuen Nachricht noch einmal hoch.",
    slackConnect:
      "Diese Datei wurde aus einer anderen Organisation geteilt (Slack Connect), deshalb kann ich sie nicht öffnen. Lade die Datei selbst in einer Direktnachricht an mich hoch.",
    slackNoLink:
      "Slack gibt mir keinen Weg, diese Datei herunterzuladen. Lade die Datei selbst (keinen Link darauf) in einer Direktnachricht hoch.",
  },
  alerts: {
    days: ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"],
    locale: "de-DE",
    every: (what) => `jeden ${what}`,
    daily: "täglich",
    weekdays: "werktags",
    at: (t) => `um ${t}`,
    hourly: "stündlich",
    minutes: (n) => (n % 60 === 0 ? `alle ${n / 60} Std.` : `alle ${n} Min.`),
    dm: "dir als Direktnachricht",
    terminal: "in diesem Terminal",
    channel: (c) => `in <#${c}>`,
    saved: (name, created) =>
      created ? `Dein Alert „${name}“ ist gespeichert` : `Dein Alert „${name}“ ist geändert`,
    next: (t) => `Nächster Digest: ${t}.`,
    nothingSaved:
      "Du hast noch keine Alerts. Sag z. B. „jeden Montag um 9 Uhr neue Python-Jobs in Frankfurt“.",
    listHead: "Deine Alerts:",
    paused: (why) => `pausiert${why ? ` (${why})` : ""}`,
    howTo: "Sag „pausiere Alert 2“, „Alert 2 fortsetzen“ oder „lösche Alert 2“.",
    changed: { pause: "Pausiert", resume: "Fortgesetzt", delete: "Gelöscht" },
    askTz: "In welcher Zeitzone sollen deine Alerts laufen? Sag z. B. „Europe/Berlin“.",
    tz: (tz, n) =>
      `Deine Alerts nutzen jetzt die Zeitzone ${tz}${n > 0 ? ` (${n} Alert${n === 1 ? "" : "s"} angepasst)` : ""}.`,
    onlyNew: "Jeder Digest zeigt nur Jobs, die seit dem letzten neu sind oder sich geändert haben.",
    unknownTimeZone: (tz) => `Die Zeitzone „${tz}“ kenne ich nicht. Nimm einen Namen wie Europe/Berlin.`,
    channelAdminsOnly: (who) =>
      `Einen Digest für einen Kanal kann nur ein Admin des Workspaces einrichten — frag ${who ? `die Admins (${who})` : "einen Admin deines Workspaces"}, oder bitte sie, Mitgliedern Alerts in diesem Kanal zu erlauben. Ich kann dir diesen Alert stattdessen als Direktnachricht schicken: Sag „… als DM“.`,
    changeAdminsOnly: (who, action, name) =>
      `Nur Admins des Workspaces${who ? ` (${who})` : ""} oder sein Besitzer können den Alert „${name}“ dieses Kanals ${{ pause: "pausieren", resume: "fortsetzen", delete: "löschen" }[action]}.`,
    notFound: (ref, any) =>
      any
        ? `Den Alert „${ref}“ finde ich nicht. Sag „zeig meine Alerts“, um ihre Nummern zu sehen.`
        : "Du hast noch keine Alerts. Sag z. B. „jeden Montag um 9 Uhr neue Python-Jobs in Frankfurt“.",
    noSingle: (ref, names, fits) =>
      names === ""
        ? "Du hast noch keine Alerts. Leg zuerst einen an, z. B. „jeden Montag um 9 Uhr neue Python-Jobs in Frankfurt“."
        : fits.length === 0
          ? `Es gibt keinen Alert „${ref}“. Deine Alerts: ${names}.`
          : `„${ref}“ passt auf ${fits.length} Alerts (${fits.join(", ")}): Nenn einen davon.`,
  },
  digest: {
    head: (name, shown, matched) =>
      `Neu für deinen Alert „${name}“: ${matched > shown ? `${shown} von ${matched}` : shown} Job${matched === 1 ? "" : "s"} seit dem letzten Digest.`,
    nothing: (name) => `Nichts Neues für deinen Alert „${name}“ seit dem letzten Digest.`,
    health: "Einige Quellen sind ausgefallen, daher fehlen vielleicht Jobs:",
    paused: (name, why) =>
      `Ich habe deinen Alert „${name}“ pausiert: ${why}. Sag „Alert ${name} fortsetzen“, sobald das behoben ist, oder richte ihn woanders neu ein.`,
    gone: {
      channel_missing: "den Kanal gibt es nicht mehr, oder der Bot sieht ihn nicht",
      bot_removed: "der Bot wurde aus dem Kanal entfernt",
      archived: "der Kanal wurde archiviert",
      no_permission: "der Bot darf in dem Kanal nicht mehr schreiben",
      account_unreachable: "dein Konto ist nicht mehr erreichbar",
      account_disabled: "dein Konto wurde deaktiviert",
      app_uninstalled: "die App wurde deinstalliert",
      no_dm: "der Bot kann dir keine Direktnachrichten schicken",
    },
    runPaused: (name, why) =>
      `Der Alert „${name}“ ist pausiert${why ? ` (${why})` : ""}. Setz ihn zuerst fort: jobscout ask "Alert ${name} fortsetzen".`,
  },
  team: {
    settings: (ch, team, by) =>
      `<#${ch}> ist ${team ? "ein Teamkanal: Markierungen (gesehen, übernommen, beworben, nicht relevant) sieht hier jeder" : "kein Teamkanal: Markierungen bleiben bei jedem selbst"}; ${by === "members" ? "jedes Mitglied" : "nur Admins"} dürfen seine Alerts anlegen und ändern.`,
    role: (u, r) =>
      `<@${u}> ist jetzt ${r === "member" ? "Mitglied" : r === "admin" ? "Admin" : "Besitzer"} dieses Workspaces.`,
    noAudit: "Bisher wurde nichts geändert.",
    sayWhomAndRole: "Sag, wer welche Rolle bekommt, z. B. „mach @ana zur Admin“.",
    sayWhichJob: "Sag, welcher Job, z. B. „ich bewerbe mich auf 2“.",
    auditHead: "Änderungen, neueste zuerst:",
    action: {
      "alert.create": "hat angelegt:",
      "alert.update": "hat geändert:",
      "alert.pause": "hat pausiert:",
      "alert.resume": "hat fortgesetzt:",
      "alert.delete": "hat gelöscht:",
      "channel.settings": "hat Einstellungen geändert:",
      "role.grant": "hat vergeben:",
    },
    marked: {
      claimed: "übernimmst (bewirbst dich auf)",
      applied: "hast dich beworben auf",
      not_relevant: "hast als nicht relevant markiert:",
      seen: "hast als gesehen markiert:",
      clear: "hast deine Markierung zurückgenommen:",
    },
    markedText: (what, title, company) =>
      `Du ${what} „${title}“ bei ${company}. Der Kanal sieht es, wenn jemand fragt, worauf sich das Team beworben hat.`,
    activityHead: (m, days) =>
      `${m === "applied" ? "Beworben" : m === "claimed" ? "Übernommen" : m === "seen" ? "Gesehen" : "Nicht relevant"} im Team in den letzten ${days} Tagen:`,
    noActivity: (days) => `In den letzten ${days} Tagen hat hier niemand so einen Job markiert.`,
    onlyWho: (owner, who, what) =>
      `Nur ${owner ? "der Besitzer des Workspaces" : "Admins des Workspaces"}${who ? ` (${who})` : ""} ${owner ? "kann" : "können"} ${what}.`,
    deeds: {
      role: (role) =>
        `jemanden zum ${role === "member" ? "Mitglied" : role === "admin" ? "Admin" : "Besitzer"} machen`,
      settings: "die Einstellungen eines Kanals ändern",
      audit: "das Änderungsprotokoll lesen",
    },
    sayInChannel:
      "Sag das in dem Kanal, um den es geht (Kanaleinstellungen und Team-Markierungen gehören zu einem Kanal, nicht zu einer Direktnachricht).",
    notTeamChannel: (who) =>
      `Dieser Kanal teilt noch keine Markierungen. ${who ? `Die Admins des Workspaces (${who})` : "Die Admins des Workspaces"} können das einschalten, indem sie hier „mach diesen Kanal zum Teamkanal“ sagen. Deine eigenen Merkzettel („merk dir 2“) gehen überall.`,
  },
};
