import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { ATTR, inSpan, SPAN, SpanKind } from '@tocsin/telemetry';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { NotifyError, RetryableError, UnrecoverableNotifyError } from '../../notify-errors.js';
import { advertisedMechanisms, chooseAuth, plainWithIdentity, type SmtpCredentials } from './smtp-auth.js';

/** Where and how to connect: one pool per distinct target. */
export interface SmtpTarget {
  host: string;
  port: number;
  /** TLS from the first byte (port 465, or `force_implicit_tls`). */
  implicitTls: boolean;
  /** STARTTLS is required; without it Alertmanager never upgrades, even when offered. */
  requireTls: boolean;
  /** The EHLO name (`hello`); Go's SMTP client says `localhost` when none is set. */
  hello: string;
  tls: ConnectionOptions;
  credentials: SmtpCredentials | undefined;
}

export interface SmtpSend {
  from: string;
  to: string[];
  raw: string;
  signal: AbortSignal;
  timeoutMs: number;
}

// Idle connections a pool keeps, and how long; servers drop idle clients after a few minutes.
const MAX_IDLE_PER_TARGET = 4;
const IDLE_MS = 30_000;

interface Idle {
  connection: SMTPConnection;
  timer: NodeJS.Timeout;
}

/** nodemailer's error fields. */
interface SmtpFailure extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * SMTP connections pooled per target (smarthost plus TLS and credentials), on nodemailer's
 * SMTPConnection: one message per transaction, the connection kept for the next one while the
 * server lets it. Unlike nodemailer's own pool, authentication picks the mechanism as
 * Alertmanager does, in the order the server lists them.
 */
export class SmtpPool {
  private readonly idle = new Map<string, Idle[]>();

  /** One message, in a client span (`smtp send`) under the notify job's span. */
  send(target: SmtpTarget, message: SmtpSend): Promise<void> {
    return inSpan(
      SPAN.smtpSend,
      {
        kind: SpanKind.CLIENT,
        attributes: { [ATTR.serverAddress]: target.host, [ATTR.serverPort]: target.port },
      },
      () => this.deliver(target, message),
    );
  }

  private async deliver(target: SmtpTarget, message: SmtpSend): Promise<void> {
    const key = targetKey(target);
    const reused = this.take(key);
    if (reused) {
      try {
        await this.transact(reused, message);
        this.release(key, reused);
        return;
      } catch (err) {
        reused.close();
        // The server may have closed the idle connection: one more try on a fresh one.
        if (!isConnectionLoss(err) || message.signal.aborted) throw classify(err, message);
      }
    }
    let connection: SMTPConnection | undefined;
    try {
      connection = await this.open(target, message);
      await this.transact(connection, message);
      this.release(key, connection);
    } catch (err) {
      connection?.close();
      throw classify(err, message);
    }
  }

  /** Closes every idle connection (a reload may have changed TLS files or credentials). */
  clear(): void {
    for (const list of this.idle.values()) {
      for (const { connection, timer } of list) {
        clearTimeout(timer);
        connection.quit();
      }
    }
    this.idle.clear();
  }

  private take(key: string): SMTPConnection | undefined {
    const list = this.idle.get(key);
    while (list && list.length > 0) {
      const entry = list.pop() as Idle;
      clearTimeout(entry.timer);
      if (!entry.connection.destroyed) return entry.connection;
    }
    return undefined;
  }

  private release(key: string, connection: SMTPConnection): void {
    const list = this.idle.get(key) ?? [];
    if (connection.destroyed || list.length >= MAX_IDLE_PER_TARGET) {
      connection.quit();
      return;
    }
    const entry: Idle = {
      connection,
      timer: setTimeout(() => {
        const i = list.indexOf(entry);
        if (i >= 0) list.splice(i, 1);
        connection.quit();
      }, IDLE_MS),
    };
    entry.timer.unref();
    list.push(entry);
    this.idle.set(key, list);
  }

  private async open(target: SmtpTarget, message: SmtpSend): Promise<SMTPConnection> {
    const connection = new SMTPConnection({
      host: target.host,
      port: target.port,
      secure: target.implicitTls,
      requireTLS: target.requireTls && !target.implicitTls,
      ignoreTLS: !target.requireTls && !target.implicitTls,
      name: target.hello,
      // Go verifies the certificate against the smarthost's host unless server_name says otherwise.
      tls: { ...(isIP(target.host) ? {} : { servername: target.host }), ...target.tls },
      connectionTimeout: message.timeoutMs,
      greetingTimeout: message.timeoutMs,
      socketTimeout: message.timeoutMs,
      customAuth: { PLAIN: plainWithIdentity },
      logger: false,
    });
    // Errors after a callback has run (an idle connection dropped) must not crash the process.
    connection.on('error', () => undefined);
    try {
      await this.step(connection, message.signal, (done) => connection.connect(() => done(null)));
      if (target.credentials && connection.allowsAuth) {
        const mechanisms = advertisedMechanisms(String(connection.lastServerResponse || ''));
        const auth = chooseAuth(mechanisms, target.credentials, {
          secure: connection.secure,
          host: target.host,
        });
        await this.step(connection, message.signal, (done) => connection.login(auth, (err) => done(err)));
      }
    } catch (err) {
      connection.close();
      throw err;
    }
    return connection;
  }

  private async transact(connection: SMTPConnection, message: SmtpSend): Promise<void> {
    const info = await this.step<SMTPConnection.SentMessageInfo>(connection, message.signal, (done) =>
      connection.send({ from: message.from, to: message.to }, message.raw, done),
    );
    // Alertmanager stops at the first refused recipient; nodemailer sends to the others.
    const refused = info.rejectedErrors?.[0];
    if (refused) throw refused;
  }

  /** Runs one callback-style step; an abort closes the connection, which fails the step. */
  private step<T = unknown>(
    connection: SMTPConnection,
    signal: AbortSignal,
    run: (done: (err: Error | null, value?: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (signal.aborted) {
        connection.close();
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        connection.close();
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const onError = (err: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      };
      connection.once('error', onError);
      run((err, value) => {
        signal.removeEventListener('abort', onAbort);
        connection.removeListener('error', onError);
        if (err) reject(err);
        else resolve(value as T);
      });
    });
  }
}

function targetKey(t: SmtpTarget): string {
  return createHash('sha256')
    .update(JSON.stringify([t.host, t.port, t.implicitTls, t.requireTls, t.hello, t.tls, t.credentials]))
    .digest('hex');
}

function isConnectionLoss(err: unknown): boolean {
  const code = (err as SmtpFailure)?.code;
  return code === 'ECONNECTION' || code === 'ESOCKET' || code === 'ETIMEDOUT' || code === 'EPROTOCOL';
}

/**
 * SMTP's own verdict decides: a 5xx reply is permanent (the same message would be refused
 * again), a 4xx reply and a lost connection are worth another attempt.
 */
function classify(err: unknown, message: SmtpSend): NotifyError {
  if (err instanceof NotifyError) return err;
  if (message.signal.aborted) {
    const deadline =
      message.signal.reason instanceof DOMException && message.signal.reason.name === 'TimeoutError';
    return deadline
      ? new RetryableError(
          `context deadline exceeded (timeout ${message.timeoutMs}ms)`,
          'contextDeadlineExceeded',
        )
      : new RetryableError('context canceled', 'contextCanceled');
  }
  const e = err as SmtpFailure;
  const text = e?.message ?? String(err);
  const reason = e?.code === 'EAUTH' ? 'authError' : 'other';
  if (e?.responseCode !== undefined && e.responseCode >= 500 && e.responseCode < 600) {
    return new UnrecoverableNotifyError(text, reason);
  }
  return new RetryableError(e?.code && !text.includes(e.code) ? `${e.code}: ${text}` : text, reason);
}
