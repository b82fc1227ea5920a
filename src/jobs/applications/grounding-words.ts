// Word lists the grounding check uses to find claims a letter makes. Lower-case, folded (no
// diacritics, ß as ss). A word here is a claim: it must appear in the cited CV lines (or, for a
// sentence about the company, in the posting).

/** Technologies, tools and methods people list in CVs and postings. */
export const TECHNOLOGIES = new Set(
  (
    "python java javascript typescript kotlin scala go golang rust ruby php perl swift c# c++ .net dotnet r matlab " +
    "sql nosql postgresql postgres mysql mariadb oracle mongodb redis cassandra elasticsearch opensearch snowflake bigquery redshift databricks " +
    "spark hadoop kafka airflow flink dbt pandas numpy pytorch tensorflow scikit-learn keras " +
    "aws azure gcp docker kubernetes k8s terraform ansible helm jenkins gitlab github linux unix bash " +
    "react angular vue node.js nodejs django flask fastapi spring graphql rest microservices " +
    "sap salesforce excel tableau powerbi jira confluence figma " +
    "scrum kanban agile devops mlops itil prince2 " +
    "intensivpflege anasthesie wundversorgung"
  ).split(" "),
);

/** Seniority and role words: an inflated title changes one of these. */
export const TITLE_WORDS = new Set(
  (
    "junior senior lead principal staff head chief director manager vp cto ceo cio founder co-founder architect " +
    "teamleiter teamleiterin leiter leiterin leitung abteilungsleiter geschaftsfuhrer oberarzt chefarzt stationsleitung"
  ).split(" "),
);

/** Degrees and schools. */
export const DEGREE_WORDS = new Set(
  (
    "bachelor master b.sc b.sc. m.sc m.sc. bsc msc b.a. m.a. b.eng m.eng phd ph.d ph.d. doctorate doctoral dr. doktor " +
    "promotion diplom dipl.-ing dipl.-inf mba abitur magister staatsexamen"
  ).split(" "),
);

/** Certificates. */
export const CERTIFICATE_WORDS = new Set(
  "certified certification certificate certificates zertifikat zertifikate zertifiziert zertifizierung licensed license".split(
    " ",
  ),
);

/** Language levels in words (A1–C2 are caught as codes). */
export const LANGUAGE_LEVEL_WORDS = new Set(
  (
    "native fluent fluently proficient bilingual conversational business-fluent " +
    "muttersprache muttersprachlich muttersprachler fliessend verhandlungssicher grundkenntnisse"
  ).split(" "),
);

/** Claims about a company's standing that must come from the posting. */
export const STANDING_WORDS = new Set(
  (
    "leading leader largest biggest award-winning fastest-growing fastest pioneer pioneering unicorn " +
    "fuhrend fuhrende fuhrender fuhrenden marktfuhrer marktfuhrerin grosste grossten grosster weltmarktfuhrer preisgekront"
  ).split(" "),
);

/** Number words, as digits. ("one"/"ein" are left out: "one of the…" is no claim.) */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  fifty: 50,
  hundred: 100,
  hundreds: 100,
  thousand: 1000,
  thousands: 1000,
  zwei: 2,
  drei: 3,
  vier: 4,
  funf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  elf: 11,
  zwolf: 12,
  funfzehn: 15,
  zwanzig: 20,
  dreissig: 30,
  funfzig: 50,
  hundert: 100,
  hunderte: 100,
  tausend: 1000,
};

/** Words a person uses about themselves. */
export const FIRST_PERSON = new Set(
  "i i'm i've i'd me my mine myself ich mein meine meinen meinem meiner meines mir mich".split(" "),
);

/** Words that address the company (English "you", German Sie-form). */
export const SECOND_PERSON = new Set(
  "you your yours you're sie ihr ihre ihren ihrem ihrer ihres ihnen".split(" "),
);

/** Words of an application sentence ("I am applying for the position of …"), which may name the posting's title. */
export const APPLICATION_WORDS = new Set(
  (
    "apply applying application position role vacancy opening advertisement advert posting job " +
    "bewerbe bewerben bewerbung stelle position ausschreibung stellenanzeige stellenausschreibung"
  ).split(" "),
);

/** Capitalised words that are no claim in English prose (sentence openers, salutations, days, months). */
export const PLAIN_CAPITALS = new Set(
  (
    "i dear sir madam mr ms mrs hiring team manager sincerely regards kind best yours thank thanks " +
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december"
  ).split(" "),
);

/** German words after "bei" that are no employer ("bei Fragen", "bei Ihnen"). */
export const NOT_EMPLOYERS_DE = new Set(
  "fragen interesse bedarf ruckfragen ihnen uns ihrem ihrer einem einer der dem den".split(" "),
);

/** Company suffixes: a capitalised name ending in one is an employer claim. */
export const COMPANY_SUFFIX =
  /\b(?:[A-ZÄÖÜ][\w&.-]*\s+){1,4}(?:GmbH|AG|SE|KG|KGaA|Inc\.?|Ltd\.?|LLC|plc|Bank|Group|Gruppe|Universit(?:y|ät)|Hochschule|Klinikum|Institute|Institut)\b/g;
