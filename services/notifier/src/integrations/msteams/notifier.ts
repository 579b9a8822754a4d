import type { MSTeamsConfig } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { encodeGoJson } from '../../go-json.js';
import { checkStatus } from '../../http/check-status.js';
import { HttpClient } from '../../http/http-client.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import type { CurrentTemplates } from '../../notifier-templates.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { readSecretFile } from '../../secret-file.js';
import { buildMessageCard } from './msteams-message.js';

/**
 * Alertmanager's Microsoft Teams notifier (0.26+): a MessageCard (title, summary, text, theme
 * colour by status) POSTed to an Office 365 connector webhook (`webhook_url` or
 * `webhook_url_file`). 2xx is success, 5xx is retried, other statuses fail at once; a 429 (Teams
 * throttles connectors) waits for Retry-After.
 */
export class MSTeamsNotifier implements Notifier<'msteams'> {
  readonly type = 'msteams';

  constructor(
    private readonly templates: CurrentTemplates,
    private readonly http: HttpClient = new HttpClient(),
  ) {}

  async send(n: NotifyJobData, config: MSTeamsConfig, ctx: NotifyContext): Promise<void> {
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    const card = buildMessageCard(
      config,
      text,
      n.alerts.some((a) => a.status === 'firing'),
    );
    const url = config.webhook_url
      ? config.webhook_url.reveal()
      : config.webhook_url_file
        ? await readSecretFile('webhook_url_file', config.webhook_url_file)
        : '';
    if (url === '')
      throw new UnrecoverableNotifyError('msteams config has neither webhook_url nor webhook_url_file');
    const res = await this.http.post({
      url,
      body: encodeGoJson(card),
      contentType: 'application/json',
      httpConfig: config.http_config,
      signal: ctx.signal,
      timeoutMs: ctx.timeoutMs,
    });
    checkStatus(res);
  }

  configChanged(): void {
    this.http.configChanged();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
