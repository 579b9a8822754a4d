import { describe, expect, it } from 'vitest';
import { withTrailingSlash } from './notifier-config.js';

describe('withTrailingSlash (Go: url.Path += "/" when it does not end in one)', () => {
  it.each([
    ['https://api.opsgenie.com', 'https://api.opsgenie.com/'],
    ['https://api.opsgenie.com/', 'https://api.opsgenie.com/'],
    ['http://example.com/api', 'http://example.com/api/'],
    ['http://example.com/api?x=1', 'http://example.com/api/?x=1'],
    ['http://example.com?x=/y', 'http://example.com/?x=/y'],
    ['http://example.com#frag', 'http://example.com/#frag'],
  ])('%s becomes %s', (url, expected) => {
    expect(withTrailingSlash(url)).toBe(expected);
  });
});
