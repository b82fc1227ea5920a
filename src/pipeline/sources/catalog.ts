import { phrasesFor } from "../../answers/phrases/phrases.js";
import { AppError } from "../../core/errors.js";
import type { Lang } from "../../core/lang.js";
import type { Db } from "../../store/db.js";
import { TrackedSourcesRepo, type TrackedSource } from "../../store/tracked-sources.repo.js";
import { sourceKey, type SourceAdapter, type SourceKind } from "./source.js";

export type { TrackedSource };

/** A URL recognised as a source of some kind. */
export interface DetectedSource {
  kind: SourceKind;
  params: Record<string, unknown>;
  key: string;
  label: string;
}

/** Options for {@link SourceCatalog}. */
export interface SourceCatalogOptions {
  db: Db;
  kinds: readonly SourceKind[];
  /** Value of a base-URL setting by name (`GREENHOUSE_BASE_URL`). */
  setting: (name: string) => string | undefined;
  /** Keys every run fetches by default (`JOBSCOUT_SOURCES`). */
  defaults: readonly string[];
  /**
   * How many sources a workspace may track, and a person may add from chat over all workspaces.
   * @defaultValue no limit
   */
  limits?: { perWorkspace: number; perUser: number } | undefined;
}

/**
 * Every source jobscout can fetch: the single-instance search APIs by kind name, plus the boards,
 * feeds and pages workspaces track, by key. Adapters are built on first use and cached.
 */
export class SourceCatalog {
  private readonly byKind: Map<string, SourceKind>;
  private readonly adapters = new Map<string, SourceAdapter>();
  private readonly tracked: TrackedSourcesRepo;

  constructor(private readonly o: SourceCatalogOptions) {
    this.byKind = new Map(o.kinds.map((k) => [k.kind, k]));
    this.tracked = new TrackedSourcesRepo(o.db);
  }

  kinds(): SourceKind[] {
    return [...this.byKind.values()];
  }

  kind(name: string): SourceKind | undefined {
    return this.byKind.get(name);
  }

  /**
   * The adapter for a source key as this workspace sees it: a built-in search API, or a board, feed
   * or page this workspace tracks. A source only another workspace tracks is not there.
   */
  async get(key: string, workspaceId: string): Promise<SourceAdapter | undefined> {
    const singleton = this.byKind.get(key);
    if (singleton && singleton.keyOf({}) === "")
      return this.adapters.get(key) ?? this.build(key, singleton, {});
    const row = await this.tracked.get(workspaceId, key);
    const kind = row ? this.byKind.get(row.kind) : undefined;
    if (!row || !kind) return undefined;
    return this.adapters.get(key) ?? this.build(key, kind, row.params);
  }

  async has(key: string, workspaceId: string): Promise<boolean> {
    return (await this.get(key, workspaceId)) !== undefined;
  }

  /** How people name a source ("Greenhouse n26"); the key itself when this workspace does not know it. */
  async labelOf(key: string, workspaceId: string): Promise<string> {
    const singleton = this.byKind.get(key);
    if (singleton && singleton.keyOf({}) === "") return singleton.label({});
    return (await this.tracked.get(workspaceId, key))?.label ?? key;
  }

  /** What a run in this workspace fetches when nobody names sources: the defaults plus its tracked sources. */
  async defaultsFor(workspaceId: string): Promise<string[]> {
    const tracked = (await this.list(workspaceId)).filter((s) => s.enabled).map((s) => s.key);
    return [...new Set([...this.o.defaults, ...tracked])];
  }

  /** Recognise a pasted URL as a source ("https://boards.greenhouse.io/n26" → Greenhouse n26). */
  detect(raw: string): DetectedSource | undefined {
    let url: URL;
    try {
      url = new URL(raw.trim());
    } catch {
      return undefined;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    for (const kind of this.byKind.values()) {
      const params = kind.detect?.(url);
      if (!params) continue;
      const parsed = kind.paramsSchema.safeParse(params);
      if (!parsed.success) continue;
      return {
        kind,
        params: parsed.data,
        key: sourceKey(kind.kind, kind.keyOf(parsed.data)),
        label: kind.label(parsed.data),
      };
    }
    return undefined;
  }

  /** Track a source for a workspace (idempotent: tracking it again re-enables it). */
  async track(input: {
    workspaceId: string;
    userId: string;
    kind: string;
    params: Record<string, unknown>;
    origin?: TrackedSource["origin"];
  }): Promise<TrackedSource> {
    const kind = this.byKind.get(input.kind);
    if (!kind)
      throw new AppError("unknown_source_kind", `unknown source kind "${input.kind}"`, {
        userMessage: (lang) => phrasesFor(lang).unknownSourceKind(input.kind),
      });
    const parsed = kind.paramsSchema.safeParse(input.params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const msg = `${kind.displayName}: ${issue?.path.join(".") || "params"} ${issue?.message ?? "invalid"}`;
      throw new AppError("bad_source_params", msg, { userMessage: msg });
    }
    const key = sourceKey(kind.kind, kind.keyOf(parsed.data));
    if (!(await this.tracked.get(input.workspaceId, key)))
      await this.checkLimits(input.workspaceId, input.userId, input.origin ?? "chat");
    const t = await this.tracked.upsert({
      workspaceId: input.workspaceId,
      key,
      kind: kind.kind,
      params: parsed.data,
      label: kind.label(parsed.data),
      addedBy: input.userId,
      origin: input.origin ?? "chat",
    });
    this.adapters.delete(key);
    return t;
  }

  /** A new source would take the workspace or (from chat) the person over their limit. */
  private async checkLimits(
    workspaceId: string,
    userId: string,
    origin: TrackedSource["origin"],
  ): Promise<void> {
    const limits = this.o.limits;
    if (!limits) return;
    if ((await this.tracked.countInWorkspace(workspaceId)) >= limits.perWorkspace) {
      const say = (lang: Lang) => phrasesFor(lang).sourceLimitWorkspace(limits.perWorkspace);
      throw new AppError("source_limit", say("en"), { userMessage: say });
    }
    if (origin === "chat" && (await this.tracked.countAddedInChatBy(userId)) >= limits.perUser) {
      const say = (lang: Lang) => phrasesFor(lang).sourceLimitPerson(limits.perUser);
      throw new AppError("source_limit", say("en"), { userMessage: say });
    }
  }

  /** Stop tracking; returns whether the workspace tracked it. */
  untrack(workspaceId: string, key: string): Promise<boolean> {
    return this.tracked.remove(workspaceId, key);
  }

  list(workspaceId: string): Promise<TrackedSource[]> {
    return this.tracked.list(workspaceId);
  }

  private build(key: string, kind: SourceKind, params: Record<string, unknown>): SourceAdapter {
    const baseUrl = kind.baseUrlSetting ? this.o.setting(kind.baseUrlSetting) : undefined;
    const adapter = kind.create(params, { baseUrl });
    // Runs, staged items and source references all use the key; an adapter must answer to it.
    if (adapter.id !== key) throw new Error(`${kind.kind} adapter has id "${adapter.id}", expected "${key}"`);
    this.adapters.set(key, adapter);
    return adapter;
  }
}

/** A source as a workspace sees it: fetched by default everywhere, or tracked by the workspace. */
export interface WorkspaceSourceEntry {
  key: string;
  label: string;
  origin: "default" | TrackedSource["origin"];
  enabled: boolean;
}

/** The sources a workspace's runs know: the defaults (`JOBSCOUT_SOURCES`) first, then what it tracks. */
export async function workspaceSourceEntries(
  catalog: {
    list(workspaceId: string): Promise<TrackedSource[]>;
    labelOf(key: string, workspaceId: string): Promise<string>;
  },
  defaults: readonly string[],
  workspaceId: string,
): Promise<WorkspaceSourceEntry[]> {
  return [
    ...(await Promise.all(
      defaults.map(async (key) => ({
        key,
        label: await catalog.labelOf(key, workspaceId),
        origin: "default" as const,
        enabled: true,
      })),
    )),
    ...(await catalog.list(workspaceId))
      .filter((t) => !defaults.includes(t.key))
      .map((t) => ({ key: t.key, label: t.label, origin: t.origin, enabled: t.enabled })),
  ];
}
