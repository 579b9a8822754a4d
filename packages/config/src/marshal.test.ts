import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from './load.js';
import { marshalConfig } from './marshal.js';

const FULL = `
global:
  resolve_timeout: 10m
  smtp_smarthost: 'localhost:25'
  smtp_from: 'alertmanager@example.org'
  smtp_auth_username: alertmanager
  smtp_auth_password: mysecret-smtp
  slack_api_url: 'https://hooks.slack.com/services/mysecret'
templates:
- /etc/alertmanager/template/*.tmpl
route:
  receiver: team-X-mails
  group_by: [alertname, cluster]
  group_wait: 45s
  labels: {team: x}
  routes:
  - matchers: ['service=~"foo1|foo2"', 'env!="dev"']
    receiver: team-X-mails
    continue: true
    group_by: []
    mute_time_intervals: [nights]
    routes:
    - match: {severity: critical}
      match_re: {owner: 'team-(a|b)'}
      receiver: team-X-pager
      group_by: ['...']
      repeat_interval: 1d
inhibit_rules:
- source_matchers: [severity="critical"]
  target_match: {severity: warning}
  equal: [alertname]
receivers:
- name: team-X-mails
  email_configs:
  - to: team-X+alerts@example.org
- name: team-X-pager
  webhook_configs:
  - url: http://hooks.example.com/mysecret
    http_config:
      basic_auth: {username: u, password: mysecret-basic}
  slack_configs:
  - channel: '#alerts'
time_intervals:
- name: nights
  time_intervals:
  - times: [{start_time: '00:00', end_time: '06:00'}, {start_time: '22:00', end_time: '24:00'}]
    weekdays: ['monday:friday', saturday]
    days_of_month: ['1:7', '-1']
    months: ['1:3']
    years: ['2024']
    location: Europe/Berlin
`;

describe('marshalConfig', () => {
  it('masks every secret and keeps no secret text', () => {
    const text = marshalConfig(loadConfig(FULL));
    expect(text).not.toMatch(/mysecret/);
    const doc = parse(text);
    expect(doc.global.smtp_auth_password).toBe('<secret>');
    expect(doc.global.slack_api_url).toBe('<secret>');
    expect(doc.receivers[1].webhook_configs[0].http_config.basic_auth.password).toBe('<secret>');
  });

  it('gives the sections in Alertmanager order, global defaults filled in', () => {
    const doc = parse(marshalConfig(loadConfig('route: {receiver: r}\nreceivers: [{name: r}]\n')));
    expect(Object.keys(doc)).toEqual(['global', 'route', 'receivers', 'templates']);
    expect(doc.global.resolve_timeout).toBe('5m');
    expect(doc.route).toEqual({ receiver: 'r', continue: false });
    expect(doc.templates).toEqual([]);
  });

  it('writes routes, matchers, inhibit rules and time intervals in their YAML form', () => {
    const doc = parse(marshalConfig(loadConfig(FULL)));
    expect(doc.route.group_wait).toBe('45s');
    expect(doc.route.routes[0]).toEqual({
      receiver: 'team-X-mails',
      group_by: [],
      matchers: ['env!="dev"', 'service=~"foo1|foo2"'],
      mute_time_intervals: ['nights'],
      continue: true,
      routes: [
        {
          receiver: 'team-X-pager',
          group_by: ['...'],
          match: { severity: 'critical' },
          match_re: { owner: 'team-(a|b)' },
          continue: false,
          repeat_interval: '1d',
        },
      ],
    });
    expect(doc.inhibit_rules).toEqual([
      {
        source_matchers: ['severity="critical"'],
        target_match: { severity: 'warning' },
        equal: ['alertname'],
      },
    ]);
    expect(doc.time_intervals[0].time_intervals[0]).toEqual({
      times: [
        { start_time: '00:00', end_time: '06:00' },
        { start_time: '22:00', end_time: '24:00' },
      ],
      weekdays: ['monday:friday', 'saturday'],
      days_of_month: ['1:7', '-1'],
      months: ['1:3'],
      years: ['2024'],
      location: 'Europe/Berlin',
    });
  });

  it('loads back to the same config', () => {
    const first = loadConfig(FULL);
    const text = marshalConfig(first);
    const second = loadConfig(text);
    expect(marshalConfig(second)).toBe(text);
    expect(second.route).toEqual(first.route);
    expect(second.time_intervals).toEqual(first.time_intervals);
    expect(second.inhibit_rules.map((r) => r.source_matchers.map(String))).toEqual([['severity="critical"']]);
    // Masked secrets stay set (as `<secret>`), so integrations that require them still load.
    expect(second.receivers.map((r) => r.name)).toEqual(['team-X-mails', 'team-X-pager']);
  });

  it('keeps the wildcard, yes/no strings and empty lists readable by YAML 1.1 parsers', () => {
    const text = marshalConfig(
      loadConfig(`route:
  receiver: r
  group_by: ['...']
  labels: {ack: 'yes', off: 'no'}
receivers: [{name: r}]
time_intervals:
- name: never
  time_intervals: [{weekdays: []}]
`),
    );
    const again = loadConfig(text);
    expect(again.route.group_by).toEqual(['...']);
    expect(again.route.labels).toEqual({ ack: 'yes', off: 'no' });
    expect(again.time_intervals[0]?.time_intervals).toEqual([{ weekdays: [] }]);
  });
});
