import { createHash } from 'node:crypto';
import type { PagerdutyConfig } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import type { RenderText } from '../../notification-renderer.js';
import { UnrecoverableNotifyError } from '../../notify-errors.js';
import { eventV1, eventV2, metricBytes, pagerdutyErrorDetails } from './pagerduty-message.js';

// Templates render as themselves here: the texts are what the config says.
const render: RenderText = (_what, template) => template ?? '';
const config = {
  client: 'Alertmanager',
  client_url: 'http://am/',
  description: 'disk full',
  details: {},
  source: 'Alertmanager',
} as unknown as PagerdutyConfig;
const input = { config, render, groupKey: '{}:{a="b"}', key: 'k', details: { n: 1 } };

describe('pagerduty events', () => {
  it('v1: a resolve carries no client, and event_action and payload are always there', () => {
    const body = JSON.parse(eventV1({ ...input, eventType: 'resolve' }).body);
    expect(body).toEqual({
      service_key: 'k',
      incident_key: createHash('sha256').update('{}:{a="b"}').digest('hex'),
      event_type: 'resolve',
      description: 'disk full',
      event_action: '',
      payload: null,
      details: { n: 1 },
    });
  });

  it('v2: severity defaults to error, empty optional fields are left out', () => {
    const body = JSON.parse(eventV2({ ...input, eventType: 'trigger' }).body);
    expect(body.payload).toEqual({
      summary: 'disk full',
      source: 'Alertmanager',
      severity: 'error',
      custom_details: { n: 1 },
    });
    expect(body).not.toHaveProperty('images');
    expect(body).not.toHaveProperty('links');
  });

  it('refuses a key that renders empty', () => {
    expect(() => eventV2({ ...input, key: '', eventType: 'trigger' })).toThrow(UnrecoverableNotifyError);
    expect(() => eventV1({ ...input, key: '', eventType: 'trigger' })).toThrow('service key cannot be empty');
  });

  it("words PagerDuty's 400 replies as Alertmanager does, and nothing else", () => {
    expect(pagerdutyErrorDetails(400, '{"status":"invalid","message":"bad","errors":["a","b"]}')).toBe(
      'bad: a,b',
    );
    expect(pagerdutyErrorDetails(400, 'not json')).toBe('');
    expect(pagerdutyErrorDetails(500, '{"message":"bad"}')).toBe('');
  });

  it('prints sizes as alecthomas/units does', () => {
    expect(metricBytes(512_000)).toBe('512KB');
    expect(metricBytes(1_234_567)).toBe('1MB234KB567B');
    expect(metricBytes(999)).toBe('999B');
  });
});
