import { describe, expect, it } from 'vitest';
import { RateLimitedError, RetryableError, UnrecoverableNotifyError } from '../notify-errors.js';
import { checkStatus } from './check-status.js';
import { redactUrl } from './redact.js';
import { parseRetryAfter } from './retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.UTC(2024, 0, 1, 0, 0, 0);
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Mon, 01 Jan 2024 00:00:30 GMT', 30_000],
    ['Sun, 31 Dec 2023 23:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('%j → %j', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
});

describe('redactUrl', () => {
  it('removes the URL and its secret parts', () => {
    const url = 'https://user:pw@hooks.example/T0K3N/path?key=s3cr3t';
    const message = `Post "${url}": failed for /T0K3N/path and ?key=s3cr3t by user:pw`;
    const out = redactUrl(message, url);
    for (const secret of ['T0K3N', 's3cr3t', 'pw@', url]) expect(out).not.toContain(secret);
  });
});

describe('checkStatus (Alertmanager Retrier.Check)', () => {
  const res = (status: number, body = '', headers: Record<string, string> = {}) => ({
    status,
    body,
    headers,
  });

  it('accepts any 2xx', () => {
    for (const status of [200, 201, 202, 204, 299]) expect(() => checkStatus(res(status))).not.toThrow();
  });

  it('retries 5xx with the body in the message', () => {
    const err = (() => {
      try {
        checkStatus(res(503, 'busy'));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(RetryableError);
    expect(err).toMatchObject({ message: 'unexpected status code 503: busy', reason: 'serverError' });
  });

  it.each([
    [400, 'clientError'],
    [401, 'authError'],
    [403, 'authError'],
    [404, 'clientError'],
    [302, 'other'],
  ])('fails %i at once as %s', (status, reason) => {
    expect(() => checkStatus(res(status, '{"status":"invalid event"}'))).toThrow(UnrecoverableNotifyError);
    expect(() => checkStatus(res(status))).toThrow(`unexpected status code ${status}`);
    try {
      checkStatus(res(status));
    } catch (e) {
      expect((e as UnrecoverableNotifyError).reason).toBe(reason);
    }
  });

  it('rate-limits a 429 with its Retry-After', () => {
    try {
      checkStatus(res(429, '', { 'retry-after': '7' }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RateLimitedError);
      expect(e).toMatchObject({ retryAfterMs: 7000, reason: 'rateLimited' });
    }
  });
});
