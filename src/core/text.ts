// Text folding shared by the gazetteer, search, dedupe and the chat's intent parser.

/** Fold case and diacritics so "Würzburg", "wurzburg" and "WÜRZBURG" compare equal. */
export function foldText(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .trim();
}
