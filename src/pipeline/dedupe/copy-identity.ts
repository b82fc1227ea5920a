import { foldText } from "../../core/text.js";
import type { Posting } from "../../core/posting.js";
import { resolvePlace } from "../../core/geo/gazetteer.js";
import { countryCode, regionName } from "../../core/geo/names.js";
import { detectSeniority } from "../sources/posting-signals.js";
import { companyKey } from "./company-key.js";
import { bandKeys, minhash } from "./minhash.js";
import { analyzeTitle } from "./title-key.js";

/** A city of a copy: its gazetteer name (folded), and postal code when known. */
export interface CopyCity {
  name: string;
  postalCode?: string;
}

/** Where a copy says the job is. */
export interface CopyPlaces {
  cities: CopyCity[];
  /** ISO countries named, with or without a city. */
  countries: string[];
}

/**
 * What identifies one copy of a job: the fingerprint (company key + title key + place), the apply
 * URL, the description sketch and the attributes that tell two similar jobs apart.
 */
export interface CopyIdentity {
  companyKey: string;
  titleKey: string;
  places: CopyPlaces;
  /** From the title alone: a "Senior" and a "Junior" copy are different jobs. */
  seniority: string;
  employment: string;
  canonicalUrl: string | null;
  postedAt: string | null;
  descLength: number;
  /** MinHash of the description; undefined when it is too short to compare. */
  sketch: Uint32Array | undefined;
  /** Its LSH bucket keys, salted with the company key (empty without a sketch). */
  bands: number[];
}

/** The gazetteer's name of a city (folded), so "Munich" and "München", "Frankfurt" and "Frankfurt am Main" agree. */
const cityNames = new Map<string, string>();

function cityName(city: string, country: string | undefined): string {
  const key = `${country ?? ""}|${city}`;
  let name = cityNames.get(key);
  if (name === undefined) {
    const known = resolvePlace(city, country ? { preferCountry: country } : {});
    name = foldText(known && (!country || known.country === country) ? known.name : city);
    if (cityNames.size > 50_000) cityNames.clear();
    cityNames.set(key, name);
  }
  return name;
}

export function placesOf(p: Pick<Posting, "locations">): CopyPlaces {
  const cities: CopyCity[] = [];
  const countries = new Set<string>();
  for (const l of p.locations) {
    if (l.country) countries.add(l.country);
    if (l.city)
      cities.push({
        name: cityName(l.city, l.country),
        ...(l.postalCode ? { postalCode: l.postalCode } : {}),
      });
  }
  return { cities, countries: [...countries] };
}

// Working time a title states outright ("Schichtführer:in – TZ", "Verkäufer in Vollzeit"); both or neither: unknown.
const FULL_TIME = /\b(?:vollzeit|vz|full[- ]?time)\b/i;
const PART_TIME = /\b(?:teilzeit|tz|part[- ]?time|minijob)\b/i;

function workingTime(title: string, given: string): string {
  const full = FULL_TIME.test(title);
  const part = PART_TIME.test(title);
  if (full !== part) return full ? "full_time" : "part_time";
  return given;
}

/** The identity of one copy; `canonicalUrl` is the posting's apply URL as canonicalUrl() gives it. */
export function copyIdentity(p: Posting, canonicalUrl: string | null): CopyIdentity {
  const key = companyKey(p.company);
  const sketch = minhash(p.description);
  const places = placesOf(p);
  const names = p.locations.flatMap((l) => [l.city, l.region]).filter((x): x is string => !!x);
  const title = analyzeTitle(p.title, { names: names.map(foldText), countries: places.countries });
  // A copy that only says "DE" but is titled "… – Bamberg" is in Bamberg.
  if (places.cities.length === 0) {
    places.cities = title.places
      .filter((name) => !countryCode(name) && !regionName(name))
      .map((name) => ({ name: cityName(name, places.countries[0]) }));
  }
  return {
    companyKey: key,
    titleKey: title.key,
    places,
    seniority: detectSeniority(p.title),
    employment: workingTime(p.title, p.employmentType),
    canonicalUrl,
    postedAt: p.postedAt ?? null,
    descLength: p.description.length,
    sketch,
    bands: sketch ? bandKeys(sketch, key) : [],
  };
}

/** "berlin" and "berlin-mitte" or "halle" and "halle (saale)": one names a part or a form of the other. */
function sameName(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long === short || (long.startsWith(short) && /^[\s,(/-]/.test(long.slice(short.length)));
}

// Neighbouring towns are different places even when close: only names count, not distance.
function sameCity(a: CopyCity, b: CopyCity): boolean {
  // Two branches in one city ("Verkäufer" in two bakeries of one chain) have different postal codes.
  return sameName(a.name, b.name) && !(a.postalCode && b.postalCode && a.postalCode !== b.postalCode);
}

/**
 * Whether two copies can be at the same place: a city in common when both name cities, else a
 * country in common when both name countries, else yes (one copy does not say where).
 */
export function placesCompatible(a: CopyPlaces, b: CopyPlaces): boolean {
  if (a.cities.length > 0 && b.cities.length > 0) {
    return a.cities.some((x) => b.cities.some((y) => sameCity(x, y)));
  }
  if (a.countries.length > 0 && b.countries.length > 0) {
    return a.countries.some((c) => b.countries.includes(c));
  }
  return true;
}

const SHORT_HOURS = new Set(["part_time", "mini_job"]);

/**
 * A full-time and a part-time (or mini) job are different jobs. Other types are too loosely
 * labelled across sites ("Aushilfe" is temporary at one, full-time at another) to tell jobs apart.
 */
export function employmentCompatible(a: string, b: string): boolean {
  return !((a === "full_time" && SHORT_HOURS.has(b)) || (b === "full_time" && SHORT_HOURS.has(a)));
}

/** Everything the copies of one job say about where it is, so a vague copy cannot widen the job. */
export function unionPlaces(all: readonly CopyPlaces[]): CopyPlaces {
  return {
    cities: all.flatMap((p) => p.cities),
    countries: [...new Set(all.flatMap((p) => p.countries))],
  };
}
