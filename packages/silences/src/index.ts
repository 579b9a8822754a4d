export {
  SilenceError,
  SilenceInternalError,
  SilenceNotFoundError,
  SilenceParseError,
  SilenceSchemaError,
  SilenceValidationError,
} from './errors.js';
export { type SilenceKeys, silenceKeys, silencesChangedChannel } from './keys.js';
export { type DecodedMatcher, type DecodedSilence, decodePostableSilence } from './silence-body.js';
export {
  canUpdate,
  compareForList,
  expiredRecord,
  matchesFilter,
  type SilenceDraft,
  type SilenceRecord,
  type SilenceState,
  type StoredMatcher,
  silenceState,
  toGettable,
} from './silence-state.js';
export { matchTypeOf, validateMatcher, validatePostable, validateSilence } from './silence-validation.js';
export { DEFAULT_RETENTION_MS, type ListOptions, Silences, type SilencesOptions } from './silences.js';
