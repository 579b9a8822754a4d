export { type IntegrationRef, type IntegrationStatus, ReceiverStatus } from './receiver-status.js';
