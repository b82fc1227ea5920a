/** Cell edge in degrees: ~55 km north–south, so a typical radius touches a handful of cells. */
const CELL_DEG = 0.5;
const LON_CELLS = Math.ceil(360 / CELL_DEG);
const NONE = -1;

function cellKey(lat: number, lon: number): number {
  const y = Math.floor((lat + 90) / CELL_DEG);
  const x = Math.floor(((((lon + 180) % 360) + 360) % 360) / CELL_DEG);
  return y * LON_CELLS + x;
}

/**
 * Job ids bucketed by lat/lon cell, so a radius filter tests the jobs near the point instead of
 * every job. Ids without coordinates are kept in their own list (they match by city name).
 */
export class GeoGrid {
  private cellOf = new Int32Array(1024).fill(NONE);
  private readonly cells = new Map<number, number[]>();
  private readonly unlocated: number[] = [];
  private inUnlocated = new Uint8Array(1024);
  /** 1 for ids with further places; their further cells are in `extra`. */
  private multi = new Uint8Array(1024);
  private readonly extra = new Map<number, number[]>();

  /**
   * Place (or move) `id`; `lat`/`lon` NaN = no coordinates. `more` are further places of the same
   * job (a posting for several offices): it is listed in their cells too, and visited once.
   */
  set(id: number, lat: number, lon: number, more: ReadonlyArray<readonly [number, number]> = []): void {
    if (id >= this.cellOf.length) this.grow(id + 1);
    const key = Number.isNaN(lat) || Number.isNaN(lon) ? NONE : cellKey(lat, lon);
    const old = this.cellOf[id]!;
    const known = old !== NONE || this.inUnlocated[id] === 1;
    const before = this.multi[id] === 1 ? this.extra.get(id)! : [];
    const extra =
      key === NONE ? [] : [...new Set(more.map(([a, b]) => cellKey(a, b)))].filter((k) => k !== key);
    if (extra.length > 0) {
      this.extra.set(id, extra);
      this.multi[id] = 1;
    } else if (this.multi[id] === 1) {
      this.extra.delete(id);
      this.multi[id] = 0;
    }
    // Listed in a cell it was not in before (lists are cleaned lazily, so check before adding).
    for (const k of extra) if (k !== old && !before.includes(k)) this.list(k, id, !known);
    if (known && old === key) return;
    this.cellOf[id] = key;
    if (key === NONE) {
      if (this.inUnlocated[id] === 0) {
        this.inUnlocated[id] = 1;
        this.unlocated.push(id);
      }
      return;
    }
    if (!before.includes(key)) this.list(key, id, !known);
  }

  /** Add `id` to a cell's list unless it is there (`fresh`: it cannot be, skip the check). */
  private list(key: number, id: number, fresh = false): void {
    let list = this.cells.get(key);
    if (!list) this.cells.set(key, (list = []));
    // A job that moves back into a cell is still listed there (lists are cleaned lazily).
    if (fresh || !list.includes(id)) list.push(id);
  }

  /**
   * Keys of the cells that may hold points within `radiusKm` of the point, or null when the area
   * is too large for cells to help (the caller then scans everything).
   */
  cellsNear(lat: number, lon: number, radiusKm: number): number[] | null {
    const dLat = radiusKm / 111.2;
    const cos = Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180);
    const dLon = dLat / Math.max(cos, 1e-6);
    if (dLat > 20 || dLon > 40) return null;
    const y0 = Math.floor((Math.max(-90, lat - dLat) + 90) / CELL_DEG);
    const y1 = Math.floor((Math.min(90, lat + dLat) + 90) / CELL_DEG);
    // Unwrapped column range, then wrapped into [0, LON_CELLS) for the antimeridian.
    const x0 = Math.floor((lon - dLon + 180) / CELL_DEG);
    const xs = Math.min(LON_CELLS, Math.floor((lon + dLon + 180) / CELL_DEG) - x0 + 1);
    const keys: number[] = [];
    for (let y = y0; y <= y1; y++) {
      for (let i = 0; i < xs; i++)
        keys.push(y * LON_CELLS + ((((x0 + i) % LON_CELLS) + LON_CELLS) % LON_CELLS));
    }
    return keys;
  }

  /** Call `fn` for every id in these cells (once), until it returns false. Returns false if stopped. */
  forEachIn(keys: readonly number[], fn: (id: number) => boolean): boolean {
    const { cellOf, multi } = this;
    let seen: Set<number> | undefined; // jobs of several places, visited already
    for (const key of keys) {
      const list = this.cells.get(key);
      if (!list) continue;
      for (const id of list) {
        if (multi[id] !== 1) {
          if (cellOf[id] === key && !fn(id)) return false;
          continue;
        }
        if (cellOf[id] !== key && !this.extra.get(id)!.includes(key)) continue;
        if (seen?.has(id)) continue;
        (seen ??= new Set()).add(id);
        if (!fn(id)) return false;
      }
    }
    return true;
  }

  /** How many ids {@link forEachIn} and {@link forEachUnlocated} would visit at most (list lengths). */
  sizeIn(keys: readonly number[]): number {
    let n = this.unlocated.length;
    for (const key of keys) n += this.cells.get(key)?.length ?? 0;
    return n;
  }

  /** Whether visiting these cells and the ids without coordinates has visited `id`. */
  visitedBy(id: number, keys: ReadonlySet<number>): boolean {
    const cell = this.cellOf[id] ?? NONE;
    if (cell === NONE || keys.has(cell)) return true;
    return this.multi[id] === 1 && this.extra.get(id)!.some((k) => keys.has(k));
  }

  /** Call `fn` for every id without coordinates, until it returns false. Returns false if stopped. */
  forEachUnlocated(fn: (id: number) => boolean): boolean {
    for (const id of this.unlocated) if (this.cellOf[id] === NONE && !fn(id)) return false;
    return true;
  }

  private grow(min: number): void {
    let cap = this.cellOf.length;
    while (cap < min) cap *= 2;
    const cellOf = new Int32Array(cap).fill(NONE);
    cellOf.set(this.cellOf);
    this.cellOf = cellOf;
    const inUnlocated = new Uint8Array(cap);
    inUnlocated.set(this.inUnlocated);
    this.inUnlocated = inUnlocated;
    const multi = new Uint8Array(cap);
    multi.set(this.multi);
    this.multi = multi;
  }
}
