import type { VictorOpsConfig } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import type { RenderText } from '../../notification-renderer.js';
import { goPathEscape, victorOpsBody } from './notifier.js';

const render: RenderText = (_what, template) => template ?? '';
const config = {
  message_type: 'warning',
  state_message: 's',
  entity_display_name: 'e',
  monitoring_tool: 'm',
} as VictorOpsConfig;

describe('victorops', () => {
  it('sends CRITICAL for a message type VictorOps does not know (case matters), RECOVERY when resolved', () => {
    expect(JSON.parse(victorOpsBody(config, render, 'k', true).body).message_type).toBe('CRITICAL');
    expect(JSON.parse(victorOpsBody(config, render, 'k', false).body).message_type).toBe('RECOVERY');
  });

  it('escapes the key and routing key in the path as Go does', () => {
    expect(goPathEscape('team a/b?c#d:é')).toBe('team%20a/b%3Fc%23d:%C3%A9');
    expect(goPathEscape("x!*'()$&+,;=@~")).toBe('x%21%2A%27%28%29$&+,;=@~');
  });
});
