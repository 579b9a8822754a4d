import type { GlobalConfig } from '../global.js';
import { canonicalHeaderKey, type TlsConfig, tlsConfigField } from '../http-config.js';
import { optionalString, secretField, stringOr } from '../yaml/go-fields.js';
import { type HostPort, parseHostPort } from '../yaml/host-port.js';
import { configError, type Secret, type YamlObject } from '../yaml/index.js';
import { type NotifierConfig, readNotifier } from './notifier-config.js';

export interface EmailThreading {
  enabled: boolean;
  /** `daily` or `none`; required when enabled. */
  thread_by_date?: string;
}

export interface EmailConfig extends NotifierConfig {
  /** Template; a comma-separated address list, parsed only when sending. */
  to: string;
  from?: string;
  hello?: string;
  smarthost?: HostPort;
  auth_username?: string;
  auth_password?: Secret;
  auth_password_file?: string;
  auth_secret?: Secret;
  auth_secret_file?: string;
  auth_identity?: string;
  /** Canonical header names (`X-Custom-Header`) to templates. */
  headers: Record<string, string>;
  html: string;
  text: string;
  require_tls?: boolean;
  tls_config?: TlsConfig;
  /** Unset: implicit TLS exactly when the port is 465. */
  force_implicit_tls?: boolean;
  threading: EmailThreading;
}

export function readEmailConfig(obj: YamlObject): EmailConfig {
  const c: EmailConfig = {
    ...readNotifier(obj, false),
    to: obj.string('to') ?? '',
    from: optionalString(obj, 'from'),
    hello: optionalString(obj, 'hello'),
    smarthost: smarthost(obj, 'smarthost'),
    auth_username: optionalString(obj, 'auth_username'),
    auth_password: secretField(obj, 'auth_password'),
    auth_password_file: optionalString(obj, 'auth_password_file'),
    auth_secret: secretField(obj, 'auth_secret'),
    auth_secret_file: optionalString(obj, 'auth_secret_file'),
    auth_identity: optionalString(obj, 'auth_identity'),
    headers: obj.stringMap('headers') ?? {},
    html: stringOr(obj, 'html', '{{ template "email.default.html" . }}'),
    text: obj.string('text') ?? '',
    require_tls: obj.bool('require_tls'),
    tls_config: tlsConfigField(obj, 'tls_config'),
    force_implicit_tls: obj.bool('force_implicit_tls'),
    threading: threading(obj),
  };
  obj.finish('config.plain');
  if (c.to === '') throw obj.error('', 'missing to address in email config');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.headers)) {
    const canonical = canonicalHeaderKey(name);
    if (canonical in headers)
      throw obj.error('', `duplicate header ${JSON.stringify(canonical)} in email config`);
    headers[canonical] = value;
  }
  c.headers = headers;
  if (c.threading.enabled) {
    for (const h of ['References', 'In-Reply-To']) {
      if (h in headers) {
        throw obj.error('', `conflicting configuration: threading.enabled conflicts with custom ${h} header`);
      }
    }
    if (c.threading.thread_by_date !== 'none' && c.threading.thread_by_date !== 'daily') {
      throw obj.error('', "threading.thread_by_date must be either 'none' or 'daily'");
    }
  }
  return c;
}

/** Fills the SMTP settings from `global`; a config still without smarthost or from is an error. */
export function resolveEmailConfig(c: EmailConfig, global: GlobalConfig, path: string): EmailConfig {
  if (c.tls_config === undefined) c.tls_config = global.smtp_tls_config;
  c.smarthost ??= global.smtp_smarthost;
  if (!c.smarthost) throw configError(path, 'no global SMTP smarthost set');
  c.from ??= global.smtp_from;
  if (!c.from) throw configError(path, 'no global SMTP from set');
  c.hello ||= global.smtp_hello || undefined;
  c.auth_username ??= global.smtp_auth_username;
  // Password and its file come from global together, and only when neither is set here.
  if (!c.auth_password && !c.auth_password_file) {
    c.auth_password = global.smtp_auth_password;
    c.auth_password_file = global.smtp_auth_password_file;
  }
  c.auth_secret ??= global.smtp_auth_secret;
  c.auth_secret_file ??= global.smtp_auth_secret_file;
  c.auth_identity ??= global.smtp_auth_identity;
  c.require_tls ??= global.smtp_require_tls;
  c.force_implicit_tls ??= global.smtp_force_implicit_tls;
  return c;
}

function smarthost(obj: YamlObject, key: string): HostPort | undefined {
  const v = obj.value(key);
  try {
    return parseHostPort(v.asString());
  } catch (err) {
    throw v.error((err as Error).message);
  }
}

function threading(obj: YamlObject): EmailThreading {
  const t = obj.object('threading');
  if (!t) return { enabled: false };
  const out: EmailThreading = {
    enabled: t.bool('enabled') ?? false,
    thread_by_date: optionalString(t, 'thread_by_date'),
  };
  t.finish('config.ThreadingConfig');
  return out;
}
