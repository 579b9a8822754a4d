export { type TemplateData, templateData } from '@tocsin/templates';
export { alertmanagerBackoff } from './backoff.js';
export { NOTIFIER_FLAGS, type NotifierFlags, parseNotifierFlags, selectIntegrations } from './flags.js';
export { HttpClient, type HttpResponse, USER_AGENT } from './http/http-client.js';
export {
  buildWebhookMessage,
  encodeWebhookMessage,
  type WebhookMessage,
} from './integrations/webhook/payload.js';
export { ConfigLoadError, type RunningNotifier, runNotifier, startNotifier } from './main.js';
export type { Notifier, NotifyContext } from './notifier.js';
export {
  FAILURE_REASONS,
  type FailureReason,
  NotifyError,
  RateLimitedError,
  RetryableError,
  UnrecoverableNotifyError,
} from './notify-errors.js';
export { NotifyMetrics } from './notify-metrics.js';
export { NotificationProcessor, type NotifyOutcome } from './process-notification.js';
