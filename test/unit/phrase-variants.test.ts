// The variants of answers a person reads in English and German: one against several (alerts moved,
// jobs in a digest, sentences without backing), who may do what (admins named or not, owner or
// admins, each role), and optional parts (a reason for a pause, a radius, a file's own error).
// Expected texts are written out.
import { describe, expect, it } from "vitest";
import { phrasesFor } from "../../src/answers/phrases/phrases.js";

const en = phrasesFor("en");
const de = phrasesFor("de");

describe("phrases in English and German", () => {
  it("counts scored jobs and alerts moved to a new time zone, one or several", () => {
    expect([en.scored(0, 0), de.scored(0, 0)]).toEqual([
      "I found no jobs to score (or the scoring is still running).",
      "Ich habe keine passenden Stellen zum Bewerten gefunden (oder die Bewertung läuft noch).",
    ]);
    expect([en.scored(1, 0), de.scored(4, 3)]).toEqual([
      "I scored 1 job for you.",
      "Ich habe 4 Stellen für dich bewertet; die 3 besten:",
    ]);
    expect([
      en.alerts.tz("Europe/Berlin", 0),
      en.alerts.tz("Europe/Berlin", 1),
      en.alerts.tz("UTC", 3),
    ]).toEqual([
      "Your alerts now use the time zone Europe/Berlin.",
      "Your alerts now use the time zone Europe/Berlin (1 alert moved).",
      "Your alerts now use the time zone UTC (3 alerts moved).",
    ]);
    expect([
      de.alerts.tz("Europe/Berlin", 0),
      de.alerts.tz("Europe/Berlin", 1),
      de.alerts.tz("UTC", 2),
    ]).toEqual([
      "Deine Alerts nutzen jetzt die Zeitzone Europe/Berlin.",
      "Deine Alerts nutzen jetzt die Zeitzone Europe/Berlin (1 Alert angepasst).",
      "Deine Alerts nutzen jetzt die Zeitzone UTC (2 Alerts angepasst).",
    ]);
    expect([
      en.alerts.minutes(120),
      en.alerts.minutes(45),
      de.alerts.minutes(60),
      de.alerts.minutes(30),
    ]).toEqual(["every 2 h", "every 45 min", "alle 1 Std.", "alle 30 Min."]);
  });

  it("heads a digest with how many of how many jobs are shown", () => {
    expect([en.digest.head("python", 1, 1), en.digest.head("python", 5, 12)]).toEqual([
      "New for your alert “python”: 1 job since the last digest.",
      "New for your alert “python”: 5 of 12 jobs since the last digest.",
    ]);
    expect([de.digest.head("python", 1, 1), de.digest.head("python", 5, 12)]).toEqual([
      "Neu für deinen Alert „python“: 1 Job seit dem letzten Digest.",
      "Neu für deinen Alert „python“: 5 von 12 Jobs seit dem letzten Digest.",
    ]);
    expect([en.digest.runPaused("python", ""), de.digest.runPaused("python", "Kanal archiviert")]).toEqual([
      'The alert “python” is paused. Resume it first: jobscout ask "resume alert python".',
      'Der Alert „python“ ist pausiert (Kanal archiviert). Setz ihn zuerst fort: jobscout ask "Alert python fortsetzen".',
    ]);
    expect([en.alerts.paused(""), de.alerts.paused("von Ana")]).toEqual(["paused", "pausiert (von Ana)"]);
  });

  it("says which alert is meant when a name fits none, several, or there are none", () => {
    expect([
      en.alerts.noSingle("rust", "", []),
      en.alerts.noSingle("rust", "python, java", []),
      en.alerts.noSingle("py", "python, pyspark", ["python", "pyspark"]),
    ]).toEqual([
      "You have no alerts yet. Save one first, e.g. “alert me every Monday at 9 about python jobs in Frankfurt”.",
      "There is no alert “rust”. Your alerts: python, java.",
      "“py” fits 2 alerts (python, pyspark): name one of them.",
    ]);
    expect([de.alerts.noSingle("rust", "", []), de.alerts.noSingle("rust", "python", [])]).toEqual([
      "Du hast noch keine Alerts. Leg zuerst einen an, z. B. „jeden Montag um 9 Uhr neue Python-Jobs in Frankfurt“.",
      "Es gibt keinen Alert „rust“. Deine Alerts: python.",
    ]);
    expect([
      en.alerts.notFound("7", true),
      de.alerts.notFound("7", true),
      de.alerts.notFound("7", false),
    ]).toEqual([
      "I can't find the alert “7”. Say “list my alerts” to see their numbers.",
      "Den Alert „7“ finde ich nicht. Sag „zeig meine Alerts“, um ihre Nummern zu sehen.",
      "Du hast noch keine Alerts. Sag z. B. „jeden Montag um 9 Uhr neue Python-Jobs in Frankfurt“.",
    ]);
  });

  it("names who may change an alert, a role or a channel, with the admins or without", () => {
    expect([
      en.alerts.changeAdminsOnly("", "pause", "ops"),
      de.alerts.changeAdminsOnly("@ana", "delete", "ops"),
    ]).toEqual([
      "Only workspace admins or its owner can pause the alert “ops” of this channel.",
      "Nur Admins des Workspaces (@ana) oder sein Besitzer können den Alert „ops“ dieses Kanals löschen.",
    ]);
    expect([de.alerts.changeAdminsOnly("", "resume", "ops")]).toEqual([
      "Nur Admins des Workspaces oder sein Besitzer können den Alert „ops“ dieses Kanals fortsetzen.",
    ]);
    expect([
      en.team.onlyWho(true, "@olga", en.team.deeds.role("admin")),
      en.team.onlyWho(false, "", en.team.deeds.role("member")),
      de.team.onlyWho(true, "@olga", de.team.deeds.role("owner")),
      de.team.onlyWho(false, "", de.team.deeds.role("admin")),
    ]).toEqual([
      "Only the workspace owner (@olga) can make someone an admin.",
      "Only workspace admins can make someone a member.",
      "Nur der Besitzer des Workspaces (@olga) kann jemanden zum Besitzer machen.",
      "Nur Admins des Workspaces können jemanden zum Admin machen.",
    ]);
    expect([
      en.team.role("U1", "member"),
      en.team.role("U1", "owner"),
      de.team.role("U1", "admin"),
      de.team.role("U1", "owner"),
      de.team.role("U1", "member"),
    ]).toEqual([
      "<@U1> is now a member of this workspace.",
      "<@U1> is now an owner of this workspace.",
      "<@U1> ist jetzt Admin dieses Workspaces.",
      "<@U1> ist jetzt Besitzer dieses Workspaces.",
      "<@U1> ist jetzt Mitglied dieses Workspaces.",
    ]);
    expect(de.team.deeds.role("member")).toBe("jemanden zum Mitglied machen");
  });

  it("tells a channel that is not a team channel who can make it one", () => {
    expect([
      en.team.notTeamChannel("@ana"),
      de.team.notTeamChannel(""),
      de.team.notTeamChannel("@ana"),
    ]).toEqual([
      "This channel does not share marks yet. Workspace admins (@ana) can turn that on by saying “make this a team channel” here. Your own saves (“save 2”) work everywhere.",
      "Dieser Kanal teilt noch keine Markierungen. Die Admins des Workspaces können das einschalten, indem sie hier „mach diesen Kanal zum Teamkanal“ sagen. Deine eigenen Merkzettel („merk dir 2“) gehen überall.",
      "Dieser Kanal teilt noch keine Markierungen. Die Admins des Workspaces (@ana) können das einschalten, indem sie hier „mach diesen Kanal zum Teamkanal“ sagen. Deine eigenen Merkzettel („merk dir 2“) gehen überall.",
    ]);
    expect([en.teamRank.notTeam("@ana"), de.teamRank.notTeam(""), de.teamRank.notTeam("@ana")]).toEqual([
      "Ranking for the team works in a team channel. Workspace admins (@ana) can turn that on by saying “make this a team channel” there.",
      "Die Sortierung fürs Team gibt es in einem Team-Kanal. Die Admins des Workspaces können das einschalten, indem sie dort „mach diesen Kanal zum Teamkanal“ sagen.",
      "Die Sortierung fürs Team gibt es in einem Team-Kanal. Die Admins des Workspaces (@ana) können das einschalten, indem sie dort „mach diesen Kanal zum Teamkanal“ sagen.",
    ]);
    expect([de.team.settings("C1", true, "admins"), en.team.settings("C1", false, "members")]).toEqual([
      "<#C1> ist ein Teamkanal: Markierungen (gesehen, übernommen, beworben, nicht relevant) sieht hier jeder; nur Admins dürfen seine Alerts anlegen und ändern.",
      "<#C1> is not a team channel: marks stay with each member; every member may set up and change its alerts.",
    ]);
  });

  it("heads the team's activity by the kind of mark", () => {
    const heads = (p: typeof en) =>
      (["applied", "claimed", "seen", "not_relevant"] as const).map((m) => p.team.activityHead(m, 14));
    expect(heads(en)).toEqual([
      "Applied to by the team in the last 14 days:",
      "Claimed by the team in the last 14 days:",
      "Seen by the team in the last 14 days:",
      "Not relevant by the team in the last 14 days:",
    ]);
    expect(heads(de)).toEqual([
      "Beworben im Team in den letzten 14 Tagen:",
      "Übernommen im Team in den letzten 14 Tagen:",
      "Gesehen im Team in den letzten 14 Tagen:",
      "Nicht relevant im Team in den letzten 14 Tagen:",
    ]);
  });

  it("words a search's notes and a CV that cannot be read, with their optional parts", () => {
    expect([en.salaryUnknown(3), en.seniorityUnknown(1), de.seniorityUnknown(2)]).toEqual([
      "3 of these name no salary, so I can't check it against your minimum.",
      "1 of these does not say which level it is for.",
      "2 davon sagen nicht, für welche Erfahrungsstufe sie ist.",
    ]);
    expect([
      de.salaryFloor(55_000, "year"),
      de.salaryFloor(4_500, "month"),
      en.salaryFloor(800, "year"),
    ]).toEqual(["mindestens 55k im Jahr", "mindestens 4.500 im Monat", "at least 800 a year"]);
    expect([
      en.channelSettings.place("Köln", 25),
      de.channelSettings.place("Köln", 25),
      de.channelSettings.place("Köln", undefined),
    ]).toEqual(["default place Köln (25 km)", "Standardort Köln (25 km)", "Standardort Köln"]);
    expect([en.card.fit(71, []), en.card.fit(71, ["Python", "12 km"])]).toEqual([
      "Fit 71/100",
      "Fit 71/100: Python; 12 km",
    ]);
    expect([en.cv.zip("cv.pdf", true), de.cv.zip("cv.zip", false), de.cv.zip("cv.pdf", true)]).toEqual([
      "“cv.pdf” is a zip archive renamed to .pdf, not a CV I can read. Send your CV as a PDF with text, a DOCX, or plain text/Markdown.",
      "„cv.zip“ ist ein ZIP-Archiv, kein Lebenslauf, den ich lesen kann. Schick deinen Lebenslauf als PDF mit Text, als DOCX oder als einfachen Text/Markdown.",
      "„cv.pdf“ ist ein ZIP-Archiv mit der Endung .pdf, kein Lebenslauf, den ich lesen kann. Schick deinen Lebenslauf als PDF mit Text, als DOCX oder als einfachen Text/Markdown.",
    ]);
    expect([en.cv.unreadable("cv.pdf", "bad xref"), de.cv.unreadable("cv.pdf", "")]).toEqual([
      "I couldn't read “cv.pdf” (bad xref). Export it again, or send a DOCX or plain text.",
      "„cv.pdf“ konnte ich nicht lesen. Exportiere es noch einmal, oder schick ein DOCX oder einfachen Text.",
    ]);
  });

  it("names German stages of a run still working, a stage it does not know as it is", () => {
    expect([de.runs.stillWorking("embed", 40), de.runs.stillWorking("evaluate", 90)]).toEqual([
      "Der Abruf läuft noch (einbetten, 40 %). Frag mich gleich nach seinem Status.",
      "Der Abruf läuft noch (evaluate, 90 %). Frag mich gleich nach seinem Status.",
    ]);
    expect([de.why.list([]), de.why.list(["Python"]), de.why.list(["Python", "SQL", "Kafka"])]).toEqual([
      "",
      "„Python“",
      "„Python“, „SQL“ und „Kafka“",
    ]);
    expect([0, 1, 5, 21, 90].map((d) => de.why.postedDays(d))).toEqual([
      "heute veröffentlicht",
      "gestern veröffentlicht",
      "vor 5 Tagen veröffentlicht",
      "vor 3 Wochen veröffentlicht",
      "vor 3 Monaten veröffentlicht",
    ]);
  });
});
