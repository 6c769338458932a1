/** No key, pointer or focus for this long, or a hidden tab, reads as away. */
const IDLE_MS = 2 * 60_000;

/**
 * Whether the person has stepped away: the page answers the server's `ping` with it.
 *
 * @example
 * const activity = trackActivity();
 * chat.onPing(() => ({ away: activity.away() }));
 */
export function trackActivity(): { away(): boolean } {
  let last = Date.now();
  const touch = () => {
    last = Date.now();
  };
  for (const event of ["keydown", "pointerdown", "pointermove", "focus", "visibilitychange"])
    window.addEventListener(event, touch, { passive: true });
  return { away: () => document.visibilityState === "hidden" || Date.now() - last > IDLE_MS };
}
