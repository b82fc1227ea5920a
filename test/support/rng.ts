/** The seeded PRNG the stand-ins use (mulberry32): the same sequence for the same seed everywhere. */
export { seededRandom as rng } from "../../src/mock/random.js";
