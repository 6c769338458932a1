/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The `p`-th percentile (0..100) by nearest rank; sorts a copy. */
export function percentile(values: readonly number[] | Float64Array, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Nanoseconds since an arbitrary origin, as a number (exact well past a day). */
export function nowNs(): number {
  return Number(process.hrtime.bigint());
}

/** Runs `rounds` rounds; in each, every variant runs once, in an order that rotates, so no variant always goes first. */
export async function alternate<TVariant extends string, TResult>(
  variants: readonly TVariant[],
  rounds: number,
  run: (variant: TVariant, round: number) => Promise<TResult>,
): Promise<Record<TVariant, TResult[]>> {
  const results = Object.fromEntries(variants.map((variant) => [variant, [] as TResult[]])) as Record<
    TVariant,
    TResult[]
  >;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(i + round) % variants.length]!;
      results[variant].push(await run(variant, round));
    }
  }
  return results;
}
