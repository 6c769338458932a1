import { randomUUID } from "node:crypto";
import { createClient } from "redis";
import { onCleanup } from "./util.js";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Whether a Redis server answers. Where it does not, tests that need it skip with a printed notice,
 * except under REQUIRE_REDIS=1 (CI), where a missing Redis fails the run.
 */
export async function redisAvailable(): Promise<boolean> {
  const probe = createClient({ url: REDIS_URL, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
    await probe.quit();
    return true;
  } catch {
    if (process.env.REQUIRE_REDIS === "1") throw new Error(`REQUIRE_REDIS=1 but no Redis answers at ${REDIS_URL}`);
    console.warn(`[notice] Redis is not reachable at ${REDIS_URL}: skipping the tests that need it.`);
    return false;
  }
}

/** A connected pub/sub client pair, closed after the test, and a key prefix unique to the test. */
export async function redisPair() {
  const pub = createClient({ url: REDIS_URL });
  const sub = pub.duplicate();
  pub.on("error", () => {});
  sub.on("error", () => {});
  await Promise.all([pub.connect(), sub.connect()]);
  onCleanup(async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  });
  return { pub, sub, key: `socket-contract-test-${randomUUID()}` };
}
