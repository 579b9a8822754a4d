// The OpenAPI "uri" format check Alertmanager applies to generatorURL:
// go-openapi strfmt drops any #fragment, then Go's url.ParseRequestURI must
// succeed. These are the conditions under which that parser fails.

const HEX = /^[0-9a-fA-F]{2}$/;
const PORT = /^(?::\d*)?$/;
const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;
// ASCII a host may hold unescaped (besides % escapes, checked separately).
const HOST_ASCII = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"]$/;

function hasControlByte(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function isSchemeLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Scheme and remainder per Go's getScheme; null for "missing protocol scheme". */
function splitScheme(raw: string): [string, string] | null {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isSchemeLetter(c)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === 0x3a) return i === 0 ? null : [raw.slice(0, i), raw.slice(i + 1)];
    return ['', raw];
  }
  return ['', raw];
}

function validEscapes(s: string, host: boolean): boolean {
  for (let i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 1)) {
    const pair = s.slice(i + 1, i + 3);
    if (!HEX.test(pair)) return false;
    // In a host, %-escapes may only encode non-ASCII bytes (or %25 for IPv6 zones).
    if (host && Number.parseInt(pair[0] ?? '0', 16) < 8 && pair !== '25') return false;
  }
  return true;
}

function validHost(host: string): boolean {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0 || !PORT.test(host.slice(close + 1))) return false;
    // The zone (after %25) is escaped differently; checking its escapes is enough here.
    const zone = host.indexOf('%25');
    if (zone >= 0 && zone < close) {
      return validEscapes(host.slice(zone + 3, close), false) && validHostChars(host.slice(0, zone));
    }
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !PORT.test(host.slice(colon))) return false;
  }
  return validHostChars(host);
}

function validHostChars(host: string): boolean {
  if (!validEscapes(host, true)) return false;
  for (const ch of host) {
    if (ch === '%' || (ch.codePointAt(0) ?? 0) >= 0x80) continue;
    if (!HOST_ASCII.test(ch)) return false;
  }
  return true;
}

function validAuthority(authority: string): boolean {
  const at = authority.lastIndexOf('@');
  if (!validHost(authority.slice(at + 1))) return false;
  if (at < 0) return true;
  const userinfo = authority.slice(0, at);
  return USERINFO.test(userinfo) && validEscapes(userinfo, false);
}

/** True when `raw` passes the OpenAPI `uri` format (non-empty; absolute URI or absolute path). */
export function isRequestUri(raw: string): boolean {
  const hash = raw.indexOf('#');
  const s = hash >= 0 ? raw.slice(0, hash) : raw;
  if (s === '' || hasControlByte(s)) return false;
  if (s === '*') return true;
  const split = splitScheme(s);
  if (split === null) return false;
  const [scheme, afterScheme] = split;
  let rest = afterScheme;
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) return scheme !== ''; // "mailto:x" is an opaque URI
  if (scheme !== '' && rest.startsWith('//')) {
    const body = rest.slice(2);
    const slash = body.indexOf('/');
    const authority = slash >= 0 ? body.slice(0, slash) : body;
    if (!validAuthority(authority)) return false;
    rest = slash >= 0 ? body.slice(slash) : '';
  }
  return validEscapes(rest, false);
}
