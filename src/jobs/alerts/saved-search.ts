import { z } from "zod";
import { CronExpressionParser } from "cron-parser";

/** What a saved search looks for: the same filters a search in chat takes. */
export const alertQuerySchema = z.object({
  keywords: z.string().max(200).default(""),
  place: z.string().max(100).optional(),
  radiusKm: z.number().min(1).max(300).optional(),
  remote: z.enum(["any", "remote_only", "remote_ok", "no_remote", "hybrid"]).default("any"),
  employmentType: z
    .enum(["full_time", "part_time", "contract", "temporary", "internship", "apprenticeship", "mini_job"])
    .optional(),
  seniority: z.string().max(40).optional(),
  salaryMin: z.number().min(0).optional(),
  language: z.string().max(10).optional(),
});
export type AlertQuery = z.infer<typeof alertQuerySchema>;

/** When digests are due: a cron pattern read in the alert's time zone, or a fixed interval. */
function isCronPattern(pattern: string): boolean {
  try {
    CronExpressionParser.parse(pattern);
    return true;
  } catch {
    return false;
  }
}

export const scheduleSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("cron"),
    pattern: z
      .string()
      .regex(/^[0-9*,/-]+( [0-9*,/-]+){4}$/, "five cron fields")
      // Each field in its range ("61 25 * * *" is five fields): the parser BullMQ's schedulers use.
      .refine(isCronPattern, "five cron fields, each in its range"),
  }),
  z.object({
    kind: z.literal("every"),
    everyMs: z
      .number()
      .int()
      // Chat asks for 15 minutes or more (save_alert); shorter intervals are for operators and tests.
      .min(1000)
      .max(30 * 86_400_000),
  }),
]);
export type Schedule = z.infer<typeof scheduleSchema>;

/** Where digests go: the owner's DM, a channel, or the terminal running `jobscout chat`. */
export type AlertTarget = { kind: "dm" } | { kind: "channel"; channel: string } | { kind: "terminal" };

export type AlertStatus = "active" | "paused";

/** A saved search as the domain sees it (always within its workspace and owner). */
export interface SavedSearch {
  id: string;
  workspaceId: string;
  ownerId: string;
  platform: string;
  name: string;
  query: AlertQuery;
  schedule: Schedule;
  tz: string;
  target: AlertTarget;
  /** Post a short "nothing new" (notice) or nothing (skip) when no job is new. */
  whenEmpty: "skip" | "notice";
  status: AlertStatus;
  pausedReason: string | null;
  ownerTold: boolean;
  boundarySeq: number;
  lastDeliveredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What creating or replacing a saved search takes: the owner's choices and where "new" starts. */
export type SavedSearchInput = Pick<
  SavedSearch,
  "workspaceId" | "ownerId" | "platform" | "name" | "query" | "schedule" | "tz" | "target" | "whenEmpty"
> & {
  /** Jobs with a vector seq above this are new for the first digest. */
  boundarySeq: number;
};

/** The input that saves `s` again as it is (to change one part of it). */
export function inputOf(s: SavedSearch): SavedSearchInput {
  const { workspaceId, ownerId, platform, name, query, schedule, tz, target, whenEmpty, boundarySeq } = s;
  return { workspaceId, ownerId, platform, name, query, schedule, tz, target, whenEmpty, boundarySeq };
}

/** A saved search's schedule interval in ms, for "is the data fresh enough" (cron: the shortest gap it can have). */
export function intervalMs(s: Schedule): number {
  if (s.kind === "every") return s.everyMs;
  const [minute, hour, , , weekday] = s.pattern.split(" ");
  if (hour === "*") return minute === "*" ? 60_000 : 3_600_000;
  return weekday === "*" || weekday?.includes("-") || weekday?.includes(",") ? 86_400_000 : 7 * 86_400_000;
}
