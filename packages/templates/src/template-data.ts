import { quoteMeta } from '@tocsin/go-syntax';
import { type Alert, formatGoTime, type LabelSet, setLabel } from '@tocsin/model';

/** One alert of Alertmanager's template `Data` (template/template.go `Alert`), times already in Go's form. */
export interface TemplateAlert {
  status: 'firing' | 'resolved';
  labels: LabelSet;
  annotations: LabelSet;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** Alertmanager's template `Data`: what templates see and what the webhook payload embeds. */
export interface TemplateData {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: TemplateAlert[];
  notification_reason: TemplateNotificationReason;
  groupLabels: LabelSet;
  commonLabels: LabelSet;
  commonAnnotations: LabelSet;
  routeLabels: LabelSet;
  externalURL: string;
}

/**
 * An alert as the notifier holds it: the stored alert's fields and a status (structurally
 * @tocsin/queues' NotifyAlert; templates cannot depend on queues, which depends on config, which
 * checks templates).
 */
export type TemplateInputAlert = Pick<
  Alert,
  'fingerprint' | 'labels' | 'annotations' | 'startsAt' | 'endsAt' | 'generatorURL'
> & {
  /** endsAt is Go's zero time for a firing alert. */
  status: 'firing' | 'resolved';
};

/** Why a notification goes out (@tocsin/queues' NotificationReason). */
export type TemplateNotificationReason = string;

export interface TemplateDataInput {
  receiver: string;
  groupLabels: LabelSet;
  routeLabels?: LabelSet;
  reason: TemplateNotificationReason;
  externalUrl: string;
  /** The alerts actually sent (after send_resolved filtering and max_alerts truncation). */
  alerts: readonly TemplateInputAlert[];
}

/** The label pairs every set shares (Alertmanager's commonLabels / commonAnnotations). */
export function commonPairs(sets: readonly LabelSet[]): LabelSet {
  const [first, ...rest] = sets;
  const common: LabelSet = {};
  if (!first) return common;
  for (const name of Object.keys(first)) {
    const value = first[name] as string;
    if (rest.every((set) => Object.hasOwn(set, name) && set[name] === value)) setLabel(common, name, value);
  }
  return common;
}

/** Alertmanager's `Template.Data`, computed on the alerts of one notification. */
export function templateData(input: TemplateDataInput): TemplateData {
  const alerts = input.alerts.map(
    (a): TemplateAlert => ({
      status: a.status,
      labels: a.labels,
      annotations: a.annotations,
      startsAt: formatGoTime(a.startsAt),
      endsAt: formatGoTime(a.endsAt),
      generatorURL: a.generatorURL,
      fingerprint: a.fingerprint,
    }),
  );
  return {
    // Alertmanager passes the receiver name through regexp.QuoteMeta (`team.a` → `team\.a`).
    receiver: quoteMeta(input.receiver),
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts,
    notification_reason: input.reason,
    groupLabels: input.groupLabels,
    commonLabels: commonPairs(input.alerts.map((a) => a.labels)),
    commonAnnotations: commonPairs(input.alerts.map((a) => a.annotations)),
    routeLabels: input.routeLabels ?? {},
    externalURL: input.externalUrl,
  };
}
