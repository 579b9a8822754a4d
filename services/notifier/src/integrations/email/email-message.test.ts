import type { EmailConfig } from '@tocsin/config';
import { GO_ZERO_TIME_MS } from '@tocsin/model';
import { Templates, templateData } from '@tocsin/templates';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { buildEmailMessage, rfc1123z } from './email-message.js';

const templates = Templates.fromFiles([]);
const data = templateData({
  receiver: 'ops',
  groupLabels: { alertname: 'Down' },
  reason: 'first notification',
  externalUrl: 'http://am.example',
  alerts: [
    {
      fingerprint: '0123456789abcdef',
      status: 'firing',
      labels: { alertname: 'Down', job: 'api' },
      annotations: {},
      startsAt: Date.UTC(2024, 0, 1),
      endsAt: GO_ZERO_TIME_MS,
      generatorURL: '',
    },
  ],
});
const config = (over: Partial<EmailConfig> = {}): EmailConfig => ({
  send_resolved: false,
  to: 'a@example.org',
  from: 'am@example.org',
  headers: {},
  html: '',
  text: 'plain',
  threading: { enabled: false },
  ...over,
});
const ctx = {
  groupKey: '{}:{alertname="Down"}',
  hostname: 'host.test',
  now: new Date(Date.UTC(2024, 4, 1, 12)),
};

describe('buildEmailMessage', () => {
  it('threads by group key and day when threading is enabled', () => {
    const { raw } = buildEmailMessage(
      config({ threading: { enabled: true, thread_by_date: 'daily' } }),
      templates,
      data,
      ctx,
    );
    const references = /^References: (<alert-[0-9a-f]{16}-\d{4}-\d{2}-\d{2}@alertmanager>)\r$/m.exec(
      raw,
    )?.[1];
    expect(references).toBeDefined();
    expect(raw).toContain(`In-Reply-To: ${references}\r\n`);
    const undated = buildEmailMessage(
      config({ threading: { enabled: true, thread_by_date: 'none' } }),
      templates,
      data,
      ctx,
    );
    expect(undated.raw).toMatch(/^References: <alert-[0-9a-f]{16}-@alertmanager>\r$/m);
    expect(buildEmailMessage(config(), templates, data, ctx).raw).not.toContain('References:');
  });

  it('keeps a configured Message-Id and leaves out the parts whose template is empty', async () => {
    const { raw } = buildEmailMessage(
      config({ headers: { 'Message-Id': '<fixed@x>' } }),
      templates,
      data,
      ctx,
    );
    expect(raw.match(/^Message-Id: /gm)).toHaveLength(1);
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe('<fixed@x>');
    expect(parsed.text).toBe('plain');
    expect(parsed.html).toBe(false);
    expect(parsed.subject).toBe('[FIRING:1] Down (api)');
  });

  it('needs exactly one from address and valid to addresses', () => {
    const fails = (c: EmailConfig, message: string) => {
      let err: unknown;
      try {
        buildEmailMessage(c, templates, data, ctx);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UnrecoverableNotifyError);
      expect((err as Error).message).toContain(message);
    };
    fails(config({ from: 'a@example.org, b@example.org' }), "must be exactly one 'from' address (got: 2)");
    fails(config({ to: 'not an address' }), "parse 'to' addresses");
    fails(config({ to: '{{ .Nope' }), "execute 'to' template");
  });

  it("formats Date as Go's RFC1123Z", () => {
    expect(rfc1123z(new Date(2024, 0, 2, 3, 4, 5))).toMatch(/^Tue, 02 Jan 2024 03:04:05 [+-]\d{4}$/);
  });
});
