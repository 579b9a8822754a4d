import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import type { DiscordConfig } from './discord.js';
import { readReceiver } from './receiver.js';

/** All `discord_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): DiscordConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  discord_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.discord_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as DiscordConfig;

describe('discord_configs', () => {
  it('needs exactly one of webhook_url and webhook_url_file', () => {
    expect(() => one('title: t')).toThrow('one of webhook_url or webhook_url_file must be configured');
    expect(() => one('{ webhook_url: "http://d", webhook_url_file: /f }')).toThrow(
      'at most one of webhook_url & webhook_url_file must be configured',
    );
    expect(one('webhook_url_file: /f').webhook_url_file).toBe('/f');
  });

  it('checks the URL', () => {
    expect(() => one('webhook_url: "discord.com/api/webhooks/x"')).toThrow('unsupported scheme "" for URL');
  });

  it('has upstream defaults and hides the URL', () => {
    const c = one(
      '{ webhook_url: "https://discord.com/api/webhooks/TOKEN", username: u, avatar_url: a, content: c }',
    );
    expect(c).toMatchObject({
      send_resolved: true,
      title: '{{ template "discord.default.title" . }}',
      message: '{{ template "discord.default.message" . }}',
      username: 'u',
      avatar_url: 'a',
      content: 'c',
    });
    expect(JSON.stringify(c)).not.toContain('TOKEN');
  });
});
