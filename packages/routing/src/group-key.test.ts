// Group keys are compared with the `groupKey` strings Alertmanager 0.25 sent in the
// public conformance scenarios (shared/conformance/scenarios/NN-*/golden.json); the
// route blocks are copied from each scenario's config.yml.
import { loadConfig } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import { formatLabelSet, groupId, groupKey, groupLabels } from './group-key.js';
import { RouteTree } from './route-tree.js';

function treeFrom(route: string, receivers: string[]): RouteTree {
  const list = receivers.map((name) => `- name: '${name}'`).join('\n');
  return RouteTree.fromConfig(loadConfig(`route:\n${route}\nreceivers:\n${list}\n`));
}

type Labels = Record<string, string>;
/** [alert labels, [receiver, groupKey] for every route it matches, in AM's order]. */
type GoldenRow = [Labels, [string, string][]];

function checkGolden(tree: RouteTree, rows: GoldenRow[]): void {
  for (const [labels, expected] of rows) {
    const got = tree.match(labels).map((node) => [node.receiver, groupKey(node, labels)]);
    expect(got, JSON.stringify(labels)).toEqual(expected);
    expect(tree.groupsFor(labels).map((g) => [g.route.receiver, g.key])).toEqual(expected);
  }
}

const TIMERS = `  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h`;

describe('group keys of the conformance goldens', () => {
  it('01-basic-grouping', () => {
    const tree = treeFrom(`  receiver: team\n  group_by: [alertname]\n${TIMERS}`, ['team']);
    checkGolden(tree, [
      [
        { alertname: 'DiskFull', instance: 'a', job: 'node', severity: 'critical' },
        [['team', '{}:{alertname="DiskFull"}']],
      ],
      [
        { alertname: 'HighCPU', instance: 'a', job: 'node', severity: 'warning' },
        [['team', '{}:{alertname="HighCPU"}']],
      ],
      [
        { alertname: 'HighCPU', instance: 'b', job: 'node', severity: 'warning' },
        [['team', '{}:{alertname="HighCPU"}']],
      ],
    ]);
  });

  it("02-group-by-variants: ['...'], [cluster, alertname] with a missing label, [] and absent", () => {
    const tree = treeFrom(
      `  receiver: fallback
  group_by: [alertname]
${TIMERS}
  routes:
    - matchers: [kind="dots"]
      receiver: dots
      group_by: ['...']
    - matchers: [kind="multi"]
      receiver: multi
      group_by: [cluster, alertname]
    - matchers: [kind="none"]
      receiver: none
      group_by: []
    - matchers: [kind="inherit"]
      receiver: inherit`,
      ['fallback', 'dots', 'multi', 'none', 'inherit'],
    );
    checkGolden(tree, [
      [
        { alertname: 'Dots', extra: 'x', instance: 'a', kind: 'dots' },
        [['dots', '{}/{kind="dots"}:{alertname="Dots", extra="x", instance="a", kind="dots"}']],
      ],
      [
        { alertname: 'Dots', instance: 'a', kind: 'dots' },
        [['dots', '{}/{kind="dots"}:{alertname="Dots", instance="a", kind="dots"}']],
      ],
      [
        { alertname: 'Dots', instance: 'b', kind: 'dots' },
        [['dots', '{}/{kind="dots"}:{alertname="Dots", instance="b", kind="dots"}']],
      ],
      [{ alertname: 'InhA', kind: 'inherit' }, [['inherit', '{}/{kind="inherit"}:{alertname="InhA"}']]],
      [{ alertname: 'InhB', kind: 'inherit' }, [['inherit', '{}/{kind="inherit"}:{alertname="InhB"}']]],
      [
        { alertname: 'Multi', cluster: 'c1', instance: 'a', kind: 'multi' },
        [['multi', '{}/{kind="multi"}:{alertname="Multi", cluster="c1"}']],
      ],
      [
        { alertname: 'Multi', cluster: 'c1', instance: 'b', kind: 'multi' },
        [['multi', '{}/{kind="multi"}:{alertname="Multi", cluster="c1"}']],
      ],
      [
        { alertname: 'Multi', cluster: 'c2', instance: 'a', kind: 'multi' },
        [['multi', '{}/{kind="multi"}:{alertname="Multi", cluster="c2"}']],
      ],
      [
        { alertname: 'Multi', instance: 'z', kind: 'multi' },
        [['multi', '{}/{kind="multi"}:{alertname="Multi"}']],
      ],
      [{ alertname: 'NoneA', kind: 'none' }, [['none', '{}/{kind="none"}:{alertname="NoneA"}']]],
      [{ alertname: 'NoneB', kind: 'none' }, [['none', '{}/{kind="none"}:{alertname="NoneB"}']]],
    ]);
  });

  it('04-matchers-new-syntax: anchoring, negative matchers on absent labels, quoting, (?i)', () => {
    const tree = treeFrom(
      String.raw`  receiver: fallback
  group_by: [alertname]
${TIMERS}
  routes:
    - receiver: regex
      matchers: ['service=~"api|web"']
      continue: true
    - receiver: not-equal
      matchers: ['kind="ne"', 'env!="prod"']
      continue: true
    - receiver: not-regex
      matchers: ['kind="nre"', 'host!~"db-.*"']
      continue: true
    - receiver: prefix
      matchers: ['severity=~"crit.*"']
      continue: true
    - receiver: quoted
      matchers: ['msg="hello, world"', 'path=~"/api/v[0-9]+"']
      continue: true
    - receiver: unquoted
      matchers: [team=platform, zone!=""]
      continue: true
    - receiver: escaped
      matchers: ['quote="say \"hi\""']
      continue: true
    - receiver: brace
      matchers: ['{kind="brace", region=~"eu-.*"}']
      continue: true
    - receiver: comma
      matchers: ['kind="comma",region!~"us-.*"']
      continue: true
    - receiver: case-insensitive
      matchers: ['service=~"(?i)cache"']
      continue: true`,
      [
        'fallback',
        'regex',
        'not-equal',
        'not-regex',
        'prefix',
        'quoted',
        'unquoted',
        'escaped',
        'brace',
        'comma',
        'case-insensitive',
      ],
    );
    const fallback = (name: string): GoldenRow[1] => [['fallback', `{}:{alertname="${name}"}`]];
    checkGolden(tree, [
      [{ alertname: 'M01', service: 'api' }, [['regex', '{}/{service=~"api|web"}:{alertname="M01"}']]],
      [{ alertname: 'M02', service: 'web' }, [['regex', '{}/{service=~"api|web"}:{alertname="M02"}']]],
      [{ alertname: 'M03', service: 'api2' }, fallback('M03')],
      [{ alertname: 'M04', service: 'myapi' }, fallback('M04')],
      [
        { alertname: 'M05', env: 'staging', kind: 'ne' },
        [['not-equal', '{}/{env!="prod",kind="ne"}:{alertname="M05"}']],
      ],
      [{ alertname: 'M06', env: 'prod', kind: 'ne' }, fallback('M06')],
      [{ alertname: 'M07', kind: 'ne' }, [['not-equal', '{}/{env!="prod",kind="ne"}:{alertname="M07"}']]],
      [{ alertname: 'M08', host: 'db-1', kind: 'nre' }, fallback('M08')],
      [
        { alertname: 'M09', host: 'web-1', kind: 'nre' },
        [['not-regex', '{}/{host!~"db-.*",kind="nre"}:{alertname="M09"}']],
      ],
      [
        { alertname: 'M10', host: 'xdb-1', kind: 'nre' },
        [['not-regex', '{}/{host!~"db-.*",kind="nre"}:{alertname="M10"}']],
      ],
      [{ alertname: 'M11', kind: 'nre' }, [['not-regex', '{}/{host!~"db-.*",kind="nre"}:{alertname="M11"}']]],
      [{ alertname: 'M12', severity: 'critical' }, [['prefix', '{}/{severity=~"crit.*"}:{alertname="M12"}']]],
      [{ alertname: 'M13', severity: 'supercritical' }, fallback('M13')],
      [
        { alertname: 'M14', msg: 'hello, world', path: '/api/v2' },
        [['quoted', '{}/{msg="hello, world",path=~"/api/v[0-9]+"}:{alertname="M14"}']],
      ],
      [{ alertname: 'M15', msg: 'hello, world', path: '/api/v2/x' }, fallback('M15')],
      [
        { alertname: 'M16', team: 'platform', zone: 'eu' },
        [['unquoted', '{}/{team="platform",zone!=""}:{alertname="M16"}']],
      ],
      [{ alertname: 'M17', team: 'platform' }, fallback('M17')],
      [
        { alertname: 'M18', quote: 'say "hi"' },
        [['escaped', String.raw`{}/{quote="say \"hi\""}:{alertname="M18"}`]],
      ],
      [
        { alertname: 'M19', kind: 'brace', region: 'eu-west' },
        [['brace', '{}/{kind="brace",region=~"eu-.*"}:{alertname="M19"}']],
      ],
      [{ alertname: 'M20', kind: 'brace', region: 'us-east' }, fallback('M20')],
      [
        { alertname: 'M21', kind: 'comma', region: 'eu-west' },
        [['comma', '{}/{kind="comma",region!~"us-.*"}:{alertname="M21"}']],
      ],
      [{ alertname: 'M22', kind: 'comma', region: 'us-east' }, fallback('M22')],
      [{ alertname: 'M23', service: 'API' }, fallback('M23')],
      [
        { alertname: 'M24', service: 'web', severity: 'critical' },
        [
          ['regex', '{}/{service=~"api|web"}:{alertname="M24"}'],
          ['prefix', '{}/{severity=~"crit.*"}:{alertname="M24"}'],
        ],
      ],
      [
        { alertname: 'M25', service: 'CaChE' },
        [['case-insensitive', '{}/{service=~"(?i)cache"}:{alertname="M25"}']],
      ],
      [{ alertname: 'M26', service: 'cache-1' }, fallback('M26')],
    ]);
  });

  it('05-legacy-match: match_re renders anchored as ^(?:re)$; match and match_re on one route', () => {
    const tree = treeFrom(
      `  receiver: fallback
  group_by: [alertname]
${TIMERS}
  routes:
    - receiver: exact
      match:
        service: api
        env: prod
    - receiver: re
      match_re:
        service: 'db|cache'
    - receiver: re-prefix
      match_re:
        host: 'web-.*'
      continue: true
    - receiver: mixed
      match:
        tier: front
      match_re:
        host: '.*-1'`,
      ['fallback', 'exact', 're', 're-prefix', 'mixed'],
    );
    const fallback = (name: string): GoldenRow[1] => [['fallback', `{}:{alertname="${name}"}`]];
    checkGolden(tree, [
      [
        { alertname: 'L1', env: 'prod', service: 'api' },
        [['exact', '{}/{env="prod",service="api"}:{alertname="L1"}']],
      ],
      [{ alertname: 'L2', env: 'dev', service: 'api' }, fallback('L2')],
      [{ alertname: 'L3', service: 'db' }, [['re', '{}/{service=~"^(?:db|cache)$"}:{alertname="L3"}']]],
      [{ alertname: 'L4', service: 'mydb' }, fallback('L4')],
      [{ alertname: 'L5', service: 'cache2' }, fallback('L5')],
      [
        { alertname: 'L6', host: 'web-1', tier: 'front' },
        [
          ['re-prefix', '{}/{host=~"^(?:web-.*)$"}:{alertname="L6"}'],
          ['mixed', '{}/{host=~"^(?:.*-1)$",tier="front"}:{alertname="L6"}'],
        ],
      ],
      [{ alertname: 'L7', host: 'aweb-1' }, fallback('L7')],
      [{ alertname: 'L8', host: 'web-2' }, [['re-prefix', '{}/{host=~"^(?:web-.*)$"}:{alertname="L8"}']]],
      [
        { alertname: 'L9', host: 'db-1', tier: 'front' },
        [['mixed', '{}/{host=~"^(?:.*-1)$",tier="front"}:{alertname="L9"}']],
      ],
    ]);
  });

  it('07, 08, 09, 13, 15, 19: a root route grouped by alertname', () => {
    const tree = treeFrom(`  receiver: team\n  group_by: [alertname]\n${TIMERS}`, ['team']);
    const rows: [string, Labels][] = [
      ['07', { alertname: 'Batch', instance: '1' }],
      ['07', { alertname: 'OldStart', instance: '1' }],
      ['07', { alertname: 'Solo', instance: '1' }],
      ['08', { alertname: 'Fresh', instance: 'x' }],
      ['08', { alertname: 'Joined', instance: 'b' }],
      ['09', { alertname: 'Repeat', instance: 'a' }],
      ['13', { alertname: 'Partial', team: 'ops' }],
      ['13', { alertname: 'Regexy', service: 'dbx' }],
      ['15', { alertname: 'Repost', instance: 'b' }],
      ['19', { alertname: 'Payload', extra: 'x', instance: 'i1', job: 'jobA' }],
      ['19', { alertname: 'Payload', instance: 'i0' }],
    ];
    const expected = [
      '{}:{alertname="Batch"}',
      '{}:{alertname="OldStart"}',
      '{}:{alertname="Solo"}',
      '{}:{alertname="Fresh"}',
      '{}:{alertname="Joined"}',
      '{}:{alertname="Repeat"}',
      '{}:{alertname="Partial"}',
      '{}:{alertname="Regexy"}',
      '{}:{alertname="Repost"}',
      '{}:{alertname="Payload"}',
      '{}:{alertname="Payload"}',
    ];
    expect(rows.map(([, labels]) => groupKey(tree.root, labels))).toEqual(expected);
  });

  it('10-send-resolved: two sibling routes with equal matchers share one key', () => {
    const tree = treeFrom(
      `  receiver: blackhole
  group_by: [alertname]
${TIMERS}
  routes:
    - matchers: [alertname="Flappy"]
      receiver: with-resolved
      continue: true
    - matchers: [alertname="Flappy"]
      receiver: without-resolved`,
      ['blackhole', 'with-resolved', 'without-resolved'],
    );
    const labels = { alertname: 'Flappy', instance: 'i1' };
    checkGolden(tree, [
      [
        labels,
        [
          ['with-resolved', '{}/{alertname="Flappy"}:{alertname="Flappy"}'],
          ['without-resolved', '{}/{alertname="Flappy"}:{alertname="Flappy"}'],
        ],
      ],
    ]);
    // Same key, but two groups, as AM keys groups by route too.
    const [a, b] = tree.groupsFor(labels);
    expect(a?.id).not.toBe(b?.id);
  });

  it('12-inhibition: group_by [alertname, cluster], an alert without cluster', () => {
    const tree = treeFrom(`  receiver: default\n  group_by: [alertname, cluster]\n${TIMERS}`, ['default']);
    const alerts: Labels[] = [
      { alertname: 'DiskFull', env: 'dev' },
      { alertname: 'HighLatency', cluster: 'c1', severity: 'warning' },
      { alertname: 'HighLatency', cluster: 'c2', severity: 'warning' },
      { alertname: 'Maintenance', env: 'prod', region: 'eu' },
      { alertname: 'NodeDown', cluster: 'c1', severity: 'critical' },
    ];
    const keys = alerts.map((labels) => groupKey(tree.root, labels));
    expect(keys).toEqual([
      '{}:{alertname="DiskFull"}',
      '{}:{alertname="HighLatency", cluster="c1"}',
      '{}:{alertname="HighLatency", cluster="c2"}',
      '{}:{alertname="Maintenance"}',
      '{}:{alertname="NodeDown", cluster="c1"}',
    ]);
  });

  it("21-config-validation: group_by ['...'] at the root, [alertname] on a child", () => {
    const tree = treeFrom(
      `  receiver: hook
  group_by: ['...']
${TIMERS}
  routes:
    - matchers: [drop="yes"]
      receiver: blackhole
    - matchers: [tz="utc"]
      receiver: hook
      group_by: [alertname]`,
      ['hook', 'blackhole'],
    );
    checkGolden(tree, [
      [{ alertname: 'Kept', instance: 'a' }, [['hook', '{}:{alertname="Kept", instance="a"}']]],
      [{ alertname: 'Kept', instance: 'b' }, [['hook', '{}:{alertname="Kept", instance="b"}']]],
      [{ alertname: 'Utc', tz: 'utc' }, [['hook', '{}/{tz="utc"}:{alertname="Utc"}']]],
    ]);
  });
});

describe('17-api-queries: receivers per alert (the golden lists them sorted)', () => {
  const tree = treeFrom(
    `  receiver: default
  group_by: [alertname]
  routes:
    - matchers: [team="db"]
      receiver: db
      continue: true
    - matchers: [severity="critical"]
      receiver: pager`,
    ['default', 'db', 'pager'],
  );
  it.each<[Labels, string[]]>([
    [{ alertname: 'ApiA', cluster: 'c1', severity: 'critical', team: 'db' }, ['db', 'pager']],
    [{ alertname: 'ApiB', cluster: 'c1', severity: 'warning', team: 'web' }, ['default']],
    [{ alertname: 'ApiD', cluster: 'c2', severity: 'warning' }, ['default']],
    [{ alertname: 'ClusterDown', cluster: 'c1', severity: 'critical' }, ['pager']],
    [{ alertname: 'Silenced', cluster: 'c2', severity: 'warning', team: 'db' }, ['db']],
  ])('%j → %j', (labels, receivers) => {
    expect(tree.receiversFor(labels)).toEqual(receivers);
  });
});

describe('formatLabelSet (Go model.LabelSet.String)', () => {
  it('sorts by name in byte order and quotes values like %q', () => {
    expect(formatLabelSet({})).toBe('{}');
    expect(formatLabelSet({ b: 'x', a: 'tab\there', 'a-b': 'é\u0007' })).toBe(
      '{a="tab\\there", a-b="é\\a", b="x"}',
    );
  });

  it('renders names unquoted, even UTF-8 ones', () => {
    expect(formatLabelSet({ 'föö bar': '1' })).toBe('{föö bar="1"}');
  });
});

describe('groupLabels and groupId', () => {
  const tree = treeFrom(
    `  receiver: r
  group_by: [cluster, alertname]
  routes:
  - matchers: [all="1"]
    group_by: ['...']
  - matchers: [none="1"]
    group_by: [other]`,
    ['r'],
  );
  const [root, all, none] = [tree.root, tree.root.children[0], tree.root.children[1]];

  it('restricts to group_by, omitting absent labels; all labels for ...', () => {
    const labels = { alertname: 'A', cluster: 'c', x: 'y' };
    expect(groupLabels(root, labels)).toEqual({ alertname: 'A', cluster: 'c' });
    expect(groupLabels(root, { alertname: 'A' })).toEqual({ alertname: 'A' });
    if (!all || !none) throw new Error('tree shape');
    expect(groupLabels(all, { ...labels, all: '1' })).toEqual({ ...labels, all: '1' });
    expect(groupLabels(none, { ...labels, none: '1' })).toEqual({});
    expect(groupKey(none, { ...labels, none: '1' })).toBe('{}/{none="1"}:{}');
  });

  it('does not read labels from Object.prototype', () => {
    const t = treeFrom(`  receiver: r\n  group_by: [constructor, __proto__]`, ['r']);
    expect(groupKey(t.root, { alertname: 'A' })).toBe('{}:{}');
    const odd = JSON.parse('{"__proto__": "p", "alertname": "A"}') as Labels;
    expect(groupKey(t.root, odd)).toBe('{}:{__proto__="p"}');
  });

  it('is route hash + "-" + fingerprint of the group labels', () => {
    const dots = treeFrom(`  receiver: r\n  group_by: ['...']`, ['r']).root;
    // AM's fingerprint of {alertname="DiskFull", env="dev"} (scenario 12 golden, strict).
    expect(groupId(dots, { alertname: 'DiskFull', env: 'dev' })).toBe(`${dots.idHash}-fceeb90063396728`);
    expect(groupId(root, { alertname: 'A', other: 'z' })).toBe(groupId(root, { alertname: 'A' }));
    expect(groupId(root, { alertname: 'A' })).toMatch(/^[0-9a-f]{16}-[0-9a-f]{16}$/);
    expect(groupId(root, { alertname: 'A' })).not.toBe(groupId(root, { alertname: 'B' }));
  });
});
