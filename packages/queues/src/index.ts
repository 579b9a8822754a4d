export { jobId } from './job-id.js';
export type { AlertsJobData, FlushJobData, NotificationReason, NotifyAlert, NotifyJobData } from './jobs.js';
export { ALERTS_QUEUE, GROUPS_QUEUE, notifyQueue } from './queue-names.js';
