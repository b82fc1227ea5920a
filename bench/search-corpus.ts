// Postings for the search benchmark: the real samples in ../shared/data/jobs when present, plus
// synthetic variants (other title prefix, place, remote mode, date, a borrowed sentence) up to n.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { postingId, type Posting, type RemoteMode } from "../src/core/posting.js";
import { rng } from "../test/support/rng.js";

/** A few cities with coordinates, Germany-heavy like the real data. */
export const CITIES: ReadonlyArray<{ city: string; country: string; lat: number; lon: number }> = [
  { city: "Berlin", country: "DE", lat: 52.52, lon: 13.405 },
  { city: "Frankfurt am Main", country: "DE", lat: 50.1109, lon: 8.6821 },
  { city: "München", country: "DE", lat: 48.1351, lon: 11.582 },
  { city: "Hamburg", country: "DE", lat: 53.5511, lon: 9.9937 },
  { city: "Köln", country: "DE", lat: 50.9375, lon: 6.9603 },
  { city: "Nürnberg", country: "DE", lat: 49.4521, lon: 11.0767 },
  { city: "Bamberg", country: "DE", lat: 49.8988, lon: 10.9028 },
  { city: "Erlangen", country: "DE", lat: 49.5897, lon: 11.0078 },
  { city: "Würzburg", country: "DE", lat: 49.7913, lon: 9.9534 },
  { city: "Düsseldorf", country: "DE", lat: 51.2277, lon: 6.7735 },
  { city: "Stuttgart", country: "DE", lat: 48.7758, lon: 9.1829 },
  { city: "Leipzig", country: "DE", lat: 51.3397, lon: 12.3731 },
  { city: "Wien", country: "AT", lat: 48.2082, lon: 16.3738 },
  { city: "Zürich", country: "CH", lat: 47.3769, lon: 8.5417 },
  { city: "Amsterdam", country: "NL", lat: 52.3676, lon: 4.9041 },
  { city: "Warszawa", country: "PL", lat: 52.2297, lon: 21.0122 },
];
const BY_NAME = new Map(CITIES.map((c) => [c.city.toLowerCase(), c]));

export interface Corpus {
  postings: Posting[];
  /** How many came from the real samples (the rest are variants). */
  real: number;
  source: string;
}

export interface CyberJob {
  id: string;
  title: string;
  company: string;
  location: string;
  country: string;
  remote: boolean | string;
  posted_date: string;
  description: string;
}

export function fromCyber(j: CyberJob): Posting {
  const cityName = j.location.includes(",") ? j.location.split(",")[0]!.trim() : undefined;
  const known = cityName ? BY_NAME.get(cityName.toLowerCase()) : undefined;
  const country = /^[A-Z]{2}$/.test(j.country) ? j.country : undefined;
  const remoteMode: RemoteMode =
    j.country === "REMOTE" || j.remote === true ? "remote" : j.remote === false ? "onsite" : "unknown";
  return {
    id: postingId("cyberjobs", j.id),
    title: j.title.slice(0, 500) || "Job",
    company: j.company.slice(0, 300) || "Unknown",
    locations: cityName
      ? [
          {
            city: cityName,
            ...(country ? { country } : {}),
            ...(known ? { lat: known.lat, lon: known.lon } : {}),
          },
        ]
      : [],
    remoteMode,
    employmentType: "unknown",
    seniority: "unknown",
    language: "en",
    ...(/^\d{4}-\d{2}-\d{2}$/.test(j.posted_date) ? { postedAt: `${j.posted_date}T00:00:00Z` } : {}),
    description: j.description,
    sources: [{ source: "cyberjobs", sourceId: j.id }],
  };
}

export function fromBa(r: Record<string, string>): Posting | undefined {
  const lat = Number(r["arbeitsort.koordinaten.lat"]);
  const lon = Number(r["arbeitsort.koordinaten.lon"]);
  const city = (r["arbeitsort.ort"] ?? "").split(",")[0]!.trim();
  if (!r.titel || !r.refnr) return undefined;
  const date = r.aktuelleVeroeffentlichungsdatum ?? "";
  return {
    id: postingId("ba", r.refnr),
    title: r.titel.slice(0, 500),
    company: (r.arbeitgeber ?? "").trim().slice(0, 300) || "Unbekannt",
    locations: [
      {
        ...(city ? { city } : {}),
        ...(r["arbeitsort.region"] && r["arbeitsort.region"] !== "null"
          ? { region: r["arbeitsort.region"] }
          : {}),
        country: "DE",
        ...(Number.isFinite(lat) && Number.isFinite(lon) && lat !== 0 ? { lat, lon } : {}),
      },
    ],
    remoteMode: "unknown",
    employmentType: "unknown",
    seniority: "unknown",
    language: "de",
    ...(/^\d{4}-\d{2}-\d{2}$/.test(date) ? { postedAt: `${date}T00:00:00Z` } : {}),
    description: `${r.beruf ?? ""}. ${r.titel}. Arbeitgeber: ${r.arbeitgeber ?? ""}. Arbeitsort: ${r["arbeitsort.ort"] ?? ""}.`,
    sources: [{ source: "ba", sourceId: r.refnr }],
  };
}

const ROLES = [
  "Softwareentwickler",
  "Python Developer",
  "Data Engineer",
  "Pflegefachkraft",
  "Lagerhelfer",
  "Kaufmann",
  "Security Analyst",
  "DevOps Engineer",
  "Elektriker",
  "Erzieher",
  "Buchhalter",
  "Projektmanager",
  "Java Entwickler",
  "Vertriebsmitarbeiter",
  "Krankenpfleger",
  "SOC Analyst",
  "Frontend Developer",
  "Mechatroniker",
  "Koch",
  "Fahrer",
];
const TOPICS = [
  "Cloud",
  "Intensivstation",
  "Logistik",
  "Automotive",
  "Finanzen",
  "Kubernetes",
  "Gesundheit",
  "E-Commerce",
  "Cybersecurity",
  "Energie",
  "Machine Learning",
  "Schichtdienst",
  "Teilzeit",
  "Backend",
  "Kundenservice",
];
const SENTENCES = [
  "Wir bieten ein unbefristetes Arbeitsverhältnis und flexible Arbeitszeiten.",
  "You will work in an international team on modern infrastructure.",
  "Erfahrung mit Python, SQL und Docker ist von Vorteil.",
  "Sie betreuen Patientinnen und Patienten auf der Station.",
  "Führerschein Klasse B und Staplerschein erforderlich.",
  "We value ownership, code review and continuous delivery.",
  "Abgeschlossene Ausbildung im kaufmännischen Bereich.",
  "Incident response and threat hunting in our SOC.",
];

function synthetic(i: number, r: () => number): Posting {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const c = pick(CITIES);
  return {
    id: postingId("synthetic", String(i)),
    title: `${pick(ROLES)} ${pick(TOPICS)}`,
    company: `${pick(["Nord", "Süd", "Alpha", "Data", "Care", "Logi"])}${pick(["tec", "med", "soft", "trans"])} GmbH`,
    locations: [{ city: c.city, country: c.country, lat: c.lat, lon: c.lon }],
    remoteMode: "unknown",
    employmentType: "unknown",
    seniority: "unknown",
    language: "de",
    description: Array.from({ length: 4 }, () => pick(SENTENCES)).join(" "),
    sources: [{ source: "synthetic", sourceId: String(i) }],
  };
}

/** A variant of `base`: other seniority, topic, place, remote mode and date, one borrowed sentence. */
function variant(base: Posting, donor: Posting, i: number, r: () => number, now: number): Posting {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const prefix = pick(["", "", "Senior ", "Junior ", "Lead ", "Werkstudent "]);
  const loc = r() < 0.5 && base.locations[0]?.lat !== undefined ? base.locations[0] : undefined;
  const c = pick(CITIES);
  const jitter = () => (r() - 0.5) * 0.1;
  const roll = r();
  const remoteMode: RemoteMode =
    roll < 0.12 ? "remote" : roll < 0.27 ? "hybrid" : roll < 0.6 ? "onsite" : "unknown";
  const borrowed = donor.description
    .split(/(?<=[.!?])\s+/)
    .slice(0, 2)
    .join(" ");
  return {
    ...base,
    id: postingId("variant", String(i)),
    title: `${prefix}${base.title}${r() < 0.3 ? ` – ${pick(TOPICS)}` : ""}`.slice(0, 500),
    locations: [loc ?? { city: c.city, country: c.country, lat: c.lat + jitter(), lon: c.lon + jitter() }],
    remoteMode,
    postedAt: new Date(now - Math.floor(r() * 180) * 86_400_000).toISOString(),
    description: `${base.description} ${borrowed}`.slice(0, 6000),
    sources: [{ source: "variant", sourceId: String(i) }],
  };
}

/** `n` postings: the real samples when `dataDir` exists, then variants (or synthetic ones without data). */
export function buildCorpus(n: number, dataDir: string, now: number): Corpus {
  const r = rng(42);
  const base: Posting[] = [];
  let source = "synthetic only (../shared/data/jobs not found)";
  let found = false;
  const cyberFile = path.join(dataDir, "cyberjobs-radar-jobs.json");
  const baFile = path.join(dataDir, "ba-jobsuche-v4-search-bamberg-100km.csv");
  if (existsSync(cyberFile) && existsSync(baFile)) {
    const cyber = JSON.parse(readFileSync(cyberFile, "utf8")) as CyberJob[];
    base.push(...cyber.map(fromCyber));
    const rows = parse<Record<string, string>>(readFileSync(baFile), {
      columns: true,
      skip_empty_lines: true,
    });
    for (const row of rows) {
      const p = fromBa(row);
      if (p) base.push(p);
    }
    found = true;
    source = `${cyber.length} cyberjobs-radar + ${rows.length} ba-jobsuche postings from ../shared/data/jobs`;
  } else {
    for (let i = 0; i < 2000; i++) base.push(synthetic(i, r));
  }
  const seen = new Set<string>();
  const postings = base.filter((p) => !seen.has(p.id) && seen.add(p.id)).slice(0, n);
  const real = found ? postings.length : 0;
  for (let i = postings.length; i < n; i++) {
    postings.push(
      variant(base[Math.floor(r() * base.length)]!, base[Math.floor(r() * base.length)]!, i, r, now),
    );
  }
  return { postings, real, source };
}
