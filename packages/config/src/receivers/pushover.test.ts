import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import type { PushoverConfig } from './pushover.js';
import { readReceiver } from './receiver.js';

/** All `pushover_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): PushoverConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  pushover_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.pushover_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as PushoverConfig;

describe('pushover_configs', () => {
  it.each([
    ["{ user_key: '' }", 'one of user_key or user_key_file must be configured'],
    [
      "{ user_key: '<user_key>', user_key_file: /pushover/user_key }",
      'at most one of user_key & user_key_file must be configured',
    ],
    ["{ user_key: '<user_key>', token: '' }", 'one of token or token_file must be configured'],
    [
      "{ user_key: u, token: '<token>', token_file: /pushover/token }",
      'at most one of token & token_file must be configured',
    ],
    [
      '{ user_key: u, token: t, html: true, monospace: true }',
      'at most one of monospace & html must be configured',
    ],
    ['{ user_key: u, token: t, retry: 30 }', 'time: missing unit in duration "30"'],
    ['{ user_key: u, token: t, expire: 1d }', 'time: unknown unit "d" in duration "1d"'],
  ])('rejects %s', (item, message) => {
    expect(() => one(item)).toThrow(message);
  });

  it('has upstream defaults', () => {
    const c = one('{ user_key: u, token_file: /t }');
    expect(c).toMatchObject({
      send_resolved: true,
      title: '{{ template "pushover.default.title" . }}',
      priority: '{{ if eq .Status "firing" }}2{{ else }}0{{ end }}',
      html: false,
      monospace: false,
    });
    expect(c.retry.ms).toBe(60_000);
    expect(c.expire.ms).toBe(3_600_000);
    expect(c.ttl.ms).toBe(0);
    expect(JSON.stringify(c.retry)).toBe('"1m0s"');
  });

  it('reads Go durations', () => {
    const c = one('{ user_key_file: /u, token: t, retry: 30s, expire: 2h, ttl: 1h30m }');
    expect([c.retry.ms, c.expire.ms, c.ttl.ms]).toEqual([30_000, 7_200_000, 5_400_000]);
  });

  it('hides its keys', () => {
    expect(JSON.stringify(one('{ user_key: UK1, token: TK2 }'))).not.toMatch(/UK1|TK2/);
  });
});
