export { goQuote } from '@tocsin/go-syntax';
export { type Alert, activityOverlaps, alertMerge, isResolved, mergeAlerts } from './alert.js';
export type {
  AlertGroup,
  AlertState,
  AlertStatus,
  ApiErrorBody,
  ApiMatcher,
  GettableAlert,
  GettableSilence,
  PostableAlert,
  PostableSilence,
  ReceiverReference,
  SilenceState,
} from './api-types.js';
export { fingerprint } from './fingerprint.js';
export { type AlertStatusInput, toGettableAlert } from './gettable.js';
export { goTimeQuote } from './go-quote.js';
export {
  compareCodePoints,
  isValidLabelName,
  isValidLabelValue,
  isValidUtf8,
  type LabelNameMode,
  type LabelSet,
  removeEmptyLabels,
  replaceLoneSurrogates,
  setLabel,
  sortedLabelSet,
  sortLabelNames,
  validateLabelSet,
} from './labels.js';
export {
  type AlertError,
  type AlertErrorKind,
  type AlertOptions,
  alertFromPostable,
  type PostAlertsOutcome,
  processPostAlerts,
} from './post-alerts.js';
export {
  formatApiTime,
  formatGoTime,
  GO_ZERO_TIME_MS,
  isZeroTime,
  parseApiTime,
  utcMillis,
} from './time.js';
export { isRequestUri } from './uri.js';
