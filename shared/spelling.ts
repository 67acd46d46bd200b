/**
 * The known name closest to a misspelt one, for "did you mean ...?" hints: stack config keys
 * (provider settings) and resource properties (check) use this one measure.
 */

/** The known name closest to `name` (case-insensitive edit distance), or undefined when none is known. */
export function nearest(name: string, known: readonly string[]): { name: string; distance: number } | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (!best || d < best.distance) best = { name: k, distance: d };
  }
  return best;
}

/**
 * The known name `name` is probably a misspelling of: within `maxDistance` edits (default: a third
 * of its length, at least 2, at most 3).
 */
export function didYouMean(name: string, known: readonly string[], maxDistance?: number): string | undefined {
  const best = nearest(name, known);
  const limit = maxDistance ?? Math.min(3, Math.max(2, Math.floor(name.length / 3)));
  return best && best.distance <= limit ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
