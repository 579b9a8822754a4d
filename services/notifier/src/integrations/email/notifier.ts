import { hostname } from 'node:os';
import type { EmailConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { tlsOptions } from '../../http/tls-options.js';
import { notificationData } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import type { CurrentTemplates } from '../../notifier-templates.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { buildEmailMessage } from './email-message.js';
import { smtpCredentials } from './smtp-auth.js';
import { SmtpPool, type SmtpTarget } from './smtp-pool.js';

/**
 * Alertmanager's email notifier on nodemailer: connects to `smarthost` (implicit TLS on port 465
 * or with `force_implicit_tls`, STARTTLS when `require_tls`), authenticates when
 * `auth_username` is set and the server offers AUTH, and sends the rendered message. A 5xx
 * reply fails the notification, a 4xx reply or a lost connection is retried.
 */
export class EmailNotifier implements Notifier<'email'> {
  readonly type = 'email';
  private readonly pool = new SmtpPool();
  private readonly host = hostname() || 'localhost.localdomain';

  constructor(private readonly templates: CurrentTemplates) {}

  async send(n: NotifyJobData, config: EmailConfig, ctx: NotifyContext): Promise<void> {
    const message = buildEmailMessage(config, this.templates.current, notificationData(n, ctx), {
      groupKey: n.groupKey,
      hostname: this.host,
      now: new Date(),
    });
    const target = await smtpTarget(config);
    await this.pool.send(target, {
      ...message,
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(ctx.timeoutMs)]),
      timeoutMs: ctx.timeoutMs,
    });
  }

  configChanged(): void {
    this.pool.clear();
  }

  async close(): Promise<void> {
    this.pool.clear();
  }
}

async function smtpTarget(config: EmailConfig): Promise<SmtpTarget> {
  const smarthost = config.smarthost;
  if (!smarthost) throw new UnrecoverableNotifyError('no SMTP smarthost set');
  const port = Number(smarthost.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new UnrecoverableNotifyError(`invalid smarthost port ${JSON.stringify(smarthost.port)}`);
  }
  const tls = await tlsOptions(config.tls_config);
  return {
    host: smarthost.host,
    port,
    implicitTls: config.force_implicit_tls ?? smarthost.port === '465',
    // Alertmanager's global default is true.
    requireTls: config.require_tls ?? true,
    hello: config.hello || 'localhost',
    tls,
    credentials: await smtpCredentials(config),
  };
}
