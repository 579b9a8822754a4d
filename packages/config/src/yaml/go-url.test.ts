import { describe, expect, it } from 'vitest';
import { checkGoUrlSyntax } from './go-url.js';

describe('checkGoUrlSyntax (url.Parse errors)', () => {
  it.each([
    'http://example.com',
    'http://user:pass@example.com:8080/a%20b?q=%zz',
    'http://[::1]:9093/',
    'mailto:someone@example.com',
    '',
    'relative/path',
    'telnet://example.com',
  ])('accepts %j', (text) => {
    expect(() => checkGoUrlSyntax(text)).not.toThrow();
  });

  it.each([
    ['://wrongurl/', 'parse "://wrongurl/": missing protocol scheme'],
    ['http://a:b/', 'parse "http://a:b/": invalid port ":b" after host'],
    ['http://[::1/', `parse "http://[::1/": missing ']' in host`],
    ['http://example.com/%zz', 'parse "http://example.com/%zz": invalid URL escape "%zz"'],
    ['http://exa mple.com\n', 'net/url: invalid control character in URL'],
    ['1a:b', 'first path segment in URL cannot contain colon'],
  ])('rejects %j', (text, message) => {
    expect(() => checkGoUrlSyntax(text)).toThrow(message);
  });
});
