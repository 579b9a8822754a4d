import { describe, expect, it } from 'vitest';
import { RateLimitedError, RetryableError, UnrecoverableNotifyError } from '../../notify-errors.js';
import { checkTelegramReply } from './notifier.js';

const reply = (status: number, body: string, headers: Record<string, string> = {}) => ({
  status,
  body,
  headers,
});

function failure(status: number, body: string, headers: Record<string, string> = {}) {
  try {
    checkTelegramReply(reply(status, body, headers));
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('checkTelegramReply', () => {
  it('accepts ok:true', () => {
    expect(failure(200, '{"ok":true,"result":{"message_id":1}}')).toBeUndefined();
  });

  it('waits retry_after seconds on flood control, or the Retry-After header', () => {
    const flood = failure(
      429,
      '{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}',
    );
    expect(flood).toBeInstanceOf(RateLimitedError);
    expect(flood).toMatchObject({
      retryAfterMs: 5000,
      message: 'telegram: Too Many Requests: retry after 5 (429)',
    });
    expect(failure(429, 'slow down', { 'retry-after': '3' })).toMatchObject({ retryAfterMs: 3000 });
  });

  it.each([
    [401, 'Unauthorized', 'authError'],
    [403, 'Forbidden: bot was blocked by the user', 'authError'],
    [400, 'Bad Request: chat not found', 'clientError'],
  ])('fails %i at once as %s', (code, description, reason) => {
    const err = failure(code, JSON.stringify({ ok: false, error_code: code, description }));
    expect(err).toBeInstanceOf(UnrecoverableNotifyError);
    expect(err).toMatchObject({ reason, message: `telegram: ${description} (${code})` });
  });

  it('retries 5xx and replies that are no Bot API answer', () => {
    expect(
      failure(500, '{"ok":false,"error_code":500,"description":"Internal Server Error"}'),
    ).toBeInstanceOf(RetryableError);
    expect(failure(502, '<html>bad gateway</html>')).toBeInstanceOf(RetryableError);
    expect(failure(200, 'not json')).toBeInstanceOf(RetryableError);
  });
});
