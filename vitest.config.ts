import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// Tests never read or write a real user's config or personal catalog: every
// test process (and the binaries and terminals they start) sees an empty
// config directory of its own.
const configHome = mkdtempSync(join(tmpdir(), "hpadvise-test-config-"));

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The end-to-end tests run the built binary: build once before any test.
    globalSetup: ["test/helpers/global-setup.ts"],
    testTimeout: 20_000,
    reporters: ["default", "./test/helpers/totals-reporter.ts"],
    env: { XDG_CONFIG_HOME: configHome },
  },
});
