import { createHash, createHmac } from 'node:crypto';
import path from 'node:path';
import type { StandInRequest } from '@tocsin/test-support';
import { describe, expect, it } from 'vitest';
import { itHandlesVendorErrors } from '../integration-expectations.js';
import {
  notification,
  type RecordedRequest,
  readRecording,
  recordedStepAlerts,
  useHarness,
} from '../integration-harness.js';
import { MAX_SMS_BYTES } from './publish-input.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const RECORDING = readRecording(FIXTURES);
const SECRETS: Record<string, string> = {
  AKIDEXAMPLE: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AKIDFIFO: 'fifo-secret',
  AKIDSMS: 'sms-secret',
  AKIDERR: 'err-secret',
  AKIDENV: 'env-secret',
  AKIDBASE: 'base-secret',
  ASIATEMP: 'temp-secret',
};
const snsError = (status: number, code: string, message: string, headers: Record<string, string> = {}) => ({
  status,
  headers: { 'Content-Type': 'text/xml', ...headers },
  body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>e-1</RequestId></ErrorResponse>`,
});

const h = useHarness('sns', FIXTURES, {
  receivers: `
  - name: errors
    sns_configs:
      - api_url: STAND_IN_URL/errors
        sigv4: { region: eu-west-1, access_key: AKIDERR, secret_key: err-secret }
        target_arn: arn:aws:sns:eu-west-1:123456789012:endpoint/APNS/app/0f1e
  - name: chain
    sns_configs:
      - api_url: STAND_IN_URL/chain
        topic_arn: arn:aws:sns:ap-south-1:123456789012:alerts
  - name: proxied
    sns_configs:
      - sigv4: { region: eu-west-1, access_key: AKIDEXAMPLE, secret_key: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY }
        topic_arn: arn:aws:sns:eu-west-1:123456789012:alerts
        http_config:
          proxy_url: STAND_IN_URL
          tls_config: { insecure_skip_verify: true }
  - name: role
    sns_configs:
      - api_url: STAND_IN_URL/role
        sigv4:
          region: eu-west-1
          access_key: AKIDBASE
          secret_key: base-secret
          role_arn: arn:aws:iam::123456789012:role/alerts
          external_id: ext-1
        topic_arn: arn:aws:sns:eu-west-1:123456789012:alerts
  - name: long-sms
    sns_configs:
      - api_url: STAND_IN_URL/long-sms
        sigv4: { region: eu-west-1, access_key: AKIDSMS, secret_key: sms-secret }
        phone_number: '+15555550100'
        message: '{{ range .Alerts }}{{ .Annotations.description }}{{ end }}'
`,
});

/** The Publish parameters, decoded; Go's SDK v1 writes an empty `MessageAttributes=` for no attributes. */
function params(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(body)) {
    if (k === 'MessageAttributes' && v === '') continue;
    out[k] = v;
  }
  return out;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest();

/** Checks the request's SigV4 signature with the secret key of its access key, as AWS would. */
function verifySigV4(r: StandInRequest, service = 'sns'): { accessKey: string; region: string } {
  const auth = String(r.headers.authorization);
  const m =
    /^AWS4-HMAC-SHA256 Credential=(\w+)\/(\d{8})\/([a-z0-9-]+)\/([a-z]+)\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) throw new Error(`not a SigV4 Authorization header: ${auth}`);
  const [, accessKey = '', date = '', region = '', signedService, signed = '', signature] = m;
  expect(signedService).toBe(service);
  const names = signed.split(';');
  expect(names).toEqual(expect.arrayContaining(['host', 'x-amz-date', 'content-type']));
  const amzDate = String(r.headers['x-amz-date']);
  expect(amzDate.startsWith(date)).toBe(true);
  const canonical = [
    r.method,
    r.path,
    '',
    ...names.map((n) => `${n}:${String(r.headers[n]).trim()}`),
    '',
    signed,
    sha256(r.body),
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  let key: Buffer = hmac(`AWS4${SECRETS[accessKey] ?? ''}`, date);
  for (const part of [region, service, 'aws4_request']) key = hmac(key, part);
  expect(hmac(key, toSign).toString('hex')).toBe(signature);
  return { accessKey, region };
}

describe('sns notifier', () => {
  it('publishes what Alertmanager 0.25 published for a firing, a partly resolved and a resolved group, signed with SigV4', async () => {
    for (const step of RECORDING.steps) {
      const before = h.standIn.requests.length;
      for (const index of [0, 1, 2]) {
        // The recorded group key: FIFO ids are its SHA-256.
        const job = await h.run(
          notification('sns', 'team.ops', { index, alerts: recordedStepAlerts(step.name) }),
        );
        expect(job.returnvalue, `${step.name}[${index}]: ${job.failedReason}`).toBe('sent');
      }
      const ours = h.standIn.requests.slice(before);
      const recorded = step.requests.filter((r: RecordedRequest) => r.path !== '/webhook');
      expect(ours.map((r) => r.path).sort()).toEqual(recorded.map((r) => r.path).sort());
      for (const want of recorded) {
        const got = ours.find((r) => r.url === want.path);
        expect(got?.method).toBe('POST');
        expect(params(got?.body ?? '')).toEqual(params(want.body as string));
        // Go's SDK adds `; charset=utf-8`; the body is the same form encoding either way.
        expect(String(got?.headers['content-type'])).toMatch(/^application\/x-www-form-urlencoded/);
        const ourAuth = verifySigV4(got as StandInRequest);
        const theirs = /Credential=(\w+)\/\d{8}\/([a-z0-9-]+)\/sns\//.exec(want.headers.authorization ?? '');
        expect([ourAuth.accessKey, ourAuth.region]).toEqual([theirs?.[1], theirs?.[2]]);
      }
    }
  });

  it('cuts an SMS to 1600 bytes on a character boundary and adds the truncated attribute', async () => {
    const [alert] = recordedStepAlerts('firing');
    if (!alert) throw new Error('no alert');
    alert.annotations = { description: 'é'.repeat(1000) }; // 2000 bytes
    const job = await h.run(notification('sns', 'long-sms', { alerts: [alert] }));
    expect(job.returnvalue, job.failedReason).toBe('sent');
    const [r] = h.standIn.requestsTo('/long-sms/');
    const p = params(r?.body ?? '');
    expect(p.Message).toBe('é'.repeat(MAX_SMS_BYTES / 2));
    expect(p).toMatchObject({
      'MessageAttributes.entry.1.Name': 'truncated',
      'MessageAttributes.entry.1.Value.DataType': 'String',
      'MessageAttributes.entry.1.Value.StringValue': 'true',
      PhoneNumber: '+15555550100',
    });
  });

  it("signs with the SDK's default credential chain (here the environment) when sigv4 has no keys", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIDENV',
      AWS_SECRET_ACCESS_KEY: 'env-secret',
      AWS_REGION: 'ap-south-1',
    });
    try {
      const job = await h.run(notification('sns', 'chain'));
      expect(job.returnvalue, job.failedReason).toBe('sent');
    } finally {
      for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
    const [r] = h.standIn.requestsTo('/chain/');
    expect(verifySigV4(r as StandInRequest)).toEqual({ accessKey: 'AKIDENV', region: 'ap-south-1' });
  });

  it("goes to SNS's own endpoint through http_config's proxy when api_url is not set", async () => {
    const job = await h.run(notification('sns', 'proxied'));
    expect(job.returnvalue, job.failedReason).toBe('sent');
    const r = h.standIn.requests.find((x) => x.tunnel !== undefined);
    expect(r).toMatchObject({
      tunnel: 'sns.eu-west-1.amazonaws.com:443',
      host: 'sns.eu-west-1.amazonaws.com',
      path: '/',
    });
    expect(verifySigV4(r as StandInRequest)).toEqual({ accessKey: 'AKIDEXAMPLE', region: 'eu-west-1' });
    expect(params(r?.body ?? '').TopicArn).toBe('arn:aws:sns:eu-west-1:123456789012:alerts');
  });

  it('assumes role_arn through STS (with external_id) and publishes with the temporary credentials', async () => {
    h.standIn.reply('/sts/', {
      status: 200,
      headers: { 'Content-Type': 'text/xml' },
      body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/alerts/s</Arn><AssumedRoleId>AROA1:s</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>ASIATEMP</AccessKeyId><SecretAccessKey>temp-secret</SecretAccessKey><SessionToken>temp-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    });
    // The SDK's per-service endpoint variable points STS at the stand-in; upstream has no setting for it.
    const saved = process.env.AWS_ENDPOINT_URL_STS;
    process.env.AWS_ENDPOINT_URL_STS = `${h.standIn.url}/sts`;
    try {
      const job = await h.run(notification('sns', 'role'));
      expect(job.returnvalue, job.failedReason).toBe('sent');
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL_STS;
      else process.env.AWS_ENDPOINT_URL_STS = saved;
    }
    const [sts] = h.standIn.requestsTo('/sts/');
    expect(verifySigV4(sts as StandInRequest, 'sts')).toEqual({ accessKey: 'AKIDBASE', region: 'eu-west-1' });
    expect(params(sts?.body ?? '')).toMatchObject({
      Action: 'AssumeRole',
      RoleArn: 'arn:aws:iam::123456789012:role/alerts',
      ExternalId: 'ext-1',
    });
    const [publish] = h.standIn.requestsTo('/role/');
    expect(verifySigV4(publish as StandInRequest)).toEqual({ accessKey: 'ASIATEMP', region: 'eu-west-1' });
    expect(publish?.headers['x-amz-security-token']).toBe('temp-token');
  });

  it('says which API error a failed Publish got', async () => {
    h.standIn.reply(
      '/errors/',
      snsError(403, 'AuthorizationError', 'User is not authorized to perform SNS:Publish'),
    );
    const job = await h.run(
      notification('sns', 'errors', { groupKey: '{}:{alertname="DiskFull", run="403"}' }),
    );
    expect(job.failedReason).toContain(
      'unexpected status code 403: User is not authorized to perform SNS:Publish',
    );
    expect(params(h.standIn.requestsTo('/errors/').at(-1)?.body ?? '').TargetArn).toBe(
      'arn:aws:sns:eu-west-1:123456789012:endpoint/APNS/app/0f1e',
    );
  });

  itHandlesVendorErrors(() => h, {
    integration: 'sns',
    receiver: 'errors',
    path: '/errors/',
    serverError: snsError(500, 'InternalError', 'busy'),
    clientError: snsError(400, 'InvalidParameter', 'Invalid parameter: TargetArn'),
    rateLimited: snsError(429, 'Throttling', 'Rate exceeded', { 'Retry-After': '2' }),
    retryAfterSeconds: 2,
  });
});
