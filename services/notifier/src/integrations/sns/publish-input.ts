import type { PublishCommandInput } from '@aws-sdk/client-sns';
import type { SnsConfig } from '@tocsin/config';
import { groupKeyHash } from '../../group-key-hash.js';
import type { RenderText } from '../../notification-renderer.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';

/** SNS takes messages up to 256 KiB; an SMS (`phone_number`) up to 1600 bytes. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
export const MAX_SMS_BYTES = 1600;

// What Go's utf8.ValidString refuses, as far as a JavaScript string can hold it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface BuiltPublishInput {
  input: PublishCommandInput;
  /** The message was cut to the limit (the `truncated` attribute says so too). */
  truncated: boolean;
}

/**
 * Cuts `message` to `maxBytes` of UTF-8. Alertmanager cuts at the byte and may split a character;
 * a JavaScript string cannot carry half a character, so the split one is dropped whole.
 */
export function truncateToBytes(message: string, maxBytes: number): { text: string; truncated: boolean } {
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= maxBytes) return { text: message, truncated: false };
  let end = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of the character that was split.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

/**
 * Alertmanager's Publish request: the target (topic, with FIFO group and deduplication ids =
 * SHA-256 of the group key for a `.fifo` topic; phone number; or target ARN), the templated
 * attributes as String attributes, the message cut to SNS's limit (adding `truncated: true`),
 * and the subject when one is configured.
 */
export function buildPublishInput(config: SnsConfig, text: RenderText, groupKey: string): BuiltPublishInput {
  const attributes: NonNullable<PublishCommandInput['MessageAttributes']> = {};
  for (const [key, value] of Object.entries(config.attributes ?? {})) {
    attributes[text('attributes', key)] = { DataType: 'String', StringValue: text('attributes', value) };
  }
  const input: PublishCommandInput = { Message: undefined };
  let limit = MAX_MESSAGE_BYTES;
  if (config.topic_arn) {
    const topicArn = text('topic_arn', config.topic_arn);
    input.TopicArn = topicArn;
    if (topicArn.endsWith('.fifo')) {
      const hash = groupKeyHash(groupKey);
      input.MessageDeduplicationId = hash;
      input.MessageGroupId = hash;
    }
  }
  if (config.phone_number) {
    input.PhoneNumber = text('phone_number', config.phone_number);
    limit = MAX_SMS_BYTES;
  }
  if (config.target_arn) input.TargetArn = text('target_arn', config.target_arn);
  const message = text('message', config.message);
  if (LONE_SURROGATE.test(message)) throw new UnrecoverableNotifyError('non utf8 encoded message string');
  const cut = truncateToBytes(message, limit);
  if (cut.truncated) attributes.truncated = { DataType: 'String', StringValue: 'true' };
  input.Message = cut.text;
  // A Go map: the SDK writes its entries in key order; a JavaScript object keeps insertion order.
  input.MessageAttributes = Object.fromEntries(
    Object.entries(attributes).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
  );
  if (config.subject !== '') input.Subject = text('subject', config.subject);
  return { input, truncated: cut.truncated };
}
