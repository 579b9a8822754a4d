import type { GlobalConfig } from '../global.js';
import type { GoDuration } from '../yaml/go-duration.js';
import { goDurationField, optionalString, uintField } from '../yaml/go-fields.js';
import { checkGoUrlSyntax } from '../yaml/go-url.js';
import { checkHttpUrl, Secret, type YamlObject } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';
import { containsTemplating } from './template-syntax.js';

export interface WebhookConfig extends HttpNotifierConfig {
  /** A secret and, since 0.31, a Go template rendered per notification. */
  url?: Secret;
  url_file?: string;
  /** 0: all alerts; otherwise the surplus is dropped and counted. */
  max_alerts: number;
  /** 0: no timeout of its own. */
  timeout?: GoDuration;
  /** ≥0.32: a map whose string leaves are templates; replaces the v4 body. */
  payload?: unknown;
}

export function readWebhookConfig(obj: YamlObject): WebhookConfig {
  const c: WebhookConfig = {
    ...readHttpNotifier(obj, true),
    url: templateUrl(obj, 'url'),
    url_file: optionalString(obj, 'url_file'),
    max_alerts: uintField(obj, 'max_alerts') ?? 0,
    timeout: goDurationField(obj, 'timeout'),
  };
  const payload = obj.value('payload');
  if (!payload.isNull) c.payload = payload.toJS();
  obj.finish('webhook.plain');
  if (!c.url && !c.url_file) throw obj.error('', 'one of url or url_file must be configured');
  if (c.url && c.url_file) throw obj.error('', 'at most one of url & url_file must be configured');
  return c;
}

export function resolveWebhookConfig(c: WebhookConfig, global: GlobalConfig): WebhookConfig {
  return inheritHttpConfig(c, global);
}

/**
 * Upstream's `SecretTemplateURL`: a templated value must parse as a template and is not checked
 * as a URL; any other value must be an http(s) URL. `<secret>` (a masked dump) is kept as set.
 */
function templateUrl(obj: YamlObject, key: string): Secret | undefined {
  const v = obj.value(key);
  const text = v.asString();
  if (text === '') return undefined;
  if (text !== Secret.MASK) {
    let templated: boolean;
    try {
      templated = containsTemplating(text);
    } catch (err) {
      throw v.error(`invalid template syntax: ${(err as Error).message}`);
    }
    if (!templated) {
      try {
        checkGoUrlSyntax(text);
        checkHttpUrl(text);
      } catch (err) {
        throw v.error(`invalid URL: ${(err as Error).message}`);
      }
    }
  }
  return new Secret(text);
}
