// Locations in free text ("Munich, Bavaria, Germany", "10115 Berlin", "Remote (Berlin)") as job
// sites write them, resolved against the gazetteer.
import { countryCode, regionName, regionCountry } from "./names.js";
import { isKnownPlaceName, resolvePlace, type ResolvedPlace } from "./gazetteer.js";

/** A location read from free text. */
export interface ParsedLocation {
  city?: string;
  region?: string;
  /** ISO 3166-1 alpha-2. */
  country?: string;
  postalCode?: string;
  lat?: number;
  lon?: number;
}

/** Options for {@link parseLocations}. */
export interface ParseLocationOptions {
  /** Country assumed when the text names none and the city is unknown. */
  defaultCountry?: string | undefined;
  /** Passed on to {@link resolvePlace}. @defaultValue `"DE"` */
  preferCountry?: string | undefined;
}

const NOT_A_PLACE =
  /^(?:remote|fully remote|100% remote|homeoffice|home office|home-office|mobile office|anywhere|worldwide|weltweit|europe|europa|eu|emea|dach|hybrid|bundesweit|deutschlandweit|various locations|multiple locations|verschiedene standorte|n\/a|-)$/i;

function withoutNoise(part: string): string {
  let p = part.replace(/\b(?:remote|hybrid|homeoffice)\b/gi, "").replace(/^[\s,;:–-]+|[\s,;:–-]+$/g, "");
  // Keep the brackets of "Halle (Saale)"; drop stray ones left by "Remote (Berlin)".
  if (!/\(.*\)/.test(p)) p = p.replace(/[()]/g, "");
  return p.trim();
}

/** Split "Remote (Berlin)" into ["Remote", "Berlin"] but keep names like "Halle (Saale)". */
function splitParts(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const part = raw.trim();
    const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(part);
    if (m && !isKnownPlaceName(part)) {
      out.push(m[1] ?? "", m[2] ?? "");
    } else {
      out.push(part);
    }
  }
  return out.map(withoutNoise).filter((p) => p.length > 0 && !NOT_A_PLACE.test(p));
}

function fromPlace(
  city: string,
  place: ResolvedPlace | undefined,
  region: string | undefined,
  country: string | undefined,
  postalCode: string | undefined,
): ParsedLocation {
  const loc: ParsedLocation = {};
  if (city) loc.city = place?.name ?? city;
  const reg = region ?? place?.region;
  if (reg) loc.region = reg;
  const ctry = country ?? place?.country;
  if (ctry) loc.country = ctry;
  if (postalCode) loc.postalCode = postalCode;
  if (place) {
    loc.lat = place.lat;
    loc.lon = place.lon;
  }
  return loc;
}

/** One "City[, Region][, Country]" group; undefined when the parts look like a list of cities. */
function parseGroup(parts: string[], opts: ParseLocationOptions): ParsedLocation | undefined {
  const rest = [...parts];
  let country: string | undefined;
  let region: string | undefined;
  let regionText: string | undefined;
  const last = rest[rest.length - 1];
  // A bare two-letter code right after a city may be a state ("Berlin, BE"); that is decided below.
  if (last !== undefined && !(/^[A-Z]{2}$/.test(last) && rest.length === 2)) {
    const code = countryCode(last);
    if (code) {
      country = code;
      rest.pop();
    }
  }
  let cityText = rest.shift() ?? "";
  let postalCode: string | undefined;
  const pc = /^(\d{4,5})\s+(.+)$/.exec(cityText) ?? /^(.+?)\s+(\d{4,5})$/.exec(cityText);
  if (pc) {
    const [a, b] = [pc[1] ?? "", pc[2] ?? ""];
    postalCode = /^\d+$/.test(a) ? a : b;
    cityText = /^\d+$/.test(a) ? b : a;
  }
  for (const part of rest) {
    if (/^[A-Z]{2}$/.test(part)) {
      // "BY", "BE", "DE", "CA": a state or a country code; the one the city agrees with wins.
      const asRegion = regionName(part);
      const asCountry = countryCode(part);
      if (
        asRegion &&
        resolvePlace(cityText, { preferCountry: regionCountry(part), region: part })?.region === asRegion
      ) {
        region ??= asRegion;
        regionText ??= part;
        country ??= regionCountry(part);
      } else if (
        asCountry &&
        !country &&
        resolvePlace(cityText, { preferCountry: asCountry })?.country === asCountry
      ) {
        country = asCountry;
      } else {
        region ??= part;
      }
      continue;
    }
    const name = regionName(part);
    if (name && region === undefined) {
      region = name;
      regionText = part;
      country ??= regionCountry(part);
    } else if (region === undefined && /^[A-Z]{3}$/.test(part)) {
      region = part; // a state code we do not know, e.g. "NSW"
    } else {
      return undefined; // "Hamburg, Berlin": a second city, not a qualifier
    }
  }
  if (!cityText) return country || region ? fromPlace("", undefined, region, country, postalCode) : undefined;
  const place = resolvePlace(cityText, {
    preferCountry: country ?? opts.preferCountry,
    strictCountry: country !== undefined,
    region: regionText,
  });
  // The region must agree with the city, else "Hamburg, Berlin" would read as Hamburg in Berlin.
  if (place && region && regionText && place.region && place.region !== region) {
    if (resolvePlace(regionText, { preferCountry: place.country })) return undefined;
  }
  const matched = place && (!country || place.country === country) ? place : undefined;
  const loc = fromPlace(cityText, matched, region, country, postalCode);
  if (!loc.country && opts.defaultCountry) loc.country = opts.defaultCountry;
  return loc;
}

/**
 * Read one or more locations from free text: "Munich, Bavaria, Germany", "10115 Berlin",
 * "Hamburg, Berlin", "München / Remote", "Remote (Germany)". Cities get coordinates from the
 * gazetteer; words like "Remote" are not places and are dropped.
 */
export function parseLocations(text: string, options: ParseLocationOptions = {}): ParsedLocation[] {
  const out: ParsedLocation[] = [];
  const chunks = text
    .split(/\s*(?:;|\||\s\/\s|\bund\b|\band\b|\boder\b|\bor\b|&|\n)\s*/i)
    .map((c) => c.trim())
    .filter(Boolean);
  for (const chunk of chunks) {
    const parts = splitParts(
      chunk.includes("/") && !isKnownPlaceName(chunk) ? chunk.replace(/\//g, ",") : chunk,
    );
    if (parts.length === 0) continue;
    const single = parseGroup(parts, options);
    if (single) {
      out.push(single);
      continue;
    }
    for (const p of parts) {
      const loc = parseGroup([p], options);
      if (loc) out.push(loc);
    }
  }
  // "Hamburg, Berlin, Germany": the country is where the cities are, not a place of its own; a
  // country named twice is one place.
  const countries = new Set(out.filter((l) => l.city || l.region).map((l) => l.country));
  return out.filter((l) => {
    if (l.city || l.region) return true;
    if (countries.has(l.country)) return false;
    countries.add(l.country);
    return true;
  });
}

/** The first location in free text (see {@link parseLocations}); `{}` when there is none. */
export function parseLocationText(text: string, options: ParseLocationOptions = {}): ParsedLocation {
  return (
    parseLocations(text, options)[0] ?? (options.defaultCountry ? { country: options.defaultCountry } : {})
  );
}
