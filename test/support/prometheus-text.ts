// A strict parser of the Prometheus text exposition format (0.0.4): every family announced once by
// `# TYPE` before its samples, samples of a family together, label values escaped, values numbers.
// https://prometheus.io/docs/instrumenting/exposition_formats/

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: string;
  help: string;
  samples: Sample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const SUFFIXES: Record<string, string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["_sum", "_count", ""],
};

function parseLabels(text: string, line: string): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {};
  let rest = text;
  if (!rest.startsWith("{")) return { labels, rest };
  rest = rest.slice(1).trimStart();
  while (!rest.startsWith("}")) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\\n]|\\["\\n])*)"\s*,?\s*/.exec(rest);
    if (!m?.[1] || m[2] === undefined) throw new Error(`bad labels in: ${line}`);
    if (m[1] in labels) throw new Error(`duplicate label ${m[1]} in: ${line}`);
    labels[m[1]] = m[2].replace(/\\n/g, "\n").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    rest = rest.slice(m[0].length);
  }
  return { labels, rest: rest.slice(1) };
}

function parseValue(text: string, line: string): number {
  const v = text.trim().split(/\s+/)[0] ?? "";
  // Prometheus reads these as Go's ParseFloat does: case-insensitively (prom-client writes "Nan"
  // for an event-loop lag it has not sampled yet).
  if (/^\+?inf$/i.test(v)) return Infinity;
  if (/^-inf$/i.test(v)) return -Infinity;
  if (/^nan$/i.test(v)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) throw new Error(`bad value in: ${line}`);
  return Number(v);
}

/** Families by name; throws on anything the format does not allow. */
export function parsePrometheusText(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const closed = new Set<string>();
  let current: Family | undefined;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
    if (meta?.[1] && meta[2]) {
      const [, kind, name, rest = ""] = meta;
      let family = families.get(name);
      if (family && closed.has(name)) throw new Error(`family ${name} appears twice`);
      if (!family) {
        family = { name, type: "untyped", help: "", samples: [] };
        families.set(name, family);
      }
      if (current && current !== family) closed.add(current.name);
      current = family;
      if (kind === "TYPE") {
        if (family.samples.length > 0) throw new Error(`TYPE after samples of ${name}`);
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(rest))
          throw new Error(`bad type: ${line}`);
        family.type = rest;
      } else family.help = rest;
      continue;
    }
    if (line.startsWith("#")) continue;
    const name = NAME.exec(line)?.[0];
    if (!name) throw new Error(`bad sample: ${line}`);
    const owner =
      current && (SUFFIXES[current.type] ?? [""]).some((s) => name === current?.name + s)
        ? current
        : undefined;
    if (!owner) throw new Error(`sample ${name} outside its family`);
    const { labels, rest } = parseLabels(line.slice(name.length), line);
    owner.samples.push({ name, labels, value: parseValue(rest, line) });
  }
  return families;
}

/** The value of the one sample with these labels (undefined when none). */
export function sampleValue(
  families: Map<string, Family>,
  family: string,
  sample: string,
  labels: Record<string, string>,
): number | undefined {
  return families
    .get(family)
    ?.samples.find((s) => s.name === sample && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;
}
