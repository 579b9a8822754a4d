/**
 * URL checks with the messages of Alertmanager's `config.URL` (which wraps Go's `url.Parse`):
 * only http and https, and a host is required.
 */
export function checkHttpUrl(text: string): void {
  const scheme = schemeOf(text);
  if (scheme !== 'http' && scheme !== 'https')
    throw new Error(`unsupported scheme ${JSON.stringify(scheme)} for URL`);
  const rest = text.slice(scheme.length + 1);
  // Without `//` Go reads `http:example.com` as an opaque URL, which has no host.
  const host = rest.startsWith('//') ? authorityHost(rest.slice(2)) : '';
  if (host === '') throw new Error('missing host for URL');
}

/** The scheme as Go's `getScheme` finds it; '' when there is none. */
function schemeOf(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return '';
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new Error(`parse ${JSON.stringify(text)}: missing protocol scheme`);
      return text.slice(0, i).toLowerCase();
    }
    return '';
  }
  return '';
}

function authorityHost(authority: string): string {
  const end = authority.search(/[/?#]/);
  const hostPort = end === -1 ? authority : authority.slice(0, end);
  const at = hostPort.lastIndexOf('@');
  return hostPort.slice(at + 1).replace(/:\d*$/, '');
}
