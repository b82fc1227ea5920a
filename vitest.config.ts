import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The deadline of a test, not a speed check: many tests start jobscout's processes and a whole
    // pipeline run, and on a loaded machine (CI, or load averages of 15-20 here) such a test took
    // over 60 s where it takes 3-10 s alone (cli-import, cli-profile, letters-discord on 2026-12-04).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Four files at a time on two cores: most files wait on child processes, stand-in servers and
    // BullMQ rather than compute. Quiet machine, `npx vitest run --maxWorkers=N`: on 2026-12-04 at
    // 7cfc544 (171 files) 2 → 279 s wall, 3 → 214 s, 4 → 221 s; at the end of that day (210 files,
    // the CLI's start-up cut) 3 → 310 s (one test stalled 60 s), 4 → 251 s at 159% CPU, all passing.
    // TESTING.md.
    fileParallelism: true,
    maxWorkers: 4,
    // Test files share their worker's loaded modules (LangChain, Kysely, discord.js, the app): loading
    // them again for each of ~130 files was about a quarter of the suite's CPU time. Tests share no
    // state through modules (each builds its own app, data dir and queue prefix; fake timers are
    // restored in afterEach); `npm run mutate` runs the same way.
    isolate: false,
    globalSetup: ["test/support/global-setup.ts"],
    // Nothing from the environment of the person running the tests (API keys, jobscout settings).
    // After each test, end the child processes it left running (test/support/end-children.ts).
    setupFiles: ["test/support/hermetic-env.ts", "test/support/end-children.ts"],
    // `npm run coverage` (with --coverage): the vitest workers' part; test/support/coverage-report.ts
    // merges in what child processes and worker threads ran.
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["json"],
      reportsDirectory: "coverage/vitest",
      // The table still shows what ran when a test failed (the run still fails).
      reportOnFailure: true,
    },
  },
});
