import { existsSync } from "node:fs";
import path from "node:path";

/** Load `./.env` into the environment if it exists (real environment variables win). */
export function loadDotEnv(cwd = process.cwd()): string | undefined {
  const file = path.join(cwd, ".env");
  if (!existsSync(file)) return undefined;
  const before = { ...process.env };
  process.loadEnvFile(file);
  // loadEnvFile overrides; put back anything that was set explicitly.
  for (const [k, v] of Object.entries(before)) process.env[k] = v;
  return file;
}
