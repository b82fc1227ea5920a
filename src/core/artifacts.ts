// Files `npm run build` generates besides the compiled code (src/build-artifacts.ts): a prebuilt
// index or model that saves every process work at its first use. They live in the package's
// dist/artifacts/, found the same way whether this module runs compiled (dist/src/core/) or from its
// TypeScript source (src/core/, as under vitest or tsx): the nearest directory up that holds a
// package.json is the package root.
//
// An artifact is only as good as the code that wrote it: it carries stamps of the text of the
// modules that produce it (and of its data), one for the compiled modules and one for their
// TypeScript source, and a process uses it only when the modules it runs hash to one of them. Any
// edit to those modules, even before a rebuild, makes the process compute the thing itself.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) return (root = path.dirname(fileURLToPath(import.meta.url)));
    dir = up;
  }
  return (root = dir);
}

/** The directory of generated artifacts (it may not exist: the build was not run). */
export function artifactsDir(): string {
  return path.join(packageRoot(), "dist", "artifacts");
}

/** Path of the artifact `name` in {@link artifactsDir}. */
export function artifactPath(name: string): string {
  return path.join(artifactsDir(), name);
}

function stampOf(files: readonly string[], data: string): string | undefined {
  const h = createHash("sha256").update(data);
  for (const f of files) {
    let text: Buffer;
    try {
      text = readFileSync(f);
    } catch {
      return undefined;
    }
    h.update(`\0${path.basename(f)}\0`).update(text);
  }
  return h.digest("hex");
}

// The modules as this process runs them: `./x.js` next to a module running from `y.ts` is `x.ts`.
function moduleFiles(base: string, modules: readonly string[]): string[] {
  const ext = path.extname(fileURLToPath(base));
  return modules.map((m) => fileURLToPath(new URL(m.replace(/\.js$/, ext), base)));
}

// The same module in the other form: dist/src/a/b.js ⇄ src/a/b.ts.
function counterpart(file: string): string | undefined {
  const rel = path.relative(packageRoot(), file).split(path.sep);
  if (rel[0] === "dist" && rel[1] === "src" && file.endsWith(".js"))
    return path.join(packageRoot(), ...rel.slice(1)).replace(/\.js$/, ".ts");
  if (rel[0] === "src" && file.endsWith(".ts"))
    return path.join(packageRoot(), "dist", ...rel).replace(/\.ts$/, ".js");
  return undefined;
}

/**
 * The stamp of what this process would build: `data` (versions of the data it reads) and the text
 * of `modules` (written as their compiled `./x.js` names, relative to `base`, the caller's
 * `import.meta.url`) as this process runs them. Undefined when a module's file cannot be read.
 */
export function codeStamp(base: string, modules: readonly string[], data: string): string | undefined {
  return stampOf(moduleFiles(base, modules), data);
}

/** {@link codeStamp} for the modules as running and, where the package holds them, in their other form. */
export function codeStamps(base: string, modules: readonly string[], data: string): string[] {
  const files = moduleFiles(base, modules);
  const others = files.map(counterpart);
  const stamps = [stampOf(files, data)];
  if (others.every((f): f is string => f !== undefined)) stamps.push(stampOf(others, data));
  return stamps.filter((s): s is string => s !== undefined);
}
