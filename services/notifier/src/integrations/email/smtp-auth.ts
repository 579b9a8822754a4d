import { readFile } from 'node:fs/promises';
import type { EmailConfig } from '@tocsin/config';
import type { SMTPConnectionAuth, SMTPConnectionCustomAuthContext } from 'nodemailer/lib/smtp-connection';
import { UnrecoverableNotifyError } from '../../notify-errors.js';

/** A credential read at send time (files rotate), or why it could not be read. */
type Credential = { value: string } | { error: string };

export interface SmtpCredentials {
  username: string;
  identity: string;
  password: Credential;
  secret: Credential;
}

async function credential(
  inline: { reveal(): string } | undefined,
  file: string | undefined,
  trim: boolean,
): Promise<Credential> {
  if (!file) return { value: inline?.reveal() ?? '' };
  try {
    const text = await readFile(file, 'utf8');
    return { value: trim ? text.trim() : text };
  } catch (err) {
    return { error: `could not read ${file}: ${(err as NodeJS.ErrnoException).message}` };
  }
}

/** The credentials of a config; undefined without `auth_username` (then no AUTH is sent). */
export async function smtpCredentials(config: EmailConfig): Promise<SmtpCredentials | undefined> {
  if (!config.auth_username) return undefined;
  return {
    username: config.auth_username,
    identity: config.auth_identity ?? '',
    // Alertmanager trims a password file but not a secret file.
    password: await credential(config.auth_password, config.auth_password_file, true),
    secret: await credential(config.auth_secret, config.auth_secret_file, false),
  };
}

/** The mechanisms an EHLO reply advertises, in the server's order. */
export function advertisedMechanisms(ehloReply: string): string[] {
  for (const line of ehloReply.split(/\r?\n/)) {
    const m = /^\d{3}[- ]AUTH[ =](.*)$/i.exec(line.trim());
    if (m) return (m[1] as string).split(/[ =]+/).filter((s) => s !== '');
  }
  return [];
}

const LOCALHOSTS = new Set(['localhost', '127.0.0.1', '::1']);

/**
 * Alertmanager's choice: the first mechanism in the server's list that the config has a
 * credential for (CRAM-MD5 needs the secret, PLAIN and LOGIN the password); when none fits, the
 * reasons for each. Like Go's PlainAuth, PLAIN is refused over an unencrypted connection to
 * anything but localhost.
 */
export function chooseAuth(
  mechanisms: readonly string[],
  creds: SmtpCredentials,
  conn: { secure: boolean; host: string },
): SMTPConnectionAuth {
  const errors: string[] = [];
  for (const mech of mechanisms) {
    const need = mech === 'CRAM-MD5' ? creds.secret : creds.password;
    const what = mech === 'CRAM-MD5' ? 'secret' : 'password';
    if (mech !== 'CRAM-MD5' && mech !== 'PLAIN' && mech !== 'LOGIN') {
      errors.push(`unknown auth mechanism: ${mech}`);
      continue;
    }
    if ('error' in need) {
      errors.push(need.error);
      continue;
    }
    if (need.value === '') {
      errors.push(`missing ${what} for ${mech} auth mechanism`);
      continue;
    }
    if (mech === 'PLAIN' && !conn.secure && !LOCALHOSTS.has(conn.host)) {
      throw new UnrecoverableNotifyError('*smtp.plainAuth auth: unencrypted connection', 'authError');
    }
    return { user: creds.username, pass: need.value, method: mech, identity: creds.identity };
  }
  throw new UnrecoverableNotifyError(`find auth mechanism: ${errors.join('\n')}`, 'authError');
}

/** PLAIN with an authorization identity (`auth_identity`), which nodemailer's own PLAIN leaves out. */
export async function plainWithIdentity(ctx: SMTPConnectionCustomAuthContext): Promise<void> {
  const { user, pass } = ctx.auth.credentials;
  const identity = String(ctx.auth.identity ?? '');
  const token = Buffer.from(`${identity}\u0000${user}\u0000${pass}`, 'utf8').toString('base64');
  const reply = await ctx.sendCommand(`AUTH PLAIN ${token}`);
  if (reply.status !== 235) {
    const err = Object.assign(new Error(`Invalid login: ${reply.response}`), { responseCode: reply.status });
    throw err;
  }
}
