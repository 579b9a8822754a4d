export { matchersToString } from './canonical.js';
export { MatcherError, MatcherParseError } from './errors.js';
export { isClassicLabelName, matchersFromLegacy } from './legacy.js';
export { type ApiMatcher, Matcher, type MatchType } from './matcher.js';
export { compareMatchers, matchesLabels, sortMatchers } from './matcher-list.js';
export { type ParseMode, type ParseOptions, parseMatcher, parseMatchers } from './modes.js';
