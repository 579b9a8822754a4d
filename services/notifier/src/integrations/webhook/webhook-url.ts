import type { WebhookConfig } from '@tocsin/config';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { secretOrFile } from '../../secret-file.js';

/**
 * The URL to post to, as Alertmanager 0.34 finds it: `url`, or the trimmed contents of
 * `url_file` read at send time (so a rotated file is picked up), then rendered as a Go template
 * with the notification's data. Messages never contain the URL: it is a secret.
 */
export async function webhookUrl(config: WebhookConfig, render: (text: string) => string): Promise<string> {
  if (!config.url && !config.url_file) {
    throw new UnrecoverableNotifyError('webhook config has neither url nor url_file');
  }
  const raw = await secretOrFile(config.url, config.url_file, 'url_file');
  let url: string;
  try {
    url = render(raw);
  } catch (err) {
    throw new UnrecoverableNotifyError(
      `failed to template webhook URL: ${(err as Error)?.message ?? String(err)}`,
    );
  }
  if (url === '') throw new UnrecoverableNotifyError('webhook URL is empty after templating');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UnrecoverableNotifyError('webhook URL is not a valid URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UnrecoverableNotifyError(
      `unsupported scheme ${JSON.stringify(parsed.protocol.slice(0, -1))} for URL`,
    );
  }
  return url;
}
