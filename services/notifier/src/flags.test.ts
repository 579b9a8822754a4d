import { FlagError } from '@tocsin/runtime';
import { describe, expect, it } from 'vitest';
import { parseNotifierFlags, selectIntegrations } from './flags.js';

describe('notifier flags', () => {
  it('has defaults', () => {
    const flags = parseNotifierFlags([], {});
    expect(flags).toMatchObject({
      integration: ['all'],
      'config.file': 'alertmanager.yml',
      'data.retention': 120 * 3_600_000,
      'dead-letters.retention': 168 * 3_600_000,
      concurrency: 16,
      'redis.prefix': 'tocsin',
    });
  });

  it('parses --dead-letters.retention as a duration', () => {
    expect(parseNotifierFlags(['--dead-letters.retention=36h'], {})['dead-letters.retention']).toBe(
      36 * 3_600_000,
    );
    expect(() => parseNotifierFlags(['--dead-letters.retention=week'], {})).toThrow(
      '--dead-letters.retention',
    );
  });

  it('selects integrations', () => {
    const all = selectIntegrations(['all']);
    expect(all).toHaveLength(18);
    expect(all).toEqual(expect.arrayContaining(['webhook', 'email', 'slack', 'pagerduty', 'jira', 'sns']));
    expect(selectIntegrations(['webhook', 'webhook'])).toEqual(['webhook']);
    expect(selectIntegrations(['pagerduty', 'email'])).toEqual(['pagerduty', 'email']);
    expect(() => selectIntegrations(['nope'])).toThrow('--integration: unknown integration "nope"');
    expect(() => parseNotifierFlags(['--integration', 'nope'], {})).toThrow(FlagError);
    expect(() => parseNotifierFlags(['--concurrency', '0'], {})).toThrow('--concurrency: must be at least 1');
  });
});
