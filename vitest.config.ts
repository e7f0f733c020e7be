import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The end-to-end tests run the built binary: build once before any test.
    globalSetup: ["test/helpers/global-setup.ts"],
    testTimeout: 20_000,
    reporters: ["default", "./test/helpers/totals-reporter.ts"],
  },
});
