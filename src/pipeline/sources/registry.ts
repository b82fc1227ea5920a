import { z } from "zod";
import type { Config } from "../../config/config.js";
import type { Db } from "../../store/db.js";
import { arbeitnowPolicy, ARBEITNOW_SOURCE_ID, createArbeitnowSource } from "./arbeitnow.source.js";
import { baJobsuchePolicy, BA_JOBSUCHE_SOURCE_ID, createBaJobsucheSource } from "./ba-jobsuche.source.js";
import { ashbyKind } from "./ashby.source.js";
import { SourceCatalog } from "./catalog.js";
import { deutscheBankKind } from "./deutsche-bank.source.js";
import { greenhouseKind } from "./greenhouse.source.js";
import { jsonLdKind } from "./jsonld.source.js";
import { createOutboundPolicy, type OutboundPolicy, type ResolveHost } from "./outbound-policy.js";
import { personioKind } from "./personio.source.js";
import { rssKind } from "./rss.source.js";
import { leverKind } from "./lever.source.js";
import { smartRecruitersKind } from "./smartrecruiters.source.js";
import type { AccessPolicy, SourceKind } from "./source.js";

const noParams = z.object({}).strict();

/** Arbeitnow: one public search API; the run's keywords go to its `search`. */
export const arbeitnowKind: SourceKind<Record<string, never>> = {
  kind: ARBEITNOW_SOURCE_ID,
  displayName: "Arbeitnow",
  policy: arbeitnowPolicy,
  paramsSchema: noParams,
  baseUrlSetting: "ARBEITNOW_BASE_URL",
  keyOf: () => "",
  label: () => "Arbeitnow",
  create: (_params, env) => createArbeitnowSource(env.baseUrl ? { baseUrl: env.baseUrl } : {}),
};

/** Bundesagentur für Arbeit Jobsuche: one public search API (keywords, place, radius). */
export const baJobsucheKind: SourceKind<Record<string, never>> = {
  kind: BA_JOBSUCHE_SOURCE_ID,
  displayName: "Bundesagentur für Arbeit",
  policy: baJobsuchePolicy,
  paramsSchema: noParams,
  baseUrlSetting: "BA_JOBSUCHE_BASE_URL",
  keyOf: () => "",
  label: () => "Bundesagentur für Arbeit",
  create: (_params, env) => createBaJobsucheSource(env.baseUrl ? { baseUrl: env.baseUrl } : {}),
};

/** Every kind of source, in the order URL detection tries them. */
export function sourceKinds(): SourceKind[] {
  // JSON-LD last: it is the catch-all for career pages no other kind recognises.
  return [
    arbeitnowKind,
    baJobsucheKind,
    deutscheBankKind,
    greenhouseKind,
    leverKind,
    ashbyKind,
    smartRecruitersKind,
    personioKind,
    rssKind,
    jsonLdKind,
  ];
}

function settingOf(config: Config, name: string): string | undefined {
  const v = (config as unknown as Record<string, unknown>)[name];
  return typeof v === "string" ? v : undefined;
}

/**
 * Where the workers may fetch under this config: its allow-list and ports, with the base URLs of the
 * source kinds (`GREENHOUSE_BASE_URL`…) trusted as the operator set them. Other settings' hosts (the
 * chat model's `OPENAI_BASE_URL`) are no fetch target of the workers and get no trust here.
 */
export function outboundPolicyFor(config: Config, resolve?: ResolveHost): OutboundPolicy {
  const trustedBaseUrls = sourceKinds().flatMap((k) => {
    const url = k.baseUrlSetting ? settingOf(config, k.baseUrlSetting) : undefined;
    return url ? [url] : [];
  });
  return createOutboundPolicy({
    allowPrivate: config.JOBSCOUT_ALLOW_PRIVATE_HOSTS,
    allowedPorts: config.JOBSCOUT_ALLOWED_PORTS,
    trustedBaseUrls,
    resolve,
  });
}

/** The catalog of fetchable sources for this config and store. */
export function createSourceCatalog(config: Config, db: Db): SourceCatalog {
  return new SourceCatalog({
    db,
    kinds: sourceKinds(),
    setting: (name) => settingOf(config, name),
    defaults: config.JOBSCOUT_SOURCES,
    limits: {
      perWorkspace: config.JOBSCOUT_MAX_SOURCES_PER_WORKSPACE,
      perUser: config.JOBSCOUT_MAX_SOURCES_PER_USER,
    },
  });
}

/** What a person (or the agent) is told about a kind of source. */
export interface SourceDescription {
  id: string;
  displayName: string;
  /** The environment variable that points the adapter elsewhere (a mirror, the replay server). */
  baseUrlSetting: string;
  policy: AccessPolicy;
}

export function describeSources(): SourceDescription[] {
  return sourceKinds().map((k) => ({
    id: k.kind,
    displayName: k.displayName,
    baseUrlSetting: k.baseUrlSetting ?? "",
    policy: k.policy,
  }));
}
