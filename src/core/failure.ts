import { z } from "zod";

/**
 * Why a source's fetch, or a whole run, failed — as data: a stable code and its parameters. The
 * store keeps it beside the English text (which stays for logs and operators); what a person reads
 * is rendered from it in their language by the phrase tables. Parameters never carry text from a
 * site (a status line, a body): only numbers, times and our own names.
 */
export const failureSchema = z
  .discriminatedUnion("code", [
    /** The site answered with an HTTP error status. */
    z.object({ code: z.literal("http_status"), status: z.number().int() }),
    /** No answer within the request timeout. */
    z.object({ code: z.literal("timeout"), ms: z.number().nonnegative() }),
    /** Not reachable: DNS, refused or reset connections. */
    z.object({ code: z.literal("unreachable") }),
    /** An answer we cannot read: broken JSON/XML, data of an unknown shape, or (`html`) a web page. */
    z.object({ code: z.literal("bad_payload"), html: z.boolean().optional() }),
    /** A body larger than we read (`JOBSCOUT_MAX_BODY_BYTES`). */
    z.object({ code: z.literal("too_large"), bytes: z.number().nonnegative() }),
    /** The outbound policy refuses the address (private, loopback, metadata…). */
    z.object({ code: z.literal("blocked_address") }),
    z.object({ code: z.literal("robots_disallowed") }),
    z.object({ code: z.literal("robots_unavailable") }),
    /** The host asked us to slow down (`paused`), or has no free request slot before `until` (HH:MM UTC). */
    z.object({ code: z.literal("throttled"), until: z.string(), paused: z.boolean() }),
    /** The source's circuit is open after repeated failures; tried again after `until` (HH:MM UTC). */
    z.object({ code: z.literal("paused"), until: z.string() }),
    /** Requests to the host are switched off (its rate limit is 0). */
    z.object({ code: z.literal("switched_off") }),
    z.object({ code: z.literal("unknown_source") }),
    /** Not done `seconds` after the run began fetching; what was stored before is kept. */
    z.object({
      code: z.literal("deadline"),
      seconds: z.number().nonnegative(),
      postings: z.number().int().nonnegative(),
      pages: z.number().int().nonnegative(),
    }),
    /** Still unsettled when the run finished (its worker died). */
    z.object({ code: z.literal("did_not_finish") }),
    /** The run as a whole: the job queue lost it (Redis restarted without its data). */
    z.object({ code: z.literal("run_lost") }),
    /** The run as a whole: one of its later steps failed for good, or its worker kept dying. */
    z.object({ code: z.literal("stage_failed"), stage: z.string() }),
    z.object({ code: z.literal("stage_stalled"), stage: z.string() }),
    /** The run as a whole: every failing source says why itself. */
    z.object({ code: z.literal("sources_failed"), count: z.number().int().nonnegative() }),
    /** Anything else; the details stay in the logs. */
    z.object({ code: z.literal("unexpected") }),
  ])
  .and(
    z.object({
      /** A retry was possible but not waited for: the next attempt would come after this time (HH:MM UTC). */
      notWaitingUntil: z.string().optional(),
      /** A retry was possible but would come after the source's deadline (seconds after the run began). */
      pastDeadlineS: z.number().nonnegative().optional(),
    }),
  );

export type Failure = z.infer<typeof failureSchema>;
export type FailureCode = Failure["code"];

/** The stored form: the code in a column of its own, the rest as JSON (null when there is none). */
export function storedFailure(f: Failure | null): { code: string | null; params: string | null } {
  if (!f) return { code: null, params: null };
  const { code, ...params } = f;
  return { code, params: Object.keys(params).length > 0 ? JSON.stringify(params) : null };
}

/**
 * A stored failure read back; null when there is none, or when it is a code this version does not
 * know (a newer writer): the reader then shows the stored text, as for rows written before codes.
 */
export function readFailure(code: string | null, params: string | null): Failure | null {
  if (!code) return null;
  let extra: unknown = {};
  try {
    extra = params ? (JSON.parse(params) as unknown) : {};
  } catch {
    return null;
  }
  const parsed = failureSchema.safeParse({ ...(extra as object), code });
  return parsed.success ? parsed.data : null;
}
