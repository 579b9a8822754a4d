export { jobId } from './job-id.js';
export { JobMetrics } from './job-metrics.js';
export {
  type AlertsJobData,
  type FlushJobData,
  NOTIFY_JOB_OPTIONS,
  type NotificationReason,
  type NotifyAlert,
  type NotifyJobData,
} from './jobs.js';
export { QueueMetrics } from './queue-metrics.js';
export { ALERTS_QUEUE, allQueueNames, GROUPS_QUEUE, notifyQueue } from './queue-names.js';
export { WORKER_OPTIONS } from './worker-options.js';
