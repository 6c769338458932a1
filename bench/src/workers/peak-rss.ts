// Loaded with `node --import` into a process whose peak memory scenario 7 reports: at exit, the
// process's peak resident set size (kB) goes to the file named by PEAK_RSS_FILE.
import { writeFileSync } from "node:fs";

const target = process.env.PEAK_RSS_FILE;
if (target !== undefined) process.on("exit", () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
