import { defaultClientConditions, defineConfig } from "vite";

// The workspace packages are bundled from their TypeScript source ("@socket-contract/source"), so
// the page never depends on a stale dist/ of the runtimes. The server serves dist/ in production;
// `npm run dev` here proxies the socket and the uploads to a server started on port 3000.
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: ["@socket-contract/source", ...defaultClientConditions] },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The polyfill is for browsers older than the es2022 target; without it the page is only our files.
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      "/socket.io": { target: "http://localhost:3000", ws: true },
      "/uploads": "http://localhost:3000",
    },
  },
});
