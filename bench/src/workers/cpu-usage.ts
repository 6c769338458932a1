// Loaded with `node --import` into a CLI process that codegen-times.ts measures: at exit, the
// process's CPU time (user and system, ms) and peak resident set size (kB) go, as JSON, to the
// file named by CPU_USAGE_FILE. CPU time is what a loaded machine inflates least.
import { writeFileSync } from "node:fs";

const target = process.env.CPU_USAGE_FILE;
if (target !== undefined) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({ userMs: usage.userCPUTime / 1000, systemMs: usage.systemCPUTime / 1000, peakKb: usage.maxRSS }),
    );
  });
}
