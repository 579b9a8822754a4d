// Alertmanager's template Data as Go values: the types templates see (template.Data,
// template.Alert, template.KV with SortedPairs/Names/Values/Remove, template.Pairs,
// template.Strings, template.Alerts with Firing/Resolved) built from the webhook-shaped TemplateData.

import { GoTime } from './go-time.js';
import { parseRfc3339 } from './go-time-parse.js';
import {
  compareStrings,
  GoMap,
  type GoMethod,
  GoObject,
  GoPointer,
  GoSlice,
  GoStruct,
  type GoType,
  type GoValue,
  STRING,
  STRING_SLICE,
  sliceOf,
} from './go-value.js';

const method = (params: GoType[], call: GoMethod['call']): GoMethod => ({ params, call });

const STRINGS: GoType = sliceOf(STRING, 'template.Strings', {
  Join: method([STRING], (s, [sep]) => ((s as GoSlice).items as string[]).join(sep as string)),
});

const PAIR: GoType = {
  name: 'template.Pair',
  kind: 'struct',
  fields: [
    { name: 'Name', json: 'Name' },
    { name: 'Value', json: 'Value' },
  ],
};

const pairsString = (pairs: GoValue): string =>
  (pairs as GoSlice).items
    .map((p) => `${(p as GoStruct).fields.Name as string}=${(p as GoStruct).fields.Value as string}`)
    .join(', ');

const pairField = (field: 'Name' | 'Value') => (pairs: GoValue) =>
  new GoSlice(
    STRINGS,
    (pairs as GoSlice).items.map((p) => (p as GoStruct).fields[field]),
  );

const PAIRS: GoType = {
  ...sliceOf(PAIR, 'template.Pairs', {
    Names: method([], pairField('Name')),
    Values: method([], pairField('Value')),
    String: method([], pairsString),
  }),
  stringer: pairsString,
};

/** Sorted by name, except that `alertname` comes first (KV.SortedPairs). */
function sortedPairs(kv: GoValue): GoSlice {
  const map = kv as GoMap;
  const keys = [...map.entries.keys()].sort((a, b) =>
    a === 'alertname' ? -1 : b === 'alertname' ? 1 : compareStrings(a, b),
  );
  return new GoSlice(
    PAIRS,
    keys.map((k) => new GoStruct(PAIR, { Name: k, Value: map.entries.get(k) })),
  );
}

export const KV: GoType = {
  name: 'template.KV',
  kind: 'map',
  elem: STRING,
  underlying: 'map[string]string',
  stringer: (kv) => pairsString(sortedPairs(kv)),
  methods: {
    SortedPairs: method([], sortedPairs),
    Names: method([], (kv) => pairField('Name')(sortedPairs(kv))),
    Values: method([], (kv) => pairField('Value')(sortedPairs(kv))),
    String: method([], (kv) => pairsString(sortedPairs(kv))),
    Remove: method([STRING_SLICE], (kv, [keys]) => {
      const drop = new Set((keys as GoSlice).items as string[]);
      const kept = [...(kv as GoMap).entries].filter(([k]) => !drop.has(k));
      return new GoMap(KV, new Map(kept));
    }),
  },
};

export const ALERT: GoType = {
  name: 'template.Alert',
  kind: 'struct',
  fields: [
    { name: 'Status', json: 'status' },
    { name: 'Labels', json: 'labels' },
    { name: 'Annotations', json: 'annotations' },
    { name: 'StartsAt', json: 'startsAt' },
    { name: 'EndsAt', json: 'endsAt' },
    { name: 'GeneratorURL', json: 'generatorURL' },
    { name: 'Fingerprint', json: 'fingerprint' },
  ],
};

const ALERT_SLICE: GoType = sliceOf(ALERT);

const byStatus = (status: string) => (alerts: GoValue) =>
  new GoSlice(
    ALERT_SLICE,
    (alerts as GoSlice).items.filter((a) => (a as GoStruct).fields.Status === status),
  );

const ALERTS: GoType = sliceOf(ALERT, 'template.Alerts', {
  Firing: method([], byStatus('firing')),
  Resolved: method([], byStatus('resolved')),
});

export const DATA: GoType = {
  name: 'template.Data',
  kind: 'struct',
  fields: [
    { name: 'Receiver', json: 'receiver' },
    { name: 'Status', json: 'status' },
    { name: 'Alerts', json: 'alerts' },
    { name: 'NotificationReason', json: 'notification_reason' },
    { name: 'GroupLabels', json: 'groupLabels' },
    { name: 'CommonLabels', json: 'commonLabels' },
    { name: 'CommonAnnotations', json: 'commonAnnotations' },
    { name: 'RouteLabels', json: 'routeLabels' },
    { name: 'ExternalURL', json: 'externalURL' },
  ],
};

export function kv(labels: Readonly<Record<string, string>> | undefined | null): GoMap {
  return new GoMap(KV, new Map(Object.entries(labels ?? {})));
}

function time(value: string | undefined): GoTime {
  if (!value) return GoTime.zero();
  return parseRfc3339(value);
}

/**
 * The webhook-shaped data, as JSON decoding into template.Data would give it: every field may be
 * missing. The notifier's TemplateData is one of these.
 */
export interface TemplateDataLike {
  receiver?: string;
  status?: string;
  alerts?: readonly {
    status?: string;
    labels?: Readonly<Record<string, string>> | null;
    annotations?: Readonly<Record<string, string>> | null;
    startsAt?: string;
    endsAt?: string;
    generatorURL?: string;
    fingerprint?: string;
  }[];
  notification_reason?: string;
  groupLabels?: Readonly<Record<string, string>> | null;
  commonLabels?: Readonly<Record<string, string>> | null;
  commonAnnotations?: Readonly<Record<string, string>> | null;
  routeLabels?: Readonly<Record<string, string>> | null;
  externalURL?: string;
}

/** template.Data as Go holds it, from the JSON/webhook shape (the shape amtool's --template.data reads). */
export function toGoData(data: TemplateDataLike): GoStruct {
  const alerts = (data.alerts ?? []).map(
    (a) =>
      new GoStruct(ALERT, {
        Status: a.status ?? '',
        Labels: kv(a.labels),
        Annotations: kv(a.annotations),
        StartsAt: time(a.startsAt),
        EndsAt: time(a.endsAt),
        GeneratorURL: a.generatorURL ?? '',
        Fingerprint: a.fingerprint ?? '',
      }),
  );
  return new GoStruct(DATA, {
    Receiver: data.receiver ?? '',
    Status: data.status ?? '',
    Alerts: new GoSlice(ALERTS, alerts),
    NotificationReason: data.notification_reason ?? '',
    GroupLabels: kv(data.groupLabels),
    CommonLabels: kv(data.commonLabels),
    CommonAnnotations: kv(data.commonAnnotations),
    RouteLabels: kv(data.routeLabels),
    ExternalURL: data.externalURL ?? '',
  });
}

/**
 * What Templates executes on: the notifier's TemplateData or its JSON form, which templates see
 * as `*template.Data` (as Alertmanager's notifiers pass it), or a Go value as is (`toGoData(x)`
 * is a `template.Data` value, as amtool passes it).
 */
export type DataInput = TemplateDataLike | GoObject;

export function toGoValue(data: DataInput): GoValue {
  return data instanceof GoObject ? data : new GoPointer(toGoData(data));
}
