/**
 * "Did you mean" suggestions for label names and values: the same text in another case, or one
 * a few edits away.
 * @module
 */

/** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) { d[0][j] = j; }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1); }
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate `word` was most likely meant as: one equal but for case, else the closest one
 * within 1 edit (words up to 4 characters) or 2 edits (longer words).
 * @returns the suggestion, or `undefined` when none is close
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...new Set(candidates)].filter((c) => c !== word && c !== '');
  const sameCase = list.find((c) => c.toLowerCase() === word.toLowerCase());
  if (sameCase) { return sameCase; }
  const limit = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of list) {
    if (Math.abs(c.length - word.length) > limit) { continue; }
    const dist = editDistance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}
