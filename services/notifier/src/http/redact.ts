/**
 * Removes a secret URL from a message: the whole URL and its secret-bearing parts (user info,
 * path, query), so neither job failure reasons nor logs ever show it. Alertmanager does the same
 * with `notify.RedactURL`.
 */
export function redactUrl(message: string, url: string): string {
  const secrets = new Set<string>([url]);
  try {
    const u = new URL(url);
    secrets.add(u.href);
    if (u.username) secrets.add(u.username);
    if (u.password) secrets.add(u.password);
    if (u.pathname.length > 1) secrets.add(u.pathname);
    if (u.search) secrets.add(u.search);
  } catch {
    // Not a URL: the whole string is all we can hide.
  }
  let out = message;
  // Longest first, so a part never leaves a fragment of a longer secret behind.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret) out = out.split(secret).join('<redacted>');
  }
  return out;
}
