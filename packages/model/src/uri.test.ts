import { describe, expect, it } from 'vitest';
import { isRequestUri } from './uri.js';

describe('isRequestUri (OpenAPI uri format of generatorURL)', () => {
  it('accepts absolute URIs, absolute paths and opaque URIs', () => {
    for (const s of [
      'http://prometheus:9090/graph?g0.expr=up&g0.tab=1',
      'https://example.com',
      'http://[::1]:9090/',
      'http://user:p@ss@host/',
      // strfmt ≥0.26 drops the fragment first (Alertmanager 0.25 still rejected this one).
      'http://host#frag',
      'http://host/#',
      'http://x/é y',
      'http://host/{path}',
      'http://host:/',
      '/relative',
      '//double',
      'mailto:foo',
      'urn:x:y',
      '*',
    ]) {
      expect(isRequestUri(s), s).toBe(true);
    }
  });

  it('rejects what url.ParseRequestURI rejects', () => {
    for (const s of [
      'foo',
      'relative/path',
      'http://exa mple.com/',
      'http://x/%zz',
      'http://x/%4',
      'http://x:abc/',
      'http://x/\n',
      'http://ho{st/',
      'http://h%41/',
      'http://[::1/',
      'http://us er@host/',
      ':foo',
      '#frag',
    ]) {
      expect(isRequestUri(s), JSON.stringify(s)).toBe(false);
    }
  });
});
