// The grid behind radius searches: which jobs a place's cells hold as postings gain, lose and move
// their offices, each job visited once, and a visit that stops when asked.
import { describe, expect, it } from "vitest";
import { GeoGrid } from "../../src/search/geo-grid.js";

type Point = readonly [number, number];
const FFM: Point = [50.11, 8.68];
const HAMBURG: Point = [53.55, 9.99];
const MUNICH: Point = [48.14, 11.58];

function near(g: GeoGrid, [lat, lon]: Point): number[] {
  const out: number[] = [];
  g.forEachIn(g.cellsNear(lat, lon, 20)!, (id) => {
    out.push(id);
    return true;
  });
  return out.sort((a, b) => a - b);
}

function unlocated(g: GeoGrid): number[] {
  const out: number[] = [];
  g.forEachUnlocated((id) => {
    out.push(id);
    return true;
  });
  return out;
}

describe("GeoGrid", () => {
  it("finds a job at each of its offices once, and no longer where an office was dropped", () => {
    const g = new GeoGrid();
    g.set(1, ...FFM, [HAMBURG, FFM]);
    g.set(2, ...HAMBURG);
    expect(near(g, HAMBURG)).toEqual([1, 2]);
    expect(near(g, FFM)).toEqual([1]);
    // The posting now names Frankfurt only.
    g.set(1, ...FFM);
    expect(near(g, HAMBURG)).toEqual([2]);
    expect(near(g, FFM)).toEqual([1]);
    // Then Hamburg first, Frankfurt as the further office: listed in both again, once each.
    g.set(1, ...HAMBURG, [FFM]);
    expect(near(g, HAMBURG)).toEqual([1, 2]);
    expect(near(g, FFM)).toEqual([1]);
    expect(near(g, MUNICH)).toEqual([]);
  });

  it("keeps a job that lost its coordinates, got them and lost them again in the unlocated list once", () => {
    const g = new GeoGrid();
    g.set(3, NaN, NaN);
    g.set(3, ...MUNICH);
    expect(near(g, MUNICH)).toEqual([3]);
    expect(unlocated(g)).toEqual([]);
    g.set(3, NaN, NaN);
    expect(near(g, MUNICH)).toEqual([]);
    expect(unlocated(g)).toEqual([3]);
  });

  it("stops visiting when told, and knows which visited cells covered a job", () => {
    const g = new GeoGrid();
    g.set(1, ...FFM, [HAMBURG]);
    g.set(2, ...FFM);
    g.set(4, ...MUNICH);
    const seen: number[] = [];
    const stopAtFirst = (id: number) => {
      seen.push(id);
      return false;
    };
    expect(g.forEachIn(g.cellsNear(...HAMBURG, 20)!, stopAtFirst)).toBe(false);
    expect(g.forEachIn(g.cellsNear(...FFM, 20)!, stopAtFirst)).toBe(false);
    expect(g.forEachIn(g.cellsNear(...MUNICH, 20)!, stopAtFirst)).toBe(false);
    g.set(5, NaN, NaN);
    expect(g.forEachUnlocated(stopAtFirst)).toBe(false);
    expect(seen).toEqual([1, 1, 4, 5]);
    const hamburgCells = new Set(g.cellsNear(...HAMBURG, 20));
    expect(g.visitedBy(1, hamburgCells)).toBe(true); // through its Hamburg office
    expect(g.visitedBy(2, hamburgCells)).toBe(false);
    expect(g.visitedBy(4, hamburgCells)).toBe(false);
    // Its main office moves to Hamburg, where it was listed already: still found once there.
    g.set(1, ...HAMBURG, [FFM]);
    expect(near(g, HAMBURG)).toEqual([1]);
    expect(near(g, FFM)).toEqual([1, 2]);
  });
});
