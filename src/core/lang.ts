/** The languages jobscout answers in. */
export type Lang = "en" | "de";

export const LANGS: readonly Lang[] = ["en", "de"];

export function isLang(v: unknown): v is Lang {
  return v === "en" || v === "de";
}
