// Claims on sending an application mail, on each real store (SQLite, PostgreSQL): a send is claimed
// once; while it is at "sending" within the lease nobody else sends it; a failed send, or one still
// at "sending" after the lease (its process died mid-send), is claimed anew; and the old attempt's
// late outcome cannot overwrite the new one's.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LettersRepo } from "../../src/store/letters.repo.js";
import { openTestStore, STORES, type TestStore } from "../support/stores.js";

const OWNER = { workspaceId: "local", userId: "me" };
const MAIL = { id: "mail_1", letterId: "letter_1", to: "hr@example.com" };
const LEASE = 600_000;
const at = (iso: string) => ({ leaseMs: LEASE, now: new Date(iso) });

describe.each(STORES)("mail claims on %s", (kind) => {
  let store: TestStore;
  let letters: LettersRepo;
  beforeEach(async () => {
    store = await openTestStore(kind);
    letters = new LettersRepo(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  it("holds a send within its lease, takes it over after, and fences the old attempt's outcome", async () => {
    const first = await letters.claimMail(OWNER, MAIL, at("2026-12-03T10:00:00.000Z"));
    expect(first).toEqual({ claim: "2026-12-03T10:00:00.000Z" });
    // Nine minutes on the first attempt may still be talking to the server.
    expect(await letters.claimMail(OWNER, MAIL, at("2026-12-03T10:09:00.000Z"))).toEqual({ held: "sending" });
    expect(await letters.mails(OWNER, "letter_1")).toEqual([{ to: "hr@example.com", status: "sending" }]);

    // Eleven minutes on it died: the send is taken over.
    const second = await letters.claimMail(OWNER, MAIL, at("2026-12-03T10:11:00.000Z"));
    expect(second).toEqual({ claim: "2026-12-03T10:11:00.000Z" });
    await letters.finishMail(OWNER, MAIL.id, "2026-12-03T10:11:00.000Z", {
      messageId: "<mail_1@jobscout.invalid>",
    });
    // The first attempt's late failure changes nothing.
    await letters.finishMail(OWNER, MAIL.id, "2026-12-03T10:00:00.000Z", { error: "connection closed" });
    expect(await letters.mails(OWNER, "letter_1")).toEqual([{ to: "hr@example.com", status: "sent" }]);
    // Sent is final, however late.
    expect(await letters.claimMail(OWNER, MAIL, at("2026-12-04T10:00:00.000Z"))).toEqual({ held: "sent" });
  });

  it("claims a failed send again at once, and keeps another person's claim apart", async () => {
    const { claim } = (await letters.claimMail(OWNER, MAIL, at("2026-12-03T10:00:00.000Z"))) as {
      claim: string;
    };
    await letters.finishMail(OWNER, MAIL.id, claim, { error: "550 no such user" });
    expect(await letters.mails(OWNER, "letter_1")).toEqual([{ to: "hr@example.com", status: "failed" }]);
    expect(await letters.claimMail(OWNER, MAIL, at("2026-12-03T10:00:01.000Z"))).toEqual({
      claim: "2026-12-03T10:00:01.000Z",
    });
    // Someone else's finish with the right token but another owner changes nothing.
    await letters.finishMail({ workspaceId: "local", userId: "other" }, MAIL.id, "2026-12-03T10:00:01.000Z", {
      messageId: "<x@y>",
    });
    expect(await letters.mails(OWNER, "letter_1")).toEqual([{ to: "hr@example.com", status: "sending" }]);
  });
});
