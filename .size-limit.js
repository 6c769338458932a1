// Bundle-size budget (size-limit with its esbuild plugin; `npm run size`, part of `npm test`).
// Each minimal app binds or sends one ack-bearing event (test/bundle-size/apps), bundled for a
// browser, minified, gzipped. The workspace packages are bundled from their TypeScript source, the
// way the chat page is. The chat's web page is measured the same way from its entry (its script:
// the stylesheet is left out); it needs the chat contract's generated wrappers (`npm run build` makes
// them). A change that grows an app past its limit fails the check: raise a limit only with the
// reason in the commit.
const forBrowser = (config) => ({
  ...config,
  platform: "browser",
  format: "esm",
  conditions: ["@socket-contract/source"],
});

const app = (name, file, limit) => ({
  name,
  path: `test/bundle-size/apps/${file}.ts`,
  gzip: true,
  limit,
  modifyEsbuildConfig: forBrowser,
});

export default [
  app("socket.io-client alone", "socket-io-only", "13.3 kB"),
  app("socket.io-client + zod/mini, by hand", "mini-by-hand", "17.8 kB"),
  app("bindClient, zod/mini contract", "mini-bound", "27.06 kB"),
  app("socket.io-client + classic zod, by hand", "classic-by-hand", "106 kB"),
  app("bindClient, classic zod contract", "classic-bound", "114.85 kB"),
  {
    name: "the chat example's web page",
    path: "examples/chat/web/src/main.ts",
    gzip: true,
    limit: "45.15 kB",
    modifyEsbuildConfig: (config) => ({ ...forBrowser(config), external: [...(config.external ?? []), "*.css"] }),
  },
];
