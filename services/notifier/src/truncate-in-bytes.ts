/**
 * Alertmanager's `TruncateInBytes`: at most n bytes of UTF-8, never cutting a character; when
 * cut, the text ends with `…` (3 bytes). Below 4 bytes only the marker or dots fit.
 */
export function truncateInBytes(s: string, n: number): { text: string; truncated: boolean } {
  if (Buffer.byteLength(s, 'utf8') <= n) return { text: s, truncated: false };
  if (n <= 3) return { text: n === 3 ? '…' : '.'.repeat(Math.max(0, n)), truncated: true };
  const budget = n - 3;
  let used = 0;
  let out = '';
  for (const ch of s) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (used + size > budget) break;
    used += size;
    out += ch;
  }
  return { text: `${out}…`, truncated: true };
}
