export { type DedupInput, type NflogEntry, needsUpdate } from './needs-update.js';
export { type NflogKey, NotificationLog, type NotificationLogOptions, stateKey } from './notification-log.js';
