export { ConfigError, configError } from './config-error.js';
export { Duration, formatDuration, parseDuration } from './duration.js';
export { Secret } from './secret.js';
export { checkHttpUrl } from './url.js';
export { YamlObject, YamlValue } from './yaml-object.js';
