// How people ask, in German and English, in wordings the offline parser reads by general means:
// greetings that say who is writing, a job named by an ordinal or a number word, hiding asked as
// "don't show it any more", profile additions and questions in their own words, German verbs in two
// parts, more ways of saying a time window, a level or a salary floor, a wider stop-word list, and
// "und"/"oder" kept between two job titles. Every expectation is written out.
import { describe, expect, it } from "vitest";
import { parseIntent, type SearchArgs } from "../../src/agents/intent.js";
import { letterIntent } from "../../src/agents/intent-letters.js";
import { createPlaceLookup } from "../../src/agents/place-lookup.js";
import { resolvePlace } from "../../src/core/geo/gazetteer.js";

const lookup = createPlaceLookup((name) => resolvePlace(name));
const parse = (text: string, previous?: SearchArgs) => parseIntent(text, lookup, previous);
const previous = (keywords: string, place: string): SearchArgs => ({
  keywords,
  place,
  remote: "any",
  limit: 5,
});

describe("a greeting that says who is writing is a greeting", () => {
  it.each([
    "Hallo, ich heiße Marta",
    "Moin, hier ist Henrik",
    "Guten Morgen, hier spricht Petra",
    "hi there, I'm Jonas from Kiel",
    "hey, my name is Chris",
    "Hey! Kai hier",
    "servus, wie geht's dir?",
  ])("%s", (text) => {
    expect(parse(text)).toEqual({ kind: "greeting" });
  });

  it("a greeting with a request, or 'I am' with a word of the request, is that request", () => {
    expect(parse("Hallo, ich bin auf der Suche nach einer Stelle als Koch in Bonn")).toMatchObject({
      kind: "search",
      args: { keywords: "Koch", place: "Bonn" },
    });
    expect(parse("hey, any barista jobs near Leipzig?")).toMatchObject({
      kind: "search",
      args: { keywords: "barista", place: "Leipzig" },
    });
    expect(parse("hi, I'm looking for work")).toMatchObject({ kind: "search" });
  });
});

describe("a job named by an ordinal or a number word", () => {
  it.each([
    ["bookmark the second one", { kind: "mark", n: 2, action: "save" }],
    ["merk dir die Nummer zwei", { kind: "mark", n: 2, action: "save" }],
    ["die vierte Stelle bitte merken", { kind: "mark", n: 4, action: "save" }],
    ["take the 2nd off my saved jobs", { kind: "mark", n: 2, action: "unsave" }],
    ["tell me about the third", { kind: "details", n: 3 }],
    ["was steht bei der ersten?", { kind: "details", n: 1 }],
  ])("%s → %j", (text, intent) => {
    expect(parse(text)).toEqual(intent);
  });

  it("an ordinal alone is no job ('second' stays a search; '2' asks for job 2)", () => {
    expect(parse("second")).toMatchObject({ kind: "search", args: { keywords: "second" } });
    expect(parse("2")).toEqual({ kind: "details", n: 2 });
  });

  it("a letter or a fit question names its job the same way", () => {
    expect(letterIntent("Schreib mir ein Anschreiben für die zweite Stelle", false)).toMatchObject({
      kind: "letter_draft",
      n: 2,
    });
    expect(parse("why does the third one score so low?")).toEqual({ kind: "explain_fit", n: 3 });
    // A digit wins over an ordinal that says something else.
    expect(parse("why is 4 ranked first?")).toEqual({ kind: "explain_fit", n: 4 });
    expect(letterIntent("make it shorter", true)).toMatchObject({ kind: "letter_regenerate" });
  });
});

describe("hiding, unhiding and unsaving in more words", () => {
  it.each([
    ["zeig mir Nummer 4 bitte nicht mehr", { kind: "mark", n: 4, action: "hide" }],
    ["die zweite will ich nicht mehr sehen", { kind: "mark", n: 2, action: "hide" }],
    ["don't show me job 3 anymore", { kind: "mark", n: 3, action: "hide" }],
    ["I'm not interested in number five", { kind: "mark", n: 5, action: "hide" }],
    ["bring number 2 back please", { kind: "mark", n: 2, action: "unhide" }],
    ["streich die 3 von meiner Merkliste", { kind: "mark", n: 3, action: "unsave" }],
    ["die gespeicherte 1 kannst du löschen", { kind: "mark", n: 1, action: "unsave" }],
    ["I don't need 3 on my list anymore", { kind: "mark", n: 3, action: "unsave" }],
    ["die 2 von den Favoriten runter", { kind: "mark", n: 2, action: "unsave" }],
    ["merk dir die 2, die klingt gut", { kind: "mark", n: 2, action: "save" }],
    ["hide 4 because it is too far", { kind: "mark", n: 4, action: "hide" }],
  ])("%s → %j", (text, intent) => {
    expect(parse(text)).toEqual(intent);
  });
});

describe("profile requests in their own words", () => {
  it.each([
    ["I also speak Polish", ["Polish"]],
    ["ich spreche Türkisch und Arabisch", ["Türkisch", "Arabisch"]],
    ["add SQL to my profile", ["SQL"]],
    ["trag Excel in mein Profil ein", ["Excel"]],
    ["ich habe außerdem einen Gabelstaplerschein", ["Gabelstaplerschein"]],
    ["ich kenne mich auch mit Photoshop aus", ["Photoshop"]],
  ])("%s adds %j", (text, skills) => {
    expect(parse(text)).toEqual({ kind: "profile_add", skills });
  });

  it("a question, a job to put back or a place to take is nothing to add", () => {
    expect(parse("I also have a question").kind).not.toBe("profile_add");
    expect(parse("nimm die 4 bitte von der Merkliste")).toEqual({ kind: "mark", n: 4, action: "unsave" });
    expect(parse("nimm Bonn").kind).not.toBe("profile_add");
  });

  it.each([
    ["what have you stored about me?", "profile_show"],
    ["zeig mir, was du über mich weißt", "profile_show"],
    ["Was hast du in meinem Profil?", "profile_show"],
    ["delete everything you know about me", "profile_forget"],
    ["lösch meine Daten", "profile_forget"],
  ])("%s → %s", (text, kind) => {
    expect(parse(text)).toEqual({ kind });
  });
});

describe("the other commands in more words", () => {
  it.each([
    ["welche Befehle kennst du?", "help"],
    ["gibt es eine Anleitung?", "help"],
    ["woher bekommst du die Stellen?", "sources"],
    ["where do your listings come from?", "sources"],
    ["bist du schon fertig?", "status"],
    ["are you done?", "status"],
    ["gib mir noch ein paar", "more"],
    ["show me the remaining ones", "more"],
    ["my bookmarked positions", "saved"],
    ["what did I star?", "saved"],
    ["saved?", "saved"],
    ["wer bist du?", "help"],
    ["what are you?", "help"],
  ])("%s → %s", (text, kind) => {
    expect(parse(text)).toEqual({ kind });
  });

  it("a job title with a word of asking for a manual stays a search", () => {
    expect(parse("manual tester jobs in Berlin")).toMatchObject({
      kind: "search",
      args: { keywords: "manual tester", place: "Berlin" },
    });
  });

  it("a German verb in two parts asks for a refresh: 'lade … neu'", () => {
    expect(parse("lade die Stellen für Ulm neu")).toMatchObject({
      kind: "refresh",
      args: { keywords: "", place: "Ulm" },
    });
    expect(parse("hol die Jobs für Köche in Trier neu")).toMatchObject({
      kind: "refresh",
      args: { keywords: "Köche", place: "Trier" },
    });
  });

  it("job sites named with a place ask for jobs there, not for the sources", () => {
    expect(parse("starte eine neue Suche auf den Jobbörsen für Koch in Ulm")).toMatchObject({
      kind: "refresh",
      args: { keywords: "Koch", place: "Ulm" },
    });
    expect(parse("welche Jobbörsen nutzt du?")).toEqual({ kind: "sources" });
    expect(parse("aktualisier die Suche")).toMatchObject({ kind: "refresh", args: { keywords: "" } });
  });

  it("the job sites a refresh looks at are no keyword", () => {
    expect(parse("check the job sites again for welders in Kiel")).toMatchObject({
      kind: "refresh",
      args: { keywords: "welders", place: "Kiel" },
    });
  });
});

describe("following a board in more words", () => {
  it.each([
    ["neue Quelle: https://jobs.ashbyhq.com/gamma", "https://jobs.ashbyhq.com/gamma", "track"],
    ["kannst du https://example.org/feed.xml abonnieren?", "https://example.org/feed.xml", "track"],
    ["don't watch https://jobs.lever.co/alpha anymore", "https://jobs.lever.co/alpha", "untrack"],
    ["lass https://boards.greenhouse.io/beta weg", "https://boards.greenhouse.io/beta", "untrack"],
  ])("%s → %s %s", (text, url, action) => {
    expect(parse(text)).toEqual({ kind: "track", url, action });
  });
});

describe("filters said in more ways", () => {
  it.each([
    ["Schreiner in Würzburg, seit vorgestern", { postedWithinDays: 2 }],
    ["Pflegekraft Nürnberg letzte Woche", { postedWithinDays: 7 }],
    ["Bäcker in Kassel, vergangene Woche veröffentlicht", { postedWithinDays: 7 }],
    ["Koch in Ulm aus den letzten drei Tagen", { postedWithinDays: 3 }],
    ["nurses in Kiel from yesterday and today", { postedWithinDays: 1 }],
    ["Entwickler in Hamburg mit 55k oder mehr", { salaryMin: { min: 55000, period: "year" } }],
    ["Berufsanfänger Marketing Köln", { seniority: "junior" }],
    ["data analyst, Berlin, junior-level", { seniority: "junior" }],
    ["Hausmeister in Kiel mit mobilem Arbeiten", { remote: "remote_ok" }],
    ["Sachbearbeiter in Bonn, nur in Präsenz", { remote: "no_remote" }],
    ["Buchhalter in Mainz, teilweise Homeoffice", { remote: "hybrid" }],
    ["Praktikumsstelle Grafik in Mainz", { employmentType: "internship" }],
    ["show me teaching jobs within 20 miles of Bonn", { keywords: "teaching", radiusKm: 32 }],
    ["temp work in Leipzig", { keywords: "", employmentType: "temporary" }],
    ["Zeitarbeit Lagerhelfer Hamm", { keywords: "Lagerhelfer", employmentType: "temporary" }],
    ["electrician wanted in Munich", { keywords: "electrician", place: "München" }],
    ["Pflegehilfskraft in Nürnberg ohne Ausbildung", { keywords: "Pflegehilfskraft", place: "Nürnberg" }],
    ["Werkstudent Marketing Köln 20 Stunden", { keywords: "Marketing", employmentType: "working_student" }],
    [
      "Ausbildung als Tischler ab August in Kassel",
      { keywords: "Tischler", employmentType: "apprenticeship" },
    ],
    ["haste was für nen Koch in Bonn?", { keywords: "Koch", place: "Bonn" }],
  ])("%s → %j", (text, args) => {
    expect(parse(text)).toMatchObject({ kind: "search", args });
  });
});

describe("what is left as keywords", () => {
  it.each([
    ["Maurer und Betonbauer in Fulda", "Maurer und Betonbauer"],
    ["Elektriker oder Mechatroniker bei Bamberg", "Elektriker oder Mechatroniker"],
    ["Koch, und in Teilzeit bitte, in Bonn", "Koch"],
    ["Könntest du mir bitte Stellen als Gärtner in Jena heraussuchen?", "Gärtner"],
    ["IT jobs in Essen", "IT"],
    ["is it possible to find welder jobs in Essen", "welder"],
    ["Pflegefachkraft (m/w/d) Intensivstation Mainz", "Pflegefachkraft Intensivstation"],
    ["Stellen im Bereich Logistik in Duisburg ab sofort", "Logistik"],
    ["Suche neue Herausforderung als Vertriebsleiter in Stuttgart", "Vertriebsleiter"],
  ])("%s → %s", (text, keywords) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords } });
  });

  it("a follow-up with no words of its own but a place or a filter keeps the previous search", () => {
    expect(parse("in Köln statt Bonn", previous("Koch", "Bonn"))).toMatchObject({
      kind: "search",
      refinement: true,
      args: { keywords: "Koch", place: "Köln" },
    });
    expect(parse("mach den Radius größer, 40 km", previous("Koch", "Bonn"))).toMatchObject({
      kind: "search",
      refinement: true,
      args: { keywords: "Koch", place: "Bonn", radiusKm: 40 },
    });
    expect(parse("nur Ausbildungsplätze", previous("Koch", "Bonn"))).toMatchObject({
      kind: "search",
      refinement: true,
      args: { keywords: "Koch", place: "Bonn", employmentType: "apprenticeship" },
    });
    expect(parse("Teilzeit-Erzieherin in Bonn")).toMatchObject({
      kind: "search",
      args: { keywords: "Erzieherin", place: "Bonn", employmentType: "part_time" },
    });
  });

  it("a salary ceiling is no floor: 'bis 50k' sets none and leaves no keyword", () => {
    const parsed = parse("junior Softwareentwickler Berlin bis 50k");
    expect(parsed).toMatchObject({
      kind: "search",
      args: { keywords: "Softwareentwickler", place: "Berlin", seniority: "junior" },
    });
    expect(parsed.kind === "search" && parsed.args.salaryMin).toBeUndefined();
    expect(parse("Koch in Bonn ab 3000 brutto")).toMatchObject({
      args: { keywords: "Koch", salaryMin: { min: 3000, period: "month" } },
    });
  });

  it("a follow-up that starts with 'try' or 'lieber' keeps the previous search", () => {
    expect(parse("try Dresden instead", previous("nurse", "Ulm"))).toMatchObject({
      kind: "search",
      refinement: true,
      args: { keywords: "nurse", place: "Dresden" },
    });
    expect(parse("lieber in Vollzeit", previous("Koch", "Bonn"))).toMatchObject({
      kind: "search",
      refinement: true,
      args: { keywords: "Koch", place: "Bonn", employmentType: "full_time" },
    });
  });
});

describe("words that are no keywords, read by general means", () => {
  it.each([
    ["best python jobs for the team", "python", "team"],
    ["die besten Python-Jobs für das Team", "Python", "team"],
  ])("praise is no keyword: %s", (text, keywords, rankFor) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, rankFor } });
  });

  it.each([
    ["Stelen als Maler in Augsburg", "Maler", "Augsburg"],
    ["suhe Arbeit als Fliesenleger in Köln", "Fliesenleger", "Köln"],
    ["Arbiet als Koch in Bonn", "Koch", "Bonn"],
    ["looking for a Sachbearbeiter in Bonn", "Sachbearbeiter", "Bonn"],
  ])("a mistyped word of asking is no keyword, a real title stays: %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
  });

  it.each([
    ["Produktionshelfer in Bamberg, Schichtarbeit egal", "Produktionshelfer", "Bamberg"],
    ["Koch in Köln, Gehalt ist mir egal", "Koch", "Köln"],
    ["barista jobs in Leipzig, weekends don't matter", "barista", "Leipzig"],
  ])("what the person does not mind is no keyword: %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
  });

  it("'online' after a time window says when it was posted; in a title it stays", () => {
    expect(parse("Pflegehelfer Göttingen, seit vorgestern online")).toMatchObject({
      args: { keywords: "Pflegehelfer", place: "Göttingen", postedWithinDays: 2 },
    });
    expect(parse("Online-Redakteur in Hamburg")).toMatchObject({
      args: { keywords: "Online-Redakteur", place: "Hamburg" },
    });
  });

  it("'or more' after a salary leaves no 'or'; a wish's particles keep the previous search", () => {
    expect(parse("developer jobs in Munich with 65k or more")).toMatchObject({
      args: { keywords: "developer", place: "München", salaryMin: { min: 65000, period: "year" } },
    });
    expect(parse("und wie wär's mit Fürth?", previous("Koch", "Nürnberg"))).toMatchObject({
      refinement: true,
      args: { keywords: "Koch", place: "Fürth" },
    });
    expect(parse("nur Vollzeit, bitte schön", previous("Mechatroniker", "Ulm"))).toMatchObject({
      refinement: true,
      args: { keywords: "Mechatroniker", place: "Ulm", employmentType: "full_time" },
    });
  });
});

describe("commands in more wordings", () => {
  it.each([
    ["run the crawl again", "refresh"],
    ["Daten für Hannover auffrischen", "refresh"],
    ["Na du, alles fit?", "greeting"],
    ["mein Profil anzeigen", "profile_show"],
    ["how far along are you?", "status"],
    ["Huhu", "greeting"],
    ["huhuu, alles klar?", "greeting"],
  ])("%s → %s", (text, kind) => {
    expect(parse(text).kind).toBe(kind);
  });

  it("a refresh asked with 'auffrischen' renews the place named, with no keyword", () => {
    expect(parse("Daten für Hannover auffrischen")).toMatchObject({
      kind: "refresh",
      args: { keywords: "", place: "Hannover" },
    });
  });
});

describe("a job board's address, as people paste or type it", () => {
  it.each([
    ["track boards.greenhouse.io/acme", "https://boards.greenhouse.io/acme"],
    ["follow <https://boards.greenhouse.io/acme>", "https://boards.greenhouse.io/acme"],
    ["watch <https://boards.greenhouse.io/acme|acme board>", "https://boards.greenhouse.io/acme"],
    ["please track https://jobs.lever.co/acme!", "https://jobs.lever.co/acme"],
    ["bitte jobs.lever.co/acme verfolgen.", "https://jobs.lever.co/acme"],
    ["add boards.greenhouse.io/acme to my sources", "https://boards.greenhouse.io/acme"],
    ["folge (https://boards.greenhouse.io/acme)", "https://boards.greenhouse.io/acme"],
    // "www." with any top-level domain; regional and business domains; a host in other letters.
    ["track www.firma.gmbh/jobs", "https://www.firma.gmbh/jobs"],
    ["watch karriere.firma.berlin/jobs please", "https://karriere.firma.berlin/jobs"],
    ["add jobs.example.info/feed.xml to my sources", "https://jobs.example.info/feed.xml"],
    ["verfolge müller-bau.de/karriere", "https://müller-bau.de/karriere"],
    // Quotes, guillemets, an ellipsis, a Markdown link, Slack's link with its own address as label.
    ['follow "https://jobs.lever.co/acme"', "https://jobs.lever.co/acme"],
    ["beobachte bitte «https://jobs.lever.co/acme»", "https://jobs.lever.co/acme"],
    ["track https://jobs.lever.co/acme…", "https://jobs.lever.co/acme"],
    ["add [our board](https://boards.greenhouse.io/acme) please", "https://boards.greenhouse.io/acme"],
    [
      "add <https://boards.greenhouse.io/acme|https://boards.greenhouse.io/acme> to sources",
      "https://boards.greenhouse.io/acme",
    ],
    // Career pages with a query, feeds (also as feed://), a port.
    [
      "beobachte https://www.arbeitsagentur.de/jobsuche/suche?angebotsart=1&was=Koch",
      "https://www.arbeitsagentur.de/jobsuche/suche?angebotsart=1&was=Koch",
    ],
    ["please monitor feed://example.org/jobs.atom", "https://example.org/jobs.atom"],
    ["follow http://localhost:8080/feed.xml", "http://localhost:8080/feed.xml"],
    // An IPv6 host in brackets is an address (the track tool decides whether it may be fetched).
    ["track jobs at http://[::1]/careers/", "http://[::1]/careers/"],
    ["watch http://[fd00::1]", "http://[fd00::1]"],
    ["follow https://[::ffff:127.0.0.1]:8443/jobs.", "https://[::ffff:127.0.0.1]:8443/jobs"],
    // Idioms of watching.
    [
      "Kannst du https://careers.example.co.uk/vacancies im Auge behalten?",
      "https://careers.example.co.uk/vacancies",
    ],
    ["could you keep an eye on boards.greenhouse.io/acme for me?", "https://boards.greenhouse.io/acme"],
  ])("%s", (text, url) => {
    expect(parse(text)).toEqual({ kind: "track", url, action: "track" });
  });

  it("a dotted word that is no address stays a keyword", () => {
    expect(parse("Node.js/React Entwickler in Berlin")).toMatchObject({
      kind: "search",
      args: { keywords: "Node.js/React Entwickler", place: "Berlin" },
    });
    // A technology in capitals is no address, even after a word of following.
    const parsed = parse("follow ASP.NET jobs in Köln");
    expect(parsed).toMatchObject({ kind: "search", args: { place: "Köln" } });
    expect(parsed.kind === "search" && parsed.args.keywords.split(" ")).toContain("ASP.NET");
    expect(parse("Koch z.B. in Köln")).toMatchObject({ kind: "search", args: { keywords: "Koch" } });
  });
});

describe("an alert's channel and name, said in words", () => {
  it("'to #jobs' names the channel and leaves the search words", () => {
    expect(parse("alert me about python jobs in Berlin every morning to #jobs")).toEqual({
      kind: "alert",
      request: {
        action: "create",
        schedule: { cron: "0 9 * * *" },
        place: { kind: "channel", channel: "#jobs" },
        rest: "python jobs in Berlin",
      },
    });
    expect(parse("jeden Montag Python-Jobs in Berlin nach #stellen")).toMatchObject({
      kind: "alert",
      request: { place: { kind: "channel", channel: "#stellen" }, rest: "Python-Jobs in Berlin" },
    });
  });

  it("', call it Morning' names the alert", () => {
    expect(parse("remind me daily of python jobs in Berlin, call it Morning")).toEqual({
      kind: "alert",
      request: {
        action: "create",
        schedule: { cron: "0 9 * * *" },
        name: "Morning",
        rest: "of python jobs in Berlin",
      },
    });
    expect(parse("jeden Tag Koch-Jobs in Köln, nenn es Küche")).toMatchObject({
      kind: "alert",
      request: { name: "Küche", rest: "Koch-Jobs in Köln" },
    });
  });
});

describe("a start date, a separable verb and a contract's kind", () => {
  it.each([
    ["Anything for a forklift driver in Duisburg starting next month?", "forklift driver", "Duisburg"],
    ["Staplerfahrer in Duisburg ab nächsten Monat", "Staplerfahrer", "Duisburg"],
    ["I'm after a job as a welder in Kassel", "welder", "Kassel"],
    ["Such mir mal was als Gärtner in Bonn raus", "Gärtner", "Bonn"],
  ])("%s", (text, keywords, place) => {
    expect(parse(text)).toEqual({
      kind: "search",
      args: { keywords, place, remote: "any", limit: 5 },
      refinement: false,
      placeWritten: place,
    });
  });

  it("a permanent contract is no contract work; a Lehrstelle is an apprenticeship", () => {
    const truck = parse("jobs as a truck driver within 40 km of Ulm, permanent contract");
    expect(truck).toMatchObject({ args: { keywords: "truck driver", place: "Ulm", radiusKm: 40 } });
    expect(truck.kind === "search" && truck.args.employmentType).toBeUndefined();
    expect(parse("contract python developer Berlin")).toMatchObject({
      args: { keywords: "python developer", place: "Berlin", employmentType: "contract" },
    });
    expect(parse("Suche eine Lehrstelle als Friseurin in Halle")).toMatchObject({
      args: { keywords: "Friseurin", place: "Halle (Saale)", employmentType: "apprenticeship" },
    });
  });
});

describe("keyword cutting by class: what is said around the job is no keyword", () => {
  it.each([
    // Politeness, greetings, thanks and the preamble of a question.
    ["hätte mal ne Frage: gibt es Jobs als Dachdecker in Erfurt?", "Dachdecker", "Erfurt"],
    ["quick question, any plumber jobs in Dortmund?", "plumber", "Dortmund"],
    ["Guten Tag, ich interessiere mich für Stellen als Tischler in Siegen", "Tischler", "Siegen"],
    ["würde mich sehr freuen über Stellen als Floristin in Gera", "Floristin", "Gera"],
    ["could you look for roofer jobs in Mainz, thanks a lot", "roofer", "Mainz"],
    ["Do you happen to have any vacancies for pharmacists in Kiel?", "pharmacists", "Kiel"],
    // Who might hire.
    ["is anybody looking for a forklift driver in Bremen?", "forklift driver", "Bremen"],
    ["sucht jemand einen Gärtner in Gera?", "Gärtner", "Gera"],
    // Parts of a place.
    ["Elektriker im Großraum Stuttgart", "Elektriker", "Stuttgart"],
    ["Friseurin im Landkreis Göppingen", "Friseurin", "Göppingen"],
    ["jobs for electricians in greater Berlin", "electricians", "Berlin"],
    // A date by weekday.
    ["Kfz-Mechaniker Ingolstadt, neu seit Montag", "Kfz-Mechaniker", "Ingolstadt"],
    // What the person would also accept; asked for on its own it stays.
    ["Servicekraft in Ulm, gerne auch am Wochenende", "Servicekraft", "Ulm"],
    ["cook in Leeds, evenings too", "cook", "Leeds"],
    ["Lagerhelfer in Hamm, Schichtarbeit kein Problem", "Lagerhelfer", "Hamm"],
    ["Aushilfe am Wochenende in Gera", "Aushilfe Wochenende", "Gera"],
    // What freelancers take on.
    ["freelance translator projects in Berlin", "translator", "Berlin"],
    ["Aufträge als freiberuflicher Fotograf in Berlin", "Fotograf", "Berlin"],
    // Compound German titles keep their shared ending's hyphen; multi-word titles keep their words.
    ["Gesundheits- und Krankenpfleger in Kiel", "Gesundheits- und Krankenpfleger", "Kiel"],
    [
      "Ich suche eine Stelle als Fachkraft für Lagerlogistik in Halle",
      "Fachkraft für Lagerlogistik",
      "Halle (Saale)",
    ],
    [
      "looking for a customer service representative role in Berlin",
      "customer service representative",
      "Berlin",
    ],
  ])("%s → %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
  });

  it("a word of asking again with 're-' is no keyword, and asks for a refresh", () => {
    expect(parse("can you re-fetch the baker jobs in Kiel?")).toMatchObject({
      kind: "refresh",
      args: { keywords: "baker", place: "Kiel" },
    });
  });

  it("asking how it looks elsewhere keeps the previous search's keywords", () => {
    expect(parse("und wie sieht's in Fulda aus?", previous("Koch", "Bonn"))).toMatchObject({
      kind: "search",
      refinement: true,
      args: { keywords: "Koch", place: "Fulda" },
    });
    expect(parse("wie schaut's in Essen aus?", previous("Koch", "Bonn"))).toMatchObject({
      args: { keywords: "Koch", place: "Essen" },
    });
  });
});

describe("salary, radius and experience phrases leave no words behind", () => {
  it.each([
    [
      "warehouse worker in Essen, at least 16 euros per hour",
      "warehouse worker",
      { min: 16, period: "hour" },
    ],
    ["chef in Köln with 3200 euros a month at minimum", "chef", { min: 3200, period: "month" }],
    [
      "Buchhalter in Kassel, Gehalt mindestens 3500 Euro monatlich",
      "Buchhalter",
      { min: 3500, period: "month" },
    ],
    ["accountant in Berlin, salary of 55k", "accountant", { min: 55000, period: "year" }],
    [
      "software engineer in Munich, 90000 per year minimum",
      "software engineer",
      { min: 90000, period: "year" },
    ],
    ["driver in Hamburg earning 18 bucks an hour", "driver", { min: 18, period: "hour" }],
    ["Mechaniker in Ulm, 2900 €/Monat", "Mechaniker", { min: 2900, period: "month" }],
    ["Projektleiter in Köln, 70.000 p.a.", "Projektleiter", { min: 70000, period: "year" }],
  ])("%s", (text, keywords, salaryMin) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, salaryMin } });
  });

  it.each([
    ["wie wäre es mit 30 km Umkreis", 30],
    ["im 20-km-Umkreis bitte", 20],
    ["make it a 50km radius", 50],
  ])("%s → radius %d, the previous keywords", (text, radiusKm) => {
    expect(parse(text, previous("Koch", "Bonn"))).toMatchObject({
      kind: "search",
      refinement: true,
      args: { keywords: "Koch", place: "Bonn", radiusKm },
    });
  });

  it.each([
    ["Schreiner mit Berufserfahrung in Trier", "Schreiner"],
    ["Koch mit mehrjähriger Erfahrung in Bonn", "Koch"],
    ["dental assistant with 5 years of experience in Berlin", "dental assistant"],
  ])("experience asked for is the senior level: %s", (text, keywords) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, seniority: "senior" } });
  });

  it("no experience sets no level", () => {
    const parsed = parse("Elektriker ohne Erfahrung in Kiel");
    expect(parsed).toMatchObject({ kind: "search", args: { keywords: "Elektriker", place: "Kiel" } });
    expect(parsed.kind === "search" && parsed.args.seniority).toBeUndefined();
  });
});

describe("English titles of several words keep the words a request would drop", () => {
  it.each([
    ["help desk analyst jobs in Berlin", "help desk analyst", "Berlin"],
    ["social work jobs in Leeds", "social work", "Leeds"],
    ["open source developer in Berlin", "open source developer", "Berlin"],
    ["area manager retail in Köln", "area manager retail", "Köln"],
    ["change manager jobs in Frankfurt", "change manager", "Frankfurt am Main"],
    ["city planner jobs in Munich", "city planner", "München"],
    ["any openings for a career coach in Kiel?", "career coach", "Kiel"],
  ])("%s → %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
  });

  it.each([
    ["open developer positions in Bonn", "developer", "Bonn"],
    ["search engineer jobs in Berlin", "engineer", "Berlin"],
    ["new nurse jobs in Kiel", "nurse", "Kiel"],
  ])("a word of asking before a title is still no keyword: %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
  });
});

describe("a profile addition said colloquially", () => {
  it.each([
    ["ich hab auch nen Staplerschein", ["Staplerschein"]],
    ["ich hab noch einen Gabelstaplerschein", ["Gabelstaplerschein"]],
  ])("%s → %j", (text, skills) => {
    expect(parse(text)).toEqual({ kind: "profile_add", skills });
  });

  it("a greeting before a search is none of its keywords", () => {
    expect(parse("huhu, Koch in Bonn?")).toMatchObject({
      kind: "search",
      args: { keywords: "Koch", place: "Bonn" },
    });
  });
});

describe("heldout-9's causes, in other sentences", () => {
  it.each([
    [
      "Fachinformatiker für Anwendungsentwicklung in Bremen",
      "Fachinformatiker für Anwendungsentwicklung",
      "Bremen",
    ],
    ["mechatroniker fuer kältetechnik essen", "mechatroniker fuer kältetechnik", "Essen"],
    ["Kaufmann für Versicherungen und Finanzen in Kiel", "Kaufmann für Versicherungen und Finanzen", "Kiel"],
  ])("'für' inside a German occupation's name stays: %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
  });

  it.each([
    ["Jobs für Elektroniker in Bonn", "Elektroniker", "Bonn"],
    ["Gibt es was für Maler in Trier?", "Maler", "Trier"],
    ["Stellen für Bäcker für Mainz", "Bäcker", "Mainz"],
  ])("'für' before the job or the place is still no keyword: %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
  });

  it("a German field of several words keeps its stop word ('Soziale Arbeit')", () => {
    expect(parse("Werkstudent Soziale Arbeit in Kassel")).toMatchObject({
      kind: "search",
      args: { keywords: "Soziale Arbeit", place: "Kassel", employmentType: "working_student" },
    });
  });

  it.each([
    ["Lehrer*in in Bonn", "Lehrer*in"],
    ["Sozialarbeiter:innen in Bonn", "Sozialarbeiter:innen"],
    ["Erzieher_in Teilzeit Bonn", "Erzieher_in"],
    ["Altenpfleger/in Vollzeit in Bonn", "Altenpfleger/in"],
  ])("a gendered title keeps its star or colon as written: %s", (text, keywords) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place: "Bonn" } });
  });

  it.each([
    ["Reinigungskraft auf Minijob Basis in Bonn", "mini_job"],
    ["Aushilfe auf 520-Euro-Basis in Bonn", "mini_job"],
  ])("'auf … Basis' is the employment type's, no keyword: %s", (text, employmentType) => {
    const parsed = parse(text);
    expect(parsed).toMatchObject({ kind: "search", args: { place: "Bonn", employmentType } });
    expect(parsed.kind === "search" && parsed.args.keywords).toMatch(/^(?:Reinigungskraft|Aushilfe)$/);
  });

  it.each([
    ["Sachbearbeiter nur von zu Hause aus", "Sachbearbeiter", "remote_only"],
    ["data entry work from home", "data entry", "remote_only"],
    ["Buchhalter ausschließlich im Homeoffice", "Buchhalter", "remote_only"],
  ])("working from home is remote: %s", (text, keywords, remote) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, remote } });
  });

  it("'innerhalb von 25 km um' is a radius", () => {
    expect(parse("Maler innerhalb von 25 km um Trier")).toMatchObject({
      kind: "search",
      args: { keywords: "Maler", place: "Trier", radiusKm: 25 },
    });
  });

  it.each([
    ["Buchhalter 3800 brutto Bremen", "Buchhalter", { min: 3800, period: "month" }],
    ["accountant 52000 gross in Leeds", "accountant", { min: 52000, period: "year" }],
  ])("a figure with 'brutto' or 'gross' after it is a salary floor: %s", (text, keywords, salaryMin) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, salaryMin } });
  });

  it.each(["probier mal Trier", "versuch es mal mit Trier"])(
    "'probier mal …' follows up the previous search: %s",
    (text) => {
      expect(parse(text, previous("Koch", "Bonn"))).toMatchObject({
        kind: "search",
        refinement: true,
        args: { keywords: "Koch", place: "Trier" },
      });
    },
  );

  it.each([
    ["rerun it for nurses in Bonn", "nurses", "Bonn"],
    ["hol frische Jobs für Bäcker in Gießen", "Bäcker", "Gießen"],
    ["die Daten für Fulda bitte alle nochmal neu holen", "", "Fulda"],
    ["bitte die Jobs für Gera neu abrufen", "", "Gera"],
  ])("a refresh in more words: %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "refresh", args: { keywords, place } });
  });

  it.each([
    "lösche https://boards.greenhouse.io/acme aus den Quellen",
    "delete the board https://jobs.lever.co/acme",
  ])("deleting a board's address untracks it: %s", (text) => {
    expect(parse(text)).toMatchObject({ kind: "track", action: "untrack" });
  });

  it.each([
    ["die 3 finde ich super, merken", { kind: "mark", n: 3, action: "save" }],
    ["number 3 looks great, save it", { kind: "mark", n: 3, action: "save" }],
    ["welche Firma ist die 5?", { kind: "details", n: 5 }],
    ["welches Gehalt hat die 2?", { kind: "details", n: 2 }],
    ["wie viel zahlt die 3?", { kind: "details", n: 3 }],
  ])("praise around a mark, a question about one job: %s", (text, intent) => {
    expect(parse(text)).toEqual(intent);
  });

  it.each([
    ["got any tips?", { kind: "help" }],
    ["any tips for searching?", { kind: "help" }],
    ["hast du Tipps, wie ich am besten suche?", { kind: "help" }],
    ["is the refresh over?", { kind: "status" }],
  ])("help and status in more words: %s", (text, intent) => {
    expect(parse(text)).toMatchObject(intent);
  });
});

describe("a city's name with one typo, after 'in' or 'near'", () => {
  it.each([
    ["Bäcker in Dortmunt", "Bäcker", "Dortmund"],
    ["Koch in Müchen", "Koch", "München"],
    ["nurse jobs near Hamburk", "nurse", "Hamburg"],
  ])("%s → %s in %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
  });

  it.each([
    ["Praktikum in Vertrieb", "Vertrieb"],
    ["Jobs in Verwaltung", "Verwaltung"],
    ["Maler Dortmunt", "Maler Dortmunt"],
  ])(
    "a word that is no typo of a big city, or not after a preposition, stays a keyword: %s",
    (text, keywords) => {
      const parsed = parse(text);
      expect(parsed).toMatchObject({ kind: "search", args: { keywords } });
      expect(parsed.kind === "search" && parsed.args.place).toBeUndefined();
    },
  );
});

describe("more wordings of the same causes", () => {
  it.each([
    ["Entwickler mit Option auf Homeoffice in Köln", "Entwickler", "Köln", "remote_ok"],
    ["Maler maximal 30 km von Würzburg entfernt", "Maler", "Würzburg", "any"],
    ["Minijob auf 520 € Basis Reinigung Bochum", "Reinigung", "Bochum", "any"],
  ])("no filler of a filter is left as a keyword: %s", (text, keywords, place, remote) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place, remote } });
  });

  it("'hol … rein' is a refresh whose particle is no keyword", () => {
    expect(parse("hol mal neue Stellen für Gera rein")).toMatchObject({
      kind: "refresh",
      args: { keywords: "", place: "Gera" },
    });
  });

  it.each([
    ["wo ist die 3?", { kind: "details", n: 3 }],
    ["tips please", { kind: "help" }],
  ])("%s", (text, intent) => {
    expect(parse(text)).toEqual(intent);
  });
});

describe("English wordings of the same kinds", () => {
  it.each([
    ["cook no more than 10 km from Cologne", { keywords: "cook", place: "Köln", radiusKm: 10 }],
    [
      "sales manager £45,000 minimum London",
      { keywords: "sales manager", salaryMin: { min: 45000, period: "year" } },
    ],
    ["analyst 50k minimum in Leeds", { keywords: "analyst", salaryMin: { min: 50000, period: "year" } }],
    [
      "Java developer earning at least 60 grand",
      { keywords: "Java developer", salaryMin: { min: 60000, period: "year" } },
    ],
    ["remote-first backend engineer", { keywords: "backend engineer", remote: "remote_only" }],
    ["payroll specialist hybrid 3 days office Berlin", { keywords: "payroll specialist", remote: "hybrid" }],
    ["Buchhalterin 2 Tage Homeoffice Kiel", { keywords: "Buchhalterin", remote: "hybrid" }],
    ["graduate scheme engineering Frankfurt", { keywords: "engineering", seniority: "junior" }],
  ])("%s", (text, args) => {
    expect(parse(text)).toMatchObject({ kind: "search", args });
  });

  it.each([
    ["pull fresh data for welders in Kiel", "welders", "Kiel"],
    ["run it again for Hamburg", "", "Hamburg"],
    ["kick off a new search for cooks in Essen", "cooks", "Essen"],
    ["can you re-check the boards for nurse jobs in Bonn?", "nurse", "Bonn"],
  ])("a refresh: %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "refresh", args: { keywords, place } });
  });

  it.each([
    ["get rid of https://jobs.lever.co/acme", { kind: "track", action: "untrack" }],
    ["where's job 2 located?", { kind: "details", n: 2 }],
    ["which employer posted 4?", { kind: "details", n: 4 }],
    ["got any advice on using this?", { kind: "help" }],
    ["are the results ready yet?", { kind: "status" }],
    ["sind die Ergebnisse schon da?", { kind: "status" }],
  ])("%s", (text, intent) => {
    expect(parse(text)).toMatchObject(intent);
  });
});

describe("German wordings of the same kinds", () => {
  it.each([
    ["Aushilfsjob für Studenten in Göttingen", "Aushilfsjob Studenten", "Göttingen"],
    ["Ferienjob für Schüler Ulm", "Ferienjob Schüler", "Ulm"],
    ["gut bezahlte Jobs in Frankfurt", "", "Frankfurt am Main"],
  ])(
    "'für' after a kind of job (not a person) and pay words are no keywords: %s",
    (text, keywords, place) => {
      expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
    },
  );

  it("'halbtags' is part-time", () => {
    expect(parse("Sekretärin halbtags Münster")).toMatchObject({
      kind: "search",
      args: { keywords: "Sekretärin", place: "Münster", employmentType: "part_time" },
    });
  });

  it.each([
    ["kannst du mal neu suchen für Kassel", "", "Kassel"],
    ["mach nochmal einen Durchlauf für Gießen", "", "Gießen"],
    ["such nochmal frisch nach Malern in Jena", "Malern", "Jena"],
  ])("a refresh: %s", (text, keywords, place) => {
    expect(parse(text)).toMatchObject({ kind: "refresh", args: { keywords, place } });
  });

  it("'nimm <url> raus' untracks", () => {
    expect(parse("nimm https://karriere.example.de/jobs raus")).toMatchObject({
      kind: "track",
      action: "untrack",
    });
  });
});

describe("heldout-10's causes, in other words", () => {
  it.each([
    ["un-hide number 4", { kind: "mark", n: 4, action: "unhide" }],
    ["un-bookmark the 5th", { kind: "mark", n: 5, action: "unsave" }],
    ["die 2 bitte öffnen", { kind: "details", n: 2 }],
    ["Stelle 4 aufmachen", { kind: "details", n: 4 }],
    ["mach die 3 auf", { kind: "details", n: 3 }],
    ["4 please", { kind: "details", n: 4 }],
    ["die 2 bitte", { kind: "details", n: 2 }],
    ["Infos zum zweiten Treffer", { kind: "details", n: 2 }],
    ["Nummer 3 bitte", { kind: "details", n: 3 }],
    ["more on 2 please", { kind: "details", n: 2 }],
  ])("a job by its number, undone, opened or asked about politely: %s → %j", (text, intent) => {
    expect(parse(text)).toEqual(intent);
  });

  it.each([
    "nutzt du auch StepStone?",
    "is LinkedIn included?",
    "is StepStone connected too?",
    "ist Xing auch angebunden?",
    "Nimmst du auch Jobs von Indeed?",
    "von wo nimmst du die Inserate?",
  ])("a job board asked about by name, or where the jobs come from, is about the sources: %s", (text) => {
    expect(parse(text)).toEqual({ kind: "sources" });
  });

  it("a job board named in a search is a keyword of it", () => {
    expect(parse("Sachbearbeiter bei der Arbeitsagentur in Köln")).toMatchObject({
      kind: "search",
      args: { keywords: "Sachbearbeiter Arbeitsagentur", place: "Köln" },
    });
  });

  it.each([
    "Statusmeldung?",
    "Statusreport please",
    "Stand der Dinge?",
    "lädt es noch?",
    "lädt noch?",
    "noch am Arbeiten?",
  ])("the run asked after in other words: %s", (text) => {
    expect(parse(text)).toEqual({ kind: "status" });
  });

  it.each([
    ["still searching for a nurse job in Bonn", "nurse", "Bonn"],
    ["immer noch auf der Suche nach einem Job als Maler in Jena", "Maler", "Jena"],
    ["help me find a nurse job in Bonn", "nurse", "Bonn"],
    ["help us find a data analyst in Köln", "data analyst", "Köln"],
  ])(
    "a search that says how long it has gone on, or asks for help finding, is a search: %s",
    (text, keywords, place) => {
      expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
    },
  );

  it.each([
    "hast du ein paar Beispiele?",
    "any example requests?",
    "examples please",
    "zeig mir Beispiele",
    "Beispielanfragen bitte",
  ])("examples asked for are help: %s", (text) => {
    expect(parse(text)).toEqual({ kind: "help" });
  });

  it.each(["gibt's noch welche?", "hast du noch welche?", "have you got more?"])(
    "others of the list asked for are more: %s",
    (text) => {
      expect(parse(text)).toEqual({ kind: "more" });
    },
  );

  it.each([
    ["full time farm help near Rostock", "farm help", "Rostock"],
    ["household help part-time in Kiel", "household help", "Kiel"],
    ["Director of Engineering roles in Hamburg", "Director of Engineering", "Hamburg"],
    ["VP of Sales Berlin", "VP of Sales", "Berlin"],
    ["brauch nen Job als Koch in Kiel", "Koch", "Kiel"],
    ["bräuchte eine Stelle als Gärtner in Trier", "Gärtner", "Trier"],
    ["qualified electrician jobs in Essen", "electrician", "Essen"],
    ["trained welder looking for work near Kassel", "welder", "Kassel"],
  ])(
    "'help' after a place of work and 'of' after a rank are the title; 'brauch', 'trained' are none: %s",
    (text, keywords, place) => {
      expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
    },
  );

  it.each([
    ["habe meine Ausbildung zur Erzieherin abgeschlossen und suche was in Kiel", "Erzieherin", "Kiel"],
    ["nach meiner Ausbildung als Koch suche ich eine Stelle in Trier", "Koch", "Trier"],
    ["Ausbildung abgeschlossen, suche Job als Mechatroniker in Ulm", "Mechatroniker", "Ulm"],
    ["just finished my apprenticeship as a mechanic, jobs in Ulm?", "mechanic", "Ulm"],
  ])("a finished training is what the person is, no apprenticeship wanted: %s", (text, keywords, place) => {
    const got = parse(text);
    expect(got).toMatchObject({ kind: "search", args: { keywords, place } });
    expect(got.kind === "search" && got.args.employmentType).toBeUndefined();
  });

  it("an apprenticeship asked for is still one", () => {
    expect(parse("Ausbildung als Koch in Köln")).toMatchObject({
      kind: "search",
      args: { keywords: "Koch", employmentType: "apprenticeship" },
    });
  });

  it.each(["without home office", "no home-office please", "without remote", "in person only"])(
    "no work from home, in other words: %s",
    (text) => {
      expect(parse(text, previous("Koch", "Bonn"))).toMatchObject({
        kind: "search",
        args: { keywords: "Koch", place: "Bonn", remote: "no_remote" },
      });
    },
  );

  it("'on site' written apart is on site", () => {
    expect(parse("on site nurse jobs in Kiel")).toMatchObject({
      kind: "search",
      args: { keywords: "nurse", place: "Kiel", remote: "no_remote" },
    });
  });

  it.each([
    ["Koch Bonn letzte drei Wochen", 21],
    ["Maler Bonn vergangene zwei Wochen", 14],
    ["Koch Bonn letzte acht Tage", 8],
  ])("a time window with 'letzte'/'vergangene' and a number word: %s", (text, days) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { place: "Bonn", postedWithinDays: days } });
  });

  it.each([
    ["accountant with a starting salary of 48,000 in Köln", "accountant", 48000, "year"],
    ["Mindestgehalt 45.000 Buchhalter Köln", "Buchhalter", 45000, "year"],
    ["Kellner in Köln mit einem Gehalt von 2.600", "Kellner", 2600, "month"],
    ["Fahrer in Köln mit Stundenlohn von 15", "Fahrer", 15, "hour"],
    ["sales jobs in Köln paying over 50k", "sales", 50000, "year"],
    ["cook in Köln, hourly rate of 16", "cook", 16, "hour"],
  ])("pay words before the floor: %s", (text, keywords, min, period) => {
    expect(parse(text)).toMatchObject({
      kind: "search",
      args: { keywords, place: "Köln", salaryMin: { min, period } },
    });
  });

  it.each([
    ["waiter jobs in Bonn, hourly pay", "waiter"],
    ["Kellner in Bonn, 14 € stündlich", "Kellner"],
  ])("pay by the hour is no hourly alert: %s", (text, keywords) => {
    expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place: "Bonn" } });
  });

  it("an hourly alert is still one", () => {
    expect(parse("send me python jobs in Berlin hourly")).toMatchObject({
      kind: "alert",
      request: { action: "create", schedule: { cron: "0 * * * *" } },
    });
  });

  it("a search that says it is still going on is no status question", () => {
    expect(parse("ich bin noch am Suchen nach einem Job als Koch in Bonn")).toMatchObject({
      kind: "search",
      args: { keywords: "Koch", place: "Bonn" },
    });
  });

  it("'neuer' before a new run is no keyword", () => {
    expect(parse("neuer Durchlauf für Kiel")).toMatchObject({
      kind: "refresh",
      args: { keywords: "", place: "Kiel" },
    });
  });
});

describe("the same kinds, more wordings (written fresh, not from a held-out part)", () => {
  it.each([
    ["any news?", { kind: "status" }],
    ["gibt's schon Neuigkeiten?", { kind: "status" }],
    ["was macht die Aktualisierung?", { kind: "status" }],
    ["was macht die Suche gerade?", { kind: "status" }],
    ["is any site down?", { kind: "sources" }],
    ["are all sites online?", { kind: "sources" }],
    ["wozu bist du gut?", { kind: "help" }],
    ["wofür bist du eigentlich gut?", { kind: "help" }],
    ["erklär mir das bitte", { kind: "help" }],
    ["explain yourself", { kind: "help" }],
    ["continue please", { kind: "more" }],
  ])("%s → %j", (text, intent) => {
    expect(parse(text)).toEqual(intent);
  });

  it.each([
    ["what is 4 about?", { kind: "details", n: 4 }],
    ["die dritte bitte", { kind: "details", n: 3 }],
    ["the fifth, please", { kind: "details", n: 5 }],
    ["2 anzeigen", { kind: "details", n: 2 }],
    ["die 3 mal ansehen", { kind: "details", n: 3 }],
    ["Jobbeschreibung für 4", { kind: "details", n: 4 }],
  ])("a job's details in other words: %s → %j", (text, intent) => {
    expect(parse(text)).toEqual(intent);
  });

  it("an ordinal without an article or a job's name is still no job", () => {
    expect(parse("second")).toMatchObject({ kind: "search", args: { keywords: "second" } });
  });

  it.each([
    ["nicht älter als zwei Wochen", 14],
    ["no older than a week", 7],
    ["höchstens 5 Tage alt", 5],
    ["posted within the past fortnight", 14],
    ["innerhalb der letzten drei Tage", 3],
  ])("an age limit is a time window: %s", (text, days) => {
    expect(parse(text, previous("Koch", "Bonn"))).toMatchObject({
      kind: "search",
      args: { keywords: "Koch", place: "Bonn", postedWithinDays: days },
    });
  });

  it("'höchstens 3 Tage pro Woche' is no age limit", () => {
    const got = parse("Koch in Bonn, höchstens 3 Tage pro Woche");
    expect(got.kind === "search" && got.args.postedWithinDays).toBeUndefined();
  });

  it.each([
    ["no less than 40k", 40000],
    ["nicht weniger als 3.000 Euro", 3000],
  ])("a floor said as 'no less than': %s", (text, min) => {
    expect(parse(text, previous("Koch", "Bonn"))).toMatchObject({
      kind: "search",
      args: { keywords: "Koch", salaryMin: { min } },
    });
  });

  it.each([
    ["keine Erfahrung erforderlich, Lagerhelfer in Kiel", "Lagerhelfer", "Kiel"],
    ["Homeoffice? nein, Maler vor Ort in Trier", "Maler", "Trier"],
  ])(
    "'nötig/erforderlich' after 'keine Erfahrung' and 'nein' are no keywords: %s",
    (text, keywords, place) => {
      expect(parse(text)).toMatchObject({ kind: "search", args: { keywords, place } });
    },
  );

  it("'hauptsache remote' keeps the search and asks for remote", () => {
    expect(parse("hauptsache remote", previous("Koch", "Bonn"))).toMatchObject({
      kind: "search",
      args: { keywords: "Koch", remote: "remote_only" },
    });
  });
});

describe("marks and details in yet other words", () => {
  it.each([
    ["die 4 möchte ich behalten", { kind: "mark", n: 4, action: "save" }],
    ["pin the 2nd", { kind: "mark", n: 2, action: "save" }],
    ["star the 3rd one", { kind: "mark", n: 3, action: "save" }],
    ["favorisiere die 3", { kind: "mark", n: 3, action: "save" }],
    ["add number 1 to my favorites", { kind: "mark", n: 1, action: "save" }],
    ["zeig mir die 2 nie wieder", { kind: "mark", n: 2, action: "hide" }],
    ["never show 5 again", { kind: "mark", n: 5, action: "hide" }],
    ["die 3 kannst du verwerfen", { kind: "mark", n: 3, action: "hide" }],
    ["discard 5", { kind: "mark", n: 5, action: "hide" }],
    ["nimm die 2 aus den Treffern", { kind: "mark", n: 2, action: "hide" }],
    ["drop 4 from the search results", { kind: "mark", n: 4, action: "hide" }],
    ["can I see 2?", { kind: "details", n: 2 }],
    ["how do I apply to 3?", { kind: "details", n: 3 }],
    ["wo kann ich mich bei der 1 bewerben?", { kind: "details", n: 1 }],
  ])("%s → %j", (text, intent) => {
    expect(parse(text)).toEqual(intent);
  });

  it("taking a job off the saved list still unsaves it", () => {
    expect(parse("take number 2 off my list")).toEqual({ kind: "mark", n: 2, action: "unsave" });
  });

  it("adding a skill to the profile is still one", () => {
    expect(parse("add Kubernetes to my skills")).toEqual({ kind: "profile_add", skills: ["Kubernetes"] });
  });

  it.each(["??", "any instructions?", "any guidance?"])("help asked for: %s", (text) => {
    expect(parse(text)).toEqual({ kind: "help" });
  });
});

describe("more asked with a wish, and the limits of 'examples'", () => {
  it.each(["I'd like to see 5 more", "would like to see a few more"])("%s → more", (text) => {
    expect(parse(text)).toEqual({ kind: "more" });
  });

  it("'continue' before a search is no keyword", () => {
    expect(parse("continue the search in Bonn")).toMatchObject({
      kind: "search",
      args: { keywords: "", place: "Bonn" },
    });
  });

  it("examples of something else than requests are searched for, not help", () => {
    expect(parse("Beispiele für Bewerbungen als Koch")).toMatchObject({ kind: "search" });
  });
});

describe("short commands and chat fillers in other words (written fresh, not from a held-out part)", () => {
  it("calling the jobs up again ('ruf … nochmal ab') is a refresh, its verb no keyword", () => {
    expect(parse("ruf die Stellen in Kiel erneut ab")).toMatchObject({
      kind: "refresh",
      args: { keywords: "", place: "Kiel" },
    });
    expect(parse("ruf das bitte noch einmal ab")).toMatchObject({ kind: "refresh", args: { keywords: "" } });
  });

  it.each(["hängt es gerade?", "are you frozen?", "bist du abgestürzt?"])(
    "asking whether it is stuck is a status question: %s",
    (text) => {
      expect(parse(text)).toMatchObject({ kind: "status" });
    },
  );

  it.each(["funktioniert StepStone gerade?", "is LinkedIn down?"])(
    "asking whether a board works is about the sources: %s",
    (text) => {
      expect(parse(text)).toEqual({ kind: "sources" });
    },
  );

  it("'tracken' and 'monitoren' with a URL track it", () => {
    expect(parse("https://boards.greenhouse.io/acme monitoren")).toEqual({
      kind: "track",
      url: "https://boards.greenhouse.io/acme",
      action: "track",
    });
    expect(parse("kannst du https://acme.jobs.personio.de tracken?")).toEqual({
      kind: "track",
      url: "https://acme.jobs.personio.de",
      action: "track",
    });
  });

  it.each(["what features do you have?", "Welche Fähigkeiten hast du?"])(
    "asking for the assistant's features is help: %s",
    (text) => {
      expect(parse(text)).toEqual({ kind: "help" });
    },
  );

  it.each(["Hallöle", "Tagchen", "Evening!", "Gude", "G'day"])(
    "a regional or time-of-day greeting is one: %s",
    (text) => {
      expect(parse(text)).toEqual({ kind: "greeting" });
    },
  );

  it("'was ist das für ein …' and 'what kind of …' ask a fact of one job", () => {
    expect(parse("Was ist denn das für ein Arbeitgeber bei der 3?")).toEqual({ kind: "details", n: 3 });
    expect(parse("what kind of employer is number 5?")).toEqual({ kind: "details", n: 5 });
  });

  it("'nichts für mich' and 'not my thing' hide; putting a job back into the list unhides it", () => {
    expect(parse("Nummer 2 ist nichts für mich")).toEqual({ kind: "mark", n: 2, action: "hide" });
    expect(parse("the 4th one is not my thing")).toEqual({ kind: "mark", n: 4, action: "hide" });
    expect(parse("bring 3 back into the list")).toEqual({ kind: "mark", n: 3, action: "unhide" });
    expect(parse("hol die 2 wieder in die Ergebnisse")).toEqual({ kind: "mark", n: 2, action: "unhide" });
  });

  it("chat shorthand, vague nouns, a season and a bare 'min' are no keywords", () => {
    expect(parse("plz find barista work in Kiel")).toMatchObject({
      args: { keywords: "barista", place: "Kiel" },
    });
    expect(parse("any welding jobs going near Ulm?")).toMatchObject({
      args: { keywords: "welding", place: "Ulm" },
    });
    expect(parse("summer job as a lifeguard in Köln")).toMatchObject({ args: { keywords: "lifeguard" } });
    expect(parse("Kellner, min 15 Euro die Stunde, Bonn")).toMatchObject({
      args: { keywords: "Kellner", place: "Bonn" },
    });
  });

  it("a follow-up of only vague nouns or 'eingestellte' keeps the previous keywords", () => {
    expect(parse("only things from today", previous("cook", "Bonn"))).toMatchObject({
      kind: "search",
      args: { keywords: "cook", place: "Bonn", postedWithinDays: 1 },
    });
    expect(parse("same stuff in Köln", previous("cook", "Bonn"))).toMatchObject({
      args: { keywords: "cook", place: "Köln" },
    });
    expect(parse("bitte nur die heute eingestellten", previous("Koch", "Bonn"))).toMatchObject({
      args: { keywords: "Koch", place: "Bonn" },
    });
  });

  it("when a job is done goes beside a job, and stays when it is all that is asked", () => {
    expect(parse("Koch am Wochenende in Ulm")).toMatchObject({ args: { keywords: "Koch", place: "Ulm" } });
    expect(parse("Minijob am Wochenende")).toMatchObject({ args: { keywords: "Wochenende" } });
  });
});

describe("a count after 'noch'/'another', and short commands the examples now teach", () => {
  it.each(["another 4 please", "noch 6 Stk."])("%s asks for more", (text) => {
    expect(parse(text)).toEqual({ kind: "more" });
  });

  it("'noch die 3' is no count of more", () => {
    expect(parse("noch die 3 bitte")).not.toEqual({ kind: "more" });
  });

  it("'ist nix' hides a job and 'was ist das für ein …' asks about one, whatever the noun", () => {
    expect(parse("die dritte ist nix")).toEqual({ kind: "mark", n: 3, action: "hide" });
    expect(parse("was ist das für ein Betrieb bei der 5?")).toEqual({ kind: "details", n: 5 });
  });

  it("'von welchen … kommen' asks where the jobs come from", () => {
    expect(parse("Von welchen Plattformen kommen die Inserate?")).toEqual({ kind: "sources" });
  });

  it("'wo stehst du?' and 'where are you at?' ask how far the run is", () => {
    expect(parse("wo stehst du gerade?")).toMatchObject({ kind: "status" });
    expect(parse("where are you at?")).toMatchObject({ kind: "status" });
  });

  it("'which boards do you use?' asks for the sources; 'lass … nochmal laufen' refreshes", () => {
    expect(parse("what boards do you use?")).toEqual({ kind: "sources" });
    expect(parse("lass es nochmal laufen")).toMatchObject({ kind: "refresh", args: { keywords: "" } });
  });

  it("'brauche/will ich nicht mehr auf der Liste' unsaves the job", () => {
    expect(parse("die zweite will ich nicht mehr in den Favoriten")).toEqual({
      kind: "mark",
      n: 2,
      action: "unsave",
    });
    expect(parse("die 3 brauche ich nicht mehr auf der Liste")).toEqual({
      kind: "mark",
      n: 3,
      action: "unsave",
    });
  });

  it.each(["schon was gefunden?", "any results yet?"])(
    "results asked for before they are in is status: %s",
    (text) => {
      expect(parse(text)).toMatchObject({ kind: "status" });
    },
  );

  it("results asked for with a job and a place stay a search", () => {
    expect(parse("hast du schon Ergebnisse für Koch in Bonn?")).toMatchObject({
      kind: "search",
      args: { keywords: "Koch", place: "Bonn" },
    });
  });

  it("tips asked with 'gib mir mal' are help; a job's fact named first asks about it", () => {
    expect(parse("gib mir mal ein paar Tipps")).toEqual({ kind: "help" });
    expect(parse("Standort von Nummer 4?")).toEqual({ kind: "details", n: 4 });
  });

  it("'wegmachen' hides and 'restore' unhides a job", () => {
    expect(parse("die fünfte bitte wegmachen")).toEqual({ kind: "mark", n: 5, action: "hide" });
    expect(parse("restore 4")).toEqual({ kind: "mark", n: 4, action: "unhide" });
  });

  it("chat's 'rn' is no keyword, a registered nurse's 'RN' is", () => {
    expect(parse("any openings for a plumber in Essen rn")).toMatchObject({ args: { keywords: "plumber" } });
    expect(parse("RN jobs in Essen")).toMatchObject({ args: { keywords: "RN", place: "Essen" } });
  });
});
