import type { GlobalConfig } from '../global.js';
import type { GoDuration } from '../yaml/go-duration.js';
import { goDurationField, optionalString, secretField, uintField, urlField } from '../yaml/go-fields.js';
import type { Secret, YamlObject } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

export interface IncidentioConfig extends HttpNotifierConfig {
  url?: string;
  url_file?: string;
  alert_source_token?: Secret;
  alert_source_token_file?: string;
  max_alerts: number;
  timeout?: GoDuration;
}

export function readIncidentioConfig(obj: YamlObject): IncidentioConfig {
  const c: IncidentioConfig = {
    ...readHttpNotifier(obj, true),
    url: urlField(obj, 'url'),
    url_file: optionalString(obj, 'url_file'),
    alert_source_token: secretField(obj, 'alert_source_token'),
    alert_source_token_file: optionalString(obj, 'alert_source_token_file'),
    max_alerts: uintField(obj, 'max_alerts') ?? 0,
    timeout: goDurationField(obj, 'timeout'),
  };
  obj.finish('incidentio.plain');
  const fail = (message: string) => obj.error('', message);
  const token = c.alert_source_token !== undefined || c.alert_source_token_file !== undefined;
  if (c.url === undefined && !c.url_file) throw fail('one of url or url_file must be configured');
  if (c.url !== undefined && c.url_file) throw fail('at most one of url & url_file must be configured');
  if (c.alert_source_token && c.alert_source_token_file) {
    throw fail('at most one of alert_source_token & alert_source_token_file must be configured');
  }
  if (c.http_config?.authorization && token) {
    throw fail(
      'cannot specify alert_source_token or alert_source_token_file when using http_config.authorization',
    );
  }
  // Only checked when an http_config is written here: without one, nothing is required yet.
  if (c.http_config && !c.http_config.authorization && !token) {
    throw fail(
      'at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured',
    );
  }
  return c;
}

export function resolveIncidentioConfig(c: IncidentioConfig, global: GlobalConfig): IncidentioConfig {
  return inheritHttpConfig(c, global);
}
