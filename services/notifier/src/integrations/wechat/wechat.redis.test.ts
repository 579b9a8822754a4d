import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StandInReply, StandInRequest } from '@tocsin/test-support';
import { describe, expect, it } from 'vitest';
import {
  deadLetterOf,
  expectSameRequests,
  freshNotification,
  itHandlesVendorErrors,
  vendorRequests,
} from '../integration-expectations.js';
import { describeRequest, readRecording, replayRecording, useHarness } from '../integration-harness.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const JSON_TYPE = { 'Content-Type': 'application/json' };
const token = (value: string, expiresIn: number): StandInReply => ({
  status: 200,
  headers: JSON_TYPE,
  body: JSON.stringify({ errcode: 0, errmsg: 'ok', access_token: value, expires_in: expiresIn }),
});
const errcode = (code: number, message: string): StandInReply => ({
  status: 200,
  headers: JSON_TYPE,
  body: JSON.stringify({ errcode: code, errmsg: message }),
});

const receiver = (name: string) => `
  - name: ${name}
    wechat_configs:
      - api_url: STAND_IN_URL/${name}/cgi-bin/
        api_secret_file: TEMP_DIR/secret
        corp_id: corp-${name}
        to_party: "1"
`;

const h = useHarness('wechat', FIXTURES, {
  receivers: ['expiring', 'stale', 'refusing', 'errors'].map(receiver).join(''),
  files: { secret: 'file s3cr3t*\n' },
});

const requests = (name: string, what: 'gettoken' | 'message/send') =>
  h.standIn.requestsTo(`/${name}/cgi-bin/${what}`);

describe('wechat notifier', () => {
  it('sends what Alertmanager 0.25 sent for a firing, a partly resolved and a resolved group, fetching each token once', async () => {
    const steps = await replayRecording(h, 'wechat', readRecording(FIXTURES), [0, 1]);
    for (const { recorded, ours } of steps) {
      expectSameRequests(ours, vendorRequests(recorded));
    }
    expect(steps.map((s) => s.ours.filter((r) => r.method === 'GET').length)).toEqual([2, 0, 0]);
  });

  it('fetches a new token once the old one expires', async () => {
    h.standIn.reply('/expiring/cgi-bin/gettoken', token('short-lived', 2), token('next', 7200));
    for (let i = 0; i < 2; i++)
      expect((await h.run(freshNotification('wechat', 'expiring'))).returnvalue).toBe('sent');
    expect(requests('expiring', 'gettoken')).toHaveLength(1);
    // Lifetime 2 s, renewed half of it early: after 1 s it is gone.
    await new Promise((r) => setTimeout(r, 1200));
    expect((await h.run(freshNotification('wechat', 'expiring'))).returnvalue).toBe('sent');
    expect(requests('expiring', 'gettoken')).toHaveLength(2);
    expect(
      requests('expiring', 'message/send').map((r) =>
        new URL(r.url, 'http://x').searchParams.get('access_token'),
      ),
    ).toEqual(['short-lived', 'short-lived', 'next']);
    // The secret, read from its file and trimmed, as Go's url.Values encodes it.
    expect(requests('expiring', 'gettoken')[0]?.url).toBe(
      '/expiring/cgi-bin/gettoken?corpid=corp-expiring&corpsecret=file+s3cr3t%2A',
    );
  });

  it('fetches a new token when WeChat reports the one it has expired, and sends again', async () => {
    h.standIn.reply('/stale/cgi-bin/gettoken', token('first', 7200), token('second', 7200));
    h.standIn.reply('/stale/cgi-bin/message/send', errcode(42001, 'access_token expired'));
    const job = await h.run(freshNotification('wechat', 'stale'));
    expect(job.returnvalue, job.failedReason).toBe('sent');
    const used = requests('stale', 'message/send').map((r) =>
      new URL(r.url, 'http://x').searchParams.get('access_token'),
    );
    expect(requests('stale', 'gettoken')).toHaveLength(2);
    expect(used).toHaveLength(2);
    expect(used).toEqual(['first', 'second']);
  });

  it('files any other errcode as a dead letter with its errmsg', async () => {
    h.standIn.reply('/refusing/cgi-bin/message/send', errcode(60020, 'not allow to access from your ip'));
    const n = freshNotification('wechat', 'refusing');
    const job = await h.run(n);
    expect(await job.getState()).toBe('failed');
    expect(requests('refusing', 'message/send')).toHaveLength(1);
    expect((await deadLetterOf(h, n)).lastError).toContain(
      'wechat: not allow to access from your ip (errcode 60020)',
    );
  });

  it('fails at once when gettoken gives no token', async () => {
    h.standIn.reply('/refusing/cgi-bin/gettoken', errcode(40001, 'invalid credential'));
    // The token of the previous test is cached: a new secret means new credentials.
    writeFileSync(path.join(h.dir, 'secret'), 'rotated\n');
    const n = freshNotification('wechat', 'refusing');
    const job = await h.run(n);
    expect(await job.getState()).toBe('failed');
    expect(job.failedReason).toContain(
      'invalid APISecret for CorpID: corp-refusing: invalid credential (errcode 40001)',
    );
    writeFileSync(path.join(h.dir, 'secret'), 'file s3cr3t*\n');
  });

  itHandlesVendorErrors(() => h, {
    integration: 'wechat',
    receiver: 'errors',
    path: '/errors/cgi-bin/message/send',
  });

  it('sends JSON with a Go encoder: HTML characters escaped', async () => {
    const [send] = h.standIn.requestsTo('/default/cgi-bin/message/send');
    expect(send?.body).toContain('\\u0026 \\u003cgrowing\\u003e');
    expect(describeRequest(send as StandInRequest).headers['content-type']).toBe('application/json');
  });
});
