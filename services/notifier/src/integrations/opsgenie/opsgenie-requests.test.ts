import type { OpsGenieConfig } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import type { RenderText } from '../../notification-renderer.js';
import { opsGenieRequests, safeSplit } from './opsgenie-requests.js';

const render: RenderText = (_what, template) => template ?? '';

describe('opsgenie requests', () => {
  it('splits as Go safeSplit: the whole text trimmed, empty parts dropped, parts keep their spaces', () => {
    expect(safeSplit('  a, b ,,c , ', ',')).toEqual(['a', ' b ', 'c ']);
    expect(safeSplit('   ', ',')).toEqual([]);
  });

  it('closes with only the source once all is resolved, and leaves empty fields out of a create', () => {
    const config = { message: 'm', description: '', source: 's', update_alerts: false } as OpsGenieConfig;
    const closed = opsGenieRequests(config, render, 'k', {}, false).requests;
    expect(closed).toHaveLength(1);
    expect(closed[0]?.path).toMatch(/^v2\/alerts\/[0-9a-f]{64}\/close\?identifierType=alias$/);
    expect(closed[0]?.body).toBe('{"source":"s"}\n');
    const [create] = opsGenieRequests(config, render, 'k', { b: '2', a: '1' }, true).requests;
    expect(Object.keys(JSON.parse(create?.body ?? '{}'))).toEqual(['alias', 'message', 'details', 'source']);
    expect(create?.body).toContain('"details":{"a":"1","b":"2"}');
  });
});
