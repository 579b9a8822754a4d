export {
  AlertStore,
  AlertStoreConflictError,
  type AlertStoreOptions,
  DEFAULT_RESOLVED_RETENTION_MS,
  type ListOptions,
} from './alert-store.js';
export { type AlertStoreKeys, alertStoreKeys } from './keys.js';
export { decodeRecord, encodeAlert, formatRecord, type StoredRecord } from './record-codec.js';
export { RedisScript } from './redis-script.js';
