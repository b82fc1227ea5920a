import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import type { Redis } from "ioredis";
import type { HttpTextResponse } from "./http.js";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** A 200 answer kept with its validators, to revalidate with If-None-Match / If-Modified-Since. */
export interface CachedAnswer {
  etag: string | undefined;
  lastModified: string | undefined;
  contentType: string | undefined;
  text: string;
}

/** Options for {@link ConditionalCache}. */
export interface ConditionalCacheOptions {
  /** Redis shared by the workers, so a 304 helps whichever process fetches next. */
  redis: Redis;
  /** Key prefix (`JOBSCOUT_QUEUE_PREFIX`); keys are `<prefix>:httpcache:<sha1>`. */
  prefix: string;
  /** How long an answer is kept after it was last confirmed. @defaultValue 7 days */
  ttlMs?: number;
  /** Bigger bodies are not kept (they are stored gzipped). @defaultValue 4 MiB */
  maxBodyBytes?: number;
}

const CONDITIONAL = ["if-none-match", "if-modified-since"];

/** ETag / Last-Modified per URL in Redis, with the body the validators stand for. */
export class ConditionalCache {
  private readonly ttlMs: number;
  private readonly maxBodyBytes: number;

  constructor(private readonly o: ConditionalCacheOptions) {
    this.ttlMs = o.ttlMs ?? 7 * 86_400_000;
    this.maxBodyBytes = o.maxBodyBytes ?? 4 * 1024 * 1024;
  }

  /** False when the caller sets its own conditional headers: then the exchange is the caller's. */
  applies(headers: Record<string, string> | undefined): boolean {
    return !Object.keys(headers ?? {}).some((h) => CONDITIONAL.includes(h.toLowerCase()));
  }

  async get(url: string, headers: Record<string, string> | undefined): Promise<CachedAnswer | undefined> {
    const h = await this.o.redis.hgetallBuffer(this.key(url, headers));
    if (!h.body || (!h.etag && !h.lastModified)) return undefined;
    return {
      etag: h.etag?.toString(),
      lastModified: h.lastModified?.toString(),
      contentType: h.contentType?.toString(),
      text: (await gunzipAsync(h.body)).toString("utf8"),
    };
  }

  /** Request headers that ask the server to answer 304 when nothing changed. */
  validators(cached: CachedAnswer): Record<string, string> {
    return {
      ...(cached.etag ? { "if-none-match": cached.etag } : {}),
      ...(cached.lastModified ? { "if-modified-since": cached.lastModified } : {}),
    };
  }

  /** Keep a 200 answer that carries validators; otherwise drop what we had for the URL. */
  async put(url: string, headers: Record<string, string> | undefined, res: HttpTextResponse): Promise<void> {
    const key = this.key(url, headers);
    const etag = res.headers.get("etag");
    const lastModified = res.headers.get("last-modified");
    const noStore = /no-store/i.test(res.headers.get("cache-control") ?? "");
    const tooBig = Buffer.byteLength(res.text) > this.maxBodyBytes;
    if (res.status !== 200 || (!etag && !lastModified) || noStore || tooBig) {
      await this.o.redis.del(key);
      return;
    }
    const fields: Record<string, string | Buffer> = { body: await gzipAsync(res.text) };
    if (etag) fields.etag = etag;
    if (lastModified) fields.lastModified = lastModified;
    const contentType = res.headers.get("content-type");
    if (contentType) fields.contentType = contentType;
    await this.o.redis.multi().del(key).hset(key, fields).pexpire(key, this.ttlMs).exec();
  }

  /** Keep a confirmed answer for another full TTL. */
  async touch(url: string, headers: Record<string, string> | undefined): Promise<void> {
    await this.o.redis.pexpire(this.key(url, headers), this.ttlMs);
  }

  /** One entry per URL and request headers (an API key or Accept can change the answer). */
  private key(url: string, headers: Record<string, string> | undefined): string {
    const h = Object.entries(headers ?? {})
      .map(([k, v]) => `${k.toLowerCase()}:${v}`)
      .sort()
      .join("\n");
    const digest = createHash("sha1").update(`${url}\n${h}`).digest("hex");
    return `${this.o.prefix}:httpcache:${digest}`;
  }
}
