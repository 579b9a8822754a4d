import type { MattermostConfig } from '@tocsin/config';
import { describe, expect, it } from 'vitest';
import { buildMattermostRequest } from './mattermost-message.js';

const render = (_what: string, t: string | undefined) => t ?? '';
const build = (priority: MattermostConfig['priority']) =>
  buildMattermostRequest(
    {
      username: '',
      text: 't',
      fallback: '',
      color: '',
      title: '',
      title_link: '',
      priority,
    } as MattermostConfig,
    render,
  );

describe('mattermost priority', () => {
  it.each([
    [
      { priority: 'URGENT', requested_ack: true, persistent_notifications: true },
      { priority: 'urgent', requested_ack: true, persistent_notifications: true },
      0,
    ],
    [
      { priority: 'important', requested_ack: true, persistent_notifications: true },
      { priority: 'important', requested_ack: true },
      1,
    ],
    [{ priority: 'standard', requested_ack: true }, { priority: 'standard' }, 1],
    [{ priority: 'high' }, { priority: 'standard' }, 1],
  ])('%j is sent as %j', (given, sent, warnings) => {
    const built = build(given);
    expect(JSON.parse(JSON.stringify(built.request.priority))).toEqual(sent);
    expect(built.priorityWarnings).toHaveLength(warnings);
  });

  it('sends no priority when none is set', () => {
    expect(build(undefined).request.priority).toBeUndefined();
    expect(build({ requested_ack: true }).request.priority).toBeUndefined();
  });
});
