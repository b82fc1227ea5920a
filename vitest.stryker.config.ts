// The suite as `npm run mutate` (Stryker, stryker.config.json) runs it. Stryker's sandbox holds
// instrumented source that only the vitest worker can switch between mutants, so the tests that run
// the built CLI or jobscout in a child process are left out: they cannot tell one mutant from
// another, and they are the slow ones.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

export default defineConfig({
  test: {
    ...base.test,
    exclude: [
      "node_modules/**",
      "test/integration/cli-*.test.ts",
      "test/integration/roles.test.ts",
      "test/integration/worker-crash.test.ts",
      "test/integration/embedded-redis.test.ts",
      "test/integration/dashboard-browser.test.ts",
      "test/integration/dashboard-command.test.ts",
      "test/integration/discord-register.test.ts",
    ],
    globalSetup: ["test/support/mutation-setup.ts"],
    // Stryker switches mutants by a global, not by changing files: keep the imported modules between
    // its runs instead of loading LangChain, Kysely and the rest again for every mutant.
    isolate: false,
    coverage: { enabled: false },
  },
});
