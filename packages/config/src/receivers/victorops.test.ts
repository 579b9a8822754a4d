import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import { readReceiver } from './receiver.js';
import type { VictorOpsConfig } from './victorops.js';

/** All `victorops_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): VictorOpsConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  victorops_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.victorops_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as VictorOpsConfig;

describe('victorops_configs (TestVictorOpsConfiguration)', () => {
  it('accepts a routing key and an API key', () => {
    const c = one('{ routing_key: test, api_key: test }');
    expect(c).toMatchObject({
      send_resolved: true,
      message_type: 'CRITICAL',
      routing_key: 'test',
      api_url: 'https://alert.victorops.com/integrations/generic/20131114/alert/',
      state_message: '{{ template "victorops.default.state_message" . }}',
    });
  });

  it.each([
    ['{ api_key: test }', 'missing Routing key in VictorOps config'],
    [
      '{ routing_key: test, api_key: test, api_key_file: /global_file }',
      'at most one of api_key & api_key_file must be configured',
    ],
    [
      '{ routing_key: test, api_key: test, custom_fields: { entity_state: state_message } }',
      'victorOps config contains custom field entity_state which cannot be used as it conflicts with the fixed/static fields',
    ],
  ])('rejects %s', (item, message) => {
    expect(() => one(item)).toThrow(message);
  });

  it('keeps other custom fields (TestVictorOpsCustomFieldsValidation)', () => {
    expect(
      one('{ routing_key: r, api_key: k, custom_fields: { my_special_field: special_label } }').custom_fields,
    ).toEqual({
      my_special_field: 'special_label',
    });
  });

  it('takes the key or key file from global (TestVictorOpsDefaultAPIKey, ...APIKeyFile)', () => {
    const [own, inherited] = list(
      '- { routing_key: r, api_key: qwe456 }\n- routing_key: r',
      'victorops_api_key: asd132',
    );
    expect(own?.api_key?.reveal()).toBe('qwe456');
    expect(inherited?.api_key?.reveal()).toBe('asd132');
    expect(one('routing_key: r', 'victorops_api_key_file: /global_file').api_key_file).toBe('/global_file');
  });

  it('needs an API key from somewhere (TestVictorOpsNoAPIKey)', () => {
    expect(() => one('routing_key: r')).toThrow('no global VictorOps API Key set');
  });

  it('adds a trailing slash to its API URL', () => {
    expect(one('{ routing_key: r, api_key: k, api_url: "http://vo.example.com/alert" }').api_url).toBe(
      'http://vo.example.com/alert/',
    );
  });
});
