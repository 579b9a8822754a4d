import type { IntegrationType } from '@tocsin/config';
// Test support (left out of the build) beside integration-harness.ts: what the integrations'
// end-to-end tests expect of every integration (requests as recorded, vendor errors handled).
import type { NotifyJobData } from '@tocsin/queues';
import { type StandInReply, waitFor } from '@tocsin/test-support';
import { expect, it } from 'vitest';
import { type Harness, notification, type RecordedRequest } from './integration-harness.js';

let runs = 0;

/**
 * A notification of its own group (the recorded group's alerts), so the notification log never
 * takes it for a repeat of an earlier test's.
 */
export function freshNotification(
  integration: IntegrationType,
  receiver: string,
  over: Partial<NotifyJobData> = {},
): NotifyJobData {
  runs += 1;
  return notification(integration, receiver, {
    groupKey: `{}:{alertname="DiskFull", run="${runs}"}`,
    ...over,
  });
}

/**
 * Tocsin's request is Alertmanager's: method, path and query, body (JSON compared with its key
 * order), Content-Type and Authorization. The User-Agent names Alertmanager (0.34's version; 0.25's
 * Telegram client sent Go's default).
 */
function expectSameRequest(ours: RecordedRequest | undefined, recorded: RecordedRequest): void {
  expect(ours?.method).toBe(recorded.method);
  expect(ours?.path).toBe(recorded.path);
  expect(JSON.stringify(ours?.body)).toBe(JSON.stringify(recorded.body));
  expect(ours?.headers['content-type']).toBe(recorded.headers['content-type']);
  expect(ours?.headers.authorization).toBe(recorded.headers.authorization);
  expect(ours?.headers['user-agent']).toMatch(/^Alertmanager\//);
}

/** Tocsin sent as many requests as were recorded, each the same as its recorded one. */
export function expectSameRequests(
  ours: readonly RecordedRequest[],
  recorded: readonly RecordedRequest[],
): void {
  expect(ours).toHaveLength(recorded.length);
  recorded.forEach((r, i) => {
    expectSameRequest(ours[i], r);
  });
}

/** Every recorded request but the webhook's (there to show which alerts each step carried). */
export function vendorRequests(recorded: readonly RecordedRequest[]): RecordedRequest[] {
  return recorded.filter((r) => r.path !== '/webhook');
}

export interface ErrorCases {
  integration: IntegrationType;
  /** The receiver whose (only) config sends to `path`. */
  receiver: string;
  /** The path (without query) its requests go to. */
  path: string;
  serverError?: StandInReply;
  clientError?: StandInReply;
  rateLimited?: StandInReply;
  /** Seconds the rate-limited reply asks to wait. */
  retryAfterSeconds?: number;
}

/**
 * Registers the error-handling tests every HTTP integration shares: a 5xx is retried, a 4xx other
 * than 429 fails at once into a dead letter, a 429 waits for its Retry-After and then delivers.
 */
export function itHandlesVendorErrors(harness: () => Harness, cases: ErrorCases): void {
  const serverError = cases.serverError ?? { status: 503, body: 'busy' };
  const clientError = cases.clientError ?? { status: 400, body: '{"message":"bad request"}' };
  const retryAfter = cases.retryAfterSeconds ?? 2;
  const rateLimited = cases.rateLimited ?? {
    status: 429,
    headers: { 'Retry-After': String(retryAfter) },
    body: 'slow down',
  };
  const send = () => freshNotification(cases.integration, cases.receiver);

  it('retries a 5xx, then delivers', async () => {
    const h = harness();
    const before = h.standIn.requestsTo(cases.path).length;
    h.standIn.reply(cases.path, serverError);
    const job = await h.run(send());
    expect(job.returnvalue, job.failedReason).toBe('sent');
    expect(h.standIn.requestsTo(cases.path).length - before).toBe(2);
  });

  it('files a 4xx (not 429) as a dead letter after one attempt', async () => {
    const h = harness();
    const before = h.standIn.requestsTo(cases.path).length;
    h.standIn.reply(cases.path, clientError);
    const n = send();
    const job = await h.run(n);
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toContain('unrecoverable error after 1 attempts');
    expect(h.standIn.requestsTo(cases.path).length - before).toBe(1);
    const letter = await deadLetterOf(h, n);
    expect(letter).toMatchObject({ integration: cases.integration, attempts: 1 });
    expect(['clientError', 'authError']).toContain(letter.reason);
  });

  it('waits out Retry-After on a 429, then delivers', async () => {
    const h = harness();
    const before = h.standIn.requestsTo(cases.path).length;
    h.standIn.reply(cases.path, rateLimited);
    const job = await h.run(send());
    expect(job.returnvalue, job.failedReason).toBe('sent');
    const [first, second, ...more] = h.standIn.requestsTo(cases.path).slice(before);
    expect(more).toHaveLength(0);
    // Not before Retry-After (a little slack for clocks).
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(retryAfter * 1000 - 100);
  });
}

/** The dead letter `n` became (it is filed just after the job fails). */
export async function deadLetterOf(h: Harness, n: NotifyJobData) {
  return waitFor(
    async () => (await h.deadLetters.list({ receiver: n.receiver })).find((l) => l.groupKey === n.groupKey),
    { timeoutMs: 10_000, what: `the dead letter of ${n.groupKey}` },
  );
}

/** The three receivers (flaky, rejecting, limited) a test gives one HTTP integration. */
export interface ReceiverErrorCases {
  integration: IntegrationType;
  /** The path requests to `receiver` go to. */
  path: (receiver: 'flaky' | 'rejecting' | 'limited') => string;
  serverError: StandInReply;
  clientError: StandInReply;
  /** What the failed job's reason contains for the client error. */
  clientErrorReason: string;
  rateLimited: StandInReply;
  titles: { serverError: string; clientError: string; rateLimited: string };
}

/**
 * Registers the error tests of the integrations whose receivers are named `flaky` (a 5xx, retried
 * once), `rejecting` (a 4xx: failed at once, a dead letter) and `limited` (a 429 with Retry-After 2,
 * waited out); each notification has a group of its own (`{}:{<receiver>}`).
 */
export function itHandlesReceiverErrors(harness: () => Harness, cases: ReceiverErrorCases): void {
  const send = (receiver: string) =>
    notification(cases.integration, receiver, { groupKey: `{}:{${receiver}}` });

  it(cases.titles.serverError, async () => {
    const h = harness();
    h.standIn.reply(cases.path('flaky'), cases.serverError);
    const job = await h.run(send('flaky'));
    expect(job.returnvalue).toBe('sent');
    expect(h.standIn.requestsTo(cases.path('flaky'))).toHaveLength(2);
  });

  it(cases.titles.clientError, async () => {
    const h = harness();
    h.standIn.reply(cases.path('rejecting'), cases.clientError);
    const n = send('rejecting');
    const job = await h.run(n);
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toContain(cases.clientErrorReason);
    expect(h.standIn.requestsTo(cases.path('rejecting'))).toHaveLength(1);
    const letters = await h.deadLetters.list({ receiver: 'rejecting' });
    expect(letters.map((l) => l.groupKey)).toEqual([n.groupKey]);
  });

  it(cases.titles.rateLimited, async () => {
    const h = harness();
    h.standIn.reply(cases.path('limited'), cases.rateLimited);
    const job = await h.run(send('limited'));
    expect(job.returnvalue).toBe('sent');
    const [first, second] = h.standIn.requestsTo(cases.path('limited'));
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  });
}
