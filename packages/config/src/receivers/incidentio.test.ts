import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import type { IncidentioConfig } from './incidentio.js';
import { readReceiver } from './receiver.js';

/** All `incidentio_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): IncidentioConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  incidentio_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.incidentio_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as IncidentioConfig;

describe('incidentio_configs', () => {
  const URL = 'url: "https://api.incident.io/v2/alert_events/http/01ABC"';

  it.each([
    ['{ alert_source_token: t }', 'one of url or url_file must be configured'],
    [`{ ${URL}, url_file: /f, alert_source_token: t }`, 'at most one of url & url_file must be configured'],
    [
      `{ ${URL}, alert_source_token: t, alert_source_token_file: /f }`,
      'at most one of alert_source_token & alert_source_token_file must be configured',
    ],
    [
      `{ ${URL}, alert_source_token: t, http_config: { authorization: { credentials: c } } }`,
      'cannot specify alert_source_token or alert_source_token_file when using http_config.authorization',
    ],
    [
      `{ ${URL}, http_config: { follow_redirects: true } }`,
      'at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured',
    ],
    ['{ url: "ftp://x", alert_source_token: t }', 'unsupported scheme "ftp" for URL'],
  ])('rejects %s', (item, message) => {
    expect(() => one(item)).toThrow(message);
  });

  it('accepts a token, a token file, or an authorization', () => {
    expect(one(`{ ${URL}, alert_source_token: t }`).alert_source_token?.reveal()).toBe('t');
    expect(one('{ url_file: /u, alert_source_token_file: /t }').alert_source_token_file).toBe('/t');
    expect(
      one(`{ ${URL}, http_config: { authorization: { credentials: c } } }`).http_config?.authorization,
    ).toBeDefined();
  });

  it('requires nothing more without an http_config of its own (upstream only checks when one is set)', () => {
    expect(() => one(URL)).not.toThrow();
  });

  it('has upstream defaults and reads limits', () => {
    const c = one(`{ ${URL}, alert_source_token: t, max_alerts: 10, timeout: 30s }`);
    expect(c).toMatchObject({ send_resolved: true, max_alerts: 10 });
    expect(c.timeout?.ms).toBe(30_000);
  });
});
