import { describe, expect, it } from 'vitest';
import { checkHttpUrl } from './url.js';

describe('checkHttpUrl (Alertmanager config.URL rules)', () => {
  it.each([
    'http://example.com',
    'https://example.com:8443/path?q=1',
    'http://user:pw@[::1]:9093/x',
    'HTTP://a',
  ])('accepts %s', (url) => {
    expect(() => checkHttpUrl(url)).not.toThrow();
  });

  it.each([
    ['://example.com', 'missing protocol scheme'],
    ['example.com/webhook', 'unsupported scheme "" for URL'],
    ['ftp://example.com', 'unsupported scheme "ftp" for URL'],
    ['telnet://example.com', 'unsupported scheme "telnet" for URL'],
    ['http:example.com', 'missing host for URL'],
    ['http://', 'missing host for URL'],
    ['http:///path', 'missing host for URL'],
  ])('rejects %s', (url, message) => {
    expect(() => checkHttpUrl(url)).toThrow(message);
  });
});
