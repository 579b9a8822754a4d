import { loadConfig } from '@tocsin/config';
import { type Alert, fingerprint, GO_ZERO_TIME_MS, type LabelSet } from '@tocsin/model';
import { describe, expect, it } from 'vitest';
import { Inhibitor } from './inhibitor.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** An alert as the store holds it; firing for an hour unless `endsAt` says otherwise. */
function alert(labels: LabelSet, endsAt = NOW + HOUR): Alert {
  return {
    labels,
    annotations: {},
    startsAt: NOW - MINUTE,
    endsAt,
    generatorURL: '',
    updatedAt: NOW - MINUTE,
    timeout: false,
    fingerprint: fingerprint(labels),
  };
}

/** `rules` is the YAML list under `inhibit_rules:`. */
function inhibitorFrom(rules: string): Inhibitor {
  return Inhibitor.fromConfig(
    loadConfig(`route: {receiver: r}\nreceivers: [{name: r}]\ninhibit_rules:\n${rules}\n`),
  );
}

// inhibit/inhibit_test.go TestInhibitRuleHasEqual. AM calls hasEqual with the
// two-sided exclusion off; here the source side is made explicit (src="1" on
// every source alert, absent from the input) so that going through mutedBy
// keeps the exclusion out of play.
describe('TestInhibitRuleHasEqual', () => {
  const rule = (equal: string[]) =>
    inhibitorFrom(`- source_matchers: [src="1"]\n  equal: ${JSON.stringify(equal)}`);
  const src = (labels: LabelSet, endsAt?: number) => alert({ src: '1', ...labels }, endsAt);
  const resolved = NOW - 1000;

  it.each<{ name: string; sources: Alert[]; equal: string[]; input: LabelSet; result: boolean }>([
    { name: 'no source alerts', sources: [], equal: [], input: { a: 'b' }, result: false },
    {
      name: 'no equal labels, any source alerts satisfies the requirement',
      // AM's zero Alert: no endsAt, so it never resolves.
      sources: [src({}, GO_ZERO_TIME_MS)],
      equal: [],
      input: { a: 'b' },
      result: true,
    },
    {
      name: 'matching but already resolved',
      sources: [src({ a: 'b', b: 'f' }, resolved), src({ a: 'b', b: 'c' }, resolved)],
      equal: ['a', 'b'],
      input: { a: 'b', b: 'c' },
      result: false,
    },
    {
      name: 'matching and unresolved',
      sources: [src({ a: 'b', c: 'd' }, resolved), src({ a: 'b', c: 'f' }, NOW + HOUR)],
      equal: ['a'],
      input: { a: 'b' },
      result: true,
    },
    {
      name: 'equal label does not match',
      sources: [src({ a: 'c', c: 'd' }, resolved), src({ a: 'c', c: 'f' }, resolved)],
      equal: ['a'],
      input: { a: 'b' },
      result: false,
    },
  ])('$name', ({ sources, equal, input, result }) => {
    const ih = rule(equal).index(sources, NOW);
    expect(ih.mutes(input, NOW)).toBe(result);
    // Either order of arrival gives the same answer.
    expect(
      rule(equal)
        .index([...sources].reverse(), NOW)
        .mutes(input, NOW),
    ).toBe(result);
  });

  it('does not mute when the equal label differs, even with firing sources', () => {
    const ih = rule(['a']).index([src({ a: 'c' }), src({ a: 'd' })], NOW);
    expect(ih.mutes({ a: 'b' }, NOW)).toBe(false);
  });
});

// TestInhibitRuleMatches (legacy source_match/target_match) and TestInhibitRuleMatchers
// (source_matchers/target_matchers, rule1's target is t1!="1"). Same sources in both.
describe.each([
  {
    test: 'TestInhibitRuleMatches',
    rules: `- source_match: {s1: "1"}
  target_match: {t1: "1"}
  equal: [e]
- source_match: {s2: "1"}
  target_match: {t2: "1"}
  equal: [e]`,
    // AM's booleans; the number says which source AM's first matching rule reports.
    expected: [1, 2, 1, 1, 0, 1, 0, 0],
  },
  {
    test: 'TestInhibitRuleMatchers',
    rules: `- source_matchers: [s1="1"]
  target_matchers: [t1!="1"]
  equal: [e]
- source_matchers: [s2="1"]
  target_matchers: [t2="1"]
  equal: [e]`,
    expected: [0, 1, 0, 2, 1, 0, 1, 0],
  },
])('$test', ({ rules, expected }) => {
  // sourceAlert1 matches rule1's source side; sourceAlert2 both sides of rule2.
  const sourceAlert1 = alert({ s1: '1', t1: '2', e: '1' });
  const sourceAlert2 = alert({ s2: '1', t2: '1', e: '1' });
  const ih = inhibitorFrom(rules).index([sourceAlert1, sourceAlert2], NOW);
  const targets: LabelSet[] = [
    { t1: '1', e: '1' },
    { t2: '1', e: '1' },
    { t1: '1', t3: '1', e: '1' },
    { t1: '1', t2: '1', e: '1' },
    { t1: '0', e: '1' },
    { s1: '1', t1: '1', e: '1' },
    { s2: '1', t2: '1', e: '1' },
    { t1: '1', e: '0' },
  ];
  const sources = [undefined, sourceAlert1.fingerprint, sourceAlert2.fingerprint];
  it.each(targets.map((target, i) => [target, expected[i] ?? -1] as const))(
    '%j muted by source %d',
    (target, n) => {
      expect(ih.mutes(target, NOW)).toBe(n > 0);
      expect(ih.mutedBy(target, NOW)).toBe(sources[n]);
    },
  );
});

// TestInhibit: a fresh inhibitor per case; alertTwo is posted firing, then resolved.
describe('TestInhibit', () => {
  const rules = `- source_match: {s: "1"}\n  target_match: {t: "1"}\n  equal: [e]`;
  const alertOne = () => alert({ t: '1', e: 'f' });
  const alertTwo = (resolved: boolean) => alert({ s: '1', e: 'f' }, resolved ? NOW - 1000 : NOW + HOUR);

  it.each([
    { name: "alertOne isn't muted while alertTwo hasn't fired", alerts: [alertOne()], one: false },
    { name: 'alertOne is muted by the active alertTwo', alerts: [alertOne(), alertTwo(false)], one: true },
    {
      name: "alertOne isn't muted once alertTwo is resolved",
      alerts: [alertOne(), alertTwo(false), alertTwo(true)],
      one: false,
    },
  ])('$name', ({ alerts, one }) => {
    const ih = inhibitorFrom(rules).index(alerts, NOW);
    expect(ih.mutes({ t: '1', e: 'f' }, NOW)).toBe(one);
    expect(ih.mutes({ s: '1', e: 'f' }, NOW)).toBe(false);
  });
});

// Scenario 12-inhibition (AM 0.25 golden, GET /api/v2/alerts `inhibitedBy`, fingerprints
// from its strict fields). Rule 1: critical mutes warning with equal cluster. Rule 2:
// Maintenance mutes env=~"prod|staging" with equal env; Maintenance alerts match both
// sides of rule 2, so they mute neither themselves nor each other.
describe('scenario 12-inhibition', () => {
  const rules = `- source_matchers: [severity="critical"]
  target_matchers: [severity="warning"]
  equal: [cluster]
- source_matchers: [alertname="Maintenance"]
  target_matchers: ['env=~"prod|staging"']
  equal: [env]`;
  const nodeDown = { alertname: 'NodeDown', severity: 'critical', cluster: 'c1' };
  const posted: LabelSet[] = [
    nodeDown,
    { alertname: 'HighLatency', severity: 'warning', cluster: 'c1' },
    { alertname: 'HighLatency', severity: 'warning', cluster: 'c2' },
    { alertname: 'Maintenance', env: 'prod' },
    { alertname: 'Maintenance', env: 'prod', region: 'eu' },
    { alertname: 'Maintenance', env: 'staging' },
    { alertname: 'DiskFull', env: 'staging' },
    { alertname: 'DiskFull', env: 'dev' },
  ];
  const NODE_DOWN_C1 = 'a20be2b7fa5b4816';
  const MAINTENANCE_STAGING = 'c37dcac85c8b335d';

  it('alerts-with-inhibition', () => {
    const ih = inhibitorFrom(rules).index(
      posted.map((l) => alert(l)),
      NOW,
    );
    expect(posted.map((l) => ih.mutedBy(l, NOW))).toEqual([
      undefined,
      NODE_DOWN_C1, // rule 1, cluster c1
      undefined, // no critical alert in c2
      undefined, // Maintenance: both sides of rule 2
      undefined,
      undefined,
      MAINTENANCE_STAGING, // rule 2, env staging
      undefined, // env dev is not a target
    ]);
  });

  it('alerts-after-source-resolved: NodeDown resolved releases HighLatency c1 only', () => {
    const alerts = [...posted.map((l) => alert(l)), alert(nodeDown, NOW - 1000)];
    const ih = inhibitorFrom(rules).index(alerts, NOW);
    expect(ih.mutedBy({ alertname: 'HighLatency', severity: 'warning', cluster: 'c1' }, NOW)).toBeUndefined();
    expect(ih.mutedBy({ alertname: 'DiskFull', env: 'staging' }, NOW)).toBe(MAINTENANCE_STAGING);
  });
});

// Scenario 17-api-queries: ClusterDown (c1) mutes warnings with equal cluster; ApiD (c2) is not.
describe('scenario 17-api-queries', () => {
  it('inhibitedBy of ApiB is ClusterDown', () => {
    const ih = inhibitorFrom(
      `- source_matchers: [alertname="ClusterDown"]\n  target_matchers: [severity="warning"]\n  equal: [cluster]`,
    );
    const posted: LabelSet[] = [
      { alertname: 'ApiA', severity: 'critical', team: 'db', cluster: 'c1' },
      { alertname: 'ApiB', severity: 'warning', team: 'web', cluster: 'c1' },
      { alertname: 'ClusterDown', severity: 'critical', cluster: 'c1' },
      { alertname: 'Silenced', severity: 'warning', team: 'db', cluster: 'c2' },
      { alertname: 'ApiD', severity: 'warning', cluster: 'c2' },
    ];
    ih.index(
      posted.map((l) => alert(l)),
      NOW,
    );
    expect(posted.map((l) => ih.mutedBy(l, NOW))).toEqual([
      undefined,
      '521acff8d685ef26',
      undefined,
      undefined,
      undefined,
    ]);
  });
});

// Properties stated in Alertmanager's docs and inhibit.go (reference section 3.5).
describe('Inhibitor semantics', () => {
  const critWarn = `- source_matchers: [severity="critical"]
  target_matchers: [severity="warning"]
  equal: [cluster]`;

  it('treats a missing equal label as "" on both sides', () => {
    const ih = inhibitorFrom(critWarn).index([alert({ severity: 'critical' })], NOW);
    expect(ih.mutes({ severity: 'warning' }, NOW)).toBe(true);
    expect(ih.mutes({ severity: 'warning', cluster: '' }, NOW)).toBe(true);
    expect(ih.mutes({ severity: 'warning', cluster: 'c1' }, NOW)).toBe(false);
  });

  it('decides "firing" at the time asked', () => {
    const ih = inhibitorFrom(critWarn).index([alert({ severity: 'critical' }, NOW + MINUTE)], NOW);
    expect(ih.mutes({ severity: 'warning' }, NOW + MINUTE - 1)).toBe(true);
    expect(ih.mutes({ severity: 'warning' }, NOW + MINUTE)).toBe(false);
  });

  it('lets a muted source still inhibit (inhibition does not chain-break)', () => {
    const ih = inhibitorFrom(`- source_matchers: [level="1"]
  target_matchers: [level="2"]
- source_matchers: [level="2"]
  target_matchers: [level="3"]`).index([alert({ level: '1' }), alert({ level: '2' })], NOW);
    expect(ih.mutedBy({ level: '2' }, NOW)).toBe(fingerprint({ level: '1' }));
    expect(ih.mutedBy({ level: '3' }, NOW)).toBe(fingerprint({ level: '2' }));
  });

  it('lets two rules mute each other (#666)', () => {
    const ih = inhibitorFrom(`- source_matchers: [alertname="A"]
  target_matchers: [alertname="B"]
- source_matchers: [alertname="B"]
  target_matchers: [alertname="A"]`).index([alert({ alertname: 'A' }), alert({ alertname: 'B' })], NOW);
    expect(ih.mutes({ alertname: 'A' }, NOW)).toBe(true);
    expect(ih.mutes({ alertname: 'B' }, NOW)).toBe(true);
  });

  it('mutes labels whatever the target state (a resolved target stays muted)', () => {
    const target = alert({ severity: 'warning' }, NOW - 1000);
    const ih = inhibitorFrom(critWarn).index([alert({ severity: 'critical' }), target], NOW);
    expect(ih.mutedBy(target.labels, NOW)).toBe(fingerprint({ severity: 'critical' }));
  });

  it('ignores two-sided sources for a two-sided target, but not one-sided ones', () => {
    const rules = `- source_matchers: [alertname="Maintenance"]
  target_matchers: ['env=~"prod|staging"']
  equal: [env]`;
    const twoSided = alert({ alertname: 'Maintenance', env: 'prod', region: 'eu' });
    const oneSided = alert({ alertname: 'Maintenance', region: 'us' });
    const ih = inhibitorFrom(rules).index([twoSided, oneSided], NOW);
    // Equal env: "" for oneSided, so it mutes env-less targets only; env=prod has only twoSided.
    expect(ih.mutes({ alertname: 'Maintenance', env: 'prod' }, NOW)).toBe(false);
    expect(ih.mutedBy({ alertname: 'Other', env: 'prod' }, NOW)).toBe(twoSided.fingerprint);
    const mixed = inhibitorFrom(`- source_matchers: [alertname="Maintenance"]
  target_matchers: ['env=~"prod|staging"']`).index([twoSided, oneSided], NOW);
    expect(mixed.mutedBy({ alertname: 'Maintenance', env: 'prod' }, NOW)).toBe(oneSided.fingerprint);
  });

  it('prefers the source that resolves last, whatever the input order', () => {
    const early = alert({ severity: 'critical', instance: 'a' }, NOW + MINUTE);
    const late = alert({ severity: 'critical', instance: 'b' }, NOW + HOUR);
    for (const order of [
      [early, late],
      [late, early],
    ]) {
      const ih = inhibitorFrom(critWarn).index(order, NOW);
      expect(ih.mutedBy({ severity: 'warning' }, NOW)).toBe(late.fingerprint);
      expect(ih.mutedBy({ severity: 'warning' }, NOW + MINUTE)).toBe(late.fingerprint);
    }
  });

  it('tries rules in config order and reports the first source found', () => {
    const ih = inhibitorFrom(`- source_matchers: [alertname="First"]
  target_matchers: [t="1"]
- source_matchers: [alertname="Second"]
  target_matchers: [t="1"]`).index([alert({ alertname: 'Second' }), alert({ alertname: 'First' })], NOW);
    expect(ih.mutedBy({ t: '1' }, NOW)).toBe(fingerprint({ alertname: 'First' }));
  });

  it('re-indexing replaces the previous sources', () => {
    const ih = inhibitorFrom(critWarn).index([alert({ severity: 'critical' })], NOW);
    expect(ih.mutes({ severity: 'warning' }, NOW)).toBe(true);
    ih.index([], NOW);
    expect(ih.mutes({ severity: 'warning' }, NOW)).toBe(false);
  });

  it('applies source_match_re anchored, and deduplicates equal names', () => {
    const ih = inhibitorFrom(`- source_match_re: {severity: "crit"}
  target_match: {severity: warning}
  equal: [cluster, cluster]`).index(
      [alert({ severity: 'critical' }), alert({ severity: 'crit', cluster: 'x' })],
      NOW,
    );
    expect(ih.mutes({ severity: 'warning' }, NOW)).toBe(false);
    expect(ih.mutes({ severity: 'warning', cluster: 'x' }, NOW)).toBe(true);
  });

  it('isSource tells whether labels match any rule source side', () => {
    const ih = inhibitorFrom(critWarn);
    expect(ih.ruleCount).toBe(1);
    expect(ih.isSource({ severity: 'critical' })).toBe(true);
    expect(ih.isSource({ severity: 'warning' })).toBe(false);
  });
});
