// Team requests by rules, English and German: "make this a team channel", "members may set up
// alerts here", "make <@U2> an admin", "who paused the <#C1> alert?", "audit", "I'll apply to 2",
// "applied 3", "2 not relevant", "what did the team apply to this week".
import type { TeamMark } from "../store/teams.repo.js";

/** Channel defaults as said: a value sets it, `null` unsets it ("no default place"). */
export interface ChannelSettingsSaid {
  place?: string | null;
  keywords?: string | null;
  radiusKm?: number | null;
  lang?: "en" | "de" | null;
  mentionOnly?: boolean;
}

export type TeamRequest =
  | ({
      action: "settings";
      team?: boolean | undefined;
      alertsBy?: "admins" | "members" | undefined;
    } & ChannelSettingsSaid)
  | { action: "grant"; user: string; role: "owner" | "admin" | "member" }
  | { action: "audit"; channel?: string | undefined; alertAction?: string | undefined }
  | { action: "activity"; mark: TeamMark }
  | { action: "mark"; n: number; mark: TeamMark | null };

const TEAM_CHANNEL = /\b(team ?channel|team-?kanal|teamkanal)\b/i;
const TEAM_OFF = /\b(not|no longer|off|kein(en)?|nicht mehr)\b/i;
const MEMBERS_ALERTS =
  /\b(members|everyone|anyone|all of us|alle|mitglieder)\b.*\b(may|can|d(?:ü|ue)rfen|k(?:ö|oe)nnen)\b.*\b(alerts?|digests?)\b/i;
const ADMINS_ALERTS =
  /\bonly (workspace )?admins\b.*\b(alerts?|digests?)\b|\bnur admins\b.*\b(alerts?|digests?)\b/i;
const GRANT =
  /\b(?:make|grant|set|mach\w*)\s+<@([A-Z0-9]+|\d+)>\s+(?:(?:an?|zum|zur|zu)\s+)?(owner|admin|member|mitglied|besitzer\w*)\b/i;
const AUDIT =
  /\b(audit|who changed|who (paused|deleted|resumed|created|set up|changed)|wer hat .*(ge(?:ä|ae)ndert|pausiert|gel(?:ö|oe)scht|angelegt))\b/i;
const AUDIT_ACTION: Array<[RegExp, string]> = [
  [/\b(paused|pausiert)\b/i, "alert.pause"],
  [/\b(deleted|gel(?:ö|oe)scht)\b/i, "alert.delete"],
  [/\b(resumed|fortgesetzt)\b/i, "alert.resume"],
  [/\b(created|set up|angelegt)\b/i, "alert.create"],
];
const CHANNEL_REF = /<#([A-Z0-9]+|\d+)(?:\|[^>]*)?>/;
const ACTIVITY =
  /\bwhat (did|has|have) (the |our )?team (apply|applied|claim|claimed)\b|\bteam('s)? (applications|applied)\b|\bwo hat (sich )?(das|unser) team beworben\b/i;
const ACTIVITY_CLAIMED = /\b(claim|claimed)\b/i;
const MARKS: Array<[RegExp, TeamMark | null]> = [
  [/\b(unclaim|not applying|take back|zur(?:ü|ue)ckziehen)\b/i, null],
  [/\b(not relevant|irrelevant|nicht relevant)\b/i, "not_relevant"],
  [/\b(seen|saw|gesehen|angesehen|angeschaut)\b/i, "seen"],
  [/\b(i applied|applied( to| for)?|habe mich beworben|beworben)\b/i, "applied"],
  [
    /\b(claim|i'?ll apply( to| for)?|i will apply( to| for)?|i'?ll take|ich bewerbe mich( auf| bei)?|ich nehme)\b/i,
    "claimed",
  ],
];

const MARK_FILLER =
  /\b(to|for|job|number|no|nr|the|on|is|it|auf|bei|f(?:ü|ue)r|den|die|das|job|mich|i|ich|please|bitte|now|jetzt|ve|have|already|schon|bereits|habe)\b|[#.,!?:;'’()-]/gi;

// Channel settings: "set this channel's default place to Frankfurt, radius 30 km", "default keywords
// python here", "answer only when mentioned", "Standardort dieses Kanals: Frankfurt, Umkreis 30 km",
// "Sprache dieses Kanals auf Deutsch", "antworte hier nur, wenn du erwähnt wirst".
const CHANNEL_WORDS =
  /\b(this channel|channel'?s|here|in diesem kanal|dieses kanals|f(?:ü|ue)r diesen kanal|kanal\w*|hier)\b/i;
const CHANNEL_PHRASE =
  /\b(?:(?:for|of|in|f(?:ü|ue)r)\s+)?(?:this channel|diese[nms]? kanals?|here|hier)\b|\b(?:this )?channel'?s\b/gi;
const DEFAULT_WORDS = /\b(default|standard\w*)\b/i;
const UNTIL = String.raw`(?=\s*(?:[,;]|\.(?:\s|$)|$|\s+(?:and|und|with|mit|radius|umkreis)\b))`;
const SETTING_PLACE = new RegExp(
  String.raw`(?:\b(?:place|location|city|stadt)|(?:\b|standard-?)(?:standort|ort))\s*(?:to|is|=|:|auf|ist|zu)?\s*["“„]?([\p{L}][\p{L} .'-]*?)["”“]?` +
    UNTIL,
  "iu",
);
const SETTING_KEYWORDS = new RegExp(
  String.raw`\b(?:keywords?|search words?|stichw(?:ö|oe)rter?n?|suchbegriffe?)\s*(?:to|are|is|=|:|auf|sind|ist)?\s*["“„]?([^"”“,;]+?)["”“]?` +
    UNTIL,
  "iu",
);
const SETTING_RADIUS =
  /\b(?:radius|umkreis|within|im umkreis von)\s*(?:to|of|is|=|:|auf|von|ist)?\s*(\d{1,3})\s*(?:km|kilometers?|kilometern?)\b/i;
const SETTING_LANG =
  /\b(?:language|sprache|kanalsprache)\b.*?\b(english|german|englisch|deutsch)\b|\b(?:answer|reply)\s+(?:here\s+)?in\s+(english|german)\s+(?:here|in this channel)\b|\b(?:antworte?|antwortet)\s+(?:hier|in diesem kanal)\s+(?:auf|in)\s+(englisch|deutsch)\b/i;
const NO_SETTING = /\b(?:no|remove|clear|unset|kein\w*|entfern\w*|l(?:ö|oe)sch\w*)\b/i;
const MENTION_ONLY =
  /\bonly (?:when|if) (?:mentioned|(?:i|we|someone|people|you are|you're) (?:mention|tag|@)\w*)|\bnur,? wenn (?:du )?(?:erw(?:ä|ae)hnt|angesprochen|markiert)|\bnur (?:bei|auf) erw(?:ä|ae)hnung/i;
const ANSWER_ALL =
  /\b(?:answer|reply to|respond to) (?:every|all|each)(?: \w+)? messages?\b|\b(?:auf )?(?:jede|alle) nachrichten?\b|\bwithout (?:a |being )?mention(?:ed)?\b|\bohne erw(?:ä|ae)hnung\b/i;

/** The channel settings a message sets, or undefined when it sets none. */
function readChannelSettings(t: string): ChannelSettingsSaid | undefined {
  const said: ChannelSettingsSaid = {};
  if (MENTION_ONLY.test(t)) said.mentionOnly = true;
  else if (ANSWER_ALL.test(t)) said.mentionOnly = false;
  const lang = SETTING_LANG.exec(t);
  if (lang && CHANNEL_WORDS.test(t)) {
    const word = (lang[1] ?? lang[2] ?? lang[3] ?? "").toLowerCase();
    said.lang = word.startsWith("e") ? "en" : "de";
  } else if (/\b(?:language|sprache)\b/i.test(t) && DEFAULT_WORDS.test(t) && NO_SETTING.test(t))
    said.lang = null;
  if (DEFAULT_WORDS.test(t) && CHANNEL_WORDS.test(t)) {
    // "no default place" unsets; "default place to Frankfurt" sets. Which channel is this one.
    const bare = t.replace(CHANNEL_PHRASE, " ");
    for (const part of bare.split(/[,;]|\s+(?:and|und)\s+/i)) {
      const unset = NO_SETTING.test(part);
      const place = SETTING_PLACE.exec(part);
      if (/\b(?:place|location|city|stadt)\b|(?:\b|standard-?)(?:standort|ort)\b/i.test(part))
        said.place = unset ? null : (place?.[1]?.trim() ?? said.place ?? null);
      const keywords = SETTING_KEYWORDS.exec(part);
      if (/\b(?:keywords?|search words?|stichw\w*|suchbegriff\w*)\b/i.test(part))
        said.keywords = unset ? null : (keywords?.[1]?.trim() ?? said.keywords ?? null);
      if (/\b(?:radius|umkreis)\b/i.test(part) && unset) said.radiusKm = null;
    }
  }
  const radius = SETTING_RADIUS.exec(t);
  if (radius && (DEFAULT_WORDS.test(t) || said.place)) said.radiusKm = Number(radius[1]);
  return Object.keys(said).length > 0 ? said : undefined;
}

/** A team request, or undefined when the message is something else. */
export function readTeamRequest(text: string): TeamRequest | undefined {
  const t = text.trim();
  const channel = readChannelSettings(t);
  if (channel) return { action: "settings", ...channel };
  const grant = GRANT.exec(t);
  if (grant) {
    const r = grant[2]!.toLowerCase();
    const role =
      r.startsWith("owner") || r.startsWith("besitzer") ? "owner" : r === "admin" ? "admin" : "member";
    return { action: "grant", user: grant[1]!, role };
  }
  if (AUDIT.test(t)) {
    const channel = CHANNEL_REF.exec(t)?.[1];
    const alertAction = /\balert|digest/i.test(t) ? AUDIT_ACTION.find(([re]) => re.test(t))?.[1] : undefined;
    return { action: "audit", ...(channel ? { channel } : {}), ...(alertAction ? { alertAction } : {}) };
  }
  if (ACTIVITY.test(t)) return { action: "activity", mark: ACTIVITY_CLAIMED.test(t) ? "claimed" : "applied" };
  const alertsBy = MEMBERS_ALERTS.test(t) ? "members" : ADMINS_ALERTS.test(t) ? "admins" : undefined;
  if (TEAM_CHANNEL.test(t) || alertsBy)
    return {
      action: "settings",
      ...(TEAM_CHANNEL.test(t) ? { team: !TEAM_OFF.test(t) } : {}),
      ...(alertsBy ? { alertsBy } : {}),
    };
  // A mark is the whole message: "I'll apply to 2", not "applied science jobs within 20 km".
  const nums = t.match(/\b\d{1,3}\b/g);
  if (nums?.length !== 1) return undefined;
  const found = MARKS.find(([re]) => re.test(t));
  const rest = found
    ? t
        .replace(found[0], " ")
        .replace(/\b\d{1,3}\b/, " ")
        .replace(MARK_FILLER, " ")
    : "x";
  return found && rest.trim() === "" ? { action: "mark", n: Number(nums[0]), mark: found[1] } : undefined;
}
