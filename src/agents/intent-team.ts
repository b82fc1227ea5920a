// Team requests by rules, English and German: "make this a team channel", "members may set up
// alerts here", "make <@U2> an admin", "who paused the <#C1> alert?", "audit", "I'll apply to 2",
// "applied 3", "2 not relevant", "what did the team apply to this week".
import type { TeamMark } from "../store/teams.repo.js";

export type TeamRequest =
  | { action: "settings"; team?: boolean | undefined; alertsBy?: "admins" | "members" | undefined }
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
  [/\b(i applied|applied( to| for)?|habe mich beworben|beworben)\b/i, "applied"],
  [
    /\b(claim|i'?ll apply( to| for)?|i will apply( to| for)?|i'?ll take|ich bewerbe mich( auf| bei)?|ich nehme)\b/i,
    "claimed",
  ],
];

const MARK_FILLER =
  /\b(to|for|job|number|no|nr|the|on|is|it|auf|bei|f(?:ü|ue)r|den|die|das|job|mich|i|ich|please|bitte|now|jetzt)\b|[#.,!?:;'’()-]/gi;

/** A team request, or undefined when the message is something else. */
export function readTeamRequest(text: string): TeamRequest | undefined {
  const t = text.trim();
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
