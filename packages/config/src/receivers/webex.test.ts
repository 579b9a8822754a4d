import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import { readReceiver } from './receiver.js';
import type { WebexConfig } from './webex.js';

/** All `webex_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): WebexConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  webex_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.webex_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as WebexConfig;

describe('webex_configs (TestWebexConfiguration)', () => {
  it('needs a room_id', () => {
    expect(() => one('message: xyz123')).toThrow('missing room_id on webex_config');
  });

  it('accepts a numeric room_id and an authorization', () => {
    const c = one('{ room_id: 2, http_config: { authorization: { credentials: "xxxyyyzz" } } }');
    expect(c).toMatchObject({
      room_id: '2',
      send_resolved: true,
      api_url: 'https://webexapis.com/v1/messages',
      message: '{{ template "webex.default.message" . }}',
    });
  });

  it('needs its own http_config.authorization (a global one does not count)', () => {
    expect(() => one('room_id: r', 'http_config: { authorization: { credentials: c } }')).toThrow(
      'missing webex_configs.http_config.authorization',
    );
    expect(() => one('{ room_id: r, http_config: { bearer_token: t } }')).not.toThrow();
  });

  it('needs an API URL from somewhere', () => {
    expect(() =>
      one('{ room_id: r, http_config: { authorization: { credentials: c } } }', 'webex_api_url: null'),
    ).toThrow('no global Webex URL set');
  });
});
