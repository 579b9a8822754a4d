export {
  type Attempt,
  type IntegrationRef,
  type IntegrationStatus,
  NEVER_ATTEMPTED,
  ReceiverStatus,
  type ReceiverStatusOptions,
} from './receiver-status.js';
