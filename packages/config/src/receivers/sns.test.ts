import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import { readReceiver } from './receiver.js';
import type { SnsConfig } from './sns.js';

/** All `sns_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): SnsConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  sns_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.sns_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as SnsConfig;

describe('sns_configs (TestSNS)', () => {
  it.each([
    'target_arn: target',
    'topic_arn: topic',
    '{ phone_number: phone, sigv4: { access_key: abc, secret_key: abc } }',
    // Upstream chains != over three flags, so all three targets together pass.
    '{ topic_arn: t, target_arn: t, phone_number: p }',
  ])('accepts %s', (item) => {
    expect(() => one(item)).not.toThrow();
  });

  it.each([
    [
      '{ topic_arn: topic, target_arn: target }',
      'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config',
    ],
    [
      '{ topic_arn: topic, phone_number: phone }',
      'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config',
    ],
    ['{}', 'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config'],
    [
      '{ sigv4: { access_key: abc, secret_key: abc } }',
      'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config',
    ],
    [
      '{ topic_arn: topic, sigv4: { access_key: abc } }',
      'must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config',
    ],
    [
      '{ topic_arn: topic, sigv4: { secret_key: abc } }',
      'must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config',
    ],
    ['{ topic_arn: topic, sigv4: { external_id: x } }', 'external_id can only be used with role_arn'],
    ['{ topic_arn: topic, sigv4: { secret: x } }', 'field secret not found in type sigv4.plain'],
  ])('rejects %s (TestInvalidSNSConfig)', (item, message) => {
    expect(() => one(item)).toThrow(message);
  });

  it('reads api_url, sigv4, attributes and defaults (conf.sns-topic-arn.yml)', () => {
    const c = one(
      '{ api_url: "https://sns.us-east-2.amazonaws.com", topic_arn: arn:aws:sns:us-east-2:123456789012:My-Topic, sigv4: { region: us-east-2, access_key: access_key, secret_key: secret_ket }, attributes: { severity: Sev2 } }',
    );
    expect(c).toMatchObject({
      send_resolved: true,
      api_url: 'https://sns.us-east-2.amazonaws.com',
      sigv4: { region: 'us-east-2', access_key: 'access_key' },
      attributes: { severity: 'Sev2' },
      subject: '{{ template "sns.default.subject" . }}',
      message: '{{ template "sns.default.message" . }}',
    });
    expect(JSON.stringify(c)).not.toContain('secret_ket');
  });
});
