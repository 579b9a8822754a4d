import type { GlobalConfig } from '../global.js';
import { boolOr, optionalString, secretField, stringOr } from '../yaml/go-fields.js';
import type { Secret, YamlObject } from '../yaml/index.js';
import { type HttpNotifierConfig, inheritHttpConfig, readHttpNotifier } from './notifier-config.js';

/** prometheus/sigv4 settings; empty credentials use the AWS default chain. */
export interface SigV4Config {
  region?: string;
  access_key?: string;
  secret_key?: Secret;
  profile?: string;
  role_arn?: string;
  external_id?: string;
  use_fips_sts_endpoint?: boolean;
  service_name?: string;
}

export interface SnsConfig extends HttpNotifierConfig {
  /** Plain string, not checked as a URL upstream. */
  api_url?: string;
  sigv4: SigV4Config;
  topic_arn?: string;
  phone_number?: string;
  target_arn?: string;
  subject: string;
  message: string;
  attributes?: Record<string, string>;
  use_aws_http_client?: boolean;
}

export function readSnsConfig(obj: YamlObject): SnsConfig {
  const sigv4 = obj.object('sigv4');
  const c: SnsConfig = {
    ...readHttpNotifier(obj, true),
    api_url: optionalString(obj, 'api_url'),
    sigv4: sigv4 ? readSigV4(sigv4) : {},
    topic_arn: optionalString(obj, 'topic_arn'),
    phone_number: optionalString(obj, 'phone_number'),
    target_arn: optionalString(obj, 'target_arn'),
    subject: stringOr(obj, 'subject', '{{ template "sns.default.subject" . }}'),
    message: stringOr(obj, 'message', '{{ template "sns.default.message" . }}'),
    attributes: obj.stringMap('attributes'),
    use_aws_http_client: boolOr(obj, 'use_aws_http_client', false) || undefined,
  };
  obj.finish('config.plain');
  // Upstream chains `!=` over the three "is empty" flags: an odd number of empty targets fails,
  // so exactly one target passes (and, by that quirk, all three together do too).
  const empty = [c.target_arn, c.topic_arn, c.phone_number].filter((t) => t === undefined).length;
  if (empty % 2 === 1) {
    throw obj.error('', 'must provide either a Target ARN, Topic ARN, or Phone Number for SNS config');
  }
  return c;
}

export function resolveSnsConfig(c: SnsConfig, global: GlobalConfig): SnsConfig {
  return inheritHttpConfig(c, global);
}

function readSigV4(obj: YamlObject): SigV4Config {
  const c: SigV4Config = {
    region: optionalString(obj, 'region'),
    access_key: optionalString(obj, 'access_key'),
    secret_key: secretField(obj, 'secret_key'),
    profile: optionalString(obj, 'profile'),
    role_arn: optionalString(obj, 'role_arn'),
    external_id: optionalString(obj, 'external_id'),
    use_fips_sts_endpoint: boolOr(obj, 'use_fips_sts_endpoint', false) || undefined,
    service_name: optionalString(obj, 'service_name'),
  };
  obj.finish('sigv4.plain');
  if ((c.access_key === undefined) !== (c.secret_key === undefined)) {
    throw obj.error(
      '',
      'must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config',
    );
  }
  if (c.external_id && !c.role_arn) throw obj.error('', 'external_id can only be used with role_arn');
  return c;
}
