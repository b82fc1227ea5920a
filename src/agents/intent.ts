import { foldText } from "../core/text.js";

/** Search arguments as the search_jobs tool takes them. */
export interface SearchArgs {
  keywords: string;
  place?: string | undefined;
  radiusKm?: number | undefined;
  remote: "any" | "remote_only" | "remote_ok" | "no_remote" | "hybrid";
  postedWithinDays?: number | undefined;
  limit: number;
  offset?: number | undefined;
}

export type Intent =
  | { kind: "search"; args: SearchArgs; refinement: boolean }
  | { kind: "refresh"; args: SearchArgs }
  | { kind: "status"; runId?: string | undefined }
  | { kind: "more" }
  | { kind: "details"; n: number }
  | { kind: "mark"; n: number; action: "save" | "hide" | "unsave" | "unhide" }
  | { kind: "saved" }
  | { kind: "track"; url: string; action: "track" | "untrack" }
  | { kind: "sources" }
  | { kind: "dashboard" }
  | { kind: "help" }
  | { kind: "greeting" };

/**
 * Tells whether a phrase names a place we know (the gazetteer), and its canonical name. `bare` is
 * true when no preposition ("in", "near"…) introduces the phrase, so only well-known places should
 * count (a word like "mobile" is also a town in Alabama).
 */
export type PlaceLookup = (phrase: string, bare: boolean) => string | undefined;

const PLACE_PREPOSITION = /^(in|near|around|at|of|from|bei|um|nahe|nähe|nach|aus)$/i;

const FILLER = new Set(
  (
    "find me show get give list search look looking for some any all the a an of please i im i'm want would like " +
    "need new latest fresh current open jobs job positions position roles role openings opening vacancies vacancy " +
    "offers stellen stelle stellenangebote jobangebote are is there what which can you could help with me my " +
    "suche nach gibt es zeig mir bitte und oder in near around at within from im um bei to that ones one also " +
    "only just but and now then how about ok okay fine is possible too as well either refresh update fetch start run more mehr weitere"
  ).split(" "),
);

const REFINE_START =
  /^(only|just|and|but|now|also|what about|how about|same|instead|then|nur|und|aber|wie wäre es mit)\b/i;

const TIME_PATTERNS: Array<[RegExp, (m: RegExpMatchArray) => number]> = [
  [/\b(today|since yesterday|last 24 ?h(ours)?|heute)\b/i, () => 1],
  [/\b(this|past|last) week\b|\blast 7 days\b|\bdiese woche\b/i, () => 7],
  [/\b(this|past|last) month\b|\blast 30 days\b|\bdiesen monat\b/i, () => 30],
  [/\b(?:last|past) (\d{1,3}) days?\b|\bletzten (\d{1,3}) tage/i, (m) => Number(m[1] ?? m[2])],
];

const REMOTE_PATTERNS: Array<[RegExp, SearchArgs["remote"]]> = [
  [/\b(no remote|not remote|on-?site only|in[- ]office|vor ort)\b/i, "no_remote"],
  [
    /\b(remote (is )?(ok|okay|fine|possible|welcome|too)|or remote|remote allowed|auch remote)\b/i,
    "remote_ok",
  ],
  [
    /\b(only remote|remote only|fully remote|100 ?% remote|remote ones|remote jobs?|nur remote|homeoffice|home office|remote)\b/i,
    "remote_only",
  ],
  [/\bhybrid\b/i, "hybrid"],
];

/** Strip the phrases we turned into filters, so what is left are the keywords. */
function stripAll(text: string, patterns: RegExp[]): string {
  return patterns.reduce(
    (t, p) => t.replace(new RegExp(p.source, p.flags.includes("g") ? p.flags : p.flags + "g"), " "),
    text,
  );
}

/**
 * Find a place: "in Frankfurt", "near Bamberg", "around München", "within 30 km of Berlin", or a
 * bare known city anywhere in the text ("python berlin"). Longest known phrase wins.
 */
function findPlace(text: string, lookup: PlaceLookup): { place: string; phrase: string } | undefined {
  const words = text.split(/\s+/).filter(Boolean);
  let best: { place: string; phrase: string; len: number } | undefined;
  for (let i = 0; i < words.length; i++) {
    const bare = i === 0 || !PLACE_PREPOSITION.test(words[i - 1] ?? "");
    for (let len = Math.min(4, words.length - i); len >= 1; len--) {
      const phrase = words
        .slice(i, i + len)
        .join(" ")
        .replace(/^[("'“]+|[)"'”.,;:!?]+$/g, "");
      if (phrase.length < 2 || FILLER.has(foldText(phrase))) continue;
      const place = lookup(phrase, bare);
      if (place && (!best || len > best.len)) best = { place, phrase, len };
    }
  }
  return best ? { place: best.place, phrase: best.phrase } : undefined;
}

// "more", "show me more", "next page please", "mehr anzeigen", "weitere Stellen" — the whole message.
const MORE =
  /^(?:(?:ok(?:ay)?|and|und|please|bitte)[,\s]+)?(?:(?:show|give|get|send)(?: me)?|can i see|let me see|zeig(?:e|en sie)?(?: mir)?)?\s*(?:some\s+|the\s+)?(?:more|next|weitere|mehr|next page|next ones?|nachste(?:n)?(?: seite)?)\b(?:\s+(?:please|pls|bitte|results|jobs|ones|of them|of those|matches|ergebnisse|stellen|jobs anzeigen|anzeigen|page|seite))*[!.?\s]*$/i;

/** Turn a chat message into an intent by rules (the offline model's "understanding"). */
export function parseIntent(text: string, lookup: PlaceLookup, previous?: SearchArgs): Intent {
  const t = text.trim();
  const f = foldText(t);
  if (/^(hi|hello|hey|hallo|moin|servus|good (morning|evening))\b[!. ]*$/i.test(t))
    return { kind: "greeting" };
  if (/^(help|\/help|\?|what can you do|hilfe)\b/i.test(t)) return { kind: "help" };
  const url = /(https?:\/\/[^\s<>"]+)/i.exec(t)?.[1]?.replace(/[).,;]+$/, "");
  if (
    url &&
    /\b(track|follow|watch|add|subscribe|untrack|unfollow|stop (tracking|following|watching)|remove|drop)\b/i.test(
      t,
    )
  ) {
    const untrack = /\b(untrack|unfollow|stop (tracking|following|watching)|remove|drop)\b/i.test(t);
    return { kind: "track", url, action: untrack ? "untrack" : "track" };
  }
  if (/^\W*(open |show )?(the |my )?dashboard( link| login)?\W*$/i.test(t)) return { kind: "dashboard" };
  if (
    /\b(sources?|source health|where do (the )?jobs come from|quellen)\b/i.test(t) &&
    !/\bjobs? (in|near|at)\b/i.test(t)
  ) {
    return { kind: "sources" };
  }
  const runId = /\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/i.exec(t)?.[1];
  if (/\b(status|progress|how is the run|how's the run|is the run done)\b/i.test(t))
    return { kind: "status", runId };
  if (MORE.test(f)) return { kind: "more" };
  const num = /#?(\d{1,3})\s*[.!]?$/.exec(t);
  const n = num ? Number(num[1]) : undefined;
  if (n !== undefined) {
    if (/^(details?|more about|tell me more about|show( me)?|open|info)\b/i.test(t))
      return { kind: "details", n };
    if (/^(unsave|forget|remove)\b/i.test(t)) return { kind: "mark", n, action: "unsave" };
    if (/^(unhide|show again)\b/i.test(t)) return { kind: "mark", n, action: "unhide" };
    if (/^(save|bookmark|keep|merken|speichern)\b/i.test(t)) return { kind: "mark", n, action: "save" };
    if (/^(not for me|hide|skip|ausblenden|nicht für mich)\b/i.test(t))
      return { kind: "mark", n, action: "hide" };
  }
  if (/\b(saved jobs|my saved|saved ones|gespeicherte)\b/i.test(t)) return { kind: "saved" };

  let rest = ` ${t} `;
  let postedWithinDays: number | undefined;
  for (const [re, days] of TIME_PATTERNS) {
    const m = rest.match(re);
    if (m) {
      postedWithinDays = days(m);
      rest = stripAll(rest, [re]);
      break;
    }
  }
  rest = rest.replace(/\bposted\b|\bveröffentlicht\b/gi, " ");

  let remote: SearchArgs["remote"] | undefined;
  for (const [re, mode] of REMOTE_PATTERNS) {
    if (re.test(rest)) {
      remote = mode;
      rest = stripAll(rest, [re]);
      break;
    }
  }

  let radiusKm: number | undefined;
  const radius =
    /\b(?:within|im umkreis von|umkreis)?\s*(\d{1,3})\s?km\b(?:\s*(?:of|from|around|von|um))?/i.exec(rest);
  if (radius) {
    radiusKm = Number(radius[1]);
    rest = rest.replace(radius[0], " ");
  }

  const found = findPlace(rest.replace(/[,;]/g, " "), lookup);
  if (found) rest = rest.replace(found.phrase, " ");

  const keywords = rest
    .replace(/[^\p{L}\p{N}+#./-]+/gu, " ")
    .split(/\s+/)
    .filter((w) => w.length > 0 && !FILLER.has(foldText(w)))
    .join(" ")
    .trim();

  const refresh =
    /\b(refresh|update|fetch|fetch new|start a run|run a search|neu laden|aktualisieren)\b/i.test(t);
  const refinement =
    previous !== undefined &&
    (REFINE_START.test(t) ||
      (keywords === "" &&
        !found &&
        (remote !== undefined || postedWithinDays !== undefined || radiusKm !== undefined)));

  const base: SearchArgs = refinement && previous ? previous : { keywords: "", remote: "any", limit: 5 };
  const args: SearchArgs = {
    keywords: refinement && keywords === "" ? base.keywords : keywords,
    place: found?.place ?? (refinement ? base.place : undefined),
    radiusKm: radiusKm ?? (refinement ? base.radiusKm : undefined),
    remote: remote ?? (refinement ? base.remote : "any"),
    postedWithinDays: postedWithinDays ?? (refinement ? base.postedWithinDays : undefined),
    limit: base.limit,
  };
  if (refresh) return { kind: "refresh", args };
  return { kind: "search", args, refinement };
}
