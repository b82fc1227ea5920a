export { seededRandom } from "../core/seeded-random.js";

/** A latency distribution by its median and 95th percentile (log-normal, as service latencies are). */
export interface Latency {
  /** @defaultValue `0` (answer at once) */
  medianMs: number;
  /** @defaultValue the median (no spread) */
  p95Ms?: number | undefined;
}

/** Draw one latency in ms; `random` is the stand-in's seeded source, so a run repeats. */
export function drawLatency(l: Latency, random: () => number): number {
  if (l.medianMs <= 0) return 0;
  const sigma = Math.log(Math.max(l.p95Ms ?? l.medianMs, l.medianMs) / l.medianMs) / 1.645;
  // Box–Muller from two uniforms; 1 - u keeps the log away from 0.
  const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.round(l.medianMs * Math.exp(sigma * z));
}
