import { randomBytes } from 'node:crypto';
import type { EmailConfig } from '@tocsin/config';
import type { TemplateData } from '@tocsin/templates';
import addressparser from 'nodemailer/lib/addressparser';
import { groupKeyHash } from '../../group-key-hash.js';
import { renderOrFail, type TemplateRenderer } from '../../notifier-templates.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { qEncodeHeader, quotedPrintable } from './go-mime.js';

export interface EmailMessage {
  /** The envelope sender: the one address of `from`. */
  from: string;
  /** The envelope recipients: every address of `to`. */
  to: string[];
  /** The whole message as sent after DATA, CRLF line ends. */
  raw: string;
}

export interface MessageContext {
  groupKey: string;
  /** Names the host in generated Message-Ids. */
  hostname: string;
  now: Date;
}

const DEFAULT_SUBJECT = '{{ template "email.default.subject" . }}';

/**
 * Alertmanager's email: the configured headers (Subject, To and From by default) rendered and
 * Q-encoded, a Message-Id unless one is configured, threading headers when enabled, then a
 * multipart/alternative body with the text part (when `text` is set) before the HTML part
 * (when `html` is set), each quoted-printable. Template errors fail the notification.
 */
export function buildEmailMessage(
  config: EmailConfig,
  templates: TemplateRenderer,
  data: TemplateData,
  ctx: MessageContext,
): EmailMessage {
  const text = (what: string, template: string) =>
    renderOrFail(what, () => templates.executeText(template, data));
  const from = single(addresses('from', text("'from'", config.from ?? '')));
  const to = addresses('to', text("'to'", config.to));

  const headers: Record<string, string> = {
    Subject: DEFAULT_SUBJECT,
    To: config.to,
    From: config.from ?? '',
    ...config.headers,
  };
  let head = '';
  for (const [name, template] of Object.entries(headers)) {
    head += `${name}: ${qEncodeHeader(text(`${JSON.stringify(name)} header`, template))}\r\n`;
  }
  if (!('Message-Id' in headers)) head += `Message-Id: ${messageId(ctx)}\r\n`;
  if (config.threading.enabled) {
    const hash = groupKeyHash(ctx.groupKey).slice(0, 16);
    const day = config.threading.thread_by_date === 'none' ? '' : localDate(ctx.now);
    const root = `<alert-${hash}-${day}@alertmanager>`;
    head += `References: ${root}\r\nIn-Reply-To: ${root}\r\n`;
  }
  const boundary = randomBytes(30).toString('hex');
  head += `Date: ${rfc1123z(ctx.now)}\r\n`;
  head += `Content-Type: multipart/alternative;  boundary=${boundary}\r\n`;
  head += 'MIME-Version: 1.0\r\n\r\n';

  const parts: string[] = [];
  if (config.text.length > 0) parts.push(part('text/plain', text('text', config.text)));
  if (config.html.length > 0) {
    parts.push(
      part(
        'text/html',
        renderOrFail('html', () => templates.executeHtml(config.html, data)),
      ),
    );
  }
  // Go's multipart.Writer: CRLF before every delimiter but the first.
  const body =
    parts.map((p, i) => `${i === 0 ? '' : '\r\n'}--${boundary}\r\n${p}`).join('') +
    `${parts.length > 0 ? '\r\n' : ''}--${boundary}--\r\n`;
  return { from, to, raw: head + body };
}

function part(type: string, content: string): string {
  return (
    'Content-Transfer-Encoding: quoted-printable\r\n' +
    `Content-Type: ${type}; charset=UTF-8\r\n\r\n${quotedPrintable(content)}`
  );
}

/** The addresses of an RFC 5322 address list, failing as Go's `mail.ParseAddressList` would on junk. */
function addresses(what: 'from' | 'to', list: string): string[] {
  const parsed = addressparser(list, { flatten: true });
  const out: string[] = [];
  for (const a of parsed) {
    const address = a.address ?? '';
    if (!/^[^@\s]+@[^@\s]+$/.test(address)) {
      throw new UnrecoverableNotifyError(
        `parse '${what}' addresses: mail: missing @ in addr-spec ${JSON.stringify(address || a.name)}`,
      );
    }
    out.push(address);
  }
  if (out.length === 0) throw new UnrecoverableNotifyError(`parse '${what}' addresses: mail: no address`);
  return out;
}

function single(from: string[]): string {
  if (from.length !== 1) {
    throw new UnrecoverableNotifyError(`must be exactly one 'from' address (got: ${from.length})`);
  }
  return from[0] as string;
}

function messageId(ctx: MessageContext): string {
  const nanos = BigInt(ctx.now.getTime()) * 1_000_000n + BigInt(randomBytes(2).readUInt16BE() % 1_000_000);
  return `<${nanos}.${randomBytes(8).readBigUInt64BE()}@${ctx.hostname}>`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in local time: `Mon, 02 Jan 2006 15:04:05 -0700`. */
export function rfc1123z(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${DAYS[d.getDay()]}, ${pad(d.getDate())} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
