/**
 * The syntax errors of Go's `url.Parse` that a config URL can hit, with its wording
 * (`parse "x": missing protocol scheme`, `invalid port ":b" after host`, ...). Scheme and host
 * rules of Alertmanager's URL type are `checkHttpUrl`'s job; this only rejects what Go cannot parse.
 */
export function checkGoUrlSyntax(text: string): void {
  const fail = (why: string) => new Error(`parse ${JSON.stringify(text)}: ${why}`);
  if ([...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
    throw fail('net/url: invalid control character in URL');
  }
  const hash = text.indexOf('#');
  const beforeFragment = hash < 0 ? text : text.slice(0, hash);
  if (hash >= 0) checkEscapes(text.slice(hash + 1), fail);
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:/.exec(beforeFragment)?.[0];
  if (scheme === undefined && beforeFragment.startsWith(':')) throw fail('missing protocol scheme');
  let rest = scheme === undefined ? beforeFragment : beforeFragment.slice(scheme.length);
  const query = rest.indexOf('?');
  if (query >= 0) rest = rest.slice(0, query);
  if (scheme !== undefined && !rest.startsWith('/')) return; // opaque, e.g. mailto:x
  if (scheme === undefined && !rest.startsWith('/')) {
    const colon = rest.indexOf(':');
    const slash = rest.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash))
      throw fail('first path segment in URL cannot contain colon');
  }
  let path = rest;
  if ((scheme !== undefined || !rest.startsWith('///')) && rest.startsWith('//')) {
    const authority = rest.slice(2).split('/')[0] ?? '';
    path = rest.slice(2 + authority.length);
    checkHost(authority.slice(authority.lastIndexOf('@') + 1), fail);
  }
  checkEscapes(path, fail);
}

function checkHost(host: string, fail: (why: string) => Error): void {
  let port = '';
  if (host.startsWith('[')) {
    const end = host.lastIndexOf(']');
    if (end < 0) throw fail("missing ']' in host");
    port = host.slice(end + 1);
    if (port !== '' && !/^:\d*$/.test(port)) throw fail(`invalid port ${JSON.stringify(port)} after host`);
    return;
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0) {
    port = host.slice(colon);
    if (!/^:\d*$/.test(port)) throw fail(`invalid port ${JSON.stringify(port)} after host`);
  }
  checkEscapes(host, fail);
}

function checkEscapes(part: string, fail: (why: string) => Error): void {
  const bad = /%(?![0-9a-fA-F]{2})(.{0,2})/.exec(part);
  if (bad) throw fail(`invalid URL escape ${JSON.stringify(`%${bad[1]}`)}`);
}
