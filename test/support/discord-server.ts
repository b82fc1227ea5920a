// A local stand-in for Discord: the REST API (under /api/v10) and the gateway WebSocket on one port,
// so the real discord.js client can be pointed at it with `rest.api` / DISCORD_API_URL. It records
// every REST call, keeps the messages the bot posts (with their edits), tracks interaction state
// (one callback per interaction; webhooks only after it) and rejects message bodies Discord would
// reject (lengths, counts, embed totals, component shapes) with Discord's 400 "Invalid Form Body".
// The gateway keeps a session per IDENTIFY with its own sequence numbers and the dispatches sent in
// it, so a client that lost its connection can RESUME (op 6) and gets what it missed replayed.
import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { WebSocketServer, type WebSocket } from "ws";

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: Array<{ id: string; name: string }>;
  threads?: Array<{ id: string; name: string; parentId: string }>;
}

/** Options for {@link startDiscordServer}. */
export interface DiscordServerOptions {
  /** @defaultValue `"100000000000000001"` */
  applicationId?: string;
  /** @defaultValue a bot user named jobscout */
  botUser?: FakeUser;
  /** The bot token the fake accepts (REST `Authorization: Bot …` and IDENTIFY). @defaultValue `"test-token"` */
  token?: string;
  guilds?: FakeGuild[];
}

export interface RestCall {
  method: string;
  /** Path after `/api/v10`, percent-decoded (`/webhooks/1/tok/messages/@original`). */
  path: string;
  query: Record<string, string>;
  body: unknown;
  files: string[];
  status: number;
  /** `performance.now()` when the request arrived. */
  at: number;
}

/** A message the bot posted (channel message, interaction response or follow-up). */
export interface StoredMessage {
  id: string;
  channelId: string;
  guildId: string | undefined;
  authorId: string;
  content: string;
  embeds: Array<Record<string, unknown>>;
  components: Array<Record<string, unknown>>;
  flags: number;
  /** The message it replies to (`message_reference`). */
  replyTo: string | undefined;
  /** Set for interaction responses and follow-ups. */
  interactionId: string | undefined;
  /** Content of every version, first to last (edits append). */
  history: string[];
}

export interface InteractionState {
  id: string;
  token: string;
  userId: string;
  guildId: string | undefined;
  channelId: string;
  /** `performance.now()` when INTERACTION_CREATE went out. */
  sentAt: number;
  /** `performance.now()` of the (first) callback. */
  ackedAt: number | undefined;
  ackType: number | undefined;
  /** The modal the bot answered with (callback type 9), if it did. */
  modal?: Record<string, unknown> | undefined;
  ackFlags: number;
  originalId: string | undefined;
}

/** A gateway connection's start, as the stand-in saw it (for drills). */
export interface GatewayConnection {
  /** `identify`: a new session; `resume`: a session taken up again; `refused`: a resume answered with invalid session. */
  kind: "identify" | "resume" | "refused";
  /** The URL path the client connected to (READY's `resume_gateway_url` for a resume). */
  path: string;
  sessionId: string | undefined;
  /** Dispatches replayed before RESUMED. */
  replayed: number;
}

export interface DiscordServer {
  /** Use as DISCORD_API_URL. */
  apiUrl: string;
  applicationId: string;
  botUser: FakeUser;
  token: string;
  calls: RestCall[];
  messages: Map<string, StoredMessage>;
  interactions: Map<string, InteractionState>;
  /** Resolves when a client has identified and received READY and every GUILD_CREATE. */
  ready(): Promise<void>;
  /** A user posts a message; `mentionBot` puts the bot into `mentions` (as Discord does for <@bot>). */
  postMessage(m: {
    channelId: string;
    guildId?: string;
    author: FakeUser;
    content: string;
    mentionBot?: boolean;
    replyTo?: string;
    /** Role ids of the author in the guild (see {@link adminRoleId}). */
    roles?: string[];
    /** Files sent with the message, as Discord describes them (the URL is signed and expires). */
    attachments?: Array<{ filename: string; size: number; contentType?: string; content?: Buffer }>;
  }): Record<string, unknown>;
  /** `/jobs <sub> [query]` as Discord delivers it. */
  slashCommand(c: {
    channelId: string;
    guildId?: string;
    user: FakeUser;
    subcommand: string;
    options?: Record<string, string>;
    /** Permission bit field of the member. @defaultValue `"3072"` (view + send) */
    permissions?: string;
  }): InteractionState;
  /** A user presses a button on a message the bot posted. */
  pressButton(b: {
    messageId: string;
    customId: string;
    user: FakeUser;
    permissions?: string;
  }): InteractionState;
  /** A user submits a modal the bot showed in answer to `after` (its text inputs by custom_id). */
  submitModal(m: {
    after: InteractionState;
    user: FakeUser;
    values: Record<string, string>;
  }): InteractionState;
  /** Messages the bot posted, oldest first, optionally only in one channel. */
  botMessages(channelId?: string): StoredMessage[];
  /** The DM channel the bot opened with a user (`POST /users/@me/channels`), if it did. */
  dmChannelOf(userId: string): string | undefined;
  /**
   * Answer the next `times` REST calls of `method` whose path matches `path` with a Discord error
   * (e.g. 403 / 50001 "Missing Access" once the bot was removed from a channel).
   */
  fail(
    method: string,
    path: RegExp,
    error: { status: number; code: number; message: string },
    times?: number,
  ): void;
  waitFor<T>(check: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  /** Every gateway session start (identify) and take-up (resume), oldest first. */
  gatewayLog: GatewayConnection[];
  /**
   * Close every gateway connection with `code` (4000 "unknown error" by default: a client should
   * resume). Dispatches from now until a session is resumed are kept for its replay.
   */
  dropGateway(code?: number): number;
  close(): Promise<void>;
}

/** How many dispatches a session keeps for a resume (Discord keeps a bounded backlog too). */
const RESUME_BACKLOG = 1000;

interface GatewaySession {
  id: string;
  /** The last sequence number sent in this session. */
  seq: number;
  ws: WebSocket | undefined;
  sent: Array<{ op: 0; t: string; s: number; d: unknown }>;
}

/**
 * What Discord would reject in a message body (create or edit), as its documented limits say:
 * content ≤ 2000; ≤ 10 embeds; per embed title ≤ 256, description ≤ 4096, ≤ 25 fields (name ≤ 256,
 * value ≤ 1024, both non-empty), footer ≤ 2048, author ≤ 256, http(s) url; ≤ 6000 characters across
 * all embeds; ≤ 5 action rows of 1–5 buttons, custom_id 1–100 and unique, label ≤ 80; not empty.
 */
export function discordMessageProblems(body: Record<string, unknown>, o: { create: boolean }): string[] {
  const problems: string[] = [];
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const content = str(body.content);
  if (content.length > 2000) problems.push(`content: ${content.length} > 2000`);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Array<Record<string, unknown>>) : [];
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  let total = 0;
  embeds.forEach((e, i) => {
    const limit = (what: string, v: string, max: number) => {
      if (v.length > max) problems.push(`embeds.${i}.${what}: ${v.length} > ${max}`);
      total += v.length;
    };
    limit("title", str(e.title), 256);
    limit("description", str(e.description), 4096);
    limit("footer.text", str((e.footer as Record<string, unknown> | undefined)?.text), 2048);
    limit("author.name", str((e.author as Record<string, unknown> | undefined)?.name), 256);
    if (e.url !== undefined) {
      const ok = typeof e.url === "string" && /^https?:\/\/\S+$/.test(e.url) && URL.canParse(e.url);
      if (!ok) problems.push(`embeds.${i}.url: Not a well formed URL`);
    }
    const fields = Array.isArray(e.fields) ? (e.fields as Array<Record<string, unknown>>) : [];
    if (fields.length > 25) problems.push(`embeds.${i}.fields: ${fields.length} > 25`);
    fields.forEach((f, j) => {
      const name = str(f.name);
      const value = str(f.value);
      if (!name || !value) problems.push(`embeds.${i}.fields.${j}: name and value are required`);
      limit(`fields.${j}.name`, name, 256);
      limit(`fields.${j}.value`, value, 1024);
    });
  });
  if (total > 6000) problems.push(`embeds: ${total} characters > 6000`);
  const rows = Array.isArray(body.components) ? (body.components as Array<Record<string, unknown>>) : [];
  if (rows.length > 5) problems.push(`components: ${rows.length} rows > 5`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const items = Array.isArray(row.components) ? (row.components as Array<Record<string, unknown>>) : [];
    if (row.type !== 1) problems.push(`components.${i}: not an action row`);
    if (items.length < 1 || items.length > 5) problems.push(`components.${i}: ${items.length} buttons`);
    items.forEach((b, j) => {
      const where = `components.${i}.components.${j}`;
      if (b.type !== 2) return problems.push(`${where}: not a button`);
      if (str(b.label).length > 80) problems.push(`${where}.label: > 80`);
      if (b.style === 5) {
        if (typeof b.url !== "string" || b.custom_id !== undefined) problems.push(`${where}: link button`);
        return undefined;
      }
      const id = str(b.custom_id);
      if (id.length < 1 || id.length > 100) problems.push(`${where}.custom_id: length ${id.length}`);
      if (ids.has(id)) problems.push(`${where}.custom_id: duplicate ${id}`);
      ids.add(id);
      return undefined;
    });
  });
  const attachments = Array.isArray(body.attachments) ? body.attachments.length : 0;
  if (o.create && !content && embeds.length === 0 && rows.length === 0 && attachments === 0)
    problems.push("Cannot send an empty message");
  return problems;
}

/** The Admins role every fake guild has: Manage Server plus view/send. */
export const adminRoleId = (guildId: string) => `${guildId}9`;
const BASE_PERMS = String((1n << 10n) | (1n << 11n));
const MANAGE_GUILD = 1n << 5n;
export const ADMIN_PERMISSIONS = String(BigInt(BASE_PERMS) | MANAGE_GUILD);

let seq = 0;
/** Discord-shaped ids: milliseconds since the Discord epoch, shifted, plus a counter. */
export function snowflake(): string {
  seq = (seq + 1) & 0xfff;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) | BigInt(seq)).toString();
}

function apiUser(u: FakeUser): Record<string, unknown> {
  return {
    id: u.id,
    username: u.username,
    discriminator: "0",
    global_name: u.username,
    avatar: null,
    bot: u.bot ?? false,
  };
}

function guildPayload(g: FakeGuild, bot: FakeUser): Record<string, unknown> {
  const role = (id: string, name: string, permissions: string, position: number) => ({
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed: false,
    mentionable: false,
    flags: 0,
  });
  const now = new Date().toISOString();
  return {
    id: g.id,
    name: g.name,
    icon: null,
    owner_id: g.ownerId,
    unavailable: false,
    large: false,
    member_count: 3,
    joined_at: now,
    features: [],
    emojis: [],
    stickers: [],
    roles: [role(g.id, "@everyone", BASE_PERMS, 0), role(adminRoleId(g.id), "Admins", ADMIN_PERMISSIONS, 1)],
    channels: g.channels.map((c, i) => ({
      id: c.id,
      type: 0,
      name: c.name,
      guild_id: g.id,
      position: i,
      permission_overwrites: [],
      parent_id: null,
      nsfw: false,
    })),
    threads: (g.threads ?? []).map((t) => ({
      id: t.id,
      type: 11,
      name: t.name,
      guild_id: g.id,
      parent_id: t.parentId,
      owner_id: g.ownerId,
      member_count: 2,
      message_count: 0,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: now,
        locked: false,
      },
    })),
    members: [{ user: apiUser(bot), roles: [], joined_at: now, deaf: false, mute: false, flags: 0 }],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    premium_tier: 0,
    system_channel_flags: 0,
    verification_level: 0,
    explicit_content_filter: 0,
    default_message_notifications: 0,
    mfa_level: 0,
    nsfw_level: 0,
    preferred_locale: "en-US",
    afk_timeout: 300,
  };
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: string[] }> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith("multipart/form-data")) {
    // Let undici's Request parse the multipart body discord.js sends with attachments.
    const form = await new Request("http://fake/", {
      method: "POST",
      headers: { "content-type": type },
      body: raw,
    }).formData();
    const payload = form.get("payload_json");
    const files: string[] = [];
    for (const [key, value] of form.entries())
      if (key !== "payload_json" && typeof value !== "string") files.push(value.name);
    return { body: typeof payload === "string" ? (JSON.parse(payload) as unknown) : {}, files };
  }
  return { body: JSON.parse(raw.toString("utf8")) as unknown, files: [] };
}

/** Start the fake on a free port. */
export async function startDiscordServer(o: DiscordServerOptions = {}): Promise<DiscordServer> {
  const applicationId = o.applicationId ?? "100000000000000001";
  const botUser: FakeUser = o.botUser ?? { id: "100000000000000002", username: "jobscout", bot: true };
  const token = o.token ?? "test-token";
  const guilds = o.guilds ?? [];
  const calls: RestCall[] = [];
  const messages = new Map<string, StoredMessage>();
  const interactions = new Map<string, InteractionState>();
  const byToken = new Map<string, InteractionState>();
  const userMessages = new Map<string, Record<string, unknown>>();
  const channelGuild = new Map<string, string>();
  for (const g of guilds) {
    for (const c of g.channels) channelGuild.set(c.id, g.id);
    for (const t of g.threads ?? []) channelGuild.set(t.id, g.id);
  }
  const sockets = new Set<WebSocket>();
  const sessions = new Map<string, GatewaySession>();
  const gatewayLog: GatewayConnection[] = [];
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((r) => (readyResolve = r));

  const send = (ws: WebSocket, frame: { op: number; d: unknown; s?: number | null; t?: string | null }) =>
    ws.send(JSON.stringify({ s: null, t: null, ...frame }));
  /** Send a dispatch in one session (kept for a resume even while it has no connection). */
  const dispatchIn = (session: GatewaySession, t: string, d: unknown) => {
    session.seq += 1;
    const frame = { op: 0 as const, t, s: session.seq, d };
    session.sent.push(frame);
    if (session.sent.length > RESUME_BACKLOG) session.sent.shift();
    if (session.ws) send(session.ws, frame);
  };
  const dispatch = (t: string, d: unknown) => {
    for (const session of sessions.values()) dispatchIn(session, t, d);
  };
  /** op 6: take a session up again on `ws` and replay what it missed, or say it cannot be resumed. */
  const resume = (ws: WebSocket, path: string, d: Record<string, unknown>) => {
    if (d.token !== token) return ws.close(4004, "Authentication failed.");
    const session = typeof d.session_id === "string" ? sessions.get(d.session_id) : undefined;
    const seq = typeof d.seq === "number" ? d.seq : -1;
    const oldest = session?.sent[0]?.s ?? Infinity;
    if (!session || session.ws || seq > session.seq || seq < oldest - 1) {
      gatewayLog.push({ kind: "refused", path, sessionId: session?.id, replayed: 0 });
      return send(ws, { op: 9, d: false });
    }
    session.ws = ws;
    sockets.add(ws);
    const missed = session.sent.filter((f) => f.s > seq);
    gatewayLog.push({ kind: "resume", path, sessionId: session.id, replayed: missed.length });
    for (const f of missed) send(ws, f);
    dispatchIn(session, "RESUMED", {});
  };

  const apiMessage = (m: StoredMessage): Record<string, unknown> => ({
    id: m.id,
    type: m.replyTo ? 19 : m.interactionId ? 20 : 0,
    channel_id: m.channelId,
    ...(m.guildId ? { guild_id: m.guildId } : {}),
    author: apiUser(botUser),
    content: m.content,
    timestamp: new Date().toISOString(),
    edited_timestamp: m.history.length > 1 ? new Date().toISOString() : null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: m.embeds,
    components: m.components,
    pinned: false,
    flags: m.flags,
    ...(m.replyTo ? { message_reference: { message_id: m.replyTo, channel_id: m.channelId } } : {}),
    ...(m.interactionId ? { webhook_id: applicationId, application_id: applicationId } : {}),
  });

  const store = (
    channelId: string,
    body: Record<string, unknown>,
    extra: Partial<StoredMessage> = {},
  ): StoredMessage => {
    const ref = body.message_reference as { message_id?: string } | undefined;
    const m: StoredMessage = {
      id: snowflake(),
      channelId,
      guildId: channelGuild.get(channelId),
      authorId: botUser.id,
      content: typeof body.content === "string" ? body.content : "",
      embeds: (body.embeds as StoredMessage["embeds"] | undefined) ?? [],
      components: (body.components as StoredMessage["components"] | undefined) ?? [],
      flags: typeof body.flags === "number" ? body.flags : 0,
      replyTo: ref?.message_id,
      interactionId: undefined,
      history: [],
      ...extra,
    };
    m.history.push(m.content);
    messages.set(m.id, m);
    return m;
  };

  const edit = (m: StoredMessage, body: Record<string, unknown>) => {
    if (typeof body.content === "string") m.content = body.content;
    if (Array.isArray(body.embeds)) m.embeds = body.embeds as StoredMessage["embeds"];
    if (Array.isArray(body.components)) m.components = body.components as StoredMessage["components"];
    m.history.push(m.content);
  };

  type Handler = (
    m: RegExpMatchArray,
    body: Record<string, unknown>,
    query: Record<string, string>,
  ) => { status: number; json?: unknown };
  const err = (status: number, code: number, message: string, errors?: unknown) => ({
    status,
    json: { code, message, ...(errors ? { errors } : {}) },
  });
  const invalid = (body: Record<string, unknown>, create: boolean) => {
    const problems = discordMessageProblems(body, { create });
    return problems.length > 0 ? err(400, 50035, "Invalid Form Body", { problems }) : undefined;
  };
  const commands = new Map<string, unknown[]>();
  const dmChannels = new Map<string, string>();
  const faults: Array<{
    method: string;
    path: RegExp;
    error: { status: number; code: number; message: string };
    times: number;
  }> = [];

  const routes: Array<[string, RegExp, Handler]> = [
    [
      "GET",
      /^\/gateway\/bot$/,
      () => ({
        status: 200,
        json: {
          url: wsUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
        },
      }),
    ],
    ["GET", /^\/gateway$/, () => ({ status: 200, json: { url: wsUrl } })],
    ["POST", /^\/channels\/(\d+)\/typing$/, () => ({ status: 204 })],
    [
      "POST",
      /^\/users\/@me\/channels$/,
      (_m, body) => {
        const user = typeof body.recipient_id === "string" ? body.recipient_id : "";
        if (!/^\d+$/.test(user)) return err(400, 50035, "Invalid Form Body");
        const id = dmChannels.get(user) ?? snowflake();
        dmChannels.set(user, id);
        return { status: 200, json: { id, type: 1, last_message_id: null, recipients: [{ id: user }] } };
      },
    ],
    [
      "POST",
      /^\/channels\/(\d+)\/messages$/,
      (m, body) => invalid(body, true) ?? { status: 200, json: apiMessage(store(m[1]!, body)) },
    ],
    [
      "PATCH",
      /^\/channels\/(\d+)\/messages\/(\d+)$/,
      (m, body) => {
        const msg = messages.get(m[2]!);
        if (!msg || msg.channelId !== m[1]) return err(404, 10008, "Unknown Message");
        const bad = invalid({ ...apiMessage(msg), ...body }, false);
        if (bad) return bad;
        edit(msg, body);
        return { status: 200, json: apiMessage(msg) };
      },
    ],
    [
      "POST",
      /^\/interactions\/(\d+)\/([^/]+)\/callback$/,
      (m, body) => {
        const it = interactions.get(m[1]!);
        if (!it || it.token !== m[2]) return err(404, 10062, "Unknown interaction");
        if (it.ackedAt !== undefined) return err(400, 40060, "Interaction has already been acknowledged.");
        const data = (body.data ?? {}) as Record<string, unknown>;
        if (body.type === 4) {
          const bad = invalid(data, true);
          if (bad) return bad;
        }
        if (body.type === 9) {
          // A modal: a title ≤ 45, a custom_id, 1–5 rows each holding one text input (value ≤ 4000).
          const rows = data.components as Array<{ components?: Array<Record<string, unknown>> }> | undefined;
          const inputs = (rows ?? []).flatMap((r) => r.components ?? []);
          const ok =
            typeof data.title === "string" &&
            data.title.length > 0 &&
            data.title.length <= 45 &&
            typeof data.custom_id === "string" &&
            rows !== undefined &&
            rows.length >= 1 &&
            rows.length <= 5 &&
            inputs.every((c) => c.type === 4 && (typeof c.value !== "string" || c.value.length <= 4000));
          if (!ok) return err(400, 50035, "Invalid Form Body");
          it.modal = data;
        }
        it.ackedAt = performance.now();
        it.ackType = Number(body.type);
        it.ackFlags = typeof data.flags === "number" ? data.flags : 0;
        if (body.type === 4 || body.type === 5) {
          const msg = store(it.channelId, body.type === 4 ? data : { flags: it.ackFlags }, {
            interactionId: it.id,
          });
          it.originalId = msg.id;
        }
        return { status: 204 };
      },
    ],
    [
      "PATCH",
      new RegExp(`^/webhooks/${applicationId}/([^/]+)/messages/([^/]+)$`),
      (m, body) => {
        const it = byToken.get(m[1]!);
        if (!it || it.ackedAt === undefined) return err(404, 10015, "Unknown Webhook");
        const id = m[2] === "@original" ? it.originalId : m[2];
        const msg = id ? messages.get(id) : undefined;
        if (!msg || msg.interactionId !== it.id) return err(404, 10008, "Unknown Message");
        const bad = invalid({ ...apiMessage(msg), ...body }, false);
        if (bad) return bad;
        edit(msg, body);
        return { status: 200, json: apiMessage(msg) };
      },
    ],
    [
      "POST",
      new RegExp(`^/webhooks/${applicationId}/([^/]+)$`),
      (m, body) => {
        const it = byToken.get(m[1]!);
        if (!it || it.ackedAt === undefined) return err(404, 10015, "Unknown Webhook");
        const bad = invalid(body, true);
        if (bad) return bad;
        return { status: 200, json: apiMessage(store(it.channelId, body, { interactionId: it.id })) };
      },
    ],
    [
      "PUT",
      new RegExp(`^/applications/${applicationId}(?:/guilds/(\\d+))?/commands$`),
      (m, body) => {
        if (!Array.isArray(body)) return err(400, 50035, "Invalid Form Body");
        const saved = body.map((c: Record<string, unknown>) => ({
          id: snowflake(),
          application_id: applicationId,
          ...(m[1] ? { guild_id: m[1] } : {}),
          version: snowflake(),
          ...c,
        }));
        commands.set(m[1] ?? "global", saved);
        return { status: 200, json: saved };
      },
    ],
  ];

  const attachmentFiles = new Map<string, Buffer>();
  let baseUrl = "";
  const server = http.createServer((req, res: ServerResponse) => {
    const at = performance.now();
    const url = new URL(req.url ?? "/", "http://fake");
    const file = req.method === "GET" ? attachmentFiles.get(decodeURIComponent(url.pathname)) : undefined;
    if (file) {
      res
        .writeHead(200, { "content-type": "application/octet-stream", "content-length": file.length })
        .end(file);
      return;
    }
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
    const query = Object.fromEntries(url.searchParams);
    void readBody(req).then(({ body, files }) => {
      const call: RestCall = { method: req.method ?? "GET", path, query, body, files, status: 0, at };
      calls.push(call);
      let out: { status: number; json?: unknown } = err(404, 0, "404: Not Found");
      const auth = req.headers.authorization;
      let fault: (typeof faults)[number] | undefined;
      const needsAuth = !/^\/(interactions|webhooks)\//.test(path);
      if (needsAuth && auth !== `Bot ${token}`) out = err(401, 0, "401: Unauthorized");
      else if ((fault = faults.find((f) => f.times > 0 && f.method === req.method && f.path.test(path)))) {
        fault.times -= 1;
        out = err(fault.error.status, fault.error.code, fault.error.message);
      } else
        for (const [method, re, handler] of routes) {
          const m = path.match(re);
          if (m && method === req.method) {
            out = handler(m, (body ?? {}) as Record<string, unknown>, query);
            break;
          }
        }
      call.status = out.status;
      if (out.json === undefined) res.writeHead(out.status).end();
      else res.writeHead(out.status, { "content-type": "application/json" }).end(JSON.stringify(out.json));
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/gateway")) {
      socket.destroy();
      return;
    }
    const path = new URL(req.url, "http://x").pathname;
    wss.handleUpgrade(req, socket, head, (ws) => {
      send(ws, { op: 10, d: { heartbeat_interval: 41_250 } });
      ws.on("message", (raw: Buffer) => {
        const frame = JSON.parse(raw.toString()) as { op: number; d: Record<string, unknown> };
        if (frame.op === 1) send(ws, { op: 11, d: null });
        else if (frame.op === 6) resume(ws, path, frame.d);
        else if (frame.op === 2) {
          if (frame.d.token !== token) {
            ws.close(4004, "Authentication failed.");
            return;
          }
          sockets.add(ws);
          const session: GatewaySession = { id: randomUUID(), seq: 0, ws, sent: [] };
          sessions.set(session.id, session);
          gatewayLog.push({ kind: "identify", path, sessionId: session.id, replayed: 0 });
          dispatchIn(session, "READY", {
            v: 10,
            user: { ...apiUser(botUser), bot: true, verified: true, flags: 0, mfa_enabled: false },
            guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
            session_id: session.id,
            // Its own path, so a drill can tell a resume used it (as Discord wants).
            resume_gateway_url: `${wsUrl}-resume`,
            shard: [0, 1],
            application: { id: applicationId, flags: 0 },
            private_channels: [],
          });
          // Only the session that identified gets the guilds, as on Discord.
          for (const g of guilds) dispatchIn(session, "GUILD_CREATE", guildPayload(g, botUser));
          readyResolve();
        }
      });
      ws.on("close", () => {
        sockets.delete(ws);
        for (const session of sessions.values()) if (session.ws === ws) session.ws = undefined;
      });
    });
  });

  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const wsUrl = `ws://127.0.0.1:${port}/gateway`;
  baseUrl = `http://127.0.0.1:${port}`;

  const memberOf = (guildId: string | undefined, u: FakeUser, roles: string[], permissions?: string) =>
    guildId
      ? {
          user: apiUser(u),
          roles,
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
          ...(permissions !== undefined ? { permissions } : {}),
        }
      : undefined;

  const interaction = (
    c: { channelId: string; guildId?: string | undefined; user: FakeUser; permissions?: string | undefined },
    type: number,
    data: Record<string, unknown>,
    message?: Record<string, unknown>,
  ): InteractionState => {
    const state: InteractionState = {
      id: snowflake(),
      token: `itoken-${randomUUID()}`,
      userId: c.user.id,
      guildId: c.guildId,
      channelId: c.channelId,
      sentAt: 0,
      ackedAt: undefined,
      ackType: undefined,
      ackFlags: 0,
      originalId: undefined,
    };
    interactions.set(state.id, state);
    byToken.set(state.token, state);
    const member = memberOf(c.guildId, c.user, [], c.permissions ?? BASE_PERMS);
    const d = {
      id: state.id,
      application_id: applicationId,
      type,
      token: state.token,
      version: 1,
      data,
      channel_id: c.channelId,
      channel: c.guildId
        ? { id: c.channelId, type: 0, guild_id: c.guildId, name: "chan" }
        : { id: c.channelId, type: 1, recipients: [apiUser(c.user)] },
      ...(c.guildId ? { guild_id: c.guildId, guild: { id: c.guildId, locale: "en-US", features: [] } } : {}),
      ...(member ? { member } : { user: apiUser(c.user) }),
      ...(message ? { message } : {}),
      app_permissions: "2248473465835073",
      locale: "en-US",
      guild_locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: c.guildId ? { "0": c.guildId } : { "1": c.user.id },
      context: c.guildId ? 0 : 1,
      attachment_size_limit: 8_388_608,
    };
    state.sentAt = performance.now();
    dispatch("INTERACTION_CREATE", d);
    return state;
  };

  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    applicationId,
    botUser,
    token,
    calls,
    messages,
    interactions,
    ready: () => readyPromise,
    postMessage(m) {
      const guildId = m.guildId ?? channelGuild.get(m.channelId);
      const ref = m.replyTo
        ? (userMessages.get(m.replyTo) ?? (messages.get(m.replyTo) && apiMessage(messages.get(m.replyTo)!)))
        : undefined;
      const d: Record<string, unknown> = {
        id: snowflake(),
        type: m.replyTo ? 19 : 0,
        channel_id: m.channelId,
        ...(guildId
          ? { guild_id: guildId, member: memberOf(guildId, m.author, m.roles ?? []) }
          : { channel_type: 1 }),
        author: apiUser(m.author),
        content: m.content,
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: m.mentionBot ? [apiUser(botUser)] : [],
        mention_roles: [],
        attachments: (m.attachments ?? []).map((a) => {
          const id = snowflake();
          // The fake serves the file itself (signed URL, as the CDN does); without content the link
          // answers 404, as an expired one does. Never the real CDN: the suite stays on loopback.
          const url = `${baseUrl}/cdn/attachments/${m.channelId}/${id}/${a.filename}?ex=1&is=1&hm=1`;
          if (a.content)
            attachmentFiles.set(`/cdn/attachments/${m.channelId}/${id}/${a.filename}`, a.content);
          return {
            id,
            filename: a.filename,
            size: a.size,
            url,
            proxy_url: url,
            ...(a.contentType ? { content_type: a.contentType } : {}),
          };
        }),
        embeds: [],
        components: [],
        pinned: false,
        flags: 0,
        ...(m.replyTo
          ? {
              message_reference: {
                type: 0,
                message_id: m.replyTo,
                channel_id: m.channelId,
                guild_id: guildId,
              },
              referenced_message: ref ?? null,
            }
          : {}),
      };
      userMessages.set(d.id as string, d);
      dispatch("MESSAGE_CREATE", d);
      return d;
    },
    slashCommand(c) {
      const options = Object.entries(c.options ?? {}).map(([name, value]) => ({ name, type: 3, value }));
      return interaction(c, 2, {
        id: "200000000000000001",
        name: "jobs",
        type: 1,
        options: [{ name: c.subcommand, type: 1, options }],
        ...(c.guildId ? { guild_id: c.guildId } : {}),
      });
    },
    pressButton(b) {
      const msg = messages.get(b.messageId);
      if (!msg) throw new Error(`no bot message ${b.messageId}`);
      return interaction(
        { channelId: msg.channelId, guildId: msg.guildId, user: b.user, permissions: b.permissions },
        3,
        { custom_id: b.customId, component_type: 2 },
        apiMessage(msg),
      );
    },
    dmChannelOf: (userId) => dmChannels.get(userId),
    fail: (method, path, error, times = 1) => faults.push({ method, path, error, times }),
    submitModal(m) {
      const modal = m.after.modal;
      if (!modal) throw new Error(`interaction ${m.after.id} showed no modal`);
      return interaction({ channelId: m.after.channelId, guildId: m.after.guildId, user: m.user }, 5, {
        custom_id: modal.custom_id,
        components: Object.entries(m.values).map(([custom_id, value]) => ({
          type: 1,
          components: [{ type: 4, custom_id, value }],
        })),
      });
    },
    botMessages(channelId) {
      return [...messages.values()].filter((m) => channelId === undefined || m.channelId === channelId);
    },
    async waitFor(check, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const v = check();
        if (v !== undefined && v !== false) return v;
        if (Date.now() > deadline) throw new Error(`discord fake: condition not met within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    gatewayLog,
    dropGateway(code = 4000) {
      let dropped = 0;
      for (const session of sessions.values()) {
        const ws = session.ws;
        if (!ws) continue;
        // Detached at once: what is dispatched from here on waits for the resume.
        session.ws = undefined;
        sockets.delete(ws);
        ws.close(code, "drill: connection dropped");
        dropped += 1;
      }
      return dropped;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
