import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Secret, type WebhookConfig } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { webhookUrl } from './webhook-url.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-url-'));
const config = (over: Partial<WebhookConfig>): WebhookConfig => ({
  send_resolved: true,
  max_alerts: 0,
  ...over,
});

describe('webhookUrl', () => {
  it('takes url, or url_file trimmed and read at each call', async () => {
    expect(await webhookUrl(config({ url: new Secret('http://a.example/x') }))).toBe('http://a.example/x');
    const file = path.join(dir, 'url');
    writeFileSync(file, 'http://b.example/1\n');
    expect(await webhookUrl(config({ url_file: file }))).toBe('http://b.example/1');
    writeFileSync(file, 'http://b.example/2');
    expect(await webhookUrl(config({ url_file: file }))).toBe('http://b.example/2');
  });

  it.each([
    [
      config({ url: new Secret('http://a.example/{{ .GroupLabels.alertname }}/SECRET') }),
      'templated webhook URLs are not supported yet',
    ],
    [config({ url_file: path.join(dir, 'missing') }), 'read url_file: ENOENT'],
    [config({ url: new Secret('ftp://a.example/SECRET') }), 'unsupported scheme "ftp" for URL'],
    [config({ url: new Secret('::SECRET') }), 'webhook URL is not a valid URL'],
  ])('fails %# for good, without the URL in the message', async (c, message) => {
    const err = await webhookUrl(c).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableNotifyError);
    expect((err as Error).message).toContain(message);
    expect((err as Error).message).not.toContain('SECRET');
  });
});
