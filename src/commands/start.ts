import { chatCommand } from "./chat.js";
import { bootstrap } from "./shared.js";
import { configuredSurfaces, surfacesCommand } from "./surfaces.js";

/**
 * `jobscout start` (what `npm start` runs): everything in one process on embedded defaults — the
 * pipeline workers plus every chat surface whose tokens are configured, or the terminal chat when
 * none is.
 */
export function startCommand(): Promise<number> {
  const { config } = bootstrap("error");
  const surfaces = configuredSurfaces(config);
  return surfaces.length > 0 ? surfacesCommand({ surfaces, workers: true }) : chatCommand({ workers: true });
}
