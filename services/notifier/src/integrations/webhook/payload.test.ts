import { readFileSync } from 'node:fs';
import { fingerprint, GO_ZERO_TIME_MS, type LabelSet } from '@tocsin/model';
import type { NotifyAlert } from '@tocsin/queues';
import { describe, expect, it } from 'vitest';
import {
  buildWebhookMessage,
  encodeWebhookMessage,
  truncateAlerts,
  type WebhookMessageInput,
} from './payload.js';

const T2020 = Date.UTC(2020, 0, 1);

function alert(labels: LabelSet, over: Partial<NotifyAlert> = {}): NotifyAlert {
  return {
    fingerprint: fingerprint(labels),
    status: 'firing',
    labels,
    annotations: {},
    startsAt: T2020,
    endsAt: GO_ZERO_TIME_MS,
    generatorURL: '',
    ...over,
  };
}

function input(over: Partial<WebhookMessageInput> = {}): WebhookMessageInput {
  return {
    receiver: 'r',
    groupKey: '{}:{alertname="A"}',
    groupLabels: { alertname: 'A' },
    routeLabels: {},
    reason: 'first notification',
    externalUrl: 'http://am.example:9093',
    alerts: [alert({ alertname: 'A' })],
    maxAlerts: 0,
    ...over,
  };
}

describe('receiver name (regexp.QuoteMeta)', () => {
  it.each([
    ['team.a', 'team\\.a'],
    ['plain', 'plain'],
    ['a+b*c?(d)|[e]{f}^g$h\\i', 'a\\+b\\*c\\?\\(d\\)\\|\\[e\\]\\{f\\}\\^g\\$h\\\\i'],
    ['ünïcode-_/ ', 'ünïcode-_/ '],
  ])('%s → %s', (name, quoted) => {
    expect(buildWebhookMessage(input({ receiver: name })).receiver).toBe(quoted);
  });
});

describe('max_alerts (TestWebhookTruncateAlerts)', () => {
  const ten = Array.from({ length: 10 }, (_, i) => i);
  it.each([
    [0, 10, 0],
    [4, 4, 6],
    [100, 10, 0],
  ])('max %i keeps %i and counts %i truncated', (max, kept, truncated) => {
    const out = truncateAlerts(ten, max);
    expect(out.kept).toHaveLength(kept);
    expect(out.truncated).toBe(truncated);
  });

  it('computes status and common labels on the alerts that are sent', () => {
    const alerts = [
      alert({ alertname: 'A', job: 'j', instance: 'i1' }, { annotations: { summary: 's', x: '1' } }),
      alert(
        { alertname: 'A', job: 'j', instance: 'i1', extra: 'x' },
        { annotations: { summary: 's', x: '1' } },
      ),
      alert(
        { alertname: 'A', instance: 'i0' },
        { annotations: { summary: 's' }, status: 'resolved', endsAt: T2020 },
      ),
    ];
    const all = buildWebhookMessage(input({ alerts }));
    expect(all.commonLabels).toEqual({ alertname: 'A' });
    expect(all.commonAnnotations).toEqual({ summary: 's' });
    expect(all.truncatedAlerts).toBe(0);

    const cut = buildWebhookMessage(input({ alerts, maxAlerts: 2 }));
    expect(cut.alerts.map((a) => a.labels)).toEqual([alerts[0]?.labels, alerts[1]?.labels]);
    expect(cut.commonLabels).toEqual({ alertname: 'A', instance: 'i1', job: 'j' });
    expect(cut.commonAnnotations).toEqual({ summary: 's', x: '1' });
    expect(cut.truncatedAlerts).toBe(1);
  });

  it('is resolved when every alert sent is resolved, even if a dropped one fires', () => {
    const alerts = [
      alert({ alertname: 'A', n: '1' }, { status: 'resolved', endsAt: T2020 }),
      alert({ alertname: 'A', n: '2' }),
    ];
    expect(buildWebhookMessage(input({ alerts, maxAlerts: 1 })).status).toBe('resolved');
    expect(buildWebhookMessage(input({ alerts })).status).toBe('firing');
  });
});

describe('encoding', () => {
  it('writes the bytes Alertmanager writes (TestWebhookDefaultPayload)', () => {
    const labels = { alertname: 'TestAlert' };
    const body = encodeWebhookMessage(
      buildWebhookMessage(
        input({
          receiver: 'test_receiver',
          groupKey: '{}:{alertname="test1"}',
          groupLabels: {},
          routeLabels: {},
          alerts: [
            alert(labels, {
              annotations: { summary: 'Test summary' },
              startsAt: T2020,
              generatorURL: 'http://generator.url',
            }),
          ],
        }),
      ),
    );
    expect(body).toBe(
      '{"receiver":"test_receiver","status":"firing","alerts":[{"status":"firing",' +
        '"labels":{"alertname":"TestAlert"},"annotations":{"summary":"Test summary"},' +
        '"startsAt":"2020-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z",' +
        `"generatorURL":"http://generator.url","fingerprint":"${fingerprint(labels)}"}],` +
        '"notification_reason":"first notification","groupLabels":{},' +
        '"commonLabels":{"alertname":"TestAlert"},"commonAnnotations":{"summary":"Test summary"},' +
        '"routeLabels":{},"externalURL":"http://am.example:9093","version":"4",' +
        '"groupKey":"{}:{alertname=\\"test1\\"}","truncatedAlerts":0}\n',
    );
    expect(JSON.parse(body).alerts[0].endsAt).toBe('0001-01-01T00:00:00Z');
  });

  it('prints resolved times in Go form (no trailing zero fraction)', () => {
    const a = alert(
      { alertname: 'A' },
      { status: 'resolved', startsAt: T2020 + 120, endsAt: T2020 + 3_600_000 },
    );
    const parsed = JSON.parse(encodeWebhookMessage(buildWebhookMessage(input({ alerts: [a] }))));
    expect(parsed.alerts[0]).toMatchObject({
      startsAt: '2020-01-01T00:00:00.12Z',
      endsAt: '2020-01-01T01:00:00Z',
    });
    expect(parsed.status).toBe('resolved');
  });

  it('sorts map keys in byte order and escapes like Go (HTML characters, line separators)', () => {
    const labels = { zeta: '1', Alpha: '2', '10': 'x', alertname: 'a<b>&c\u2028' };
    const body = encodeWebhookMessage(
      buildWebhookMessage(input({ alerts: [alert(labels)], groupLabels: labels })),
    );
    expect(body).toContain(
      '"groupLabels":{"10":"x","Alpha":"2","alertname":"a\\u003cb\\u003e\\u0026c\\u2028","zeta":"1"}',
    );
    expect(body).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(body).groupLabels).toEqual(labels);
  });

  it('always has routeLabels and notification_reason, and {} / [] rather than null', () => {
    const parsed = JSON.parse(
      encodeWebhookMessage(
        buildWebhookMessage(
          input({ alerts: [], routeLabels: { team: 'a' }, reason: 'repeat interval elapsed' }),
        ),
      ),
    );
    expect(parsed).toMatchObject({
      alerts: [],
      commonLabels: {},
      commonAnnotations: {},
      routeLabels: { team: 'a' },
      notification_reason: 'repeat interval elapsed',
    });
  });

  it('has exactly Alertmanager 0.34 fields, in its order', () => {
    const parsed = JSON.parse(encodeWebhookMessage(buildWebhookMessage(input())));
    expect(Object.keys(parsed)).toEqual([
      'receiver',
      'status',
      'alerts',
      'notification_reason',
      'groupLabels',
      'commonLabels',
      'commonAnnotations',
      'routeLabels',
      'externalURL',
      'version',
      'groupKey',
      'truncatedAlerts',
    ]);
    expect(Object.keys(parsed.alerts[0])).toEqual([
      'status',
      'labels',
      'annotations',
      'startsAt',
      'endsAt',
      'generatorURL',
      'fingerprint',
    ]);
  });
});

// Scenario 19 as recorded from Alertmanager: one receiver, a full and a max_alerts: 2 webhook.
interface GoldenAlert {
  status: string;
  labels: LabelSet;
  annotations: LabelSet;
  strict: { fingerprint: string; generatorURL: string; endsAt: 'zero' | 'set' };
}
interface GoldenEvent {
  version: string;
  receiver: string;
  status: string;
  groupKey: string;
  truncatedAlerts: number;
  groupLabels: LabelSet;
  commonLabels: LabelSet;
  commonAnnotations: LabelSet;
  alerts: GoldenAlert[];
  strict: { alertOrder: string[] };
}
const golden = JSON.parse(
  readFileSync(new URL('./fixtures/scenario-19-golden.json', import.meta.url), 'utf8'),
) as { streams: { path: string; events: GoldenEvent[] }[] };

const labelString = (ls: LabelSet) =>
  `{${Object.keys(ls)
    .sort()
    .map((k) => `${k}="${ls[k]}"`)
    .join(', ')}}`;

describe('scenario 19-webhook-payload (golden from Alertmanager)', () => {
  const full = golden.streams.find((s) => s.path === '/full');
  const all = full?.events[0]?.alerts ?? [];
  const order = full?.events[0]?.strict.alertOrder ?? [];
  // The flush hands the notifier the group in Alertmanager's order.
  const sorted = order.map((key) => all.find((a) => labelString(a.labels) === key) as GoldenAlert);

  it.each(golden.streams.flatMap((s) => s.events.map((e, i) => [s.path, i, e] as const)))(
    '%s event %i',
    (path, _i, event) => {
      const resolved = event.status === 'resolved';
      const alerts = sorted.map((g) =>
        alert(g.labels, {
          annotations: g.annotations,
          status: resolved ? 'resolved' : 'firing',
          endsAt: resolved ? Date.now() : GO_ZERO_TIME_MS,
        }),
      );
      const m = JSON.parse(
        encodeWebhookMessage(
          buildWebhookMessage(
            input({
              receiver: 'multi',
              groupKey: '{}:{alertname="Payload"}',
              groupLabels: { alertname: 'Payload' },
              alerts,
              maxAlerts: path === '/truncated' ? 2 : 0,
            }),
          ),
        ),
      );
      const normalized = {
        version: m.version,
        receiver: m.receiver,
        status: m.status,
        groupKey: m.groupKey,
        truncatedAlerts: m.truncatedAlerts,
        groupLabels: m.groupLabels,
        commonLabels: m.commonLabels,
        commonAnnotations: m.commonAnnotations,
        alerts: [...m.alerts]
          .sort((a, b) => labelString(a.labels).localeCompare(labelString(b.labels)))
          .map((a) => ({
            status: a.status,
            labels: a.labels,
            annotations: a.annotations,
            strict: {
              fingerprint: a.fingerprint,
              generatorURL: a.generatorURL,
              endsAt: a.endsAt === '0001-01-01T00:00:00Z' ? 'zero' : 'set',
            },
          })),
      };
      const expected = {
        ...event,
        alerts: [...event.alerts]
          .sort((a, b) => labelString(a.labels).localeCompare(labelString(b.labels)))
          .map((a) => ({
            ...a,
            strict: {
              fingerprint: a.strict.fingerprint,
              generatorURL: a.strict.generatorURL,
              endsAt: a.strict.endsAt,
            },
          })),
      };
      const { strict: _strict, ...withoutStrict } = expected;
      expect(normalized).toEqual(withoutStrict);
      expect(m.alerts.map((a: { labels: LabelSet }) => labelString(a.labels))).toEqual(
        event.strict.alertOrder,
      );
      expect(m.externalURL).toBe('http://am.example:9093');
    },
  );
});
