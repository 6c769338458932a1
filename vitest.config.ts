import { defineConfig } from "vitest/config";

// Tests import every workspace package from its TypeScript source through the
// "@socket-contract/source" export condition, so no test waits for a build.
const source = "@socket-contract/source";

export default defineConfig({
  ssr: { resolve: { conditions: [source, "node", "module", "development|production"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
