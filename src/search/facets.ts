import { haversineKm } from "../core/geo/distance.js";
import { foldText } from "../core/text.js";
import {
  employmentTypes,
  remoteModes,
  salaryPeriods,
  seniorities,
  yearlyTop,
  type EmploymentType,
  type RemoteMode,
  type Seniority,
} from "../core/posting.js";
import type { JobFacet, JobsRepo } from "../store/jobs.repo.js";
import { GeoGrid } from "./geo-grid.js";

/** A place to search around. */
export interface PlaceFilter {
  name: string;
  lat: number;
  lon: number;
  radiusKm: number;
}

/** The filters a search applies to every candidate job (closed jobs never pass). */
export interface FacetFilter {
  /** Job within `radiusKm` of the point, or (when it has no coordinates) in a city of that name. */
  place?: PlaceFilter | undefined;
  /** Allowed remote modes; empty or absent = all. */
  remote?: readonly RemoteMode[] | undefined;
  /** Remote jobs pass the place filter wherever they are ("remote ok"). */
  remoteAnywhere?: boolean | undefined;
  /** Allowed employment types; empty or absent = all. */
  employment?: readonly EmploymentType[] | undefined;
  /** ISO date-time; jobs without a posting date do not pass. */
  postedAfter?: string | undefined;
  /**
   * Yearly salary floor: a job whose salary tops out below it does not pass; a job that names no
   * salary does (it cannot be checked, and the answer says so).
   */
  salaryAtLeast?: number | undefined;
  /** Allowed seniorities; a job that does not say its level passes (and the answer says so). */
  seniority?: readonly Seniority[] | undefined;
  excludeJobIds?: ReadonlySet<number> | undefined;
  /** Only these jobs may pass (a digest's new and changed jobs). */
  onlyJobIds?: ReadonlySet<number> | undefined;
}

/** Options for {@link Facets}. */
export interface FacetsOptions {
  /** Job ids to allocate room for up front; grows by doubling. @defaultValue `1024` */
  initialCapacity?: number;
  /**
   * {@link Facets.newest} scans every candidate of a filter up to this many (the count is then
   * exact); beyond, it walks the jobs day by day from the newest and estimates the count.
   * @defaultValue `20000`
   */
  scanAtMost?: number;
}

const DAY_S = 86_400;
/** The day key of jobs without a posting date: after every dated day. */
const UNDATED = -1e9;

const STATUS_NONE = 0;
const STATUS_OPEN = 1;
const STATUS_CLOSED = 2;
const REMOTE = remoteModes.indexOf("remote");
/** Kilometres per degree of latitude on the sphere haversineKm uses. */
const KM_PER_DEG_LAT = (6371.0088 * Math.PI) / 180;

/**
 * In-memory facet table indexed by job id (ids are dense autoincrement integers), so a filter test
 * is a few typed-array reads: fast enough to run as hnswlib's filter callback and over every job.
 */
export class Facets {
  private cap: number;
  private status: Uint8Array;
  private remote: Uint8Array;
  private employment: Uint8Array;
  private lat: Float32Array;
  private lon: Float32Array;
  private posted: Float64Array;
  private city: Int32Array;
  private level: Uint8Array;
  /** Yearly salary top; NaN when the posting names none. */
  private salaryTop: Float32Array;
  /** 1 once an id is listed under a posting day. */
  private dated: Uint8Array;
  private readonly cityNames: string[] = [];
  private readonly cityCodes = new Map<string, number>();
  private readonly cityMatchCache = new Map<string, Uint8Array>();
  private lastId = 0;
  private jobs = 0;
  /** Position in the store's change feed (-1 before the first load). */
  private changeSeq = -1;
  private readonly grid = new GeoGrid();
  /** Further places of jobs posted for several, as lat, lon, lat, lon… (few jobs have them). */
  private readonly more = new Map<number, Float32Array>();
  // Every job ever seen remote (checked again on use): "remote ok" searches visit them all.
  private readonly remoteIds: number[] = [];
  private readonly listedRemote = new Set<number>();
  private busy: Promise<unknown> = Promise.resolve();
  private readonly scanAtMost: number;
  /** Ids by posting day (lists cleaned lazily: an id is in its day where `dayKey(id)` says so). */
  private readonly days = new Map<number, number[]>();
  /** The keys of `days`, newest first (undefined when a day was added since). */
  private dayOrder: number[] | undefined;

  constructor(
    private readonly repo: JobsRepo,
    options: FacetsOptions = {},
  ) {
    this.cap = Math.max(16, options.initialCapacity ?? 1024);
    this.scanAtMost = options.scanAtMost ?? 20_000;
    this.status = new Uint8Array(this.cap);
    this.remote = new Uint8Array(this.cap);
    this.employment = new Uint8Array(this.cap);
    this.lat = new Float32Array(this.cap);
    this.lon = new Float32Array(this.cap);
    this.posted = new Float64Array(this.cap);
    this.city = new Int32Array(this.cap);
    this.level = new Uint8Array(this.cap);
    this.salaryTop = new Float32Array(this.cap);
    this.dated = new Uint8Array(this.cap);
  }

  /** Jobs known (open or closed). */
  get size(): number {
    return this.jobs;
  }

  /**
   * Load jobs added to the store since the last call, and re-read jobs any process changed (closed,
   * moved) since then, from the store's change feed. Returns how many new jobs.
   */
  catchUp(): Promise<number> {
    // One catch-up at a time: two searches at once must not read the feed past each other.
    const run = this.busy.then(() => this.catchUpNow());
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async catchUpNow(): Promise<number> {
    if (this.changeSeq < 0) {
      // Start the feed where the store is now; the load below sees everything older.
      this.changeSeq = await this.repo.lastChangeSeq();
    } else {
      for (;;) {
        const c = await this.repo.changesAfter(this.changeSeq);
        if (c.gap) {
          // Changes were pruned before this process read them: read every job again.
          this.lastId = 0;
          this.changeSeq = await this.repo.lastChangeSeq();
          break;
        }
        if (c.ids.length === 0) break;
        await this.refreshJobs(c.ids);
        this.changeSeq = c.lastSeq;
      }
    }
    let n = 0;
    for (;;) {
      const rows = await this.repo.facetsAfter(this.lastId);
      for (const r of rows) this.set(r);
      n += rows.length;
      if (rows.length === 0) break;
      this.lastId = rows[rows.length - 1]!.id;
    }
    return n;
  }

  /**
   * Re-read jobs whose fields changed (update, close). Ids newer than the table wait for the next
   * {@link Facets.catchUp}, which loads them with the rest of the feed in order.
   */
  async refreshJobs(ids: readonly number[]): Promise<void> {
    const known = ids.filter((id) => id <= this.lastId);
    if (known.length === 0) return;
    const rows = await this.repo.facetsOf(known);
    const seen = new Set<number>();
    for (const r of rows) {
      this.set(r);
      seen.add(r.id);
    }
    for (const id of known) {
      if (seen.has(id) || this.status[id] === STATUS_NONE) continue;
      this.status[id] = STATUS_NONE; // deleted from the store
      this.jobs--;
    }
  }

  /** A predicate for `filter`, compiled once per search (hnswlib calls it per visited node). */
  matcher(filter: FacetFilter): (id: number) => boolean {
    const { status, remote, employment, posted, cap, level, salaryTop } = this;
    const allowed = filter.remote && filter.remote.length > 0 ? remoteMask(filter.remote) : 0;
    const types = filter.employment?.length ? maskOf(employmentTypes, filter.employment) : 0;
    const after = filter.postedAfter ? Date.parse(filter.postedAfter) / 1000 : NaN;
    const checkPosted = filter.postedAfter !== undefined;
    const exclude = filter.excludeJobIds && filter.excludeJobIds.size > 0 ? filter.excludeJobIds : undefined;
    const near = filter.place ? this.nearTest(filter.place, filter.remoteAnywhere === true) : undefined;
    const only = filter.onlyJobIds;
    const floor = filter.salaryAtLeast ?? NaN;
    const checkSalary = floor === floor;
    // Unknown level always passes: a posting that does not say is not shown to be wrong.
    const levels = filter.seniority?.length ? maskOf(seniorities, [...filter.seniority, "unknown"]) : 0;
    return (id: number): boolean => {
      if (id >= cap || status[id] !== STATUS_OPEN) return false;
      if (only && !only.has(id)) return false;
      if (allowed !== 0 && (allowed & (1 << remote[id]!)) === 0) return false;
      if (types !== 0 && (types & (1 << employment[id]!)) === 0) return false;
      if (checkPosted && !(posted[id]! >= after)) return false;
      if (checkSalary && salaryTop[id]! < floor) return false; // NaN (no salary) passes
      if (levels !== 0 && (levels & (1 << level[id]!)) === 0) return false;
      if (exclude?.has(id)) return false;
      return near === undefined || near(id);
    };
  }

  matches(id: number, filter: FacetFilter): boolean {
    return this.matcher(filter)(id);
  }

  /** How many jobs pass, counting no further than `stopAt`. */
  count(filter: FacetFilter, stopAt = Infinity): number {
    const test = this.matcher(filter);
    let n = 0;
    this.scan(filter, (id) => {
      if (test(id)) n++;
      return n < stopAt;
    });
    return n;
  }

  /** Ids of the jobs that pass, ascending, or `null` when more than `limit` do. */
  candidates(filter: FacetFilter, limit: number): number[] | null {
    const test = this.matcher(filter);
    const out: number[] = [];
    const complete = this.scan(filter, (id) => {
      if (!test(id)) return true;
      out.push(id);
      return out.length <= limit;
    });
    return complete ? out.sort((a, b) => a - b) : null;
  }

  /**
   * Visit every id that may pass `filter` (a superset; callers still test), until `visit` returns
   * false. With a place, only the grid cells around it, the jobs without coordinates and (remote
   * ok) the remote jobs. Returns false if stopped.
   */
  private scan(filter: FacetFilter, visit: (id: number) => boolean): boolean {
    if (filter.onlyJobIds) {
      for (const id of [...filter.onlyJobIds].sort((a, b) => a - b)) if (!visit(id)) return false;
      return true;
    }
    const place = filter.place;
    const keys = place ? this.grid.cellsNear(place.lat, place.lon, place.radiusKm) : null;
    if (!keys) {
      // Remote jobs only: the list of them, not every job (a tenth of a million at 1M postings).
      if (filter.remote?.length === 1 && filter.remote[0] === "remote") {
        for (const id of this.remoteIds) if (this.remote[id] === REMOTE && !visit(id)) return false;
        return true;
      }
      for (let id = 1; id <= this.lastId; id++) if (!visit(id)) return false;
      return true;
    }
    if (!this.grid.forEachIn(keys, visit) || !this.grid.forEachUnlocated(visit)) return false;
    if (filter.remoteAnywhere !== true) return true;
    const visited = new Set(keys);
    for (const id of this.remoteIds) {
      if (this.remote[id] !== REMOTE) continue;
      if (this.grid.visitedBy(id, visited)) continue; // seen above
      if (!visit(id)) return false;
    }
    return true;
  }

  /** Estimated share of jobs passing `filter`, from a fixed sample of `sample` ids (cheap). */
  estimateShare(filter: FacetFilter, sample = 1024): number {
    return this.shareOf(this.matcher(filter), sample);
  }

  private shareOf(test: (id: number) => boolean, sample = 1024): number {
    if (this.lastId === 0) return 0;
    const step = Math.max(1, this.lastId / sample);
    let seen = 0;
    let pass = 0;
    for (let x = 1; x <= this.lastId; x += step) {
      const id = Math.floor(x);
      if (this.status[id] === STATUS_NONE) continue;
      seen++;
      if (test(id)) pass++;
    }
    return seen === 0 ? 0 : pass / seen;
  }

  /**
   * The `k` newest passing jobs (by posting date, undated last, then newest id) and how many pass.
   * A filter with many candidates (a wide radius, "remote only" at a million jobs) is walked day by
   * day from the newest and stops after the day that filled `k`: the count is then estimated from a
   * sample (`approximate`).
   */
  newest(filter: FacetFilter, k: number): { ids: number[]; total: number; approximate: boolean } {
    const test = this.matcher(filter);
    if (this.candidateBound(filter) > this.scanAtMost) {
      // Walking tests about k / share jobs; when the sample finds none passing, it could read every
      // day and then scan anyway.
      const share = this.shareOf(test, 4096);
      const walked = share > 0 ? this.newestByDay(test, k, share) : undefined;
      if (walked) return walked;
    }
    return { ...this.newestScan(filter, test, k), approximate: false };
  }

  /** At most how many ids {@link scan} visits for `filter`. */
  private candidateBound(filter: FacetFilter): number {
    if (filter.onlyJobIds) return filter.onlyJobIds.size;
    const place = filter.place;
    const keys = place ? this.grid.cellsNear(place.lat, place.lon, place.radiusKm) : null;
    if (keys) return this.grid.sizeIn(keys) + (filter.remoteAnywhere === true ? this.remoteIds.length : 0);
    if (filter.remote?.length === 1 && filter.remote[0] === "remote") return this.remoteIds.length;
    return this.lastId;
  }

  /**
   * The newest `k` passing jobs, day by day from the newest day; undefined when every day had to be
   * read (the filter passes few: the scan counts exactly for the same work).
   */
  private newestByDay(
    test: (id: number) => boolean,
    k: number,
    share: number,
  ): { ids: number[]; total: number; approximate: boolean } | undefined {
    const best: number[] = [];
    for (const day of this.daysNewestFirst()) {
      for (const id of this.days.get(day)!) if (this.dayKey(id) === day && test(id)) best.push(id);
      if (best.length >= k) {
        const posted = this.posted;
        // Undated last (their key difference is NaN, so the ids decide), then the newer id first.
        const key = (id: number) => {
          const p = posted[id]!;
          return p === p ? p : -Infinity;
        };
        best.sort((a, b) => key(b) - key(a) || b - a);
        const total = Math.max(best.length, Math.round(share * this.jobs));
        return { ids: best.slice(0, k), total, approximate: true };
      }
    }
    return undefined;
  }

  private dayKey(id: number): number {
    const p = this.posted[id]!;
    return p === p ? Math.floor(p / DAY_S) : UNDATED;
  }

  private daysNewestFirst(): number[] {
    return (this.dayOrder ??= [...this.days.keys()].sort((a, b) => b - a));
  }

  /** List `id` under its posting day (unless it is listed there already); `before`: its day until now. */
  private listDay(id: number, before: number | undefined): void {
    const day = this.dayKey(id);
    if (day === before) return;
    let list = this.days.get(day);
    if (!list) {
      this.days.set(day, (list = []));
      this.dayOrder = undefined;
    }
    // A job whose date moves back to a day it had is still listed there (lists are cleaned lazily).
    if (before === undefined || !list.includes(id)) list.push(id);
  }

  private newestScan(
    filter: FacetFilter,
    test: (id: number) => boolean,
    k: number,
  ): { ids: number[]; total: number } {
    const posted = this.posted;
    // Min-heap of the best k so far on (date, id); the root is the one to evict.
    const hKey = new Float64Array(Math.max(1, k));
    const hId = new Float64Array(Math.max(1, k));
    let n = 0;
    let total = 0;
    this.scan(filter, (id) => {
      if (!test(id)) return true;
      total++;
      const p = posted[id]!;
      const key = p === p ? p : -Infinity; // NaN (undated) sorts last
      if (n < k) {
        let i = n++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (hKey[parent]! < key || (hKey[parent] === key && hId[parent]! < id)) break;
          hKey[i] = hKey[parent]!;
          hId[i] = hId[parent]!;
          i = parent;
        }
        hKey[i] = key;
        hId[i] = id;
      } else if (k > 0 && (key > hKey[0]! || (key === hKey[0] && id > hId[0]!))) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= n) break;
          const r = l + 1;
          const c = r < n && (hKey[r]! < hKey[l]! || (hKey[r] === hKey[l] && hId[r]! < hId[l]!)) ? r : l;
          if (key < hKey[c]! || (key === hKey[c] && id < hId[c]!)) break;
          hKey[i] = hKey[c]!;
          hId[i] = hId[c]!;
          i = c;
        }
        hKey[i] = key;
        hId[i] = id;
      }
      return true;
    });
    const order = Array.from({ length: n }, (_, i) => i).sort(
      (a, b) => hKey[b]! - hKey[a]! || hId[b]! - hId[a]!,
    );
    return { ids: order.map((i) => hId[i]!), total };
  }

  /** Bytes held by the typed arrays. */
  memoryBytes(): number {
    // status, remote, employment, level, dated; lat, lon, city, salaryTop; posted
    return this.cap * (1 + 1 + 1 + 1 + 1 + 4 + 4 + 4 + 4 + 8);
  }

  /**
   * Which known cities a place name matches: the same folded name, or that name with a locative
   * tail ("frankfurt am main", "halle (saale)" is not "halle": a parenthesis names another town).
   */
  private citiesNamed(name: string): Uint8Array {
    const cached = this.cityMatchCache.get(name);
    if (cached && cached.length === this.cityNames.length) return cached;
    const ok = new Uint8Array(this.cityNames.length);
    if (name) {
      const tail = /^(,| (am|an|a\.|an der|im|in|ob|bei|\/) )/;
      this.cityNames.forEach((c, i) => {
        ok[i] = c === name || (c.startsWith(name) && tail.test(c.slice(name.length))) ? 1 : 0;
      });
    }
    if (this.cityMatchCache.size > 256) this.cityMatchCache.clear();
    this.cityMatchCache.set(name, ok);
    return ok;
  }

  private nearTest(place: PlaceFilter, remoteAnywhere: boolean): (id: number) => boolean {
    const { remote, lat, lon, city } = this;
    // Jobs without coordinates match by city name.
    const cityOk = this.citiesNamed(foldText(place.name));
    const { lat: lat0, lon: lon0, radiusKm } = place;
    const dLat = radiusKm / KM_PER_DEG_LAT;
    const cosLo = Math.cos((Math.min(90, Math.abs(lat0) + dLat) * Math.PI) / 180);
    const cosHi = Math.cos((Math.max(0, Math.abs(lat0) - dLat) * Math.PI) / 180);
    const dLon = cosLo > 0.01 ? dLat / cosLo : 360;
    // A flat-earth distance with the band's largest / smallest cos(lat) over- / underestimates the
    // great-circle one; only jobs near the boundary need the trigonometry of haversine.
    const acceptSq = (radiusKm * 0.995) ** 2;
    const rejectSq = (radiusKm * 1.005) ** 2;
    const kmLon = KM_PER_DEG_LAT;
    const within = (la: number, lo: number): boolean => {
      const dy = la - lat0;
      if (dy > dLat || dy < -dLat) return false;
      let dl = lo - lon0;
      if (dl > 180 || dl < -180) dl = ((((dl + 180) % 360) + 360) % 360) - 180;
      if (dl > dLon || dl < -dLon) return false;
      const y = dy * KM_PER_DEG_LAT;
      const xHi = dl * kmLon * cosHi;
      if (y * y + xHi * xHi <= acceptSq) return true;
      const xLo = dl * kmLon * cosLo;
      if (y * y + xLo * xLo > rejectSq) return false;
      return haversineKm(lat0, lon0, la, lo) <= radiusKm;
    };
    const more = this.more;
    const anyMore = more.size > 0;
    return (id) => {
      if (remoteAnywhere && remote[id] === REMOTE) return true;
      const la = lat[id]!;
      if (la !== la) {
        const c = city[id]!;
        return c >= 0 && cityOk[c] === 1;
      }
      if (within(la, lon[id]!)) return true;
      const places = anyMore ? more.get(id) : undefined;
      if (places === undefined) return false;
      for (let i = 0; i < places.length; i += 2) if (within(places[i]!, places[i + 1]!)) return true;
      return false;
    };
  }

  private set(f: JobFacet): void {
    const id = f.id;
    if (id >= this.cap) this.grow(id + 1);
    if (this.status[id] === STATUS_NONE) this.jobs++;
    this.status[id] = f.status === "closed" ? STATUS_CLOSED : STATUS_OPEN;
    const r = remoteModes.indexOf(f.remoteMode as RemoteMode);
    this.remote[id] = r < 0 ? remoteModes.indexOf("unknown") : r;
    const e = employmentTypes.indexOf(f.employmentType as EmploymentType);
    this.employment[id] = e < 0 ? employmentTypes.indexOf("unknown") : e;
    const lat = f.lat !== null && f.lon !== null ? f.lat : NaN;
    const lon = f.lat !== null && f.lon !== null ? f.lon : NaN;
    this.lat[id] = lat;
    this.lon[id] = lon;
    const more = lat === lat && f.morePlaces ? (JSON.parse(f.morePlaces) as Array<[number, number]>) : [];
    if (more.length > 0) this.more.set(id, Float32Array.from(more.flat()));
    else this.more.delete(id);
    this.grid.set(id, lat, lon, more);
    if (this.remote[id] === REMOTE && !this.listedRemote.has(id)) {
      this.listedRemote.add(id);
      this.remoteIds.push(id);
    }
    const dayBefore = this.dated[id] === 1 ? this.dayKey(id) : undefined;
    this.dated[id] = 1;
    this.posted[id] = f.postedAt ? Date.parse(f.postedAt) / 1000 : NaN;
    this.listDay(id, dayBefore);
    this.city[id] = f.city ? this.cityCode(foldText(f.city)) : -1;
    const lv = seniorities.indexOf(f.seniority as Seniority);
    this.level[id] = lv < 0 ? seniorities.indexOf("unknown") : lv;
    const period = salaryPeriods.find((p) => p === f.salaryPeriod);
    const top = period
      ? yearlyTop({ min: f.salaryMin ?? undefined, max: f.salaryMax ?? undefined, period })
      : undefined;
    this.salaryTop[id] = top ?? NaN;
  }

  private cityCode(name: string): number {
    let code = this.cityCodes.get(name);
    if (code === undefined) {
      code = this.cityNames.length;
      this.cityNames.push(name);
      this.cityCodes.set(name, code);
    }
    return code;
  }

  private grow(min: number): void {
    let cap = this.cap;
    while (cap < min) cap *= 2;
    const grow = <T extends Uint8Array | Float32Array | Float64Array | Int32Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.status = grow(this.status, (n) => new Uint8Array(n));
    this.remote = grow(this.remote, (n) => new Uint8Array(n));
    this.employment = grow(this.employment, (n) => new Uint8Array(n));
    this.lat = grow(this.lat, (n) => new Float32Array(n));
    this.lon = grow(this.lon, (n) => new Float32Array(n));
    this.posted = grow(this.posted, (n) => new Float64Array(n));
    this.city = grow(this.city, (n) => new Int32Array(n));
    this.level = grow(this.level, (n) => new Uint8Array(n));
    this.salaryTop = grow(this.salaryTop, (n) => new Float32Array(n));
    this.dated = grow(this.dated, (n) => new Uint8Array(n));
    this.cap = cap;
  }
}

function remoteMask(modes: readonly RemoteMode[]): number {
  return maskOf(remoteModes, modes);
}

/** A bit per allowed value, by its place in `all` (both lists are short: one 32-bit word). */
function maskOf<T>(all: readonly T[], allowed: readonly T[]): number {
  let m = 0;
  for (const v of allowed) m |= 1 << all.indexOf(v);
  return m;
}
