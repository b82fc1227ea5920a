// Letter grounding rule by rule (src/jobs/applications/grounding.ts): each case is a short letter,
// the CV lines it cites and the posting, and what the person reviewing the draft would see — which
// sentences are marked and which claims of them were not found. The letter set of
// grounding.test.ts checks whole letters; these check each rule on its own.
import { describe, expect, it } from "vitest";
import {
  checkGrounding,
  markUnsupported,
  sentencesOf,
  type GroundingInput,
} from "../../src/jobs/applications/grounding.js";

/** What the reviewer sees: each marked sentence with the claims not found ([] when none). */
function marked(letter: string, cv: string, posting: string, lang?: "de" | "en") {
  const input: GroundingInput = { letter, cited: [{ id: "L1", text: cv }], posting, lang };
  return checkGrounding(input).unsupported.map((u) => [u.sentence, u.unsupported] as const);
}

/** The claims not found in a one-sentence letter. */
function missing(letter: string, cv: string, posting = "", lang?: "de" | "en") {
  return marked(letter, cv, posting, lang).flatMap(([, claims]) => claims);
}

describe("grounding: invented claims the check let through", () => {
  it("catches an employer after a capitalised 'Bei' at the start of a German sentence", () => {
    expect(
      missing("Bei Google habe ich als Entwickler gearbeitet.", "Entwickler bei Siemens", "", "de"),
    ).toEqual([{ kind: "employer", text: "google" }]);
    expect(
      missing("Bei Siemens habe ich als Entwickler gearbeitet.", "Entwickler bei Siemens", "", "de"),
    ).toEqual([]);
    // "Bei Fragen …" names no employer.
    expect(missing("Bei Fragen erreichen Sie mich jederzeit.", "Entwickler bei Siemens", "", "de")).toEqual(
      [],
    );
  });

  it("does not take two different amounts with both separators (1.234,56 and 9.876,54) as the same number", () => {
    expect(missing("Ich habe ein Budget von 1.234,56 € verwaltet.", "Budget 9.876,54 €", "", "de")).toEqual([
      { kind: "number", text: "1234.56" },
    ]);
    expect(missing("Ich habe ein Budget von 1.234,56 € verwaltet.", "Budget: 1234.56 €", "", "de")).toEqual(
      [],
    );
    expect(missing("I managed a budget of 1,234.56 EUR.", "Budget: 1.234,56 EUR", "", "en")).toEqual([]);
  });

  it("does not take two different version numbers as the same number", () => {
    expect(missing("I have used Java 17.0.2 daily.", "Java 1.8.0", "", "en")).toEqual([
      { kind: "number", text: "17.0.2" },
    ]);
    expect(missing("I have used Java 1.8.0 daily.", "Java 1.8.0", "", "en")).toEqual([]);
  });

  it("does not let a longer word of the CV vouch for a skill or title it starts with", () => {
    expect(missing("I write Java every day.", "JavaScript, TypeScript", "", "en")).toEqual([
      { kind: "technology", text: "java" },
    ]);
    expect(
      missing(
        "I was the Lead Architect of the platform.",
        "Showed leadership in software architecture",
        "",
        "en",
      ),
    ).toEqual([
      { kind: "title", text: "lead" },
      { kind: "title", text: "architect" },
    ]);
    // An inflected form of the same word still counts: "führenden" in the letter, "führende" in the posting.
    expect(
      missing(
        "Sie gehören zu den führenden Anbietern.",
        "",
        "Wir sind der führende Anbieter für Logistik.",
        "de",
      ),
    ).toEqual([]);
  });

  it("takes a capitalised word after a colon in a later part of a split sentence as a sentence start", () => {
    expect(
      missing(
        "I have run Kafka for 5 years, and your team's goal: Data pipelines at scale.",
        "Kafka, 5 years",
        "Kafka",
        "en",
      ),
    ).toEqual([]);
  });

  it("does not let the posting vouch for the person's own part of an application sentence", () => {
    expect(
      missing(
        "I am applying for this role, as my 5 years of Kafka fit.",
        "Kafka",
        "5 years of Kafka required",
        "en",
      ),
    ).toEqual([{ kind: "number", text: "5" }]);
    expect(
      missing(
        "I am applying for this role, as my 5 years of Kafka fit.",
        "Kafka, 5 years",
        "Kafka required",
        "en",
      ),
    ).toEqual([]);
  });

  it("finds an employer written with two spaces inside its name", () => {
    expect(missing("Ich war bei Deutsche  Bahn tätig.", "Deutsche Bahn", "", "de")).toEqual([]);
    expect(missing("Ich war bei Deutsche  Bahn tätig.", "Deutsche Telekom", "", "de")).toEqual([
      { kind: "employer", text: "deutsche bahn" },
    ]);
    expect(missing("I worked at Initech  GmbH.", "Initech GmbH", "", "en")).toEqual([]);
  });

  it("checks the employers of every part of a sentence split into the person's and the company's", () => {
    expect(
      missing(
        "My work at Acme, Initech and Globex fits your platform.",
        "Engineer at Acme",
        "Our platform",
        "en",
      ),
    ).toEqual([
      { kind: "name", text: "initech" },
      { kind: "name", text: "globex" },
    ]);
  });

  it("holds a technology the letter says the company uses against the posting even when it is C++", () => {
    expect(
      missing("Your C++ stack is what I know best.", "C++ since 2015", "We build in Java.", "en"),
    ).toEqual([{ kind: "technology", text: "c++" }]);
    expect(missing("Your C++ stack is what I know best.", "Java", "We build in C++.", "en")).toEqual([]);
  });

  it("does not end a sentence at the abbreviations z. B., d. h. and u. a.", () => {
    expect(sentencesOf("Ich kenne z. B. Kafka und Python. Das zeigt mein Lebenslauf.")).toEqual([
      "Ich kenne z. B. Kafka und Python.",
      "Das zeigt mein Lebenslauf.",
    ]);
    expect(sentencesOf("Ich leite u. a. Teams, d. h. Menschen. Mehr dazu gern.")).toEqual([
      "Ich leite u. a. Teams, d. h. Menschen.",
      "Mehr dazu gern.",
    ]);
  });
});

describe("grounding: sentences", () => {
  it("splits lines into sentences and leaves out the salutation and closing lines", () => {
    expect(
      sentencesOf(
        "  Dear Ms Smith,\n\n  I know Python. I know Kafka!  Is that enough?\nKind regards,\nJane Doe",
      ),
    ).toEqual(["I know Python.", "I know Kafka!", "Is that enough?", "Jane Doe"]);
    expect(
      sentencesOf("Sehr geehrte Frau Schmidt,\nIch kenne Python.\nMit freundlichen Grüßen\nJane Doe"),
    ).toEqual(["Ich kenne Python.", "Jane Doe"]);
  });

  it("ends a sentence before one that opens with a quotation mark", () => {
    expect(sentencesOf('I know Python. "Kafka" is next.')).toEqual(["I know Python.", '"Kafka" is next.']);
    expect(sentencesOf("Ich kenne Python. „Kafka“ auch.")).toEqual(["Ich kenne Python.", "„Kafka“ auch."]);
  });

  it("does not end a sentence before a lower-case word", () => {
    expect(sentencesOf("I know Python. and Kafka.")).toEqual(["I know Python. and Kafka."]);
  });

  it.each([
    ["Dr.", "I worked with Dr. Smith. Then I moved."],
    ["Mr.", "I worked with Mr. Smith. Then I moved."],
    ["Ms.", "I worked with Ms. Smith. Then I moved."],
    ["Mrs.", "I worked with Mrs. Smith. Then I moved."],
    ["Prof.", "I worked with Prof. Smith. Then I moved."],
    ["e.g.", "I know e.g. Kafka. Then I moved."],
    ["i.e.", "I know one tool, i.e. Kafka. Then I moved."],
    ["Inc.", "I worked at Acme Inc. Berlin. Then I moved."],
    ["Ltd.", "I worked at Acme Ltd. London. Then I moved."],
    ["St.", "I lived in St. Louis. Then I moved."],
    ["vs.", "I compared Spark vs. Flink. Then I moved."],
    ["etc.", "I know Spark, Flink etc. Plus Kafka. Then I moved."],
    ["z. B.", "Ich kenne z. B. Kafka. Dann zog ich um."],
    ["z.B.", "Ich kenne z.B. Kafka. Dann zog ich um."],
    ["bzw.", "Ich leite bzw. Ich berate Teams. Dann zog ich um."],
    ["ca.", "Ich habe ca. 5 Jahre Erfahrung. Dann zog ich um."],
    ["Nr.", "Ich war die Nr. 1 im Team. Dann zog ich um."],
    ["Dipl.", "Ich bin Dipl. Informatiker. Dann zog ich um."],
    ["B.Sc.", "Ich habe einen B.Sc. Informatik. Dann zog ich um."],
    ["a single capital", "Ich kenne Plan B. Kafka auch. Dann zog ich um."],
  ])("does not end a sentence at %s", (_abbr, letter) => {
    const sentences = sentencesOf(letter);
    expect(sentences).toHaveLength(2);
    expect(sentences[0]! + " " + sentences[1]!).toBe(letter);
  });

  it("ends a sentence at an abbreviation only where the line ends with one", () => {
    expect(sentencesOf("I know SQL. I use Python, Go etc.")).toEqual([
      "I know SQL.",
      "I use Python, Go etc.",
    ]);
  });

  it("marks the sentence with the unsupported claim, naming what was not found", () => {
    const letter = "Dear Sir,\n\nI know Python. I write Rust since 2019.\n\nKind regards";
    const report = checkGrounding({ letter, cited: [{ id: "L1", text: "Python since 2020" }], posting: "" });
    expect(markUnsupported(letter, report)).toBe(
      "Dear Sir,\n\nI know Python. I write Rust since 2019. ⚠️ [not in your CV or the posting: 2019, rust]\n\nKind regards",
    );
  });
});

describe("grounding: the letter's language when it is not given", () => {
  // Each German line has one German marker word and no English one; read with the English rules
  // its capitalised nouns would be names the CV must contain.
  it.each([
    ["ich", "Ich liebe Datenbanken."],
    ["und", "Datenbanken und Pipelines sind Alltag."],
    ["sie", "Sie finden Details im Lebenslauf."],
    ["mit", "Viel Erfahrung mit Datenbanken."],
    ["für", "Große Begeisterung für Datenbanken."],
    ["bei", "Unterstützung bei allen Datenbankfragen."],
    ["die", "Die Arbeit an Datenbanken begeistert."],
    ["der", "Der Aufbau von Datenbanken gelingt."],
    ["ihre", "Ihre Plattform begeistert."],
  ])("reads a letter with '%s' as German: its nouns are no names", (_word, letter) => {
    expect(missing(letter, "", "")).toEqual([]);
  });

  it("reads the same line with the English rules when the letter says it is English", () => {
    expect(missing("Ich liebe Datenbanken.", "", "", "en")).toEqual([{ kind: "name", text: "datenbanken" }]);
  });

  it("reads a letter as German when it says so even without German marker words", () => {
    expect(missing("Viel Erfahrung in Datenbanken.", "", "", "de")).toEqual([]);
    expect(missing("Viel Erfahrung in Datenbanken.", "", "")).toEqual([
      { kind: "name", text: "erfahrung" },
      { kind: "name", text: "datenbanken" },
    ]);
  });

  it("applies the German employer rule to a German letter without a language", () => {
    expect(missing("Ich war fünf Jahre bei Google.", "5 Jahre Entwicklung", "")).toEqual([
      { kind: "employer", text: "google" },
    ]);
  });

  // "MIT" counts as the German "mit": each line has it and one English marker word, so English wins
  // only by the tie, and a name the CV lacks is caught.
  it.each([
    ["I", "I studied at MIT in Boston."],
    ["and", "Research at MIT and Boston."],
    ["you", "You can call MIT in Boston."],
    ["with", "Research with MIT in Boston."],
    ["for", "Research for MIT in Boston."],
    ["the", "The MIT lab in Boston."],
    ["your", "Your lab at MIT in Boston."],
    ["my", "My years at MIT in Boston."],
  ])("reads a letter with '%s' and 'MIT' as English: the place is a claim", (_word, letter) => {
    expect(missing(letter, "MIT", "MIT")).toEqual([{ kind: "name", text: "boston" }]);
  });
});

describe("grounding: numbers and dates", () => {
  it("reads number words as numbers", () => {
    expect(missing("Ich habe fünf Jahre Erfahrung.", "3 Jahre Erfahrung", "", "de")).toEqual([
      { kind: "number", text: "5" },
    ]);
    expect(missing("Ich habe fünf Jahre Erfahrung.", "5 Jahre Erfahrung", "", "de")).toEqual([]);
    expect(missing("I have five years of experience.", "5 years of experience", "", "en")).toEqual([]);
  });

  it("reads 5+ as 5", () => {
    expect(missing("I have 5+ years of Python.", "5 years Python", "", "en")).toEqual([]);
    expect(missing("I have 5+ years of Python.", "3 years Python", "", "en")).toEqual([
      { kind: "number", text: "5" },
    ]);
  });

  it("reads thousands separators and decimal commas", () => {
    expect(missing("I managed a budget of 2.000 EUR.", "Budget 2000 EUR", "", "en")).toEqual([]);
    expect(missing("I managed a budget of 2,000 EUR.", "Budget 2000 EUR", "", "en")).toEqual([]);
    expect(missing("I served 12.000 users.", "12000 users", "", "en")).toEqual([]);
    expect(missing("I served 1.000.000 users.", "1000000 users", "", "en")).toEqual([]);
    expect(missing("I served 1.000.000 users.", "1000 users", "", "en")).toEqual([
      { kind: "number", text: "1000000" },
    ]);
    expect(missing("Ich habe 3,5 Jahre Erfahrung.", "3.5 years", "", "de")).toEqual([]);
    expect(missing("Ich habe 3,5 Jahre Erfahrung.", "35 years", "", "de")).toEqual([
      { kind: "number", text: "3.5" },
    ]);
  });

  it("reads more than three digits before a comma as a decimal number, not thousands", () => {
    expect(missing("Die Messung ergab 1234,567 Meter.", "1234.567 m", "", "de")).toEqual([]);
    expect(missing("Die Messung ergab 1234,567 Meter.", "1234567 m", "", "de")).toEqual([
      { kind: "number", text: "1234.567" },
    ]);
  });

  it("holds a percentage to the same number", () => {
    expect(missing("I cut costs by 30%.", "Cut costs by 30 %", "", "en")).toEqual([]);
    expect(missing("I cut costs by 30%.", "Cut costs by 20%", "", "en")).toEqual([
      { kind: "number", text: "30" },
    ]);
  });

  it("takes the years 1900 to 2099 as dates and other numbers as numbers", () => {
    expect(missing("The archive holds 1899, 1900, 2099 and 2100.", "", "", "en")).toEqual([
      { kind: "number", text: "1899" },
      { kind: "date", text: "1900" },
      { kind: "date", text: "2099" },
      { kind: "number", text: "2100" },
    ]);
    expect(missing("I joined Acme in 2017.", "Acme 2018-2020", "", "en")).toEqual([
      { kind: "date", text: "2017" },
    ]);
  });
});

describe("grounding: words that are claims", () => {
  it("flags a title, a degree, a certificate and a language level the CV does not have", () => {
    expect(missing("I was a Senior Engineer at Acme.", "Engineer at Acme", "", "en")).toEqual([
      { kind: "title", text: "senior" },
    ]);
    expect(missing("Ich habe einen B.A. in Geschichte.", "M.A. Geschichte", "", "de")).toEqual([
      { kind: "degree", text: "b.a" },
    ]);
    expect(missing("Ich habe einen B.A. in Geschichte.", "B.A. Geschichte", "", "de")).toEqual([]);
    expect(missing("I am a certified Scrum Master.", "Scrum Master", "", "en")).toEqual([
      { kind: "certificate", text: "certified" },
    ]);
    expect(missing("I am a certified Scrum Master.", "Scrum Master (certified 2020)", "", "en")).toEqual([]);
    expect(missing("I speak fluent German.", "German (B2)", "", "en")).toEqual([
      { kind: "language_level", text: "fluent" },
    ]);
  });

  it("takes A1 to C2 as language levels and other short capitals as technologies", () => {
    expect(missing("My German is at C1.", "German B1", "", "en")).toEqual([
      { kind: "language_level", text: "c1" },
    ]);
    expect(missing("I sold B2B software.", "B2C sales", "", "en")).toEqual([
      { kind: "technology", text: "b2b" },
    ]);
    expect(missing("I ran EC2 fleets.", "AWS Lambda in 2 regions", "", "en")).toEqual([
      { kind: "technology", text: "ec2" },
    ]);
  });

  it("takes a camel-case word as a technology", () => {
    expect(missing("Ich habe Agenten mit LangChain gebaut.", "Python", "", "de")).toEqual([
      { kind: "technology", text: "langchain" },
    ]);
  });

  it("finds a technology with dots around it", () => {
    expect(missing("Ich kenne Kafka...", "Python", "", "de")).toEqual([
      { kind: "technology", text: "kafka" },
    ]);
    expect(missing("Und dann ...Kafka.", "Python", "", "de")).toEqual([
      { kind: "technology", text: "kafka" },
    ]);
  });

  it("holds what the letter says of the company's standing against the posting", () => {
    expect(missing("Your company is the market leader.", "", "We build software.", "en")).toEqual([
      { kind: "company", text: "leader" },
    ]);
  });

  it("flags an employer with a company suffix", () => {
    expect(missing("I worked at Initech GmbH.", "Acme GmbH", "", "en")).toEqual([
      { kind: "employer", text: "initech gmbh" },
      { kind: "name", text: "initech" },
    ]);
    expect(missing("At  Initech Group I led the data team.", "Initech Group: data team", "", "en")).toEqual(
      [],
    );
  });

  it("takes the capitalised words after 'bei' in German as the employer", () => {
    expect(missing("Ich war bei Deutsche Bahn tätig.", "Siemens", "", "de")).toEqual([
      { kind: "employer", text: "deutsche bahn" },
    ]);
    expect(missing("Ich war bei Deutsche Bahn tätig.", "Deutsche Bahn", "", "de")).toEqual([]);
    expect(missing("Ich war bei Google.", "Siemens", "", "de")).toEqual([
      { kind: "employer", text: "google" },
    ]);
    expect(missing("Ich war bei  Google.", "Siemens", "", "de")).toEqual([
      { kind: "employer", text: "google" },
    ]);
    expect(missing("Ich freue mich auf ein Gespräch bei Ihnen.", "", "", "de")).toEqual([]);
  });

  it("takes capitalised words inside an English sentence as names", () => {
    expect(missing('I led the project ("Atlas") at Acme.', "Led a project at Acme", "", "en")).toEqual([
      { kind: "name", text: "atlas" },
    ]);
    expect(missing("I admire Spotify's platform.", "", "", "en")).toEqual([
      { kind: "name", text: "spotify" },
    ]);
    expect(missing("I wrote my thesis with D'souza.", "Thesis supervisor: D'souza", "", "en")).toEqual([]);
    expect(missing("I joined the Node.js Foundation.", "Node.js", "", "en")).toEqual([
      { kind: "name", text: "foundation" },
    ]);
  });

  it("takes the name after a title such as Dr. or Prof. as a name, not as a sentence start", () => {
    // (The title itself is held as a degree, as everywhere: it is checked against the CV too.)
    expect(missing("I worked with Dr. Smith on the study.", "Research assistant", "", "en")).toEqual([
      { kind: "degree", text: "dr" },
      { kind: "name", text: "smith" },
    ]);
    expect(missing("I wrote my thesis under Prof. Meyer.", "Thesis with Prof. Meyer", "", "en")).toEqual([]);
    // A real sentence end still opens a sentence: its first word is no name.
    expect(missing("I led the team. Later I moved on.", "Led the team", "", "en")).toEqual([]);
  });

  it("takes no month, no word after a colon and no lower-case word as a name", () => {
    expect(missing("I can start in March.", "", "", "en")).toEqual([]);
    expect(missing("My focus: Data pipelines at scale.", "", "", "en")).toEqual([]);
    expect(missing("My focus:  Data pipelines at scale.", "", "", "en")).toEqual([]);
    expect(missing("I built e-Commerce shops.", "", "", "en")).toEqual([]);
  });
});

describe("grounding: how a claim is found in its source", () => {
  it("does not find a technology inside a longer word", () => {
    expect(missing("I write C++.", "C, Java", "", "en")).toEqual([{ kind: "technology", text: "c++" }]);
    expect(missing("I write Rust.", "Built trust with clients", "", "en")).toEqual([
      { kind: "technology", text: "rust" },
    ]);
    expect(missing("I write Go every day.", "Code review of what goes live", "", "en")).toEqual([
      { kind: "technology", text: "go" },
    ]);
  });

  it.each([
    ["(none)", "Sie gehören zu den führenden Anbietern.", "Wir sind führend in der Logistik."],
    ["e", "Sie sind führend in der Logistik.", "Die führende Plattform der Logistik."],
    ["en", "Sie sind führend in der Logistik.", "Einer der führenden Anbieter der Logistik."],
    ["er", "Sie sind führend in der Logistik.", "Ein führender Anbieter der Logistik."],
    ["es", "Sie sind führend in der Logistik.", "Ein führendes Unternehmen der Logistik."],
    ["em", "Sie sind führend in der Logistik.", "Mit führendem Wissen in der Logistik."],
    ["n", "Sie sind Marktführer in der Logistik.", "Wir gehören zu den Marktführern der Logistik."],
  ])("finds a claim in the posting with the ending -%s", (_ending, letter, posting) => {
    expect(missing(letter, "", posting, "de")).toEqual([]);
  });

  it("does not find a claim in a longer word that only starts with it", () => {
    expect(
      missing("Sie sind Marktführer in der Logistik.", "", "Unser Ziel ist die Marktführerschaft.", "de"),
    ).toEqual([{ kind: "company", text: "marktfuhrer" }]);
  });

  it("finds a claim in its plural in the source", () => {
    expect(missing("I was a team lead at Acme.", "One of two team leads at Acme", "", "en")).toEqual([]);
  });
});

describe("grounding: whom a claim is about", () => {
  it("holds a sentence about the company against the posting only", () => {
    expect(missing("Your platform serves 300 clients.", "", "300 clients", "en")).toEqual([]);
    expect(missing("Your platform serves 300 clients.", "300 clients", "", "en")).toEqual([
      { kind: "number", text: "300" },
    ]);
  });

  it("splits a sentence about both at a comma or 'and', each part held against its own source", () => {
    for (const letter of [
      "I have run Kafka for 5 years, and your team runs 40 clusters.",
      "I have run Kafka for 5 years and your team runs 40 clusters.",
    ]) {
      expect(missing(letter, "Kafka, 5 years", "40 Kafka clusters", "en")).toEqual([]);
      expect(missing(letter, "Kafka, 5 years, 40 clusters", "Kafka", "en")).toEqual([
        { kind: "number", text: "40" },
      ]);
    }
  });

  it("lists a number once for a sentence about the person alone that names it twice", () => {
    expect(missing("I led 40 engineers, then 40 more.", "", "", "en")).toEqual([
      { kind: "number", text: "40" },
    ]);
  });

  it("keeps the last word of the person's part with the person when the company's part follows 'and'", () => {
    expect(missing("I have used Go and your team runs 40 clusters.", "Go", "40 clusters", "en")).toEqual([]);
  });

  it("takes a capitalised word after a colon and two spaces as a sentence start in a split sentence", () => {
    expect(
      missing(
        "I have run Kafka for 5 years, and your team's goal:  Data pipelines at scale.",
        "Kafka, 5 years",
        "Kafka",
        "en",
      ),
    ).toEqual([]);
  });

  it("lists a number once for a sentence about the company that names it twice", () => {
    expect(missing("Your team has 40 engineers, and your platform serves 40 clients.", "", "", "en")).toEqual(
      [{ kind: "number", text: "40" }],
    );
  });

  it("splits an application sentence too: its part about the company is held against the posting", () => {
    expect(
      missing(
        "I am applying for the role I found, as 40 clusters like yours are rare.",
        "40 clusters",
        "",
        "en",
      ),
    ).toEqual([{ kind: "number", text: "40" }]);
  });

  it("gives a part after the company's part to the company", () => {
    expect(
      missing(
        "I ran Kafka for 5 years, and your team runs 40 clusters, 12 in Berlin.",
        "Kafka, 5 years",
        "40 clusters, 12 in Berlin",
        "en",
      ),
    ).toEqual([]);
  });

  it("gives a part without its own 'I' or 'your' to the part before it", () => {
    expect(
      missing(
        "I led teams of 12 engineers, 8 in Berlin, and your platform has 8 squads.",
        "Led teams of 12 engineers",
        "8 squads",
        "en",
      ),
    ).toEqual([
      { kind: "number", text: "8" },
      { kind: "name", text: "berlin" },
    ]);
  });

  it("holds what an application sentence says of the company's team against the posting", () => {
    expect(
      missing(
        "I am applying for the position in your team of 40 engineers.",
        "Led 40 engineers",
        "team of 12 engineers",
        "en",
      ),
    ).toEqual([{ kind: "number", text: "40" }]);
  });

  it("gives a claim to the nearer of 'I' and 'your' in one clause", () => {
    expect(missing("I know you're running 40 clusters.", "", "40 clusters", "en")).toEqual([]);
    expect(missing("I want to work on the 40 clusters (of yours).", "", "40 clusters", "en")).toEqual([]);
    expect(missing('I admire the 40 clusters ("yours").', "", "40 clusters", "en")).toEqual([]);
    expect(missing("40 teams like yours are what I want to support.", "", "40 teams", "en")).toEqual([]);
    expect(
      missing("My 5 years of Kafka suit your team well, as I said.", "5 years Kafka", "Kafka", "en"),
    ).toEqual([]);
  });

  it("gives a claim as near to 'your' as to 'I' to whichever is named first", () => {
    expect(missing("Today I offer 8 years your team can use.", "8 years", "", "en")).toEqual([]);
    expect(missing("I  would bring 40 years to your team.", "40 years", "", "en")).toEqual([]);
  });
});
