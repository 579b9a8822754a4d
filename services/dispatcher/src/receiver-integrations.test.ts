import type { Receiver } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import { receiverIntegrations } from './receiver-integrations.js';

describe('receiverIntegrations', () => {
  it('lists every config of every type with its index among its type and its send_resolved', () => {
    const receiver = {
      name: 'r',
      webhook_configs: [
        { send_resolved: true, max_alerts: 0 },
        { send_resolved: false, max_alerts: 2 },
      ],
      email_configs: [{ send_resolved: false }],
    } as unknown as Receiver;
    expect(receiverIntegrations(receiver)).toEqual([
      { type: 'email', index: 0, sendResolved: false },
      { type: 'webhook', index: 0, sendResolved: true },
      { type: 'webhook', index: 1, sendResolved: false },
    ]);
  });

  it('gives nothing for a receiver without integrations', () => {
    expect(receiverIntegrations({ name: 'blackhole' })).toEqual([]);
  });
});
