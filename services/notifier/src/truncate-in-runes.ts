/**
 * Alertmanager's `TruncateInRunes`: at most n characters (code points); when cut, the last one
 * is `…`.
 */
export function truncateInRunes(s: string, n: number): { text: string; truncated: boolean } {
  const runes = [...s];
  if (runes.length <= n) return { text: s, truncated: false };
  if (n <= 3) return { text: runes.slice(0, n).join(''), truncated: true };
  return { text: `${runes.slice(0, n - 1).join('')}…`, truncated: true };
}
