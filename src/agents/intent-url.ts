// The address of a job board in a message, as people paste or type it: with a scheme
// ("https://boards.greenhouse.io/acme", "feed://…" for a feed), without one ("boards.greenhouse.io/acme",
// "www.example.de/karriere", "müller-bau.de/jobs"), in angle brackets ("<https://…>"), as Slack
// writes a link ("<https://…|label>"), as a Markdown link ("[board](https://…)"), in quotes or
// guillemets, and with the sentence's punctuation after it ("…/acme.", "(…/acme)", "…/acme…").

// A host without a scheme counts with "www." before it, or with a top-level domain of this list
// (country codes of Europe and North America, the common generic ones, and the German regional and
// business ones career pages use), so "Node.js/React" or "z.B." stay words.
const TLD = [
  "com|io|co|de|net|org|eu|jobs|app|dev|ai|at|ch|uk|fr|nl|it|es|pl|se|dk|no|fi|be|lu|cz|us|ca|me",
  "info|biz|gmbh|ag|work|careers|career|tech|online|site|xyz|email|global|group|company|team|digital",
  "solutions|services|agency|studio|media|network|cloud|systems|software|berlin|hamburg|bayern|koeln|",
  "cologne|nrw|ruhr|saarland|ie|pt|gr|hu|ro|sk|si|hr|li",
]
  .join("|")
  .replace(/\|\|/g, "|");
const HOST_LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?";
// With a scheme: everything up to a space or a delimiter of the chat's markup.
// A bracketed IPv6 host ("http://[::1]/") is an address too (the track tool then refuses it if private).
const WITH_SCHEME = `(?:https?|feed):\\/\\/(?:\\[[0-9a-f:.]+\\][^\\s<>"|«»“”\\[\\]]*|[^\\s<>"|«»“”\\[\\]]+)|feed:https?:\\/\\/[^\\s<>"|«»“”\\[\\]]+`;
// Without one: a host (after no letter, "@", "." or "/"), then perhaps a port and a path.
const WITHOUT_SCHEME = `(?<![\\p{L}\\p{N}_@.\\/-])(?:www\\.(?:${HOST_LABEL}\\.)+\\p{L}{2,}|(?:${HOST_LABEL}\\.)+(?:${TLD}))(?![\\p{L}\\p{N}_-]|\\.[\\p{L}\\p{N}])(?::\\d{2,5})?(?:\\/[^\\s<>"|«»“”\\[\\]]*)?`;
const PATTERN = `(${WITH_SCHEME}|${WITHOUT_SCHEME})`;

/** A URL in a message, with or without its scheme (one match; for replacing, not for a loop). */
export const URL_IN_TEXT = new RegExp(PATTERN, "iu");

/** Punctuation that ends the sentence or closes the brackets around an address, not part of it. */
const TRAILING = /[)\]}.,;:!?'"’”»…]+$/u;

/**
 * The URL in a message with its scheme ("https://" when written without one or as a feed), without
 * the punctuation that ends a sentence around it. A word in capitals with no path and no "www."
 * ("ASP.NET", "VB.NET") names a technology, not an address.
 */
export function urlIn(text: string): string | undefined {
  return urlsIn(text)[0];
}

/** Every URL in a message, read as {@link urlIn} reads the first. */
export function urlsIn(text: string): string[] {
  const urls: string[] = [];
  const all = new RegExp(PATTERN, "giu");
  for (const m of text.matchAll(all)) {
    let found = m[1]?.replace(TRAILING, "");
    // "http://[::1]" ends in its host's own bracket.
    if (found && /^[a-z]+:\/\/\[[^\]]*$/i.test(found)) found = `${found}]`;
    if (!found) continue;
    const schemeless = !/^(?:https?|feed):/i.test(found);
    if (schemeless && !/^www\./i.test(found) && !found.includes("/") && found === found.toUpperCase())
      continue;
    urls.push(
      schemeless
        ? `https://${found}`
        : found.replace(/^feed:(?:\/\/)?(?=https?:)/i, "").replace(/^feed:\/\//i, "https://"),
    );
  }
  return urls;
}
