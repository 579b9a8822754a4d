// Cases from Alertmanager's dispatch/route_test.go (0.34); expected values are AM's.
import { loadConfig } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import type { RouteNode } from './route-node.js';
import { RouteTree, type RouteTreeOptions } from './route-tree.js';

function treeFrom(route: string, receivers: string[], options?: RouteTreeOptions): RouteTree {
  const list = receivers.map((name) => `- name: '${name}'`).join('\n');
  return RouteTree.fromConfig(loadConfig(`route:\n${route}\nreceivers:\n${list}\n`), options);
}

const RECEIVERS = [
  'notify-def',
  'notify-A',
  'notify-testing',
  'notify-productionA',
  'notify-productionB',
  'notify-BC',
];

// AM's DefaultRouteOpts.
const DEF = { groupWait: 30_000, groupInterval: 300_000, repeatInterval: 14_400_000 };

interface Opts {
  receiver: string;
  groupBy: string[];
  groupByAll: boolean;
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  labels: Record<string, string>;
}

const opts = (node: RouteNode): Opts => ({
  receiver: node.receiver,
  groupBy: [...node.groupBy].sort(),
  groupByAll: node.groupByAll,
  groupWait: node.groupWait,
  groupInterval: node.groupInterval,
  repeatInterval: node.repeatInterval,
  labels: { ...node.labels },
});

const expectOpts = (o: Partial<Opts> & { receiver: string }): Opts => ({
  groupBy: [],
  groupByAll: false,
  ...DEF,
  labels: {},
  ...o,
});

// TestRouteMatch: legacy match / match_re.
const LEGACY = `  receiver: 'notify-def'
  routes:
  - match:
      owner: 'team-A'
    receiver: 'notify-A'
    routes:
    - match:
        env: 'testing'
      receiver: 'notify-testing'
      group_by: [...]
    - match:
        env: "production"
      receiver: 'notify-productionA'
      group_wait: 1m
      continue: true
    - match_re:
        env: "produ.*"
        job: ".*"
      receiver: 'notify-productionB'
      group_wait: 30s
      group_interval: 5m
      repeat_interval: 1h
      group_by: ['job']
  - match_re:
      owner: 'team-(B|C)'
    group_by: ['foo', 'bar']
    group_wait: 2m
    receiver: 'notify-BC'
  - match:
      group_by: 'role'
    group_by: ['role']
    routes:
    - match:
        env: 'testing'
      receiver: 'notify-testing'
      routes:
      - match:
          wait: 'long'
        group_wait: 2m`;

// TestRouteMatchers: the same tree with `matchers`.
const MATCHERS = `  receiver: 'notify-def'
  routes:
  - matchers: ['{owner="team-A"}', '{level!="critical"}']
    receiver: 'notify-A'
    routes:
    - matchers: ['{env="testing"}', '{baz!~".*quux"}']
      receiver: 'notify-testing'
      group_by: [...]
    - matchers: ['{env="production"}']
      receiver: 'notify-productionA'
      group_wait: 1m
      continue: true
    - matchers: [ env=~"produ.*", job=~".*"]
      receiver: 'notify-productionB'
      group_wait: 30s
      group_interval: 5m
      repeat_interval: 1h
      group_by: ['job']
  - matchers: [owner=~"team-(B|C)"]
    group_by: ['foo', 'bar']
    group_wait: 2m
    receiver: 'notify-BC'
  - matchers: [group_by="role"]
    group_by: ['role']
    routes:
    - matchers: ['{env="testing"}']
      receiver: 'notify-testing'
      routes:
      - matchers: [wait="long"]
        group_wait: 2m`;

// TestRouteMatchersAndMatch: both forms mixed.
const MIXED = `  receiver: 'notify-def'
  routes:
  - matchers: ['{owner="team-A"}', '{level!="critical"}']
    receiver: 'notify-A'
    routes:
    - matchers: ['{env="testing"}', '{baz!~".*quux"}']
      receiver: 'notify-testing'
      group_by: [...]
    - match:
        env: "production"
      receiver: 'notify-productionA'
      group_wait: 1m
      continue: true
    - matchers: [ env=~"produ.*", job=~".*"]
      receiver: 'notify-productionB'
      group_wait: 30s
      group_interval: 5m
      repeat_interval: 1h
      group_by: ['job']
  - match_re:
      owner: 'team-(B|C)'
    group_by: ['foo', 'bar']
    group_wait: 2m
    receiver: 'notify-BC'
  - matchers: [group_by="role"]
    group_by: ['role']
    routes:
    - matchers: ['{env="testing"}']
      receiver: 'notify-testing'
      routes:
      - matchers: [wait="long"]
        group_wait: 2m`;

interface MatchCase {
  input: Record<string, string>;
  result: Opts[];
  keys: string[];
}

// The expectations shared by the three tests; only the keys differ.
function matchCases(keys: {
  teamA: string;
  bc: string;
  testing: string;
  prodA: string;
  prodB: string;
}): MatchCase[] {
  const notifyA = expectOpts({ receiver: 'notify-A' });
  return [
    { input: { owner: 'team-A' }, result: [notifyA], keys: [keys.teamA] },
    { input: { owner: 'team-A', env: 'unset' }, result: [notifyA], keys: [keys.teamA] },
    {
      input: { owner: 'team-C' },
      result: [expectOpts({ receiver: 'notify-BC', groupBy: ['bar', 'foo'], groupWait: 120_000 })],
      keys: [keys.bc],
    },
    {
      input: { owner: 'team-A', env: 'testing' },
      result: [expectOpts({ receiver: 'notify-testing', groupByAll: true })],
      keys: [keys.testing],
    },
    {
      input: { owner: 'team-A', env: 'production' },
      result: [
        expectOpts({ receiver: 'notify-productionA', groupWait: 60_000 }),
        expectOpts({
          receiver: 'notify-productionB',
          groupBy: ['job'],
          groupWait: 30_000,
          groupInterval: 300_000,
          repeatInterval: 3_600_000,
        }),
      ],
      keys: [keys.prodA, keys.prodB],
    },
    {
      input: { group_by: 'role' },
      result: [expectOpts({ receiver: 'notify-def', groupBy: ['role'] })],
      keys: ['{}/{group_by="role"}'],
    },
    {
      input: { env: 'testing', group_by: 'role' },
      result: [expectOpts({ receiver: 'notify-testing', groupBy: ['role'] })],
      keys: ['{}/{group_by="role"}/{env="testing"}'],
    },
    {
      input: { env: 'testing', group_by: 'role', wait: 'long' },
      result: [expectOpts({ receiver: 'notify-testing', groupBy: ['role'], groupWait: 120_000 })],
      keys: ['{}/{group_by="role"}/{env="testing"}/{wait="long"}'],
    },
  ];
}

const TEAM_A_MATCHERS = '{}/{level!="critical",owner="team-A"}';

describe.each([
  {
    test: 'TestRouteMatch',
    route: LEGACY,
    cases: matchCases({
      teamA: '{}/{owner="team-A"}',
      bc: '{}/{owner=~"^(?:team-(B|C))$"}',
      testing: '{}/{owner="team-A"}/{env="testing"}',
      prodA: '{}/{owner="team-A"}/{env="production"}',
      prodB: '{}/{owner="team-A"}/{env=~"^(?:produ.*)$",job=~"^(?:.*)$"}',
    }),
  },
  {
    test: 'TestRouteMatchers',
    route: MATCHERS,
    cases: matchCases({
      teamA: TEAM_A_MATCHERS,
      bc: '{}/{owner=~"team-(B|C)"}',
      testing: `${TEAM_A_MATCHERS}/{baz!~".*quux",env="testing"}`,
      prodA: `${TEAM_A_MATCHERS}/{env="production"}`,
      prodB: `${TEAM_A_MATCHERS}/{env=~"produ.*",job=~".*"}`,
    }),
  },
  {
    test: 'TestRouteMatchersAndMatch',
    route: MIXED,
    cases: matchCases({
      teamA: TEAM_A_MATCHERS,
      bc: '{}/{owner=~"^(?:team-(B|C))$"}',
      testing: `${TEAM_A_MATCHERS}/{baz!~".*quux",env="testing"}`,
      prodA: `${TEAM_A_MATCHERS}/{env="production"}`,
      prodB: `${TEAM_A_MATCHERS}/{env=~"produ.*",job=~".*"}`,
    }),
  },
])('$test', ({ route, cases }) => {
  const tree = treeFrom(route, RECEIVERS);
  it.each(cases)('routes $input', ({ input, result, keys }) => {
    const matched = tree.match(input);
    expect(matched.map(opts)).toEqual(result);
    expect(matched.map((node) => node.key)).toEqual(keys);
    expect(tree.receiversFor(input)).toEqual(result.map((o) => o.receiver));
  });
});

describe('RouteTree', () => {
  it('walks depth first, parents first (TestRouteWalk)', () => {
    const tree = treeFrom(LEGACY, RECEIVERS);
    expect(tree.nodes().map((node) => node.receiver)).toEqual([
      'notify-def',
      'notify-A',
      'notify-testing',
      'notify-productionA',
      'notify-productionB',
      'notify-BC',
      'notify-def',
      'notify-testing',
      'notify-testing',
    ]);
  });

  it('inherits group_by: [...] and lets a child list override it (TestInheritParentGroupByAll)', () => {
    const tree = treeFrom(
      `  receiver: r
  routes:
  - match:
      env: 'parent'
    group_by: ['...']
    routes:
    - match:
        env: 'child1'
    - match:
        env: 'child2'
      group_by: ['foo']`,
      ['r'],
    );
    const parent = tree.root.children[0];
    expect(parent?.groupByAll).toBe(true);
    expect(parent?.children[0]?.groupByAll).toBe(true);
    expect(parent?.children[1]?.groupByAll).toBe(false);
    expect(parent?.children[1]?.groupBy).toEqual(['foo']);
  });

  it('merges route labels from parent to child (TestRouteLabelsLoading)', () => {
    const tree = treeFrom(
      `  receiver: "notify-def"
  routes:
    - matchers: ['{owner="team-A"}', '{level!="critical"}']
      labels:
        team: "team-A"
      receiver: "notify-A"
      routes:
        - matchers: ['{env="testing"}', '{baz!~".*quux"}']
          labels:
            team: "team-A-testing"
        - matchers: ['{env="production"}']
          labels:
            severity: "production"
    - matchers: ['{owner="team-B"}']
      receiver: "notify-B"`,
      ['notify-def', 'notify-A', 'notify-B'],
    );
    const labelsFor = (input: Record<string, string>) =>
      tree.match(input).map((node) => ({ ...node.labels }));
    expect(labelsFor({ owner: 'team-A' })).toEqual([{ team: 'team-A' }]);
    expect(labelsFor({ owner: 'team-A', env: 'testing' })).toEqual([{ team: 'team-A-testing' }]);
    expect(labelsFor({ owner: 'team-A', env: 'production' })).toEqual([
      { team: 'team-A', severity: 'production' },
    ]);
    expect(labelsFor({ owner: 'team-B', env: 'production' })).toEqual([{}]);
  });

  it('gives every node a unique id (TestRouteID)', () => {
    const tree = treeFrom(
      `  receiver: default
  routes:
  - continue: true
    matchers:
    - foo=bar
    receiver: test1
    routes:
    - matchers:
      - bar=baz
  - continue: true
    matchers:
    - foo=bar
    receiver: test1
    routes:
    - matchers:
      - bar=baz
  - continue: true
    matchers:
    - foo=bar
    receiver: test2
    routes:
    - matchers:
      - bar=baz
  - continue: true
    matchers:
    - bar=baz
    receiver: test3
    routes:
    - matchers:
      - baz=qux
    - matchers:
      - qux=corge
  - continue: true
    matchers:
    - qux=~"[a-zA-Z0-9]+"
  - continue: true
    matchers:
    - corge!~"[0-9]+"`,
      ['default', 'test1', 'test2', 'test3'],
    );
    const ids = tree.nodes().map((node) => node.id);
    expect([...ids].sort()).toEqual(
      [
        '{}',
        '{}/{foo="bar"}/0',
        '{}/{foo="bar"}/0/{bar="baz"}/0',
        '{}/{foo="bar"}/1',
        '{}/{foo="bar"}/1/{bar="baz"}/0',
        '{}/{foo="bar"}/2',
        '{}/{foo="bar"}/2/{bar="baz"}/0',
        '{}/{bar="baz"}/3',
        '{}/{bar="baz"}/3/{baz="qux"}/0',
        '{}/{bar="baz"}/3/{qux="corge"}/1',
        '{}/{qux=~"[a-zA-Z0-9]+"}/4',
        '{}/{corge!~"[0-9]+"}/5',
      ].sort(),
    );
    // The three `foo=bar` siblings share a key but not an id, nor an id hash.
    const siblings = tree.root.children.slice(0, 3);
    expect(new Set(siblings.map((node) => node.key))).toEqual(new Set(['{}/{foo="bar"}']));
    expect(new Set(siblings.map((node) => node.idHash)).size).toBe(3);
    for (const node of tree.nodes()) {
      expect(tree.byId(node.id)).toBe(node);
      expect(tree.byIdHash(node.idHash)).toBe(node);
      expect(node.idHash).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('numbers nodes children first, the root last (TestRouteIndices)', () => {
    const nodes = treeFrom(LEGACY, RECEIVERS).nodes();
    const idx = nodes.map((node) => node.idx);
    expect(new Set(idx).size).toBe(nodes.length);
    expect(nodes[0]?.idx).toBe(nodes.length - 1);
    for (const i of idx) {
      expect(i).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(nodes.length);
    }
  });

  it('matches the root when no child does; an absent label matches as ""', () => {
    const tree = treeFrom(
      `  receiver: root
  routes:
  - matchers: ['env!="prod"', 'team=""']
    receiver: dev`,
      ['root', 'dev'],
    );
    expect(tree.receiversFor({ env: 'prod' })).toEqual(['root']);
    expect(tree.receiversFor({ env: 'dev', team: 'x' })).toEqual(['root']);
    expect(tree.receiversFor({ alertname: 'A' })).toEqual(['dev']);
  });

  it('keeps duplicate receivers, one per matching route (scenario 10: with/without-resolved share a key)', () => {
    const tree = treeFrom(
      `  receiver: blackhole
  routes:
    - matchers: [alertname="Flappy"]
      receiver: x
      continue: true
    - matchers: [alertname="Flappy"]
      receiver: x`,
      ['blackhole', 'x'],
    );
    expect(tree.receiversFor({ alertname: 'Flappy' })).toEqual(['x', 'x']);
  });

  it('takes mute and active intervals from the node only, continue too', () => {
    const tree = RouteTree.fromConfig(
      loadConfig(`route:
  receiver: r
  routes:
  - matchers: [a="1"]
    mute_time_intervals: [t]
    continue: true
    routes:
    - matchers: [b="1"]
      active_time_intervals: [t]
receivers: [{name: r}]
time_intervals: [{name: t, time_intervals: [{}]}]
`),
    );
    const parent = tree.root.children[0];
    const child = parent?.children[0];
    expect([parent?.muteTimeIntervals, parent?.activeTimeIntervals, parent?.continue]).toEqual([
      ['t'],
      [],
      true,
    ]);
    expect([child?.muteTimeIntervals, child?.activeTimeIntervals, child?.continue]).toEqual([
      [],
      ['t'],
      false,
    ]);
  });
});

describe('group_by: []', () => {
  const route = `  receiver: default
  group_by: ['alertname', 'cluster']
  routes:
    - group_by: []
      routes:
      - matchers: [x="1"]`;

  it('inherits by default, as the AM 0.25 goldens show (scenario 02, kind="none")', () => {
    const tree = treeFrom(route, ['default']);
    const child = tree.root.children[0];
    expect(child?.groupBy).toEqual(['alertname', 'cluster']);
    expect(child?.children[0]?.groupBy).toEqual(['alertname', 'cluster']);
  });

  it('resets grouping with emptyGroupBy: reset (AM ≥0.31, config_test.go TestGroupByEmptyOverride)', () => {
    const tree = treeFrom(route, ['default'], { emptyGroupBy: 'reset' });
    expect(tree.root.groupBy).toEqual(['alertname', 'cluster']);
    const child = tree.root.children[0];
    expect([child?.groupBy, child?.groupByAll]).toEqual([[], false]);
    // The grandchild inherits the reset grouping.
    expect(child?.children[0]?.groupBy).toEqual([]);
  });
});
