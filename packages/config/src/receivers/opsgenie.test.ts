import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import type { OpsGenieConfig } from './opsgenie.js';
import { readReceiver } from './receiver.js';

/** All `opsgenie_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): OpsGenieConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  opsgenie_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.opsgenie_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as OpsGenieConfig;

describe('opsgenie_configs (TestOpsGenieConfiguration)', () => {
  it('accepts responders of any case and templated types', () => {
    const c = one(
      `
api_key: xyz
responders:
- id: foo
  type: scheDule
- name: bar
  type: teams
- username: fred
  type: USER
- id: foo
  type: "{{/* valid comment */}}team"
api_url: http://example.com
`.replace(/\n/g, '\n  '),
    );
    expect(c.responders).toHaveLength(4);
    expect(c.responders?.[0]).toEqual({ id: 'foo', type: 'scheDule' });
  });

  it.each([
    ['{ api_key: xyz, api_key_file: xyz }', 'at most one of api_key & api_key_file must be configured'],
    [
      '{ api_key: xyz, responders: [{ id: foo, type: wrong }] }',
      'opsGenieConfig responder {foo   wrong} type does not match valid options ^(team|teams|user|escalation|schedule)$',
    ],
    [
      '{ api_key: xyz, responders: [{ type: schedule }] }',
      'opsGenieConfig responder {   schedule} has to have at least one of id, username or name specified',
    ],
    [
      '{ api_key: xyz, responders: [{ id: foo, type: "{{/* invalid comment }}team" }] }',
      'type contains invalid template syntax: template: :1: unclosed comment',
    ],
    ['{ api_key: xyz, responders: [{ id: foo }] }', 'type does not match valid options'],
    ['{ api_key: xyz, teams: ops }', 'field teams not found in type opsgenie.plain'],
  ])('rejects %s', (item, message) => {
    expect(() => one(item)).toThrow(message);
  });

  it('has upstream defaults and a trailing-slash API URL', () => {
    const c = one('{ api_key: k, api_url: "http://example.com/api" }');
    expect(c).toMatchObject({
      send_resolved: true,
      api_url: 'http://example.com/api/',
      message: '{{ template "opsgenie.default.message" . }}',
      update_alerts: false,
    });
    expect(one('api_key: k').api_url).toBe('https://api.opsgenie.com/');
  });

  it('takes the key or key file from global (TestOpsGenieDefaultAPIKey, TestOpsGenieDefaultAPIKeyFile)', () => {
    const [own, inherited] = list('- api_key: mine\n- message: m', "opsgenie_api_key: 'asd89as8d9a'");
    expect(own?.api_key?.reveal()).toBe('mine');
    expect(inherited?.api_key?.reveal()).toBe('asd89as8d9a');
    expect(one('message: m', 'opsgenie_api_key_file: /global_file').api_key_file).toBe('/global_file');
  });

  it('needs a key from somewhere (TestOpsGenieNoAPIKey)', () => {
    expect(() => one('message: m')).toThrow('no global OpsGenie API Key set either inline or in a file');
  });

  it('reads details, tags and the other fields', () => {
    const c = one(
      '{ api_key: k, details: { a: b }, tags: t1, note: n, priority: P1, entity: e, actions: x, update_alerts: true }',
    );
    expect(c).toMatchObject({
      details: { a: 'b' },
      tags: 't1',
      note: 'n',
      priority: 'P1',
      entity: 'e',
      actions: 'x',
      update_alerts: true,
    });
  });
});
