import type { MSTeamsV2Config } from '@tocsin/config';
import type { NotifyJobData } from '@tocsin/queues';
import { encodeGoJson } from '../../go-json.js';
import { checkStatus } from '../../http/check-status.js';
import { HttpClient } from '../../http/http-client.js';
import { notificationData, textRenderer } from '../../notification-renderer.js';
import type { Notifier, NotifyContext } from '../../notifier.js';
import type { CurrentTemplates } from '../../notifier-templates.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { readSecretFile } from '../../secret-file.js';
import { buildAdaptiveCardMessage } from './adaptive-card.js';

/**
 * Alertmanager's msteamsv2 notifier (0.28+), for Teams' Workflows (Power Automate) webhooks: a
 * `message` with one Adaptive Card attachment (the title as a coloured heading, the text below)
 * POSTed to `webhook_url` or `webhook_url_file`. 2xx is success, 5xx is retried, other statuses
 * fail at once; a 429 waits for Retry-After.
 */
export class MSTeamsV2Notifier implements Notifier<'msteamsv2'> {
  readonly type = 'msteamsv2';

  constructor(
    private readonly templates: CurrentTemplates,
    private readonly http: HttpClient = new HttpClient(),
  ) {}

  async send(n: NotifyJobData, config: MSTeamsV2Config, ctx: NotifyContext): Promise<void> {
    const text = textRenderer(this.templates.current, notificationData(n, ctx));
    const message = buildAdaptiveCardMessage(
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
      throw new UnrecoverableNotifyError('msteamsv2 config has neither webhook_url nor webhook_url_file');
    const res = await this.http.post({
      url,
      body: encodeGoJson(message),
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
