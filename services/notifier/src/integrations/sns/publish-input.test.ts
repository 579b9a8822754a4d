import type { SnsConfig } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { buildPublishInput, MAX_MESSAGE_BYTES, truncateToBytes } from './publish-input.js';

const render = (_what: string, t: string | undefined) => (t ?? '').replace('{{ x }}', 'X');
const config = (over: Partial<SnsConfig>): SnsConfig =>
  ({ sigv4: {}, subject: '', message: 'm', ...over }) as SnsConfig;

describe('sns publish input', () => {
  it('cuts at a byte limit without splitting a character', () => {
    expect(truncateToBytes('abc', 3)).toEqual({ text: 'abc', truncated: false });
    expect(truncateToBytes('aéé', 4)).toEqual({ text: 'aé', truncated: true });
    expect(truncateToBytes('a😀b', 4)).toEqual({ text: 'a', truncated: true });
  });

  it('gives a FIFO topic group and deduplication ids, other targets none', () => {
    const fifo = buildPublishInput(
      config({ topic_arn: 'arn:aws:sns:r:1:t-{{ x }}.fifo' }),
      render,
      'k',
    ).input;
    expect(fifo.TopicArn).toBe('arn:aws:sns:r:1:t-X.fifo');
    expect(fifo.MessageGroupId).toMatch(/^[0-9a-f]{64}$/);
    expect(fifo.MessageDeduplicationId).toBe(fifo.MessageGroupId);
    const target = buildPublishInput(config({ target_arn: 'arn:t' }), render, 'k').input;
    expect(target).toMatchObject({ TargetArn: 'arn:t', Message: 'm', MessageAttributes: {} });
    expect(target.MessageGroupId).toBeUndefined();
    expect(target.Subject).toBeUndefined();
  });

  it('cuts a message to 256 KiB and marks it truncated; refuses invalid UTF-16', () => {
    const built = buildPublishInput(
      config({ topic_arn: 't', message: 'x'.repeat(MAX_MESSAGE_BYTES + 1), attributes: { b: '1', a: '2' } }),
      render,
      'k',
    );
    expect(built.truncated).toBe(true);
    expect(built.input.Message).toHaveLength(MAX_MESSAGE_BYTES);
    expect(Object.keys(built.input.MessageAttributes ?? {})).toEqual(['a', 'b', 'truncated']);
    expect(() => buildPublishInput(config({ topic_arn: 't', message: '\ud800' }), render, 'k')).toThrow(
      UnrecoverableNotifyError,
    );
  });
});
