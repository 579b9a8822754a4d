/** Span names, one per hop; the README's "Tracing" section lists them with their attributes. */
export const SPAN = {
  postAlerts: 'POST /api/v2/alerts',
  alertsPublish: 'alerts publish',
  alertsProcess: 'alerts process',
  flush: 'groups flush',
  notify: 'notify',
  smtpSend: 'smtp send',
} as const;

/** Attribute keys: OpenTelemetry's semantic conventions where one exists, `tocsin.*` otherwise. */
export const ATTR = {
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpStatus: 'http.response.status_code',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  urlScheme: 'url.scheme',
  messagingSystem: 'messaging.system',
  messagingDestination: 'messaging.destination.name',
  messagingOperation: 'messaging.operation.type',
  messagingMessageId: 'messaging.message.id',
  messagingBatchCount: 'messaging.batch.message_count',
  alertsReceived: 'tocsin.alerts.received',
  alertsInvalid: 'tocsin.alerts.invalid',
  fingerprints: 'tocsin.fingerprints',
  groupsCreated: 'tocsin.groups.created',
  groupId: 'tocsin.group.id',
  groupKey: 'tocsin.group.key',
  tick: 'tocsin.flush.tick',
  flushResult: 'tocsin.flush.result',
  receiver: 'tocsin.receiver',
  integration: 'tocsin.integration',
  attempt: 'tocsin.notify.attempt',
  outcome: 'tocsin.notify.outcome',
  alerts: 'tocsin.notify.alerts',
} as const;
