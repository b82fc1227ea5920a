import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package's `prompts/` folder, found from this file whether it runs from src/ or dist/. */
function promptsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, "prompts");
    if (existsSync(path.join(dir, "package.json")) && existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error("prompts/ folder not found next to package.json");
}

const cache = new Map<string, string>();

/** Load a prompt template by name (`system` → prompts/system.md). */
export function loadPrompt(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const text = readFileSync(path.join(promptsDir(), `${name}.md`), "utf8").trim();
  cache.set(name, text);
  return text;
}
