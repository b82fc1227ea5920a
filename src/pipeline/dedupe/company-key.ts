import { foldText } from "../../core/text.js";

// Legal forms as word sequences (punctuation already turned into spaces): "GmbH & Co. KG" is
// gmbh + co + kg, "Sp. z o.o." is sp z o o, "S.A." is s a. Stripped from the end, repeatedly.
const LEGAL_FORMS: readonly (readonly string[])[] = [
  "gmbh",
  "ggmbh",
  "mbh",
  "gesmbh",
  "ag",
  "se",
  "kg",
  "kgaa",
  "ohg",
  "gbr",
  "ug",
  "haftungsbeschrankt",
  "ev",
  "e v",
  "eg",
  "ek",
  "e k",
  "ekfm",
  "e kfm",
  "aor",
  "kdor",
  "co",
  "cie",
  "und",
  "and",
  "et",
  "inc",
  "incorporated",
  "ltd",
  "limited",
  "llc",
  "llp",
  "lp",
  "plc",
  "corp",
  "corporation",
  "pty",
  "pvt",
  "private",
  "sa",
  "s a",
  "sas",
  "sarl",
  "srl",
  "s r l",
  "spa",
  "s p a",
  "bv",
  "b v",
  "nv",
  "n v",
  "vof",
  "ab",
  "as",
  "a s",
  "asa",
  "aps",
  "oy",
  "oyj",
  "sp z o o",
  "sp z oo",
  "sp k",
  "spolka",
  "kft",
  "zrt",
  "doo",
  "d o o",
  "sro",
  "s r o",
  "group",
  "gruppe",
  "holding",
  "deutschland",
  "germany",
].map((f) => f.split(" "));

// Legal forms that never stand for anything else, dropped wherever they are ("Human One GmbH Personaldienste").
const LEGAL_ANYWHERE = /\b(?:gmbh|ggmbh|mbh|gesmbh|kgaa|ohg|haftungsbeschrankt|inc|ltd|llc|plc)\b/g;

// A branch named after the company: "FERCHAU GmbH Niederlassung Nürnberg City", "Kaufland - Filiale 123".
const BRANCH = /\b(?:zweigniederlassung|niederlassung|filiale|standort|branch|geschaftsstelle|betrieb)\b.*$/;

/**
 * Fingerprint part of a company name: folded, without bracketed notes, branch, legal form and
 * punctuation, spaces removed — "Dorfner GmbH & Co. KG" → "dorfner", "SAP SE" → "sap",
 * "Bosch (Schweiz) AG" → "bosch". Never empty: a name that is only a legal form keeps its letters.
 */
export function companyKey(name: string): string {
  let key = keys.get(name);
  if (key === undefined) {
    if (keys.size > 50_000) keys.clear();
    keys.set(name, (key = computeKey(name)));
  }
  return key;
}

// Employers repeat across a run (agencies post hundreds of jobs): keys are kept.
const keys = new Map<string, string>();

function computeKey(name: string): string {
  const folded = foldText(name);
  const text = folded
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(BRANCH, " ")
    .replace(/^the\s+/, "")
    .replace(LEGAL_ANYWHERE, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  const words = text.split(" ").filter(Boolean);
  for (let stripped = true; stripped && words.length > 1;) {
    stripped = false;
    for (const form of LEGAL_FORMS) {
      if (form.length >= words.length) continue;
      if (form.every((w, i) => words[words.length - form.length + i] === w)) {
        words.splice(words.length - form.length);
        stripped = true;
        break;
      }
    }
  }
  const key = words.join("");
  return key || folded.replace(/[^\p{L}\p{N}]+/gu, "");
}
