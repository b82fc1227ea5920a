// luxon, loaded with require(). BullMQ's cron-parser requires luxon's CommonJS build; an ESM import
// here loaded its ES build beside it, a second copy of the library (~10 ms of CPU in every process
// that schedules or reads time zones, and two IANAZone classes). require() shares the one copy.
import { createRequire } from "node:module";
import type * as Luxon from "luxon";

const luxon = createRequire(import.meta.url)("luxon") as typeof Luxon;

export const { DateTime, IANAZone } = luxon;
