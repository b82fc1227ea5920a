// Splitting a reply to fit a platform's limits, the same way on every platform: only the numbers
// (characters per text, what one message holds) differ.

/**
 * Split text into pieces of at most `max` characters: on paragraphs, then lines, then words; a
 * single longer word is cut, but never inside a surrogate pair (half an emoji) or an `&amp;`-style
 * entity (escaped Slack mrkdwn).
 */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  const hardCut = (s: string): number => {
    let cut = max;
    const amp = s.lastIndexOf("&", cut);
    if (amp > cut - 6 && amp > 0) cut = amp;
    else if (/[\uD800-\uDBFF]/.test(s.charAt(cut - 1))) cut -= 1;
    // Always move on, even with a limit too small for one whole character.
    return cut > 0 ? cut : max;
  };
  const pieces = (s: string, seps: string[]): void => {
    if (s.length <= max) {
      if (s.trim()) out.push(s);
      return;
    }
    const [sep, ...rest] = seps;
    if (sep === undefined) {
      const cut = hardCut(s);
      out.push(s.slice(0, cut));
      pieces(s.slice(cut), []);
      return;
    }
    let current = "";
    for (const part of s.split(sep)) {
      const joined = current ? `${current}${sep}${part}` : part;
      if (joined.length <= max) {
        current = joined;
        continue;
      }
      if (current.trim()) out.push(current);
      if (part.length <= max) current = part;
      else {
        pieces(part, rest);
        current = "";
      }
    }
    if (current.trim()) out.push(current);
  };
  pieces(text.trim(), ["\n\n", "\n", " "]);
  return out;
}

/**
 * Greedy pages in order: an item joins the current page while `fits(page, item)` says the page
 * still fits a message with it, else starts the next page. A page always takes at least one item.
 */
export function pageBy<T>(items: T[], fits: (page: T[], item: T) => boolean): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  for (const item of items) {
    if (page.length > 0 && !fits(page, item)) {
      pages.push(page);
      page = [];
    }
    page.push(item);
  }
  if (page.length > 0) pages.push(page);
  return pages;
}
