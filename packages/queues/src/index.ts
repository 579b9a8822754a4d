export { jobId } from './job-id.js';
export {
  type AlertsJobData,
  type FlushJobData,
  NOTIFY_BACKOFF_TYPE,
  NOTIFY_JOB_OPTIONS,
  type NotificationReason,
  type NotifyAlert,
  type NotifyJobData,
} from './jobs.js';
export { ALERTS_QUEUE, GROUPS_QUEUE, notifyQueue } from './queue-names.js';
export { WORKER_OPTIONS } from './worker-options.js';
