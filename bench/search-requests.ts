// The searches of the search benchmarks (bench/search.bench.ts, bench/search-parts.bench.ts): what
// people ask at a size where filters and common words matter.
import type { FacetFilter } from "../src/search/facets.js";
import type { SearchRequest } from "../src/search/search.service.js";
import { CITIES } from "./search-corpus.js";

/** The corpus's "now" (its posting dates are spread before it). */
export const NOW = Date.parse("2026-11-21T00:00:00Z");

const place = (name: string, radiusKm: number) => {
  const c = CITIES.find((x) => x.city.startsWith(name))!;
  return { name, lat: c.lat, lon: c.lon, radiusKm };
};
const DAYS_120 = new Date(NOW - 120 * 86_400_000).toISOString();
export const REQUESTS: Array<[string, SearchRequest]> = [
  ["python Berlin", { text: "python Berlin", limit: 10 }],
  ["Pflege", { text: "Pflege", limit: 10 }],
  ['"" + Bamberg 25 km', { text: "", place: place("Bamberg", 25), limit: 10 }],
  [
    "Softwareentwickler + Nürnberg 30 km",
    { text: "Softwareentwickler", place: place("Nürnberg", 30), limit: 10 },
  ],
  ["security engineer, remote only", { text: "security engineer", remote: ["remote"], limit: 10 }],
  ["Kaufmann, last 120 days", { text: "Kaufmann Büromanagement", postedAfter: DAYS_120, limit: 10 }],
  [
    "data scientist + Frankfurt 50 km, remote ok",
    { text: "data scientist", place: place("Frankfurt", 50), remoteAnywhere: true, limit: 10 },
  ],
  [
    "Lagerhelfer Gabelstapler + Erlangen 20 km",
    { text: "Lagerhelfer Gabelstapler", place: place("Erlangen", 20), limit: 10 },
  ],
  ["SOC analyst, page 3", { text: "SOC analyst", limit: 10, offset: 20 }],
  ['"" remote only', { text: "", remote: ["remote"], limit: 10 }],
];
export const FILTERS: Array<[string, FacetFilter]> = [
  ["Würzburg 10 km", { place: place("Würzburg", 10) }],
  ["Bamberg 5 km", { place: place("Bamberg", 5) }],
  ["Erlangen 10 km", { place: place("Erlangen", 10) }],
  ["Bamberg 25 km", { place: place("Bamberg", 25) }],
  ["remote only", { remote: ["remote"] }],
  ["Nürnberg 50 km", { place: place("Nürnberg", 50) }],
  ["last 120 days", { postedAfter: DAYS_120 }],
];
