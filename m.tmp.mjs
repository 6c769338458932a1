import { build } from "esbuild";
import { gzipSync } from "node:zlib";
for (const dir of ["/work/main", "/work/wt/core"])
  for (const app of ["mini-bound", "classic-bound"]) {
    const r = await build({
      absWorkingDir: dir,
      entryPoints: [`test/bundle-size/apps/${app}.ts`],
      bundle: true,
      minify: true,
      platform: "browser",
      format: "esm",
      conditions: ["@socket-contract/source"],
      write: false,
    });
    const t = r.outputFiles[0].contents;
    console.log(dir, app, t.length, gzipSync(t, { level: 9 }).length);
  }
