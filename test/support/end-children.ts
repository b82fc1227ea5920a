// Runs in every test file (vitest setupFiles): after each test, end the child processes it started
// through test/support/cli.ts that are still running — a test that timed out or failed before its
// own cleanup must not leave a worker, a bot or a CLI command running into the next tests. Hooks
// from setup files run after the file's own afterEach hooks, so a test's graceful stop comes first.
import { afterEach } from "vitest";
import { killLiveChildren } from "./cli.js";

afterEach(killLiveChildren);
