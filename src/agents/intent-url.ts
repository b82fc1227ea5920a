// The address of a job board in a message, as people paste or type it: with a scheme
// ("https://boards.greenhouse.io/acme"), without one ("boards.greenhouse.io/acme",
// "www.example.de/karriere"), in angle brackets ("<https://…>") or as Slack writes a link
// ("<https://…|label>"), and with the sentence's punctuation after it ("…/acme.", "(…/acme)").

// A host without a scheme counts only with a top-level domain of this list, so "Node.js/React" or
// "z.B." stay words.
const TLD = "com|io|co|de|net|org|eu|jobs|app|dev|ai|at|ch|uk|fr|nl|it|es|pl|se|dk|no|fi|be|lu|cz|us|ca|me";
const PATTERN = `(https?:\\/\\/[^\\s<>"|]+|(?<![\\w@.\\/-])(?:[a-z0-9-]+\\.)+(?:${TLD})(?:\\/[^\\s<>"|]*)?(?![\\w.-]*[a-z0-9]))`;

/** A URL in a message, with or without its scheme (one match; for replacing, not for a loop). */
export const URL_IN_TEXT = new RegExp(PATTERN, "i");

/** The URL in a message with its scheme ("https://" when written without one), without the punctuation that ends a sentence around it. */
export function urlIn(text: string): string | undefined {
  const found = URL_IN_TEXT.exec(text)?.[1]?.replace(/[)\]}.,;:!?'"’”]+$/, "");
  if (!found) return undefined;
  return /^https?:\/\//i.test(found) ? found : `https://${found}`;
}
