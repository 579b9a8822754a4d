import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import type { PagerdutyConfig } from './pagerduty.js';
import { readReceiver } from './receiver.js';

/** All `pagerduty_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): PagerdutyConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  pagerduty_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.pagerduty_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as PagerdutyConfig;

describe('pagerduty_configs', () => {
  it('needs a routing or service key (TestPagerdutyTestRoutingKey, TestPagerdutyServiceKey)', () => {
    expect(() => one("routing_key: ''")).toThrow('missing service or routing key in PagerDuty config');
    expect(() => one("service_key: ''")).toThrow('missing service or routing key in PagerDuty config');
    expect(() => one('routing_key_file: /f')).not.toThrow();
    expect(() => one('service_key_file: /f')).not.toThrow();
  });

  it.each([
    [
      "{ routing_key: 'xyz', routing_key_file: 'xyz' }",
      'at most one of routing_key & routing_key_file must be configured',
    ],
    [
      "{ service_key: 'xyz', service_key_file: 'xyz' }",
      'at most one of service_key & service_key_file must be configured',
    ],
  ])('rejects %s', (item, message) => {
    expect(() => one(item)).toThrow(message);
  });

  it('adds the default details unless overridden (TestPagerdutyDetails)', () => {
    expect(Object.keys(one("routing_key: 'xyz'").details)).toHaveLength(4);
    expect(Object.keys(one("{ routing_key: 'xyz', details: { key1: val1 } }").details)).toHaveLength(5);
    const d = one("{ routing_key: 'xyz', details: { key1: val1, key2: val2, firing: firing } }").details;
    expect(Object.keys(d)).toHaveLength(6);
    expect(d.firing).toBe('firing');
    expect(d.num_firing).toBe('{{ .Alerts.Firing | len }}');
  });

  it('keeps non-string detail values', () => {
    expect(one('{ routing_key: k, details: { nested: { a: 1 } } }').details.nested).toEqual({ a: 1 });
  });

  it('defaults source to client (TestPagerDutySource)', () => {
    expect(one("{ routing_key: 'xyz', client: 'alert-manager-client' }").source).toBe('alert-manager-client');
    expect(one("{ routing_key: 'xyz', client: 'c', source: 'alert-manager-source' }").source).toBe(
      'alert-manager-source',
    );
    expect(one('routing_key: k').source).toBe('{{ template "pagerduty.default.client" . }}');
  });

  it('takes url from global and keeps its own', () => {
    expect(one('routing_key: k').url).toBe('https://events.pagerduty.com/v2/enqueue');
    expect(one('{ routing_key: k, url: "http://pd.example.com/enqueue" }').url).toBe(
      'http://pd.example.com/enqueue',
    );
    expect(() => one('routing_key: k', 'pagerduty_url: null')).toThrow('no global PagerDuty URL set');
  });

  it('reads images, links, severity and the rest', () => {
    const c = one(
      '{ routing_key: k, images: [{ src: s, alt: a, href: h }], links: [{ href: h, text: t }], severity: warning, class: c, component: x, group: g, timeout: 5s }',
    );
    expect(c.images).toEqual([{ src: 's', alt: 'a', href: 'h' }]);
    expect(c.links).toEqual([{ href: 'h', text: 't' }]);
    expect(c).toMatchObject({
      severity: 'warning',
      class: 'c',
      component: 'x',
      group: 'g',
      send_resolved: true,
    });
    expect(c.timeout?.ms).toBe(5000);
    expect(() => one('{ routing_key: k, links: [{ url: u }] }')).toThrow(
      'field url not found in type pagerduty.PagerdutyLink',
    );
  });

  it('hides its keys', () => {
    expect(JSON.stringify(one('{ routing_key: RK123, service_key: SK456 }'))).not.toMatch(/RK123|SK456/);
  });
});
