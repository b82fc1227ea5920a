import type { Selectable } from "kysely";
import type { CitedLine, GroundingReport } from "../jobs/applications/grounding.js";
import type { Db } from "./db.js";
import type { LettersTable } from "./schema.js";

/** Who owns a letter: always from the platform event. */
export interface LetterOwner {
  workspaceId: string;
  userId: string;
}

export type LetterStatus = "draft" | "approved";
/** Where a person stands with a job, in the order it moves. */
export type ApplicationStatus = "letter approved" | "exported" | "applied";

/** A claimed send (its fencing token), or why not: the mail was sent, or another attempt holds it. */
export type MailClaim = { claim: string } | { held: "sent" | "sending" };

/** A stored letter. */
export interface StoredLetter {
  id: string;
  jobId: number;
  lang: "de" | "en";
  text: string;
  cited: CitedLine[];
  report: GroundingReport;
  model: string;
  promptVersion: string;
  status: LetterStatus;
  edited: boolean;
  approvedBy: string | null;
  approvedAt: string | null;
  approvedUnsupported: boolean;
  hash: string;
  createdAt: string;
  updatedAt: string;
}

export type NewLetter = Omit<
  StoredLetter,
  "status" | "approvedBy" | "approvedAt" | "approvedUnsupported" | "createdAt" | "updatedAt"
>;

function toLetter(r: Selectable<LettersTable>): StoredLetter {
  return {
    id: r.id,
    jobId: r.job_id,
    lang: r.lang === "de" ? "de" : "en",
    text: r.text,
    cited: JSON.parse(r.cited_json) as CitedLine[],
    report: JSON.parse(r.report_json) as GroundingReport,
    model: r.model,
    promptVersion: r.prompt_version,
    status: r.status === "approved" ? "approved" : "draft",
    edited: r.edited === 1,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    approvedUnsupported: r.approved_unsupported === 1,
    hash: r.hash,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Letters, application statuses and sent mails; every query is scoped to the owner. */
export class LettersRepo {
  constructor(private readonly db: Db) {}

  async insert(owner: LetterOwner, l: NewLetter): Promise<StoredLetter> {
    const now = new Date().toISOString();
    await this.db.kysely
      .insertInto("letters")
      .values({
        id: l.id,
        workspace_id: owner.workspaceId,
        user_id: owner.userId,
        job_id: l.jobId,
        lang: l.lang,
        text: l.text,
        cited_json: JSON.stringify(l.cited),
        report_json: JSON.stringify(l.report),
        supported: l.report.supported ? 1 : 0,
        model: l.model,
        prompt_version: l.promptVersion,
        status: "draft",
        edited: l.edited ? 1 : 0,
        approved_by: null,
        approved_at: null,
        approved_unsupported: 0,
        hash: l.hash,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.get(owner, l.id))!;
  }

  async get(owner: LetterOwner, id: string): Promise<StoredLetter | undefined> {
    const row = await this.db.kysely
      .selectFrom("letters")
      .selectAll()
      .where("id", "=", id)
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .executeTakeFirst();
    return row ? toLetter(row) : undefined;
  }

  /** The newest letter for a job, or (no job) the person's newest letter. */
  async latest(owner: LetterOwner, jobId?: number): Promise<StoredLetter | undefined> {
    let q = this.db.kysely
      .selectFrom("letters")
      .selectAll()
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId);
    if (jobId !== undefined) q = q.where("job_id", "=", jobId);
    const row = await q.orderBy("created_at", "desc").orderBy("id", "desc").limit(1).executeTakeFirst();
    return row ? toLetter(row) : undefined;
  }

  /** The newest approved letter per job, for exports and mails. */
  async approvedByJob(owner: LetterOwner): Promise<Map<number, StoredLetter>> {
    const rows = await this.db.kysely
      .selectFrom("letters")
      .selectAll()
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .where("status", "=", "approved")
      .orderBy("approved_at", "asc")
      .execute();
    return new Map(rows.map((r) => [r.job_id, toLetter(r)]));
  }

  /** New text (an edit): back to draft, with its own report and hash. */
  async replaceText(
    owner: LetterOwner,
    id: string,
    t: { text: string; report: GroundingReport; hash: string },
  ): Promise<void> {
    await this.db.kysely
      .updateTable("letters")
      .set({
        text: t.text,
        report_json: JSON.stringify(t.report),
        supported: t.report.supported ? 1 : 0,
        hash: t.hash,
        edited: 1,
        status: "draft",
        approved_by: null,
        approved_at: null,
        approved_unsupported: 0,
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .execute();
  }

  /** Approve the text with this hash (a text changed since it was shown is not approved). */
  async approve(owner: LetterOwner, id: string, hash: string, unsupported: boolean): Promise<boolean> {
    const now = new Date().toISOString();
    const r = await this.db.kysely
      .updateTable("letters")
      .set({
        status: "approved",
        approved_by: owner.userId,
        approved_at: now,
        approved_unsupported: unsupported ? 1 : 0,
        updated_at: now,
      })
      .where("id", "=", id)
      .where("hash", "=", hash)
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async setStatus(
    owner: LetterOwner,
    jobId: number,
    status: ApplicationStatus,
    letterId: string | null,
  ): Promise<void> {
    const now = new Date().toISOString();
    await this.db.kysely
      .insertInto("applications")
      .values({
        workspace_id: owner.workspaceId,
        user_id: owner.userId,
        job_id: jobId,
        status,
        letter_id: letterId,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(["workspace_id", "user_id", "job_id"])
          .doUpdateSet({ status, letter_id: letterId, updated_at: now }),
      )
      .execute();
  }

  /** Each job's status for this person. */
  async statuses(owner: LetterOwner): Promise<Map<number, ApplicationStatus>> {
    const rows = await this.db.kysely
      .selectFrom("applications")
      .select(["job_id", "status"])
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .execute();
    return new Map(rows.map((r) => [r.job_id, r.status as ApplicationStatus]));
  }

  /**
   * Claim sending one letter to one address, so a retried send never goes out twice. Taken when
   * new, when the last attempt failed, or when a claim is still at `sending` after `leaseMs` (its
   * process died mid-send). Else says whether the mail was sent or is being sent. The claim's
   * token fences {@link finishMail}.
   */
  async claimMail(
    owner: LetterOwner,
    m: { id: string; letterId: string; to: string },
    o: { leaseMs: number; now?: Date },
  ): Promise<MailClaim> {
    const now = o.now ?? new Date();
    const at = now.toISOString();
    const stale = new Date(now.getTime() - o.leaseMs).toISOString();
    const r = await this.db.kysely
      .insertInto("sent_mails")
      .values({
        id: m.id,
        workspace_id: owner.workspaceId,
        user_id: owner.userId,
        letter_id: m.letterId,
        to_address: m.to,
        status: "sending",
        message_id: null,
        error: null,
        created_at: at,
        sent_at: null,
        claimed_at: at,
      })
      .onConflict((oc) =>
        oc
          .column("id")
          .doUpdateSet({ status: "sending", error: null, claimed_at: at })
          .where((eb) =>
            eb.or([
              eb("sent_mails.status", "=", "failed"),
              eb.and([
                eb("sent_mails.status", "=", "sending"),
                eb(eb.fn.coalesce("sent_mails.claimed_at", "sent_mails.created_at"), "<", stale),
              ]),
            ]),
          ),
      )
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) === 1) return { claim: at };
    const held = await this.db.kysely
      .selectFrom("sent_mails")
      .select("status")
      .where("id", "=", m.id)
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .executeTakeFirst();
    return { held: held?.status === "sent" ? "sent" : "sending" };
  }

  /** Record how the claimed send ended; a claim taken over since (`claim` no longer current) changes nothing. */
  async finishMail(
    owner: LetterOwner,
    id: string,
    claim: string,
    r: { messageId: string } | { error: string },
  ): Promise<void> {
    await this.db.kysely
      .updateTable("sent_mails")
      .set(
        "messageId" in r
          ? { status: "sent", message_id: r.messageId, sent_at: new Date().toISOString() }
          : { status: "failed", error: r.error },
      )
      .where("id", "=", id)
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .where("claimed_at", "=", claim)
      .execute();
  }

  async mails(owner: LetterOwner, letterId: string): Promise<Array<{ to: string; status: string }>> {
    const rows = await this.db.kysely
      .selectFrom("sent_mails")
      .select(["to_address", "status"])
      .where("workspace_id", "=", owner.workspaceId)
      .where("user_id", "=", owner.userId)
      .where("letter_id", "=", letterId)
      .execute();
    return rows.map((r) => ({ to: r.to_address, status: r.status }));
  }
}
