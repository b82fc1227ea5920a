// Builds test/fixtures/fit/labelled-set.json from the real postings in ../shared/data/jobs: the
// postings named below (as the search corpus converts them), three profiles, and each pair labelled
// by hand — fit or no fit, and the hard rule outcome a person would expect. The labels were decided
// by reading the postings' titles, descriptions and places, never from the scorer's output.
//
//   npx tsx bench/fit-set-build.ts
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { postingId, type Posting } from "../src/core/posting.js";
import { fromBa, fromCyber, type CyberJob } from "./search-corpus.js";
import { FIT_SET_FILE, type FitSet, type LabelledPair, type SetProfile } from "../test/support/fit-set.js";

const DATA = path.resolve(import.meta.dirname, "../../shared/data/jobs");

const profiles: SetProfile[] = [
  {
    id: "soc-analyst-en",
    cv: [
      "Sam Rivera",
      "SOC Analyst / Detection Engineer",
      "Summary: 4 years in a Security Operations Center: monitoring, triage and incident response.",
      "2021–2025 SOC Analyst, Example Telecom, Amsterdam",
      "Triaged SIEM alerts in Splunk and Microsoft Sentinel; led incident response for phishing and ransomware cases.",
      "Wrote detection rules (Sigma, KQL) and automated enrichment in Python; threat hunting with EDR.",
      "Skills: SIEM, Splunk, Sentinel, incident response, threat hunting, detection engineering, Python, Linux, networking",
      "Certifications: CompTIA Security+, GIAC GCIH",
      "Languages: English (C2), German (C1), Dutch (B1)",
      "Education: B.Sc. Computer Science",
    ],
    preferences: { languages: ["en", "de"] },
  },
  {
    id: "pflege-bamberg-de",
    cv: [
      "Maria Schmidt",
      "Pflegefachfrau, Fachkrankenpflege Intensivpflege und Anästhesie",
      "Bamberg",
      "Berufserfahrung: 7 Jahre in der Gesundheits- und Krankenpflege, davon 4 Jahre Intensivpflege.",
      "2018–2025 Pflegefachfrau, Klinikum Bamberg, Intensivstation",
      "Kenntnisse: Intensivpflege, Anästhesie, Beatmung, Wundversorgung, Pflegedokumentation, Altenpflege",
      "Sprachen: Deutsch (Muttersprache), Englisch (B1)",
      "Ausbildung: Examinierte Gesundheits- und Krankenpflegerin, Fachweiterbildung Intensivpflege",
    ],
    preferences: {
      places: [{ name: "Bamberg", lat: 49.8988, lon: 10.9028, radiusKm: 30 }],
      languages: ["de"],
    },
  },
  {
    id: "lager-bamberg-de",
    cv: [
      "Jonas Weber",
      "Lagermitarbeiter und Staplerfahrer",
      "Bamberg",
      "Berufserfahrung: 5 Jahre in Lager und Logistik.",
      "2019–2025 Lagermitarbeiter, Beispiel Logistik GmbH, Hallstadt: Wareneingang, Warenausgang, Kommissionierung",
      "Kenntnisse: Gabelstapler (Staplerschein), Kommissionierung, Verpackung, Lagerverwaltung, Scanner",
      "Sprachen: Deutsch (Muttersprache)",
    ],
    preferences: {
      places: [{ name: "Bamberg", lat: 49.8988, lon: 10.9028, radiusKm: 30 }],
      languages: ["de"],
    },
  },
];

type Label = [postingId: string, verdict: LabelledPair["verdict"], rules?: LabelledPair["rules"]];
const near = { place: "pass" } as const;
const far = { place: "fail" } as const;

const labels: Record<string, Label[]> = {
  "soc-analyst-en": [
    ["cyberjobs:539311d0f2913469", "fit"], // Detection Engineering und Automation (SOC)
    ["cyberjobs:f12dc995f0b5ff69", "fit"], // Cybersecurity Operations Engineer
    ["cyberjobs:80c22a7537713ce7", "fit"], // SOC Analist
    ["cyberjobs:e5a61b8c78be2cfe", "fit"], // Cybersecurity Incident Response Officer
    ["cyberjobs:03ee2a712a5fa469", "fit"], // Incident Response Analyst
    ["cyberjobs:03e791b6c4422839", "no_fit"], // IT-Security Sales Consultant
    ["cyberjobs:469d11f1797792a0", "no_fit"], // Cybersecurity Sales Specialist
    ["cyberjobs:674a2558bffc5fb4", "no_fit"], // Inside Sales
    ["cyberjobs:c51b61ee70918035", "no_fit"], // Account Executive Austria
    ["cyberjobs:24d06bd36ab313f4", "no_fit"], // Bilanzbuchhalter
    ["cyberjobs:5529a6999b67f6a1", "no_fit"], // WEG-Buchhalter
  ],
  "pflege-bamberg-de": [
    ["ba:10001-1001814272-S", "fit", near], // Pflegefachmann/-frau, Bamberg
    ["ba:10001-1001814152-S", "fit", near], // Pflegefachkraft, Bamberg
    ["ba:14751-373A42863-S", "fit", near], // Pflegefachmann/Pflegefachfrau, Bamberg
    ["ba:14751-373A43350-S", "fit", near], // Fachkrankenpfleger Intensivpflege/Anästhesie, Bamberg
    ["ba:14751-369A45-S", "fit", near], // Altenpfleger außenklinische Intensivpflege, Bamberg
    ["ba:12513-0007608581-S", "no_fit", far], // Pflegefachkraft, Sulzbach-Rosenberg (75 km)
    ["ba:10000-1203824278-S", "no_fit", far], // Pflegefachkraft Anästhesie/Intensiv, Münchberg (72 km)
    ["ba:17489-b04d884684f54ef-S", "no_fit", near], // Gabelstaplerfahrer, Bamberg
    ["ba:10001-1001872008-S", "no_fit", near], // Kaufmann/-frau Bürokommunikation, Bamberg
    ["ba:10001-1001845398-S", "no_fit", near], // Elektriker als Zählermonteur, Bamberg
  ],
  "lager-bamberg-de": [
    ["ba:17489-b04d884684f54ef-S", "fit", near], // Gabelstaplerfahrer, Bamberg
    ["ba:17489-3d73e221aeac46f-S", "fit", near], // Lagermitarbeiter, Hallstadt
    ["ba:11119-4454513990-S", "fit", near], // Staplerfahrer, Bamberg
    ["ba:10000-1203815179-S", "fit", near], // Staplerfahrer Warenausgang, Strullendorf
    ["ba:11868-13443548-S", "fit", near], // Kommissionierer und Verpacker, Bamberg
    ["ba:10001-1001869476-S", "no_fit", far], // Staplerfahrer, Schwabach (63 km)
    ["ba:11119-4467474451-S", "no_fit", far], // Lagerhelfer, Brünn bei Eisfeld (61 km)
    ["ba:10001-1001814152-S", "no_fit", near], // Pflegefachkraft, Bamberg
    ["ba:14751-373A43350-S", "no_fit", near], // Fachkrankenpfleger Intensivpflege, Bamberg
    ["ba:10001-1001846295-S", "no_fit", near], // Sozialarbeiter/Erzieher, Bamberg
    ["ba:10001-1001845433-S", "no_fit", near], // Stromzählermonteur Elektriker, Bamberg
  ],
};

const all = new Map<string, Posting>();
const cyber = JSON.parse(readFileSync(path.join(DATA, "cyberjobs-radar-jobs.json"), "utf8")) as CyberJob[];
for (const j of cyber) {
  const p = fromCyber(j);
  all.set(p.id, p);
}
const rows = parse<Record<string, string>>(
  readFileSync(path.join(DATA, "ba-jobsuche-v4-search-bamberg-100km.csv")),
  {
    columns: true,
    skip_empty_lines: true,
  },
);
for (const r of rows) {
  const p = fromBa(r);
  if (p) all.set(p.id, p);
}

// Labels name postings by source and source id ("ba:<refnr>"); the set uses their posting ids.
const idOf = (label: string) => {
  const [source, ...rest] = label.split(":");
  return postingId(source!, rest.join(":"));
};
const wanted = new Set(Object.values(labels).flatMap((ls) => ls.map(([id]) => id)));
const postings = [...wanted].map((label) => {
  const p = all.get(idOf(label));
  if (!p) throw new Error(`posting ${label} is not in ../shared/data/jobs`);
  return p;
});
const pairs: LabelledPair[] = Object.entries(labels).flatMap(([profile, ls]) =>
  ls.map(([label, verdict, rules]) => ({
    profile,
    posting: idOf(label),
    verdict,
    ...(rules ? { rules } : {}),
  })),
);
const set: FitSet = {
  origin:
    "Postings from ../shared/data/jobs (cyberjobs-radar-jobs.json, ba-jobsuche-v4-search-bamberg-100km.csv; provenance in ../shared/fixtures/job-sources/SOURCES.md), converted as bench/search-corpus.ts does; profiles written for this set; labels by hand (bench/fit-set-build.ts).",
  profiles,
  postings,
  pairs,
};
writeFileSync(FIT_SET_FILE, `${JSON.stringify(set, null, 1)}\n`);
process.stdout.write(
  `${pairs.length} pairs, ${postings.length} postings, ${profiles.length} profiles → ${FIT_SET_FILE}\n`,
);
