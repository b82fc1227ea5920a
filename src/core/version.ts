/** jobscout's version, kept in step with package.json (it goes into the User-Agent of every fetch). */
export const VERSION = "0.1.0";
