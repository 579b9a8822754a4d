import { describe, expect, it } from 'vitest';
import { externalUrl, listenAddress, routePrefix } from './web-address.js';

describe('web addresses', () => {
  it.each([
    [':9093', { host: undefined, port: 9093 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
    ['[::1]:9093', { host: '::1', port: 9093 }],
  ])('reads listen address %s', (text, expected) => {
    expect(listenAddress(text)).toEqual(expected);
  });

  it('rejects a listen address without a port, naming the flag', () => {
    expect(() => listenAddress('localhost')).toThrow('--web.listen-address: "localhost" is not host:port');
  });

  it('defaults the external URL to http://<hostname>:<port> and trims trailing slashes', () => {
    expect(externalUrl(undefined, 9093, 'box')).toBe('http://box:9093');
    expect(externalUrl('https://am.example.com/alertmanager/', 9093)).toBe(
      'https://am.example.com/alertmanager',
    );
  });

  it('takes the route prefix from the flag, else from the external URL path', () => {
    expect(routePrefix(undefined, 'http://box:9093')).toBe('/');
    expect(routePrefix(undefined, 'https://am.example.com/alertmanager')).toBe('/alertmanager');
    expect(routePrefix('am/', 'http://box:9093')).toBe('/am');
  });
});
