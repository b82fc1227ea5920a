import type { Kysely } from "kysely";

/**
 * When a send of an application mail was claimed: a claim at `sending` older than the lease
 * (`SMTP_SEND_LEASE_MS`) belongs to a process that died mid-send and may be taken over; the claim
 * time also fences the outcome, so a late answer of the old attempt cannot overwrite the new one's.
 * Rows from before have none: their `created_at` stands in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("sent_mails").addColumn("claimed_at", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("sent_mails").dropColumn("claimed_at").execute();
}
