import { describe, expect, it } from 'vitest';
import { parseDispatcherFlags } from './flags.js';

describe('dispatcher flags', () => {
  it('takes Alertmanager’s names, TOCSIN_* env vars and defaults', () => {
    const flags = parseDispatcherFlags(['--config.file', 'am.yml', '--data.retention=1h'], {
      TOCSIN_REDIS_PREFIX: 'p',
    });
    expect(flags).toEqual({
      'config.file': 'am.yml',
      'data.retention': 3_600_000,
      'redis.url': 'redis://127.0.0.1:6379',
      'redis.prefix': 'p',
      'log.level': 'info',
      'log.format': 'json',
      'web.listen-address': undefined,
      'web.config.file': undefined,
    });
  });

  it('rejects flags it does not know', () => {
    expect(() => parseDispatcherFlags(['--web.external-url=http://x'], {})).toThrow('unknown flag');
  });
});
