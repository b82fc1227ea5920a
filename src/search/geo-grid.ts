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

  /** Place (or move) `id`; `lat`/`lon` NaN = no coordinates. */
  set(id: number, lat: number, lon: number): void {
    if (id >= this.cellOf.length) this.grow(id + 1);
    const key = Number.isNaN(lat) || Number.isNaN(lon) ? NONE : cellKey(lat, lon);
    const old = this.cellOf[id]!;
    const known = old !== NONE || this.inUnlocated[id] === 1;
    if (known && old === key) return;
    this.cellOf[id] = key;
    if (key === NONE) {
      if (this.inUnlocated[id] === 0) {
        this.inUnlocated[id] = 1;
        this.unlocated.push(id);
      }
      return;
    }
    let list = this.cells.get(key);
    if (!list) this.cells.set(key, (list = []));
    // A job that moves back into a cell is still listed there (lists are cleaned lazily).
    if (!known || !list.includes(id)) list.push(id);
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

  /** Call `fn` for every id in these cells, until it returns false. Returns false if stopped. */
  forEachIn(keys: readonly number[], fn: (id: number) => boolean): boolean {
    for (const key of keys) {
      const list = this.cells.get(key);
      if (!list) continue;
      for (const id of list) if (this.cellOf[id] === key && !fn(id)) return false;
    }
    return true;
  }

  /** The cell key of `id`, or -1 when it has no coordinates or is unknown. */
  cellOfId(id: number): number {
    return this.cellOf[id] ?? NONE;
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
  }
}
