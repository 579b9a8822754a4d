import { readFile } from 'node:fs/promises';
import type { WebhookConfig } from '@tocsin/config';
import { UnrecoverableNotifyError } from '../../notify-errors.js';

/**
 * The URL to post to: `url`, or the trimmed contents of `url_file` read at send time (so a
 * rotated file is picked up). Go templates in URLs need the template engine, which Tocsin does
 * not have yet: such a URL fails the notification with a clear message instead of posting to a
 * literal `{{ ... }}`. Messages never contain the URL: it is a secret.
 */
export async function webhookUrl(config: WebhookConfig): Promise<string> {
  let url: string;
  if (config.url) {
    url = config.url.reveal();
  } else if (config.url_file) {
    try {
      url = (await readFile(config.url_file, 'utf8')).trim();
    } catch (err) {
      throw new UnrecoverableNotifyError(`read url_file: ${(err as NodeJS.ErrnoException).message}`);
    }
  } else {
    throw new UnrecoverableNotifyError('webhook config has neither url nor url_file');
  }
  if (url.includes('{{')) {
    throw new UnrecoverableNotifyError(
      'templated webhook URLs are not supported yet (the url contains "{{"); use a literal URL',
    );
  }
  if (url === '') throw new UnrecoverableNotifyError('webhook URL is empty');
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
