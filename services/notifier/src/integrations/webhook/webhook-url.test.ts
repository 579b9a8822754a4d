import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Secret, type WebhookConfig } from '@tocsin/config';
import { Templates, templateData } from '@tocsin/templates';
import { describe, expect, it } from 'vitest';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { webhookUrl } from './webhook-url.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tocsin-url-'));
const config = (over: Partial<WebhookConfig>): WebhookConfig => ({
  send_resolved: true,
  max_alerts: 0,
  ...over,
});
const templates = Templates.fromFiles([]);
const data = templateData({
  receiver: 'team.a',
  groupLabels: { alertname: 'Disk Full' },
  reason: 'first notification',
  externalUrl: 'http://am.example',
  alerts: [],
});
const render = (text: string) => templates.executeText(text, data);

describe('webhookUrl', () => {
  it('takes url, or url_file trimmed and read at each call', async () => {
    expect(await webhookUrl(config({ url: new Secret('http://a.example/x') }), render)).toBe(
      'http://a.example/x',
    );
    const file = path.join(dir, 'url');
    writeFileSync(file, 'http://b.example/1\n');
    expect(await webhookUrl(config({ url_file: file }), render)).toBe('http://b.example/1');
    writeFileSync(file, 'http://b.example/2');
    expect(await webhookUrl(config({ url_file: file }), render)).toBe('http://b.example/2');
  });

  it('renders url and url_file as templates, as Alertmanager 0.31+ does', async () => {
    const url = 'http://a.example/{{ .GroupLabels.alertname | urlquery }}?r={{ .Receiver }}';
    expect(await webhookUrl(config({ url: new Secret(url) }), render)).toBe(
      'http://a.example/Disk+Full?r=team\\.a',
    );
    const file = path.join(dir, 'templated');
    writeFileSync(file, `  ${url}\n`);
    expect(await webhookUrl(config({ url_file: file }), render)).toBe(
      'http://a.example/Disk+Full?r=team\\.a',
    );
  });

  it.each([
    [
      config({ url: new Secret('http://a.example/{{ template "nope" . }}/SECRET') }),
      'failed to template webhook URL',
    ],
    [
      config({ url: new Secret('{{ if false }}http://a.example/SECRET{{ end }}') }),
      'webhook URL is empty after templating',
    ],
    [config({ url_file: path.join(dir, 'missing') }), 'read url_file: ENOENT'],
    [config({ url: new Secret('ftp://a.example/SECRET') }), 'unsupported scheme "ftp" for URL'],
    [config({ url: new Secret('::SECRET') }), 'webhook URL is not a valid URL'],
  ])('fails %# for good, without the URL in the message', async (c, message) => {
    const err = await webhookUrl(c, render).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnrecoverableNotifyError);
    expect((err as Error).message).toContain(message);
    expect((err as Error).message).not.toContain('SECRET');
  });
});
