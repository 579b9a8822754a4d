import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { type ResolvedRoute, resolveRoute, walkRoutes } from './route.js';

const withReceivers = (route: string, names = ['r']) =>
  `route:\n${route}\nreceivers:\n${names.map((n) => `- name: '${n}'`).join('\n')}\n`;

describe('route fields and checks', () => {
  it('reads every field as written', () => {
    const config = loadConfig(
      withReceivers(
        `  receiver: r
  group_by: [a, b]
  group_wait: 10s
  group_interval: 1m
  repeat_interval: 1d
  labels: {team: x}
  routes:
  - receiver: r
    group_by: ['...']
    match: {service: db}
    match_re: {env: 'prod.*'}
    matchers: ['b="2"', '{a=~"1|2", c!="3"}']
    continue: true
    mute_time_intervals: [t]
    active_time_intervals: [t]
time_intervals:
- name: t
  time_intervals: [{weekdays: [monday]}]`,
      ),
    );
    const root = config.route;
    expect(root.receiver).toBe('r');
    expect(root.group_by).toEqual(['a', 'b']);
    expect([root.group_wait?.ms, root.group_interval?.ms, root.repeat_interval?.ms]).toEqual([
      10_000, 60_000, 86_400_000,
    ]);
    expect(root.labels).toEqual({ team: 'x' });
    const child = root.routes[0];
    expect(child?.match).toEqual({ service: 'db' });
    expect(child?.match_re).toEqual({ env: 'prod.*' });
    // One entry may hold several matchers; the list is sorted by name, value and type.
    expect(child?.matchers.map(String)).toEqual(['a=~"1|2"', 'b="2"', 'c!="3"']);
    expect(child?.continue).toBe(true);
    expect(child?.mute_time_intervals).toEqual(['t']);
    expect(child?.active_time_intervals).toEqual(['t']);
    expect(child?.group_wait).toBeUndefined();
  });

  it('rejects duplicated group_by labels', () => {
    const text = withReceivers("  group_by: ['alertname', 'cluster', 'service', 'cluster']\n  receiver: r");
    expect(() => loadConfig(text)).toThrow('duplicated label "cluster" in group_by');
  });

  it('rejects the wildcard with other labels', () => {
    const text = withReceivers("  group_by: ['alertname', 'cluster', '...']\n  receiver: r");
    expect(() => loadConfig(text)).toThrow(
      'cannot have wildcard group_by (`...`) and other labels at the same time',
    );
  });

  it('reads a flow sequence holding only the wildcard', () => {
    const config = loadConfig(withReceivers('  group_by: [...]\n  receiver: r'));
    expect(config.route.group_by).toEqual(['...']);
    expect(resolveRoute(config.route).opts.groupByAll).toBe(true);
  });

  it('rejects an empty group_by label name in every mode', () => {
    expect(() => loadConfig(withReceivers("  group_by: ['']\n  receiver: r"))).toThrow(
      'invalid label name "" in group_by list',
    );
  });

  it('checks route label names with the mode, keeps templated values unrendered', () => {
    const text = withReceivers(
      '  receiver: r\n  labels:\n    "-invalid-": value\n    severity: "{{ .GroupLabels.severity }}"',
    );
    expect(loadConfig(text).route.labels).toEqual({
      '-invalid-': 'value',
      severity: '{{ .GroupLabels.severity }}',
    });
    expect(() => loadConfig(text, { features: { classicMode: true } })).toThrow(
      'invalid label name "-invalid-" in route labels',
    );
  });

  it('keeps the classic label name rule for match and match_re keys', () => {
    const route = (m: string) => withReceivers(`  receiver: r\n  routes:\n  - ${m}`);
    expect(() => loadConfig(route("match: {'a-b': x}"))).toThrow('invalid label name "a-b"');
    expect(() => loadConfig(route("match_re: {'a-b': x}"))).toThrow('invalid label name "a-b"');
  });

  it('rejects a null match_re value, naming the label', () => {
    const text = withReceivers(
      '  receiver: r\n  routes:\n    - match_re:\n        invalid_label:\n      receiver: r',
    );
    expect(() => loadConfig(text)).toThrow('invalid regexp value for "invalid_label"');
  });

  it('rejects regexes that do not compile', () => {
    expect(() => loadConfig(withReceivers("  receiver: r\n  routes:\n  - match_re: {a: '(x'}"))).toThrow(
      /route\.routes\[0\]\.match_re\.a: error parsing regexp: missing closing \)/,
    );
    expect(() => loadConfig(withReceivers('  receiver: r\n  routes:\n  - matchers: [\'a=~"[x"\']'))).toThrow(
      /error parsing regexp: missing closing \]/,
    );
  });

  it('rejects zero group_interval and repeat_interval, allows zero group_wait', () => {
    expect(() => loadConfig(withReceivers('  receiver: r\n  group_interval: 0s'))).toThrow(
      'group_interval cannot be zero',
    );
    expect(() => loadConfig(withReceivers('  receiver: r\n  repeat_interval: 0s'))).toThrow(
      'repeat_interval cannot be zero',
    );
    expect(loadConfig(withReceivers('  receiver: r\n  group_wait: 0s')).route.group_wait?.ms).toBe(0);
  });

  it('rejects bad durations and unknown route keys', () => {
    expect(() => loadConfig(withReceivers('  receiver: r\n  group_wait: 5x'))).toThrow(
      'not a valid duration string: "5x"',
    );
    expect(() => loadConfig(withReceivers('  receiver: r\n  group_by_all: true'))).toThrow(
      /field group_by_all not found/,
    );
  });

  it('accepts millisecond timers', () => {
    const config = loadConfig(withReceivers('  receiver: r\n  group_wait: 500ms\n  group_interval: 1s500ms'));
    expect(config.route.group_interval?.ms).toBe(1500);
  });
});

describe('resolveRoute: defaults and inheritance', () => {
  const tree = () =>
    resolveRoute(
      loadConfig(
        withReceivers(
          `  receiver: root
  group_by: [alertname, cluster]
  routes:
  - receiver: a
    group_wait: 1m
    labels: {team: a}
    routes:
    - group_by: []
      repeat_interval: 1h
      labels: {tier: "{{ .CommonLabels.tier }}"}
    - group_by: ['...']
      match: {x: y}
      match_re: {b: c}
      matchers: [a=b]
      mute_time_intervals: [t]
  - group_interval: 10m
    continue: true
time_intervals:
- name: t
  time_intervals: [{}]`,
          ['root', 'a'],
        ),
      ).route,
    );

  it('gives the root Alertmanager defaults', () => {
    const root = tree();
    expect(root.opts).toMatchObject({
      receiver: 'root',
      groupBy: ['alertname', 'cluster'],
      groupByAll: false,
      groupWait: 30_000,
      groupInterval: 300_000,
      repeatInterval: 14_400_000,
      labels: {},
    });
  });

  it('inherits receiver, grouping and timers; merges labels; does not inherit intervals or continue', () => {
    const root = tree();
    const a = root.routes[0] as ResolvedRoute;
    expect(a.opts).toMatchObject({ receiver: 'a', groupBy: ['alertname', 'cluster'], groupWait: 60_000 });
    const [empty, all] = a.routes as [ResolvedRoute, ResolvedRoute];
    expect(empty.opts).toMatchObject({
      receiver: 'a',
      groupBy: [],
      groupByAll: false,
      groupWait: 60_000,
      repeatInterval: 3_600_000,
      labels: { team: 'a', tier: '{{ .CommonLabels.tier }}' },
    });
    expect(all.opts).toMatchObject({ groupByAll: true, muteTimeIntervals: ['t'], labels: { team: 'a' } });
    expect(all.matchers.map(String)).toEqual(['a="b"', 'b=~"c"', 'x="y"']);
    expect(a.opts.muteTimeIntervals).toEqual([]);
    const second = root.routes[1] as ResolvedRoute;
    expect(second.opts).toMatchObject({ receiver: 'root', groupInterval: 600_000, groupWait: 30_000 });
    expect(second.continue).toBe(true);
    expect(root.continue).toBe(false);
  });

  it('numbers routes children first, as the dispatcher does', () => {
    const idx: number[] = [];
    walkRoutes(tree(), (node) => idx.push(node.idx));
    expect(idx).toEqual([4, 2, 0, 1, 3]);
  });
});
