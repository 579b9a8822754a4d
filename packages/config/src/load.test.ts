import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigWarning } from './config.js';
import { loadConfig, loadConfigFile } from './load.js';
import { ConfigError } from './yaml/index.js';

// Cases and messages from Alertmanager's config/config_test.go.

describe('loadConfig: document and root route', () => {
  it('rejects an empty document with its own message', () => {
    expect(() => loadConfig('')).toThrow(new ConfigError('no route provided in config'));
    expect(() => loadConfig('# only a comment\n')).toThrow('no route provided in config');
  });

  it('rejects a document without a route', () => {
    expect(() => loadConfig("receivers:\n- name: 'team-X-mails'\n")).toThrow('no routes provided');
  });

  it('rejects a document that is not a mapping', () => {
    expect(() => loadConfig('BAD\n')).toThrow(/cannot unmarshal/);
    expect(() => loadConfig('- a\n- b\n')).toThrow(/cannot unmarshal !!seq/);
  });

  it('rejects unknown top-level keys as Go does', () => {
    expect(() => loadConfig('route: {receiver: a}\nreceivers: [{name: a}]\nfoo: 1\n')).toThrow(
      /field foo not found in type config\.plain/,
    );
  });

  it('requires a default receiver on the root route', () => {
    expect(() => loadConfig('route:\n   group_wait: 30s\n')).toThrow(
      'root route must specify a default receiver',
    );
  });

  it('rejects matchers of every kind on the root route', () => {
    for (const m of [
      'match:\n    severity: critical',
      "match_re:\n    severity: 'crit.*'",
      'matchers:\n    - severity=critical',
    ]) {
      const text = `route:\n  receiver: 'team-X'\n  ${m}\nreceivers:\n- name: 'team-X'\n`;
      expect(() => loadConfig(text)).toThrow('root route must not have any matchers');
    }
  });

  it('rejects continue on the root route', () => {
    const text =
      'route:\n    receiver: team-X-mails\n    continue: true\n\nreceivers:\n- name: team-X-mails\n';
    expect(() => loadConfig(text)).toThrow('cannot have continue in root route');
  });

  it('rejects mute and active time intervals on the root route', () => {
    const intervals =
      "- name: t\n  time_intervals:\n  - times:\n     - start_time: '09:00'\n       end_time: '17:00'\n";
    const mute = `mute_time_intervals:\n${intervals}receivers:\n- name: r\nroute:\n  receiver: r\n  mute_time_intervals: [t]\n`;
    expect(() => loadConfig(mute)).toThrow('root route must not have any mute time intervals');
    const active = `time_intervals:\n${intervals}receivers:\n- name: r\nroute:\n  receiver: r\n  active_time_intervals: [t]\n`;
    expect(() => loadConfig(active)).toThrow('root route must not have any active time intervals');
  });
});

describe('loadConfig: receivers referenced by routes', () => {
  it('rejects receiver names that are not unique', () => {
    const text = "route:\n    receiver: team-X\n\nreceivers:\n- name: 'team-X'\n- name: 'team-X'\n";
    expect(() => loadConfig(text)).toThrow('notification config name "team-X" is not unique');
  });

  it('rejects an undefined receiver on the root route', () => {
    const text = "route:\n    receiver: team-X\n\nreceivers:\n- name: 'team-Y'\n";
    expect(() => loadConfig(text)).toThrow('undefined receiver "team-X" used in route');
  });

  it('rejects an undefined receiver in a deep sub-route, naming the route', () => {
    const text = `
route:
    receiver: team-X
    routes:
      - match:
          foo: bar
        routes:
        - match:
            foo: bar
          receiver: nonexistent

receivers:
- name: 'team-X'
`;
    expect(() => loadConfig(text)).toThrow(
      'route.routes[0].routes[0].receiver: undefined receiver "nonexistent" used in route',
    );
  });

  it('reports a receiver without a name before the missing route', () => {
    expect(() => loadConfig("route:\n\nreceivers:\n- name: ''\n")).toThrow('missing name in receiver');
  });
});

describe('loadConfig: time interval references', () => {
  const route = (key: string) => `
route:
    receiver: team-Y
    routes:
    -  match:
        severity: critical
       ${key}:
       - business_hours

receivers:
- name: 'team-Y'
`;

  it('rejects undefined mute and active time intervals', () => {
    expect(() => loadConfig(route('mute_time_intervals'))).toThrow(
      'undefined time interval "business_hours" used in route',
    );
    expect(() => loadConfig(route('active_time_intervals'))).toThrow(
      'undefined time interval "business_hours" used in route',
    );
  });

  it('accepts intervals from either list', () => {
    const defs = "- name: business_hours\n  time_intervals:\n  - weekdays: ['monday:friday']\n";
    expect(loadConfig(`time_intervals:\n${defs}${route('mute_time_intervals')}`).time_intervals).toHaveLength(
      1,
    );
    expect(
      loadConfig(`mute_time_intervals:\n${defs}${route('active_time_intervals')}`).mute_time_intervals[0]
        ?.name,
    ).toBe('business_hours');
  });

  it('requires a name', () => {
    const text = `
time_intervals:
- name:
  time_intervals:
  - times:
     - start_time: '09:00'
       end_time: '17:00'

receivers:
- name: 'team-X-mails'

route:
  receiver: 'team-X-mails'
`;
    expect(() => loadConfig(text)).toThrow('missing name in time interval');
    expect(() =>
      loadConfig(text.replace('time_intervals:\n- name:', 'mute_time_intervals:\n- name:')),
    ).toThrow('missing name in mute time interval');
  });

  it('rejects duplicate names, within and across the two lists', () => {
    const entry = (name: string) =>
      `- name: ${name}\n  time_intervals:\n  - times:\n     - start_time: '09:00'\n       end_time: '17:00'\n`;
    const tail = 'receivers:\n- name: r\nroute:\n  receiver: r\n';
    expect(() =>
      loadConfig(`mute_time_intervals:\n${entry('duplicate')}${entry('duplicate')}${tail}`),
    ).toThrow('mute time interval "duplicate" is not unique');
    expect(() => loadConfig(`time_intervals:\n${entry('dup')}${entry('dup')}${tail}`)).toThrow(
      'time interval "dup" is not unique',
    );
    expect(() =>
      loadConfig(`mute_time_intervals:\n${entry('x')}time_intervals:\n${entry('x')}${tail}`),
    ).toThrow(/[^e] time interval "x" is not unique/);
  });
});

describe('loadConfig: features', () => {
  it('refuses classic and UTF-8 strict mode together', () => {
    expect(() =>
      loadConfig('route: {receiver: a}\nreceivers: [{name: a}]\n', {
        features: { classicMode: true, utf8StrictMode: true },
      }),
    ).toThrow('cannot have both classic and UTF-8 modes enabled');
  });

  it('restricts group_by label names only in classic mode', () => {
    const text = "route:\n  group_by: ['-invalid-']\n  receiver: r\nreceivers:\n- name: r\n";
    expect(loadConfig(text).route.group_by).toEqual(['-invalid-']);
    expect(() => loadConfig(text, { features: { classicMode: true } })).toThrow(
      'invalid label name "-invalid-" in group_by list',
    );
  });

  it('falls back to the classic matcher parser with a warning by default, and not in strict mode', () => {
    // Unquoted regex with a backslash: the UTF-8 grammar cannot read it, the classic one can.
    const text = "route:\n  receiver: r\n  routes:\n  - matchers: ['foo=~a\\d+']\nreceivers:\n- name: r\n";
    const warnings: ConfigWarning[] = [];
    const config = loadConfig(text, { onWarning: (w) => warnings.push(w) });
    expect(config.route.routes[0]?.matchers.map(String)).toEqual(['foo=~"a\\\\d+"']);
    expect(warnings.some((w) => w.path === 'route.routes[0].matchers[0]')).toBe(true);
    expect(() => loadConfig(text, { features: { utf8StrictMode: true } })).toThrow(
      'route.routes[0].matchers[0]',
    );
  });
});

describe('loadConfig: warnings', () => {
  it('warns when the effective repeat_interval is below group_interval or above the retention', () => {
    const text = `
route:
  receiver: r
  group_interval: 10m
  repeat_interval: 5m
  routes:
  - receiver: r
    repeat_interval: 200h
receivers:
- name: r
`;
    const warnings: ConfigWarning[] = [];
    loadConfig(text, { onWarning: (w) => warnings.push(w) });
    expect(warnings.map((w) => w.message.split('.')[0])).toEqual([
      'repeat_interval is less than group_interval',
      'repeat_interval is greater than the data retention period',
    ]);
    expect(warnings[0]?.details).toEqual({ repeat_interval: '5m', group_interval: '10m' });
  });

  it('says nothing for the defaults', () => {
    const warnings: ConfigWarning[] = [];
    loadConfig('route: {receiver: a}\nreceivers: [{name: a}]\n', { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
  });
});

describe('loadConfigFile', () => {
  it('joins relative template globs and file outputs to the config directory, never reading them', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tocsin-config-'));
    const file = path.join(dir, 'alertmanager.yml');
    const text = `
templates: ['templates/*.tmpl', '/abs/*.tmpl']
route: {receiver: r}
receivers: [{name: r}]
event_recorder:
  file_outputs: [{path: events.jsonl}]
  webhook_outputs:
  - url: https://example.com/events
    http_config:
      authorization:
        credentials_file: pipeline-token
`;
    await writeFile(file, text);
    const { config, text: read } = await loadConfigFile(file);
    expect(read).toBe(text);
    expect(config.templates).toEqual([path.join(dir, 'templates/*.tmpl'), '/abs/*.tmpl']);
    expect(config.event_recorder.file_outputs[0]?.path).toBe(path.join(dir, 'events.jsonl'));
    expect(config.event_recorder.webhook_outputs[0]?.http_config?.authorization?.credentials_file).toBe(
      path.join(dir, 'pipeline-token'),
    );
  });

  it('resolves files inside http_config against the config directory but leaves other *_file fields as written, as Alertmanager does', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tocsin-config-'));
    const file = path.join(dir, 'alertmanager.yml');
    await writeFile(
      file,
      `route: {receiver: r}
receivers:
- name: r
  webhook_configs:
  - url_file: secrets/url
    http_config:
      basic_auth: {username: u, password_file: secrets/pw}
      tls_config: {ca_file: ca.pem}
`,
    );
    const { config } = await loadConfigFile(file);
    const webhook = config.receivers[0]?.webhook_configs?.[0];
    expect(webhook?.url_file).toBe('secrets/url');
    expect(webhook?.http_config?.basic_auth?.password_file).toBe(path.join(dir, 'secrets/pw'));
    expect(webhook?.http_config?.tls_config?.ca_file).toBe(path.join(dir, 'ca.pem'));
  });

  it('leaves paths alone for text without a file', () => {
    const config = loadConfig("templates: ['t/*.tmpl']\nroute: {receiver: r}\nreceivers: [{name: r}]\n");
    expect(config.templates).toEqual(['t/*.tmpl']);
  });
});
