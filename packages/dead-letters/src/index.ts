export { type DeadLetter, deadLetterId, deadLetterOf, type FinalFailure } from './dead-letter.js';
export {
  DEFAULT_DEAD_LETTER_RETENTION_MS,
  type DeadLetterFilter,
  DeadLetters,
  type DeadLettersOptions,
  type Replayed,
} from './dead-letters.js';
export { registerDeadLettersGauge } from './dead-letters-gauge.js';
export { type DeadLetterKeys, deadLetterKeys } from './keys.js';
