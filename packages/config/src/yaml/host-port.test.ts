import { describe, expect, it } from 'vitest';
import { parseHostPort } from './host-port.js';

describe('parseHostPort (net.SplitHostPort + Alertmanager HostPort)', () => {
  it('reads host and port, and prints them back', () => {
    const hp = parseHostPort('localhost:25');
    expect(hp).toMatchObject({ host: 'localhost', port: '25' });
    expect(String(hp)).toBe('localhost:25');
  });

  it('accepts a port alone', () => {
    expect(parseHostPort(':25')).toMatchObject({ host: '', port: '25' });
  });

  it('brackets an IPv6 host again when printing', () => {
    const hp = parseHostPort('[fd12:3456:789a::1]:25');
    expect(hp).toMatchObject({ host: 'fd12:3456:789a::1', port: '25' });
    expect(JSON.stringify(hp)).toBe('"[fd12:3456:789a::1]:25"');
  });

  it('treats the empty string as unset', () => {
    expect(parseHostPort('')).toBeUndefined();
  });

  it.each([
    ['localhost', 'address localhost: missing port in address'],
    ['localhost:', 'address "localhost:": port cannot be empty'],
    ['::1', 'address ::1: too many colons in address'],
    ['[::1', "address [::1: missing ']' in address"],
    ['[::1]', 'address [::1]: missing port in address'],
    ['[::1]x:25', 'address [::1]x:25: missing port in address'],
    ['[::1]:x:25', 'address [::1]:x:25: too many colons in address'],
    ['a]:25', "address a]:25: unexpected ']' in address"],
  ])('rejects %s', (text, message) => {
    expect(() => parseHostPort(text)).toThrow(message);
  });
});
