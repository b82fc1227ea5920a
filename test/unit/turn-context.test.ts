// Who is asking comes from the platform event the chat surface put into the agent's runtime context,
// never from model output: a tool reads it through turnContext, and everything it does for a person
// (their marks, profile, letters, the language of the answer) follows from what it returns. Anything
// there of the wrong type is read as absent, so a stray value can never make a member an admin, a
// channel a DM, or an answer German.
import { describe, expect, it } from "vitest";
import { readRequest } from "../../src/tools/request.js";
import { notAsked, personOf, privateOnly, toolError, turnContext } from "../../src/tools/context.js";

const identity = { workspaceId: "T-ctx", userId: "U-ctx", threadId: "th-1", platform: "slack" };

describe("turnContext", () => {
  it("refuses to run a tool without the caller's full identity", () => {
    expect(() => turnContext(undefined)).toThrow();
    expect(() => turnContext({})).toThrow();
    expect(() => turnContext({ context: { ...identity, userId: "" } })).toThrow(/userId/);
    expect(() => turnContext({ context: { ...identity, workspaceId: undefined } })).toThrow(/workspaceId/);
  });

  it("reads a bare identity as: not an admin, not a DM, nothing asked, nothing used, English", () => {
    expect(turnContext({ context: identity })).toEqual({
      ...identity,
      isAdmin: false,
      onProgress: undefined,
      onActivity: undefined,
      request: { asks: new Set(), urls: [], jobRefs: 0 },
      used: { marks: 0 },
      channel: undefined,
      direct: false,
      timeZone: undefined,
      lang: "en",
      personalWorkspaceId: undefined,
    });
  });

  it("keeps what the surface set, of the right type", () => {
    const onProgress = () => undefined;
    const onActivity = () => undefined;
    const request = readRequest("save 2");
    const used = { marks: 1 };
    const ctx = turnContext({
      context: {
        ...identity,
        isAdmin: true,
        onProgress,
        onActivity,
        request,
        used,
        channel: "C-jobs",
        direct: true,
        timeZone: "Europe/Berlin",
        lang: "de",
        personalWorkspaceId: "T-home",
      },
    });
    expect(ctx).toEqual({
      ...identity,
      isAdmin: true,
      onProgress,
      onActivity,
      request,
      used,
      channel: "C-jobs",
      direct: true,
      timeZone: "Europe/Berlin",
      lang: "de",
      personalWorkspaceId: "T-home",
    });
    // The very objects: marks used by one tool count for the next one in the same turn.
    expect(ctx.used).toBe(used);
  });

  it("reads values of the wrong type as absent", () => {
    const ctx = turnContext({
      context: {
        ...identity,
        isAdmin: "true",
        onProgress: "log",
        onActivity: 1,
        channel: 42,
        direct: "yes",
        timeZone: 1,
        lang: "fr",
        personalWorkspaceId: 7,
      },
    });
    expect(ctx).toMatchObject({
      isAdmin: false,
      onProgress: undefined,
      onActivity: undefined,
      channel: undefined,
      direct: false,
      timeZone: undefined,
      lang: "en",
      personalWorkspaceId: undefined,
    });
  });
});

describe("what tools derive from the turn", () => {
  it("keeps a person's private data with them: their home workspace when the surface names one", () => {
    expect(personOf(turnContext({ context: { ...identity, personalWorkspaceId: "T-home" } }))).toEqual({
      workspaceId: "T-home",
      userId: "U-ctx",
    });
    expect(personOf(turnContext({ context: identity }))).toEqual({ workspaceId: "T-ctx", userId: "U-ctx" });
  });

  it("shows a profile only in a direct message, saying why in the member's language", () => {
    expect(privateOnly(turnContext({ context: { ...identity, direct: true } }))).toBeUndefined();
    expect(privateOnly(turnContext({ context: identity }))).toBe(
      "Your profile is private, so I don't show it here where others can read it. Ask me in a direct message, or use the “Why this score?” button (its answer is only for you).",
    );
    expect(privateOnly(turnContext({ context: { ...identity, lang: "de" } }))).toBe(
      "Dein Profil ist privat, deshalb zeige ich es nicht hier, wo andere mitlesen. Frag mich in einer Direktnachricht oder nutz den Button „Warum diese Bewertung?“ (die Antwort siehst nur du).",
    );
    // A language the answers do not have falls back to English.
    expect(privateOnly(turnContext({ context: { ...identity, lang: "fr" } }))).toBe(
      "Your profile is private, so I don't show it here where others can read it. Ask me in a direct message, or use the “Why this score?” button (its answer is only for you).",
    );
  });

  it("refuses a mark the person did not ask for, and a second one when they named one job", () => {
    expect(notAsked(turnContext({ context: identity }), "mark")).toBe(
      "I save or hide jobs only when you ask me to in your own message, e.g. “save 2” or “not for me 3”.",
    );
    const ctx = turnContext({ context: { ...identity, request: readRequest("save 2") } });
    expect(notAsked(ctx, "mark")).toBeUndefined();
    expect(notAsked(ctx, "mark")).toBe("I saved or hid only the jobs you named in your message.");
    // Each turn counts its marks from zero.
    expect(
      notAsked(turnContext({ context: { ...identity, request: readRequest("save 2") } }), "mark"),
    ).toBeUndefined();
  });

  it("gives the model an error it can read as JSON", () => {
    expect(toolError("Job j_1 is gone.")).toBe('{"error":"Job j_1 is gone."}');
  });
});
