import type { Config } from "../../config/config.js";
import { ARBEITNOW_SOURCE_ID, createArbeitnowSource } from "./arbeitnow.source.js";
import { BA_JOBSUCHE_SOURCE_ID, createBaJobsucheSource } from "./ba-jobsuche.source.js";
import type { AccessPolicy, SourceAdapter } from "./source.js";

/** The fetchable sources, keyed by id (`arbeitnow`, `ba-jobsuche`), each pointed at its configured base URL. */
export function createSourceRegistry(
  config: Pick<Config, "ARBEITNOW_BASE_URL" | "BA_JOBSUCHE_BASE_URL">,
): Map<string, SourceAdapter> {
  return new Map<string, SourceAdapter>([
    [ARBEITNOW_SOURCE_ID, createArbeitnowSource({ baseUrl: config.ARBEITNOW_BASE_URL })],
    [BA_JOBSUCHE_SOURCE_ID, createBaJobsucheSource({ baseUrl: config.BA_JOBSUCHE_BASE_URL })],
  ]);
}

/** What a person (or the agent) is told about a source. */
export interface SourceDescription {
  id: string;
  displayName: string;
  /** The environment variable that points the adapter elsewhere (a mirror, the replay server). */
  baseUrlSetting: string;
  /** Run-query fields the source filters on itself; the rest is left to the local search. */
  filters: string;
  policy: AccessPolicy;
}

const DETAILS: Record<string, Pick<SourceDescription, "baseUrlSetting" | "filters">> = {
  [ARBEITNOW_SOURCE_ID]: { baseUrlSetting: "ARBEITNOW_BASE_URL", filters: "keywords (search)" },
  [BA_JOBSUCHE_SOURCE_ID]: {
    baseUrlSetting: "BA_JOBSUCHE_BASE_URL",
    filters: "keywords (was), place (wo), radiusKm (umkreis)",
  },
};

/** The built-in sources, for `jobscout sources` and the agent's answer to "where do jobs come from?". */
export function describeSources(): SourceDescription[] {
  // Adapters are plain objects; building them with their default hosts does no I/O.
  const adapters = [createArbeitnowSource(), createBaJobsucheSource()];
  return adapters.map((a) => ({
    id: a.id,
    displayName: a.displayName,
    baseUrlSetting: DETAILS[a.id]?.baseUrlSetting ?? "",
    filters: DETAILS[a.id]?.filters ?? "",
    policy: a.policy,
  }));
}
