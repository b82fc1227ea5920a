// What the person asked for in their own message. A tool that changes state checks this before it
// acts, so a model that obeys text from a posting or a tool result cannot change anything the person
// did not ask for: that text never reaches this reader, only the person's message does.

import { URL_IN_TEXT, urlsIn } from "../agents/intent-url.js";
import { phrasesFor } from "../answers/phrases/phrases.js";
import type { Lang } from "../core/lang.js";

/** State-changing actions a message can ask for. */
export type StateAction =
  "track" | "untrack" | "mark" | "run" | "alert" | "profile" | "team" | "letter" | "approve" | "send";

/** The person's own message, read once per turn before the model sees it. */
export interface PersonRequest {
  /** Which kinds of state change the message asks for. */
  readonly asks: ReadonlySet<StateAction>;
  /**
   * The URLs written in the message, read as the request parser reads them ("boards.greenhouse.io/x"
   * is https://boards.greenhouse.io/x): tracking acts only on these.
   */
  readonly urls: readonly string[];
  /** How many jobs the message refers to ("save 2 and 5" → 2); at least 1 when it asks to mark. */
  readonly jobRefs: number;
}

const URLS = new RegExp(URL_IN_TEXT.source, "giu");

const TRACK =
  /\b(track|follow|watch|monitor|subscribe|add|keep an eye|keep tabs|im auge behalten|beobacht\w*|verfolg\w*|folge|hinzuf\w*|abonnier\w*|aufnehmen)\b/i;
const UNTRACK =
  /\b(stop (tracking|following|watching)|untrack|unfollow|unsubscribe|remove|delete|drop|nicht mehr (verfolgen|beobachten)|entfern\w*|l[öo]sch\w*)\b/i;
const MARK =
  /\b(save|saved|bookmark|keep|remember|merk\w*|speicher\w*|not for me|hide|unhide|unsave|forget|nicht f[üu]r mich|ausblend\w*|versteck\w*|vergiss)\b/i;
const SEARCH =
  /\b(refresh|fetch|update|aktualisier\w*|jobs?|stellen?\w*|positions?|roles?|vacanc\w*|openings?|work|arbeit\w*|find|search|such\w*|look\w*|show|zeig\w*|more|mehr|hiring|careers?|remote|hybrid|near|within|in)\b/i;

const ALERT =
  /\b(alerts?|digests?|notify|benachrichtig\w*|subscribe|abonnier\w*|search|suche|every|each|jeden|jede|daily|weekly|hourly|weekdays|t[äa]glich|w[öo]chentlich|st[üu]ndlich|werktags|time ?zone|zeitzone|pause|resume|delete|fortsetz\w*|pausier\w*|l[öo]sch\w*)\b|\b(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[a-z_]+\b|\bUTC\b/i;
const TEAM =
  /\b(team ?channel|team-?kanal|teamkanal|channel'?s?|kanal\w*|default|standard\w*|mention\w*|erw(?:ä|ae)hn\w*|admins?|owner|members?|mitglied\w*|claim\w*|unclaim|seen|saw|gesehen|angesehen|angeschaut|apply|applying|applied|relevant|irrelevant|bewerb\w*|beworben|take|nehme|zur(?:ü|ue)ckziehen|take back)\b/i;
const PROFILE =
  /\b(profile|profil|cv|lebenslauf|i (also )?know|i can|i have|i speak|i want|i'?m looking|i prefer|ich (kann|kenne|spreche|habe|will|m[öo]chte|suche)|my (skills|preferences)|meine (kenntnisse|w[üu]nsche))\b/i;

const LETTER =
  /\b(letters?|cover|anschreiben\w*|bewerbungsschreiben\w*|motivationsschreiben\w*|regenerat\w*|rewrite|neu schreiben|shorter|longer|k[üu]rzer|l[äa]nger|formal\w*|f[öo]rmlich\w*|edit|[äa]nder\w*|export\w*)\b/i;
const APPROVE = /\b(approve\w*|freigeb\w*|freigabe|genehmig\w*)\b/i;
const SEND = /\b(send|e-?mail|mail|schick\w*|versend\w*|senden|sende|yes|ja|confirm\w*|best[äa]tig\w*)\b/i;

/** Read what a message asks for; never called on anything but the person's own words. */
export function readRequest(text: string): PersonRequest {
  const urls = urlsIn(text);
  const asks = new Set<StateAction>();
  const untrack = UNTRACK.test(text);
  if (untrack) asks.add("untrack");
  if (urls.length > 0 && TRACK.test(text) && !untrack) asks.add("track");
  const mark = MARK.test(text);
  if (mark) asks.add("mark");
  if (ALERT.test(text.replace(URLS, " "))) asks.add("alert");
  if (PROFILE.test(text)) asks.add("profile");
  if (TEAM.test(text)) asks.add("team");
  if (LETTER.test(text)) asks.add("letter");
  if (APPROVE.test(text)) asks.add("approve");
  if (SEND.test(text)) asks.add("send");
  if (SEARCH.test(text) || asks.size === 0) asks.add("run");
  const numbers = text.match(/\b\d{1,3}\b/g)?.length ?? 0;
  return { asks, urls, jobRefs: mark ? Math.max(1, numbers) : 0 };
}

/** A request that asks for nothing: tools that change state refuse under it. */
export const NOTHING_ASKED: PersonRequest = { asks: new Set(), urls: [], jobRefs: 0 };

/**
 * Whether this turn's person asked for `action`; the refusal to give the model when not. Counts
 * marks, so one "save 2" cannot become ten saves.
 */
export function refusal(
  request: PersonRequest,
  action: StateAction,
  used: { marks: number },
  lang: Lang = "en",
): string | undefined {
  const p = phrasesFor(lang);
  if (!request.asks.has(action)) return p.howToAsk[action];
  if (action === "mark") {
    if (used.marks >= request.jobRefs) return p.markedOnlyNamed;
    used.marks += 1;
  }
  return undefined;
}
