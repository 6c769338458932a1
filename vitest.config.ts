import { defineConfig } from "vitest/config";

// Tests import every workspace package from its TypeScript source through the
// "@socket-contract/source" export condition, so no test waits for a build.
const source = "@socket-contract/source";

export default defineConfig({
  // No "module" condition: Vitest hands these conditions to Node too, and @opentelemetry/api's
  // "module" build imports without file extensions, which Node cannot load (a CommonJS package of
  // the SDK that requires the API would fail).
  ssr: { resolve: { conditions: [source, "node", "development|production"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts", "examples/*/test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: "forks",
  },
});
