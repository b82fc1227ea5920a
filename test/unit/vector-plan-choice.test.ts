// Which of the three vector-search plans a search takes decides how fast a user's filtered search
// answers (the cost model is measured in bench/search.bench.ts; the three plans give the same hits,
// which test/unit/search-vector-plans.test.ts proves). Expected plans and sizes worked out by hand
// from the cost model in src/search/filtered-vector-search.ts (µs: exact 50 per passing job, its vector read back from hnswlib;
// overfetch 1.6 × max(ef, hits) up to 500 hits, else 3 per hit; callback 2.4 × beam / share, its
// beam the hits wanted, at least 48 and at least ef × share).
import { describe, expect, it } from "vitest";
import { chooseVectorPlan } from "../../src/search/filtered-vector-search.js";

const index = { ef: 64, exactBelow: 1000, maxOverfetch: 5000 };

describe("chooseVectorPlan", () => {
  it("ranks exactly when few jobs pass, up to and including the exact-ranking bound", () => {
    // 500 pass; hits to ask = ceil(10 / 0.005 × 1.25) + 16; candidates cap = 2 × 500 + 500.
    expect(chooseVectorPlan({ ...index, n: 100_000, want: 10, share: 0.005 })).toEqual({
      kind: "exact",
      overfetch: 2516,
      maxCandidates: 1500,
      callbackEf: 48,
    });
    // Exactly 1,000 pass.
    expect(chooseVectorPlan({ ...index, n: 2000, want: 10, share: 0.5 })).toEqual({
      kind: "exact",
      overfetch: 41,
      maxCandidates: 2500,
      callbackEf: 48,
    });
  });

  it("treats a share of 0 as one job in 10,000 instead of dividing by zero", () => {
    expect(chooseVectorPlan({ ...index, n: 100_000, want: 10, share: 0 })).toEqual({
      kind: "exact",
      overfetch: 125_016,
      maxCandidates: 520,
      callbackEf: 48,
    });
  });

  it("asks hnswlib for a few more hits than wanted when nearly every job passes", () => {
    // exact 5,000,000 µs; callback 2.4 × 64 = 153.6; overfetch 1.6 × max(64, 29) = 102.4.
    expect(chooseVectorPlan({ ...index, n: 100_000, want: 10, share: 1 })).toEqual({
      kind: "overfetch",
      overfetch: 29,
      maxCandidates: 200_500,
      callbackEf: 64,
    });
    // A wide beam widens the callback's too (its beam holds passing jobs only; the unfiltered beam of
    // 400 holds about 400 × share of them), so a narrow callback never buys speed with recall:
    // overfetch 1.6 × 400 = 640 beats the callback's 2.4 × 400 = 960.
    expect(chooseVectorPlan({ ...index, ef: 400, n: 100_000, want: 10, share: 1 })).toMatchObject({
      kind: "overfetch",
      callbackEf: 400,
    });
    // Half the jobs pass: the callback's beam is 200 passing jobs.
    expect(chooseVectorPlan({ ...index, ef: 400, n: 100_000, want: 10, share: 0.5 }).callbackEf).toBe(200);
  });

  it("weighs the overfetch by its beam below 500 hits and by its hits above", () => {
    // 329 hits: 1.6 × 329 = 526.4 beats the callback's 2.4 × 100 / 0.4 = 600 and exact's 2,000,000.
    expect(chooseVectorPlan({ ...index, n: 100_000, want: 100, share: 0.4 })).toEqual({
      kind: "overfetch",
      overfetch: 329,
      maxCandidates: 80_500,
      callbackEf: 100,
    });
    // 516 hits: 3 × 516 = 1,548 beats the callback's 2,304 and exact's 2,500,000.
    expect(chooseVectorPlan({ ...index, n: 1_000_000, want: 20, share: 0.05 }).kind).toBe("overfetch");
    // 641 hits: 3 × 641 = 1,923 beats ranking the 2,000 passing jobs exactly (100,000) and the
    // callback's 2.4 × 48 / 0.02 = 5,760.
    expect(chooseVectorPlan({ ...index, n: 100_000, want: 10, share: 0.02 })).toEqual({
      kind: "overfetch",
      overfetch: 641,
      maxCandidates: 4500,
      callbackEf: 48,
    });
  });

  it("counts exactly 500 hits by the beam, and more by the hits, where that decides", () => {
    // ceil(121 / 0.3125 × 1.25) + 16 = 500 hits: 1.6 × 500 = 800 beats the callback's
    // 2.4 × 121 / 0.3125 = 929.28 (at 3 µs a hit, 1,500, it would not).
    expect(chooseVectorPlan({ ...index, n: 100_000, want: 121, share: 0.3125 })).toEqual({
      kind: "overfetch",
      overfetch: 500,
      maxCandidates: 63_000,
      callbackEf: 121,
    });
    // 641 hits at 3 µs = 1,923 lose to the callback's 2.4 × 100 / 0.2 = 1,200 (by the beam, 1,025.6, they would win).
    expect(chooseVectorPlan({ ...index, n: 100_000, want: 100, share: 0.2 })).toEqual({
      kind: "callback",
      overfetch: 641,
      maxCandidates: 40_500,
      callbackEf: 100,
    });
  });

  it("may ask for exactly as many hits as allowed", () => {
    // 29 hits, 29 allowed: 1.6 × 64 = 102.4 beats the callback's 115.2.
    expect(chooseVectorPlan({ ...index, maxOverfetch: 29, n: 100_000, want: 10, share: 1 }).kind).toBe(
      "overfetch",
    );
  });

  it("uses hnswlib's filter when the overfetch would ask for more hits than allowed", () => {
    // 1,266 hits > 1,000 allowed; callback 11,520 µs beats exact's 1,000,000.
    expect(chooseVectorPlan({ ...index, maxOverfetch: 1000, n: 2_000_000, want: 10, share: 0.01 })).toEqual({
      kind: "callback",
      overfetch: 1266,
      maxCandidates: 40_500,
      callbackEf: 48,
    });
    // Allowed, the overfetch (3 × 1,266 = 3,798) wins.
    expect(chooseVectorPlan({ ...index, n: 2_000_000, want: 10, share: 0.01 }).kind).toBe("overfetch");
    // 2,000 of 2,048,000 pass: the overfetch would ask for 12,816 hits (> 5,000 allowed); ranking
    // them exactly (2,000 × 50 = 100,000 µs) beats the callback's 2.4 × 48 × 1,024 = 117,964.8.
    expect(chooseVectorPlan({ ...index, n: 2_048_000, want: 10, share: 1 / 1024 })).toEqual({
      kind: "exact",
      overfetch: 12_816,
      maxCandidates: 4500,
      callbackEf: 48,
    });
  });
});
