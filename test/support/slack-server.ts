// A local fake of Slack for tests and benchmarks: the Web API over HTTP (`/api/<method>`, what
// SLACK_API_URL points the real @slack/web-api client at), response_url endpoints, and the Socket
// Mode WebSocket (`apps.connections.open` hands out its ws:// URL). Every call is recorded; payloads
// real Slack would reject (too many blocks, over-long text, bad buttons) are rejected the same way.
// It also drives an app the way Slack does: signed HTTP deliveries (events, slash commands,
// interactions) and Socket Mode envelopes that wait for their ack.
import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

type Json = Record<string, unknown>;

export interface SlackApiCall {
  method: string;
  args: Json;
  /** The bearer token the client sent. */
  token: string | undefined;
  /** What the fake answered. */
  response: Json;
}

export interface FakeSlackUser {
  id: string;
  name?: string;
  real_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  /** IANA time zone of the profile (`users.info` → `user.tz`). */
  tz?: string;
}

/** A message as the fake Slack holds it (posted by the bot), with its edits applied. */
export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs: string | undefined;
  text: string;
  blocks: Json[];
  edits: number;
  broadcast: boolean;
}

/** A file uploaded by the bot, with where it was shared once the upload was completed. */
export interface FakeUpload {
  id: string;
  filename: string;
  content: Buffer;
  channel: string | undefined;
  threadTs: string | undefined;
  title: string | undefined;
}

export interface SlackServerOptions {
  botToken?: string;
  appToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  users?: FakeSlackUser[];
  /** Channels and their members, for `conversations.members` (an unknown channel is `channel_not_found`). */
  channels?: Record<string, string[]>;
}

export interface SocketAck {
  envelopeId: string;
  payload: Json;
}

export interface SlackServer {
  /** Base URL of the fake, e.g. `http://127.0.0.1:40123`. */
  url: string;
  /** Use as SLACK_API_URL. */
  apiUrl: string;
  botToken: string;
  appToken: string;
  teamId: string;
  botUserId: string;
  botId: string;
  /** Every Web API call, in order. */
  calls: SlackApiCall[];
  callsTo(method: string): SlackApiCall[];
  /** Payloads rejected as Slack would (`invalid_blocks`, `msg_too_long`, …). */
  rejected: Array<{ method: string; error: string; detail: string }>;
  /** Bodies POSTed to response_url endpoints. */
  responses: Json[];
  /** Messages the bot posted, by ts. */
  messages: Map<string, FakeMessage>;
  /** Messages of a thread (the parent too, if the bot posted it), in order. */
  thread(channel: string, threadTs: string): FakeMessage[];
  setUser(user: FakeSlackUser): void;
  /** Files the bot uploaded (files.uploadV2: getUploadURLExternal, the upload, completeUploadExternal). */
  uploads: FakeUpload[];
  /** Modals the bot opened with views.open. */
  views: Array<{ triggerId: string; view: Json }>;
  /** Make the next `times` calls of a method fail with `error`. */
  fail(method: string, error: string, times?: number): void;
  /** A fresh response_url on this fake. */
  responseUrl(): string;
  /**
   * Host a file as Slack does: its `url_private` answers the bot token with the bytes, and
   * anything else (no token, or `loginPage`: the app lacks `files:read`) with a 200 HTML login page.
   */
  hostFile(name: string, content: Buffer, o?: { loginPage?: boolean }): string;
  /** Socket Mode: resolves once a client has connected and been greeted (after {@link dropSockets}: again). */
  socketConnected(): Promise<void>;
  /** Socket Mode: cut every connection without a close frame, as a network failure does. */
  dropSockets(): void;
  /** Socket Mode: send an envelope to the connected client; resolves with its ack. */
  sendEnvelope(
    type: "events_api" | "slash_commands" | "interactive",
    payload: Json,
    opts?: { retryAttempt?: number; retryReason?: string },
  ): Promise<SocketAck>;
  close(): Promise<void>;
}

const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  text: 40_000,
};

/** Why Slack would reject these blocks, or null if it would accept them. */
export function blockProblem(blocks: unknown): string | null {
  if (!Array.isArray(blocks)) return "blocks must be an array";
  if (blocks.length > LIMITS.blocks) return `${blocks.length} blocks (max ${LIMITS.blocks})`;
  const blockIds = new Set<string>();
  for (const [i, raw] of blocks.entries()) {
    const b = raw as Json;
    if (typeof b.block_id === "string") {
      if (blockIds.has(b.block_id)) return `duplicate block_id ${b.block_id}`;
      blockIds.add(b.block_id);
    }
    const textOf = (t: unknown) => (t as { text?: unknown } | undefined)?.text;
    if (b.type === "section") {
      const t = textOf(b.text);
      if (typeof t !== "string" || t.length === 0) return `block ${i}: section without text`;
      if (t.length > LIMITS.sectionText)
        return `block ${i}: section text ${t.length} > ${LIMITS.sectionText}`;
    } else if (b.type === "input") {
      // Modals: a labelled plain-text input whose initial value fits its max_length (≤ 3000).
      const label = textOf(b.label);
      const e = b.element as Json | undefined;
      if (typeof label !== "string" || !label || label.length > 2000) return `block ${i}: input label`;
      if (e?.type !== "plain_text_input" || typeof e.action_id !== "string")
        return `block ${i}: input element`;
      const max = typeof e.max_length === "number" ? e.max_length : 3000;
      if (max > 3000) return `block ${i}: max_length ${max} > 3000`;
      if (typeof e.initial_value === "string" && e.initial_value.length > max)
        return `block ${i}: initial_value longer than max_length`;
    } else if (b.type === "context") {
      const els = b.elements as unknown[];
      if (!Array.isArray(els) || els.length === 0 || els.length > 10) return `block ${i}: context elements`;
      for (const e of els) {
        const t = textOf(e);
        if (typeof t !== "string" || t.length === 0 || t.length > 3000) return `block ${i}: context text`;
      }
    } else if (b.type === "actions") {
      const els = b.elements as Json[];
      if (!Array.isArray(els) || els.length === 0 || els.length > 25) return `block ${i}: actions elements`;
      const ids = new Set<string>();
      for (const e of els) {
        const label = textOf(e.text);
        if (e.type !== "button") return `block ${i}: unexpected element ${String(e.type)}`;
        if (typeof label !== "string" || label.length === 0 || label.length > LIMITS.buttonText)
          return `block ${i}: button text`;
        if (typeof e.value === "string" && e.value.length > LIMITS.buttonValue) return `block ${i}: value`;
        const id = e.action_id;
        if (typeof id !== "string" || id.length > LIMITS.actionId) return `block ${i}: action_id`;
        if (ids.has(id)) return `block ${i}: duplicate action_id ${id}`;
        ids.add(id);
      }
    } else if (b.type !== "divider" && b.type !== "header") {
      return `block ${i}: unexpected type ${String(b.type)}`;
    }
  }
  return null;
}

/** The first part's bytes of a multipart/form-data body, or the body itself when it is not one. */
function multipartFile(body: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? "");
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return body;
  const delimiter = Buffer.from(`--${b}`);
  const start = body.indexOf(delimiter);
  const headersEnd = body.indexOf("\r\n\r\n", start);
  const end = body.indexOf(Buffer.from(`\r\n--${b}`), headersEnd);
  return start < 0 || headersEnd < 0 || end < 0 ? body : body.subarray(headersEnd + 4, end);
}

function parseArgs(raw: string, contentType: string | undefined): Json {
  if (contentType?.includes("application/json")) return raw ? (JSON.parse(raw) as Json) : {};
  const args: Json = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    args[k] =
      (k === "blocks" || k === "attachments" || k === "metadata") && /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return args;
}

export async function startSlackServer(o: SlackServerOptions = {}): Promise<SlackServer> {
  const botToken = o.botToken ?? "xoxb-fake-bot-token";
  const appToken = o.appToken ?? "xapp-fake-app-token";
  const teamId = o.teamId ?? "T0FAKE";
  const botUserId = o.botUserId ?? "U0BOT";
  const botId = o.botId ?? "B0BOT";
  const users = new Map((o.users ?? []).map((u) => [u.id, u]));
  const calls: SlackApiCall[] = [];
  const rejected: SlackServer["rejected"] = [];
  const responses: Json[] = [];
  const messages = new Map<string, FakeMessage>();
  const faults = new Map<string, { error: string; times: number }>();
  let seq = 0;
  const nextTs = () => `${1_700_000_000 + ++seq}.${String(seq).padStart(6, "0")}`;
  let port = 0;

  const reject = (method: string, error: string, detail: string): Json => {
    rejected.push({ method, error, detail });
    return { ok: false, error, errors: [detail] };
  };

  const checkMessage = (method: string, a: Json): Json | null => {
    if (typeof a.channel !== "string" || !a.channel) return reject(method, "channel_not_found", "no channel");
    const text = typeof a.text === "string" ? a.text : "";
    if (!text && a.blocks === undefined) return reject(method, "no_text", "neither text nor blocks");
    if (text.length > LIMITS.text) return reject(method, "msg_too_long", `${text.length} chars`);
    if (a.blocks !== undefined) {
      const problem = blockProblem(a.blocks);
      if (problem) return reject(method, "invalid_blocks", problem);
    }
    return null;
  };

  const api = (method: string, a: Json, token: string | undefined): Json => {
    const fault = faults.get(method);
    if (fault && fault.times > 0) {
      fault.times -= 1;
      return { ok: false, error: fault.error };
    }
    if (method === "apps.connections.open") {
      if (token !== appToken) return { ok: false, error: "invalid_auth" };
      return { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}` };
    }
    if (token !== botToken) return { ok: false, error: "invalid_auth" };
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://fake.slack.test/",
          team: "Fake Team",
          user: "jobscout",
          team_id: teamId,
          user_id: botUserId,
          bot_id: botId,
          is_enterprise_install: false,
        };
      case "chat.postMessage": {
        const bad = checkMessage(method, a);
        if (bad) return bad;
        const ts = nextTs();
        const threadTs = typeof a.thread_ts === "string" && a.thread_ts ? a.thread_ts : undefined;
        const msg: FakeMessage = {
          channel: a.channel as string,
          ts,
          threadTs,
          text: (a.text as string | undefined) ?? "",
          blocks: (a.blocks as Json[] | undefined) ?? [],
          edits: 0,
          broadcast: a.reply_broadcast === "true" || a.reply_broadcast === true,
        };
        messages.set(ts, msg);
        return {
          ok: true,
          channel: msg.channel,
          ts,
          message: {
            type: "message",
            user: botUserId,
            bot_id: botId,
            text: msg.text,
            ts,
            thread_ts: threadTs,
          },
        };
      }
      case "chat.update": {
        const bad = checkMessage(method, a);
        if (bad) return bad;
        const msg = messages.get(String(a.ts));
        if (!msg || msg.channel !== a.channel) return { ok: false, error: "message_not_found" };
        msg.text = (a.text as string | undefined) ?? msg.text;
        msg.blocks = (a.blocks as Json[] | undefined) ?? msg.blocks;
        msg.edits += 1;
        return { ok: true, channel: msg.channel, ts: msg.ts, text: msg.text };
      }
      case "chat.postEphemeral": {
        const bad = checkMessage(method, a);
        if (bad) return bad;
        if (typeof a.user !== "string" || !a.user) return { ok: false, error: "user_not_found" };
        return { ok: true, message_ts: nextTs() };
      }
      case "users.info": {
        const u = users.get(String(a.user));
        if (!u) return { ok: false, error: "user_not_found" };
        return {
          ok: true,
          user: {
            id: u.id,
            team_id: teamId,
            name: u.name ?? u.id.toLowerCase(),
            real_name: u.real_name ?? u.name ?? u.id,
            is_admin: u.is_admin ?? false,
            is_owner: u.is_owner ?? false,
            is_bot: false,
            ...(u.tz ? { tz: u.tz } : {}),
            profile: { display_name: u.name ?? "", real_name: u.real_name ?? u.id },
          },
        };
      }
      case "files.getUploadURLExternal": {
        // Slack hands out a one-off URL; the client POSTs the bytes there, then completes the upload.
        const filename = typeof a.filename === "string" ? a.filename : "";
        const length = Number(a.length);
        if (!filename || !(length > 0)) return { ok: false, error: "invalid_arguments" };
        const id = `F${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`;
        pendingUploads.set(id, {
          id,
          filename,
          content: Buffer.alloc(0),
          channel: undefined,
          threadTs: undefined,
          title: undefined,
        });
        return { ok: true, upload_url: `${`http://127.0.0.1:${port}`}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const list = (typeof a.files === "string" ? JSON.parse(a.files) : a.files) as Array<{
          id: string;
          title?: string;
        }>;
        const done: Json[] = [];
        for (const f of list ?? []) {
          const up = pendingUploads.get(f.id);
          if (!up || up.content.length === 0) return { ok: false, error: "file_not_found" };
          pendingUploads.delete(f.id);
          const shared = {
            ...up,
            title: f.title,
            channel: typeof a.channel_id === "string" ? a.channel_id : undefined,
            threadTs: typeof a.thread_ts === "string" ? a.thread_ts : undefined,
          };
          uploads.push(shared);
          done.push({ id: up.id, name: up.filename, title: f.title ?? up.filename, size: up.content.length });
        }
        return { ok: true, files: done };
      }
      case "views.open": {
        if (typeof a.trigger_id !== "string" || !a.trigger_id)
          return { ok: false, error: "invalid_trigger_id" };
        const view = (typeof a.view === "string" ? JSON.parse(a.view) : a.view) as Json;
        if (view?.type !== "modal") return { ok: false, error: "invalid_arguments" };
        const problem = blockProblem(view.blocks);
        if (problem) return reject(method, "invalid_blocks", problem);
        views.push({ triggerId: a.trigger_id, view });
        return { ok: true, view: { id: `V${++seq}`, ...view } };
      }
      case "conversations.members": {
        // Pages of `limit` (Slack's default 100) with a cursor, as Slack answers.
        const members = o.channels?.[String(a.channel)];
        if (!members) return { ok: false, error: "channel_not_found" };
        const limit = Math.max(1, Math.min(1000, Number(a.limit ?? 100) || 100));
        const cursor = typeof a.cursor === "string" ? a.cursor : "";
        const from = Number(Buffer.from(cursor, "base64").toString() || 0);
        const next =
          from + limit < members.length ? Buffer.from(String(from + limit)).toString("base64") : "";
        return {
          ok: true,
          members: members.slice(from, from + limit),
          response_metadata: { next_cursor: next },
        };
      }
      case "conversations.open": {
        // A DM channel per user, as Slack keeps one (needs im:write).
        const user = (typeof a.users === "string" ? a.users : "").split(",")[0] ?? "";
        if (!users.has(user)) return { ok: false, error: "user_not_found" };
        return { ok: true, channel: { id: `D${user}` } };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  };

  const files = new Map<string, { content: Buffer; loginPage: boolean }>();
  const pendingUploads = new Map<string, FakeUpload>();
  const uploads: FakeUpload[] = [];
  const views: SlackServer["views"] = [];
  const fileRequests: Array<{ path: string; authorization: string | undefined }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString();
      const url = new URL(req.url ?? "/", "http://x");
      const upload = req.method === "POST" && /^\/upload\/(\w+)$/.exec(url.pathname);
      if (upload) {
        const up = pendingUploads.get(upload[1]!);
        if (!up) {
          res.writeHead(404).end();
          return;
        }
        // @slack/web-api posts the bytes as multipart/form-data; Slack also takes them raw.
        up.content = multipartFile(Buffer.concat(chunks), req.headers["content-type"]);
        res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${up.content.length}`);
        return;
      }
      if (req.method === "POST" && url.pathname.startsWith("/respond/")) {
        responses.push(JSON.parse(raw || "{}") as Json);
        res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        return;
      }
      const hosted = req.method === "GET" ? files.get(url.pathname) : undefined;
      if (hosted) {
        const authorized = req.headers.authorization === `Bearer ${botToken}` && !hosted.loginPage;
        fileRequests.push({ path: url.pathname, authorization: req.headers.authorization });
        if (authorized)
          res
            .writeHead(200, {
              "content-type": "application/octet-stream",
              "content-length": hosted.content.length,
            })
            .end(hosted.content);
        else
          res
            .writeHead(200, { "content-type": "text/html; charset=utf-8" })
            .end(
              "<!DOCTYPE html><html><head><title>Slack</title></head><body>Sign in to Slack</body></html>",
            );
        return;
      }
      const m = /^\/api\/([\w.]+)$/.exec(url.pathname);
      if (req.method !== "POST" || !m?.[1]) {
        res.writeHead(404).end();
        return;
      }
      const method = m[1];
      const args = parseArgs(raw, req.headers["content-type"]);
      const token = req.headers.authorization?.replace(/^Bearer /, "") ?? (args.token as string | undefined);
      const response = api(method, args, token);
      calls.push({ method, args, token, response });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(response));
    });
  });

  // Socket Mode: one WebSocket per apps.connections.open ticket; the newest connection gets envelopes.
  const wss = new WebSocketServer({ noServer: true });
  const sockets: WebSocket[] = [];
  const pendingAcks = new Map<string, (ack: SocketAck) => void>();
  let greeted: () => void = () => undefined;
  let connected = new Promise<void>((r) => (greeted = r));
  server.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/link")) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.push(ws);
      ws.on("message", (data: Buffer) => {
        const msg = JSON.parse(data.toString()) as { envelope_id?: string; payload?: Json };
        if (msg.envelope_id)
          pendingAcks.get(msg.envelope_id)?.({ envelopeId: msg.envelope_id, payload: msg.payload ?? {} });
      });
      ws.on("close", () => sockets.splice(sockets.indexOf(ws), 1));
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: sockets.length,
          debug_info: { host: "fake-slack", build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: "A0FAKE" },
        }),
      );
      greeted();
    });
  });

  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    apiUrl: `${url}/api/`,
    botToken,
    appToken,
    teamId,
    botUserId,
    botId,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    rejected,
    responses,
    messages,
    thread: (channel, threadTs) =>
      [...messages.values()].filter(
        (m) => m.channel === channel && (m.ts === threadTs || m.threadTs === threadTs),
      ),
    setUser: (u) => users.set(u.id, u),
    uploads,
    views,
    fail: (method, error, times = 1) => faults.set(method, { error, times }),
    responseUrl: () => `${url}/respond/${randomUUID()}`,
    hostFile: (name, content, fo = {}) => {
      const path = `/files-pri/${teamId}-F${randomUUID().slice(0, 8)}/${encodeURIComponent(name)}`;
      files.set(path, { content, loginPage: fo.loginPage === true });
      return `${url}${path}`;
    },
    socketConnected: () => connected,
    dropSockets: () => {
      connected = new Promise<void>((r) => (greeted = r));
      for (const ws of [...sockets]) ws.terminate();
    },
    sendEnvelope: (type, payload, opts = {}) => {
      const ws = sockets.at(-1);
      if (!ws) return Promise.reject(new Error("no Socket Mode client connected"));
      const envelopeId = randomUUID();
      return new Promise<SocketAck>((resolve, rejectAck) => {
        const timer = setTimeout(() => {
          pendingAcks.delete(envelopeId);
          rejectAck(new Error(`no ack for envelope ${envelopeId} (${type})`));
        }, 10_000);
        pendingAcks.set(envelopeId, (ack) => {
          clearTimeout(timer);
          pendingAcks.delete(envelopeId);
          resolve(ack);
        });
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== "events_api",
            ...(type === "events_api"
              ? { retry_attempt: opts.retryAttempt ?? 0, retry_reason: opts.retryReason ?? "" }
              : {}),
          }),
        );
      });
    },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      connected = Promise.resolve();
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
    },
  };
}

// ------------------------------------------------------------ driving an app like Slack does

/** A modal submitted by a user, as Slack delivers `view_submission` (values by block and action id). */
export function viewSubmission(o: {
  view: Json;
  user: string;
  teamId: string;
  values: Record<string, Record<string, string>>;
}): Json {
  const values = Object.fromEntries(
    Object.entries(o.values).map(([block, actions]) => [
      block,
      Object.fromEntries(
        Object.entries(actions).map(([id, value]) => [id, { type: "plain_text_input", value }]),
      ),
    ]),
  );
  return {
    type: "view_submission",
    team: { id: o.teamId, domain: `team-${o.teamId.toLowerCase()}` },
    user: { id: o.user, username: o.user.toLowerCase(), name: o.user.toLowerCase(), team_id: o.teamId },
    api_app_id: "A0FAKE",
    token: "legacy-verification-token",
    trigger_id: `${Date.now()}.${Math.floor(Math.random() * 1e6)}`,
    view: { ...o.view, id: "V0FAKE", team_id: o.teamId, state: { values } },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<ts>:<raw body>` with the signing secret. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface Delivery {
  status: number;
  body: string;
}

/** Sends signed deliveries to an app's HTTP Events API endpoint. */
export class SlackSender {
  constructor(
    private readonly endpoint: string,
    private readonly secret: string,
  ) {}

  /** An Events API callback (JSON); `retryNum` adds Slack's retry headers. */
  event(
    envelope: Json,
    o: { retryNum?: number; timestamp?: number; signature?: string } = {},
  ): Promise<Delivery> {
    return this.post(JSON.stringify(envelope), "application/json", o);
  }

  /** A slash command (form-encoded). */
  command(
    form: Record<string, string>,
    o: { timestamp?: number; signature?: string } = {},
  ): Promise<Delivery> {
    return this.post(new URLSearchParams(form).toString(), "application/x-www-form-urlencoded", o);
  }

  /** An interaction (`payload=` JSON, form-encoded). */
  interaction(payload: Json, o: { timestamp?: number } = {}): Promise<Delivery> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, "application/x-www-form-urlencoded", o);
  }

  private async post(
    body: string,
    contentType: string,
    o: { retryNum?: number; timestamp?: number; signature?: string },
  ): Promise<Delivery> {
    const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      "content-type": contentType,
      "x-slack-request-timestamp": String(ts),
      "x-slack-signature": o.signature ?? slackSignature(this.secret, ts, body),
    };
    if (o.retryNum !== undefined) {
      headers["x-slack-retry-num"] = String(o.retryNum);
      headers["x-slack-retry-reason"] = "http_timeout";
    }
    const res = await fetch(this.endpoint, { method: "POST", headers, body });
    return { status: res.status, body: await res.text() };
  }
}

// ------------------------------------------------------------ payloads as Slack sends them

let tsSeq = 0;
/** A message timestamp as Slack writes them. */
export function slackTs(): string {
  tsSeq += 1;
  return `${1_600_000_000 + tsSeq}.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
}

/** An Events API envelope around an event. */
export function eventEnvelope(o: { teamId: string; botUserId: string; event: Json; eventId?: string }): Json {
  return {
    token: "legacy-verification-token",
    team_id: o.teamId,
    api_app_id: "A0FAKE",
    event: o.event,
    type: "event_callback",
    event_id: o.eventId ?? `Ev${randomUUID().replace(/-/g, "").slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: o.teamId,
        user_id: o.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}

export function mentionEvent(o: {
  user: string;
  channel: string;
  text: string;
  botUserId: string;
  ts?: string;
  threadTs?: string;
  teamId?: string;
}): Json {
  const ts = o.ts ?? slackTs();
  return {
    type: "app_mention",
    user: o.user,
    text: `<@${o.botUserId}> ${o.text}`,
    ts,
    ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    channel: o.channel,
    event_ts: ts,
    ...(o.teamId ? { team: o.teamId } : {}),
  };
}

export function dmEvent(o: {
  user: string;
  channel: string;
  text: string;
  ts?: string;
  threadTs?: string;
}): Json {
  const ts = o.ts ?? slackTs();
  return {
    type: "message",
    channel: o.channel,
    channel_type: "im",
    user: o.user,
    text: o.text,
    ts,
    ...(o.threadTs ? { thread_ts: o.threadTs } : {}),
    event_ts: ts,
  };
}

/** A plain message in a channel (`message.channels`), as Slack sends it to an app subscribed to them. */
export function channelMessageEvent(o: { user: string; channel: string; text: string; ts?: string }): Json {
  const ts = o.ts ?? slackTs();
  return {
    type: "message",
    channel: o.channel,
    channel_type: "channel",
    user: o.user,
    text: o.text,
    ts,
    event_ts: ts,
  };
}

export function commandPayload(o: {
  teamId: string;
  user: string;
  channel: string;
  text: string;
  responseUrl: string;
  command?: string;
}): Record<string, string> {
  return {
    token: "legacy-verification-token",
    team_id: o.teamId,
    team_domain: `team-${o.teamId.toLowerCase()}`,
    channel_id: o.channel,
    channel_name: o.channel.startsWith("D") ? "directmessage" : "jobs",
    user_id: o.user,
    user_name: o.user.toLowerCase(),
    command: o.command ?? "/jobs",
    text: o.text,
    api_app_id: "A0FAKE",
    is_enterprise_install: "false",
    response_url: o.responseUrl,
    trigger_id: `${Date.now()}.${Math.floor(Math.random() * 1e6)}`,
  };
}

/**
 * A `block_actions` payload for pressing the button `actionId` (with `value`, if given) on a
 * message the bot posted. Throws if that message has no such button — a test cannot press a
 * button the app never rendered.
 */
export function buttonPress(o: {
  message: FakeMessage;
  actionId: string;
  value?: string;
  user: string;
  teamId: string;
  responseUrl: string;
}): Json {
  const buttons = o.message.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => (b.elements as Json[]).map((e): Json => ({ ...e, block_id: b.block_id })));
  const button = buttons.find(
    (b) => b.action_id === o.actionId && (o.value === undefined || b.value === o.value),
  );
  if (!button) throw new Error(`message ${o.message.ts} has no button ${o.actionId}=${o.value ?? "*"}`);
  return {
    type: "block_actions",
    user: { id: o.user, username: o.user.toLowerCase(), name: o.user.toLowerCase(), team_id: o.teamId },
    api_app_id: "A0FAKE",
    token: "legacy-verification-token",
    container: {
      type: "message",
      message_ts: o.message.ts,
      channel_id: o.message.channel,
      is_ephemeral: false,
      ...(o.message.threadTs ? { thread_ts: o.message.threadTs } : {}),
    },
    trigger_id: `${Date.now()}.${Math.floor(Math.random() * 1e6)}`,
    team: { id: o.teamId, domain: `team-${o.teamId.toLowerCase()}` },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: o.message.channel, name: o.message.channel.startsWith("D") ? "directmessage" : "jobs" },
    message: {
      type: "message",
      ts: o.message.ts,
      ...(o.message.threadTs ? { thread_ts: o.message.threadTs } : {}),
      text: o.message.text,
      blocks: o.message.blocks,
    },
    state: { values: {} },
    response_url: o.responseUrl,
    actions: [
      {
        action_id: button.action_id,
        block_id: button.block_id ?? "b",
        text: button.text,
        value: button.value,
        type: "button",
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** The job ids on the Save buttons of a message, i.e. of its job cards. */
export function cardJobIds(m: FakeMessage): string[] {
  return m.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string }>)
    .filter((b) => b.action_id === "job_save")
    .map((b) => b.value);
}
