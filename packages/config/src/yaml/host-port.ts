/**
 * `host:port` addresses (`smtp_smarthost`, email `smarthost`), split as Go's `net.SplitHostPort`
 * does, with Alertmanager's extra rule that the port cannot be empty. An empty string is unset.
 */
export class HostPort {
  constructor(
    readonly host: string,
    readonly port: string,
  ) {}

  /** Go's `net.JoinHostPort`: IPv6 hosts are bracketed again. */
  toString(): string {
    if (this.host === '' && this.port === '') return '';
    return this.host.includes(':') ? `[${this.host}]:${this.port}` : `${this.host}:${this.port}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Parses `text`; `undefined` for ''. Throws with Go's messages. */
export function parseHostPort(text: string): HostPort | undefined {
  if (text === '') return undefined;
  const fail = (why: string) => new Error(`address ${text}: ${why}`);
  const lastColon = text.lastIndexOf(':');
  if (lastColon < 0) throw fail('missing port in address');
  let host: string;
  let from = 0;
  let afterBracket = 0;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end < 0) throw fail("missing ']' in address");
    if (end + 1 === text.length) throw fail('missing port in address');
    if (end + 1 !== lastColon) {
      throw fail(text[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    }
    host = text.slice(1, end);
    from = 1;
    afterBracket = end + 1;
  } else {
    host = text.slice(0, lastColon);
    if (host.includes(':')) throw fail('too many colons in address');
  }
  if (text.indexOf('[', from) >= 0) throw fail("unexpected '[' in address");
  if (text.indexOf(']', afterBracket) >= 0) throw fail("unexpected ']' in address");
  const port = text.slice(lastColon + 1);
  if (port === '') throw new Error(`address ${JSON.stringify(text)}: port cannot be empty`);
  return new HostPort(host, port);
}
