import { describe, expect, it } from 'vitest';
import { postMessageUrl } from './rocketchat-message.js';

describe('rocketchat postMessage URL', () => {
  it.each([
    ['https://open.rocket.chat/', 'https://open.rocket.chat/api/v1/chat.postMessage'],
    ['https://chat.example', 'https://chat.example/api/v1/chat.postMessage'],
    ['https://chat.example/rc', 'https://chat.example/rc/api/v1/chat.postMessage'],
    ['https://chat.example/rc//', 'https://chat.example/rc/api/v1/chat.postMessage'],
  ])('%s → %s', (api, url) => {
    expect(postMessageUrl(api)).toBe(url);
  });
});
