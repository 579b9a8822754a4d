import { readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { qEncodeHeader, quotedPrintable } from './go-mime.js';

const fixture = readFileSync(path.join(import.meta.dirname, 'fixtures', 'alertmanager-0.25.eml'), 'utf8');

/** The encoded body of each part of the fixture, as Alertmanager wrote it. */
function rawParts(): string[] {
  const [, ...parts] = fixture.split('--BOUNDARY');
  return parts
    .filter((p) => !p.startsWith('--'))
    .map((p) => p.slice(p.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, ''));
}

describe("Go's MIME encodings", () => {
  it('Q-encodes a header exactly as Alertmanager did', () => {
    const subject = /^Subject: (.*)\r$/m.exec(fixture)?.[1];
    expect(qEncodeHeader('[FIRING:1] DiskFull (zürich-1 critical)')).toBe(subject);
    expect(qEncodeHeader('plain ASCII stays as it is')).toBe('plain ASCII stays as it is');
    expect(qEncodeHeader('a\tb')).toBe('a\tb');
    expect(qEncodeHeader('a=b?c_d\n')).toBe('=?utf-8?q?a=3Db=3Fc=5Fd=0A?=');
  });

  it('splits long values into encoded words of at most 75 characters, never inside a character', async () => {
    const value = `${'ü'.repeat(30)} ${'x'.repeat(70)} ✓✓✓`;
    const encoded = qEncodeHeader(value);
    const words = encoded.split(' ');
    expect(words.length).toBeGreaterThan(2);
    for (const w of words) {
      expect(w.length).toBeLessThanOrEqual(75);
      expect(w).toMatch(/^=\?utf-8\?q\?[^ ]*\?=$/);
      // Each word decodes on its own: no UTF-8 sequence is cut.
      const bytes = Buffer.from(
        w
          .slice(10, -2)
          .replace(/_/g, ' ')
          .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(Number.parseInt(h, 16))),
        'latin1',
      );
      expect(bytes.toString('utf8')).not.toContain('\uFFFD');
    }
    const parsed = await simpleParser(`Subject: ${encoded}\r\n\r\n`);
    expect(parsed.subject).toBe(value);
  });

  it('writes quoted-printable parts byte for byte as Alertmanager did (text and its long-lined HTML)', async () => {
    const mail = await simpleParser(fixture);
    const [text, html] = rawParts();
    expect(text).toContain('=3D');
    expect(html?.split('\r\n').some((l) => l.endsWith('='))).toBe(true);
    expect(quotedPrintable(mail.text ?? '')).toBe(text);
    expect(quotedPrintable(mail.html || '')).toBe(html);
  });

  it('encodes blanks before a line end and cuts lines at 76 characters', () => {
    expect(quotedPrintable('a \nb\t\r\nc ')).toBe('a=20\r\nb=09\r\nc=20');
    const long = quotedPrintable('x'.repeat(200));
    for (const line of long.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(long.replace(/=\r\n/g, '')).toBe('x'.repeat(200));
    expect(quotedPrintable(`${'x'.repeat(74)}é`)).toBe(`${'x'.repeat(74)}=\r\n=C3=A9`);
  });
});
