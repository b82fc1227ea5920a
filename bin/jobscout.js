#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` via the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/src/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error("jobscout is not built yet: run `npm run build` (npm ci does this for you).");
  process.exit(1);
}
await import(entry.href);
