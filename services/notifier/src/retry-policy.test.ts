import { describe, expect, it } from 'vitest';
import { alertmanagerBackoff } from './backoff.js';
import { RateLimitedError, RetryableError, UnrecoverableNotifyError } from './notify-errors.js';
import { type AttemptState, decideOnFailure, retryDeadline } from './retry-policy.js';

describe('alertmanagerBackoff (cenkalti/backoff defaults)', () => {
  it.each([
    [1, 500],
    [2, 750],
    [3, 1125],
    [10, 500 * 1.5 ** 9],
    [20, 60_000],
    [50, 60_000],
  ])('retry %i waits %f ms ±50%', (retry, interval) => {
    expect(alertmanagerBackoff(retry, () => 0.5)).toBe(Math.round(interval));
    expect(alertmanagerBackoff(retry, () => 0)).toBe(Math.round(interval * 0.5));
    expect(alertmanagerBackoff(retry, () => 0.999999)).toBeCloseTo(interval * 1.5, -1);
  });
});

describe('retryDeadline', () => {
  it('is max(group_interval, 10s) after the flush, 5m when unknown', () => {
    expect(retryDeadline(1000, 30_000)).toBe(31_000);
    expect(retryDeadline(1000, 2_000)).toBe(11_000);
    expect(retryDeadline(1000, undefined)).toBe(301_000);
  });
});

describe('decideOnFailure', () => {
  const state = (over: Partial<AttemptState> = {}): AttemptState => ({
    failedBefore: 0,
    maxAttempts: 100,
    attempts: 1,
    now: 0,
    deadline: 60_000,
    ...over,
  });
  const half = () => 0.5;

  it('retries a retryable error after the next backoff', () => {
    expect(
      decideOnFailure(new RetryableError('boom', 'serverError'), state({ failedBefore: 2 }), half),
    ).toEqual({
      action: 'retry',
      delayMs: 1125,
    });
  });

  it('gives up when the next retry would pass the deadline, in Alertmanager words', () => {
    const d = decideOnFailure(
      new RetryableError('unexpected status code 500', 'serverError'),
      state({ now: 59_800, attempts: 9 }),
      half,
    );
    expect(d).toEqual({
      action: 'fail',
      reason: 'serverError',
      message: 'notify retry canceled after 9 attempts: unexpected status code 500',
    });
  });

  it('gives up when attempts are used up', () => {
    expect(
      decideOnFailure(new RetryableError('x'), state({ failedBefore: 2, maxAttempts: 3 }), half).action,
    ).toBe('fail');
    expect(
      decideOnFailure(new RetryableError('x'), state({ failedBefore: 1, maxAttempts: 3 }), half).action,
    ).toBe('retry');
  });

  it('fails an unrecoverable error at once', () => {
    expect(
      decideOnFailure(
        new UnrecoverableNotifyError('unexpected status code 400', 'clientError'),
        state(),
        half,
      ),
    ).toEqual({
      action: 'fail',
      reason: 'clientError',
      message:
        'notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400',
    });
  });

  it('delays a 429 by its Retry-After without using an attempt, up to the deadline', () => {
    const err = new RateLimitedError('unexpected status code 429', 5_000);
    expect(decideOnFailure(err, state({ now: 1_000, failedBefore: 99 }), half)).toEqual({
      action: 'delay',
      untilMs: 6_000,
    });
    const late = decideOnFailure(err, state({ now: 56_000 }), half);
    expect(late).toMatchObject({ action: 'fail', reason: 'rateLimited' });
  });

  it('backs off on a 429 without Retry-After', () => {
    expect(decideOnFailure(new RateLimitedError('429', undefined), state(), half)).toEqual({
      action: 'retry',
      delayMs: 500,
    });
  });
});
