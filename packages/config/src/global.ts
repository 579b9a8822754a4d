import {
  defaultHttpConfig,
  type HttpClientConfig,
  readHttpConfig,
  readTlsConfig,
  type TlsConfig,
} from './http-config.js';
import { boolOr, optionalString, secretField, secretUrlField, stringOr, urlField } from './yaml/go-fields.js';
import { HostPort, parseHostPort } from './yaml/host-port.js';
import { configError, Duration, Secret, type YamlObject } from './yaml/index.js';

export { HostPort };

/**
 * Alertmanager's `global` section: defaults shared by every receiver. Unset per-integration
 * fields fall back to these (see `receivers/`).
 */
export interface GlobalConfig {
  resolve_timeout: Duration;
  http_config: HttpClientConfig;
  jira_api_url?: string;
  smtp_from?: string;
  smtp_hello: string;
  smtp_smarthost?: HostPort;
  smtp_auth_username?: string;
  smtp_auth_password?: Secret;
  smtp_auth_password_file?: string;
  smtp_auth_secret?: Secret;
  smtp_auth_secret_file?: string;
  smtp_auth_identity?: string;
  smtp_require_tls: boolean;
  smtp_tls_config?: TlsConfig;
  smtp_force_implicit_tls?: boolean;
  slack_api_url?: Secret;
  slack_api_url_file?: string;
  slack_app_token?: Secret;
  slack_app_token_file?: string;
  slack_app_url?: string;
  pagerduty_url?: string;
  opsgenie_api_url?: string;
  opsgenie_api_key?: Secret;
  opsgenie_api_key_file?: string;
  wechat_api_url?: string;
  wechat_api_secret?: Secret;
  wechat_api_secret_file?: string;
  wechat_api_corp_id?: string;
  victorops_api_url?: string;
  victorops_api_key?: Secret;
  victorops_api_key_file?: string;
  telegram_api_url?: string;
  telegram_bot_token?: Secret;
  telegram_bot_token_file?: string;
  webex_api_url?: string;
  rocketchat_api_url?: string;
  rocketchat_token?: Secret;
  rocketchat_token_file?: string;
  rocketchat_token_id?: Secret;
  rocketchat_token_id_file?: string;
  mattermost_webhook_url?: Secret;
  mattermost_webhook_url_file?: string;
}

const DEFAULT_URLS = {
  pagerduty_url: 'https://events.pagerduty.com/v2/enqueue',
  opsgenie_api_url: 'https://api.opsgenie.com/',
  wechat_api_url: 'https://qyapi.weixin.qq.com/cgi-bin/',
  victorops_api_url: 'https://alert.victorops.com/integrations/generic/20131114/alert/',
  telegram_api_url: 'https://api.telegram.org',
  webex_api_url: 'https://webexapis.com/v1/messages',
  rocketchat_api_url: 'https://open.rocket.chat/',
  slack_app_url: 'https://slack.com/api/chat.postMessage',
} as const;

/** `DefaultGlobalConfig()`: what a file without `global` (or with an empty one) gets. */
export function defaultGlobal(): GlobalConfig {
  return {
    resolve_timeout: new Duration(5 * 60 * 1000),
    http_config: defaultHttpConfig(),
    smtp_hello: 'localhost',
    smtp_require_tls: true,
    smtp_tls_config: { insecure_skip_verify: false },
    ...DEFAULT_URLS,
  };
}

type FieldReader = (obj: YamlObject, key: string) => unknown;

// An explicit null resets a field to Go's zero value (a URL with a default becomes unset).
const optionalUrl: FieldReader = (obj, key) => urlField(obj, key);
const rocketchatSecret: FieldReader = (obj, key) => {
  // `*Secret` in Go: any non-null value, even '', counts as set.
  const v = obj.value(key);
  return v.isNull ? undefined : new Secret(v.asString());
};

const FIELDS: Record<keyof GlobalConfig, FieldReader> = {
  resolve_timeout: (obj, key) => (obj.value(key).isNull ? new Duration(0) : obj.duration(key)),
  http_config: (obj, key) => {
    const o = obj.object(key);
    return o ? readHttpConfig(o) : defaultHttpConfig();
  },
  jira_api_url: optionalUrl,
  smtp_from: optionalString,
  smtp_hello: (obj, key) => stringOr(obj, key, 'localhost'),
  smtp_smarthost: (obj, key) => {
    const v = obj.value(key);
    try {
      return parseHostPort(v.asString());
    } catch (err) {
      throw v.error((err as Error).message);
    }
  },
  smtp_auth_username: optionalString,
  smtp_auth_password: secretField,
  smtp_auth_password_file: optionalString,
  smtp_auth_secret: secretField,
  smtp_auth_secret_file: optionalString,
  smtp_auth_identity: optionalString,
  smtp_require_tls: (obj, key) => boolOr(obj, key, true),
  smtp_tls_config: (obj, key) => {
    const v = obj.value(key);
    if (v.node === null) return { insecure_skip_verify: false };
    const o = v.asObject();
    return o ? readTlsConfig(o) : undefined;
  },
  smtp_force_implicit_tls: (obj, key) => obj.bool(key),
  slack_api_url: secretUrlField,
  slack_api_url_file: optionalString,
  slack_app_token: secretField,
  slack_app_token_file: optionalString,
  slack_app_url: optionalUrl,
  pagerduty_url: optionalUrl,
  opsgenie_api_url: optionalUrl,
  opsgenie_api_key: secretField,
  opsgenie_api_key_file: optionalString,
  wechat_api_url: optionalUrl,
  wechat_api_secret: secretField,
  wechat_api_secret_file: optionalString,
  wechat_api_corp_id: optionalString,
  victorops_api_url: optionalUrl,
  victorops_api_key: secretField,
  victorops_api_key_file: optionalString,
  telegram_api_url: optionalUrl,
  telegram_bot_token: secretField,
  telegram_bot_token_file: optionalString,
  webex_api_url: optionalUrl,
  rocketchat_api_url: optionalUrl,
  rocketchat_token: rocketchatSecret,
  rocketchat_token_file: optionalString,
  rocketchat_token_id: rocketchatSecret,
  rocketchat_token_id_file: optionalString,
  mattermost_webhook_url: secretUrlField,
  mattermost_webhook_url_file: optionalString,
};

/** Reads and checks `global`; `undefined` (no block, or `global:` left empty) gives the defaults. */
export function readGlobal(obj: YamlObject | undefined): GlobalConfig {
  const global = parseGlobal(obj);
  checkGlobal(global);
  return global;
}

/**
 * Only what Alertmanager checks while unmarshalling `global` (URLs, smarthost, TLS, HTTP
 * config), field by field in file order as Go's decoder meets them. The pairwise rules are
 * `checkGlobal`'s, which upstream runs after the whole file is read.
 */
export function parseGlobal(obj: YamlObject | undefined): GlobalConfig {
  const global = defaultGlobal();
  if (!obj) return global;
  const out = global as unknown as Record<string, unknown>;
  const known = Object.keys(FIELDS) as (keyof GlobalConfig)[];
  const written = obj.keys().filter((k): k is keyof GlobalConfig => k in FIELDS);
  for (const key of written) {
    const value = FIELDS[key](obj, key);
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  for (const key of known) obj.accept(key);
  obj.finish('config.plain');
  return global;
}

/** The value/file exclusions upstream checks on `global` before it looks at receivers. */
export function checkGlobal(g: GlobalConfig): void {
  const fail = (message: string) => configError('global', message);
  const both = (a: unknown, b: unknown) => a !== undefined && b !== undefined;
  if (both(g.slack_app_token, g.slack_app_token_file)) {
    throw fail('at most one of slack_app_token & slack_app_token_file must be configured');
  }
  if (both(g.slack_api_url, g.slack_api_url_file)) {
    throw fail('at most one of slack_api_url & slack_api_url_file must be configured');
  }
  const appToken = g.slack_app_token !== undefined || g.slack_app_token_file !== undefined;
  const apiUrl = g.slack_api_url !== undefined || g.slack_api_url_file !== undefined;
  // Tolerated: slack_api_url set to the app URL itself (the old bearer-token workaround).
  if (appToken && apiUrl && g.slack_api_url?.reveal() !== (g.slack_app_url ?? '')) {
    throw fail(
      'at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured',
    );
  }
  const pairs = [
    ['opsgenie_api_key', 'opsgenie_api_key_file'],
    ['victorops_api_key', 'victorops_api_key_file'],
    ['telegram_bot_token', 'telegram_bot_token_file'],
    ['smtp_auth_password', 'smtp_auth_password_file'],
    ['rocketchat_token', 'rocketchat_token_file'],
    ['rocketchat_token_id', 'rocketchat_token_id_file'],
    ['smtp_auth_secret', 'smtp_auth_secret_file'],
    ['wechat_api_secret', 'wechat_api_secret_file'],
    ['mattermost_webhook_url', 'mattermost_webhook_url_file'],
  ] as const;
  for (const [value, file] of pairs) {
    if (both(g[value], g[file])) throw fail(`at most one of ${value} & ${file} must be configured`);
  }
}
