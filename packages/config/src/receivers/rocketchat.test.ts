import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import { readReceiver } from './receiver.js';
import type { RocketchatConfig } from './rocketchat.js';

/** All `rocketchat_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): RocketchatConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  rocketchat_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.rocketchat_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as RocketchatConfig;

describe('rocketchat_configs', () => {
  it('takes token and token id from global (TestRocketchatDefaultToken, TestRocketchatDefaultTokenID)', () => {
    const [inherited, own] = list(
      "- channel: '#team-X'\n- { channel: '#team-Y', token: token456, token_id: id456 }",
      'rocketchat_token: token123\nrocketchat_token_id: id123',
    );
    expect(inherited?.token?.reveal()).toBe('token123');
    expect(inherited?.token_id?.reveal()).toBe('id123');
    expect(own?.token?.reveal()).toBe('token456');
    expect(own?.token_id?.reveal()).toBe('id456');
  });

  it('takes the files from global (TestRocketchatDefaultTokenFile, TestRocketchatDefaultIDTokenFile)', () => {
    const c = one(
      "channel: '#x'",
      'rocketchat_token_file: /global_file\nrocketchat_token_id_file: /global_id_file',
    );
    expect(c).toMatchObject({ token_file: '/global_file', token_id_file: '/global_id_file' });
  });

  it.each([
    ['{ token: t, token_file: /f, token_id: i }', 'at most one of token & token_file must be configured'],
    [
      '{ token: t, token_id: i, token_id_file: /f }',
      'at most one of token_id & token_id_file must be configured',
    ],
  ])('rejects %s (TestRocketchatBothTokenAndTokenFile, ...IDAndTokenIDFile)', (item, message) => {
    expect(() => one(item)).toThrow(message);
  });

  it('needs a token id and a token (TestRocketchatNoToken)', () => {
    expect(() => one("channel: '#team-X'")).toThrow(
      'no global Rocketchat TokenID set either inline or in a file',
    );
    expect(() => one("channel: '#team-X'", 'rocketchat_token_id: id123')).toThrow(
      'no global Rocketchat Token set either inline or in a file',
    );
  });

  it('has upstream defaults', () => {
    expect(one('{ token: t, token_id: i }')).toMatchObject({
      send_resolved: false,
      api_url: 'https://open.rocket.chat/',
      color: '{{ if eq .Status "firing" }}red{{ else }}green{{ end }}',
      emoji: '{{ template "rocketchat.default.emoji" . }}',
      title_link: '{{ template "rocketchat.default.titlelink" . }}',
      short_fields: false,
      link_names: false,
    });
  });

  it('reads attachment fields and actions by their lower-cased Go names', () => {
    const c = one(
      '{ token: t, token_id: i, fields: [{ title: t, value: v, short: true }], actions: [{ type: button, text: go, url: "http://x", msginchatwindow: true, imageurl: "http://i" }] }',
    );
    expect(c.fields).toEqual([{ title: 't', value: 'v', short: true }]);
    expect(c.actions?.[0]).toMatchObject({
      type: 'button',
      msginchatwindow: true,
      iswebview: false,
      imageurl: 'http://i',
    });
    expect(() => one('{ token: t, token_id: i, actions: [{ image_url: x }] }')).toThrow(
      'field image_url not found in type config.RocketchatAttachmentAction',
    );
  });
});
