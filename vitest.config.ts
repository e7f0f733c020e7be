import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// Tests never read or write a real user's config, personal catalog or
// caches: every test process (and the binaries and terminals they start)
// sees an empty config directory and an empty cache directory of its own.
const configHome = mkdtempSync(join(tmpdir(), "hpadvise-test-config-"));
const cacheHome = mkdtempSync(join(tmpdir(), "hpadvise-test-cache-"));

// Tests that start processes (the built binary, a browser, a terminal), run
// the fuzzer or bound wall-clock time: the whole suite (`npm test`) runs them,
// the fast tier (`npm run test:unit`) does not.
const processTests = [
  "test/e2e/**/*.test.ts",
  "test/fuzz/**/*.test.ts",
  "test/hostile/**/*.test.ts",
  "test/catalog/read.test.ts",
  "test/commands/add.test.ts",
  "test/config/config.test.ts",
];

// Unit tests that replace a module (vi.mock) run isolated; the rest share one
// module graph per worker (isolate: false), which halves the fast tier: most
// of its time was importing the same modules again for every file.
const mockingTests = ["test/catalog/curve-listing.test.ts", "test/cli-options.test.ts"];

// What every test file gets, in either tier.
const shared = {
  testTimeout: 20_000,
  env: { XDG_CONFIG_HOME: configHome, XDG_CACHE_HOME: cacheHome, HPADVISE_CACHE_DIR: "" },
};

export default defineConfig({
  test: {
    // Build dist/ (the bundle and the catalog snapshot) once, before any test
    // of either tier: the binary runs it, and in-process tests read the snapshot.
    globalSetup: ["test/helpers/global-setup.ts"],
    reporters: ["default", "./test/helpers/totals-reporter.ts"],
    projects: [
      {
        test: {
          ...shared,
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...processTests, ...mockingTests],
          isolate: false,
        },
      },
      { test: { ...shared, name: "unit-mocking", include: mockingTests } },
      { test: { ...shared, name: "process", include: processTests } },
    ],
  },
});
