export { type DeadLetter, deadLetterOf, type FinalFailure } from './dead-letter.js';
export { DeadLetters, type Replayed } from './dead-letters.js';
export { registerDeadLettersGauge } from './dead-letters-gauge.js';
