/**
 * A config that cannot be loaded. The message names the field (as a YAML path such as
 * `receivers[0].email_configs[0].to`) and the problem, in Alertmanager's words where it has them.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Prefixes a message with the field path it is about. */
export function configError(path: string, message: string): ConfigError {
  return new ConfigError(path ? `${path}: ${message}` : message);
}
