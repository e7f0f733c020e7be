import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// Tests never read or write a real user's config or personal catalog: every
// test process (and the binaries and terminals they start) sees an empty
// config directory of its own.
const configHome = mkdtempSync(join(tmpdir(), "hpadvise-test-config-"));

// Tests that start processes (the built binary, a browser, a terminal), run
// the fuzzer or bound wall-clock time: the whole suite (`npm test`) runs them,
// the fast tier (`npm run test:unit`) does not.
const processTests = [
  "test/e2e/**/*.test.ts",
  "test/fuzz/**/*.test.ts",
  "test/hostile/**/*.test.ts",
  "test/catalog/read.test.ts",
  "test/catalog/rank-index.test.ts",
  "test/commands/add.test.ts",
  "test/config/config.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    reporters: ["default", "./test/helpers/totals-reporter.ts"],
    env: { XDG_CONFIG_HOME: configHome },
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: processTests },
      },
      {
        extends: true,
        test: {
          name: "process",
          include: processTests,
          // They run the built binary: build once before any of them.
          globalSetup: ["test/helpers/global-setup.ts"],
        },
      },
    ],
  },
});
