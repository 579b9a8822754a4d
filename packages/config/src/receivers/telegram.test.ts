import { describe, expect, it } from 'vitest';
import { readGlobal } from '../global.js';
import { YamlObject } from '../yaml/index.js';
import { readReceiver } from './receiver.js';
import type { TelegramConfig } from './telegram.js';

/** All `telegram_configs` entries of a receiver; `list` is the list's YAML at column 0. */
function list(items: string, global = '{}'): TelegramConfig[] {
  const body = items.trim().replace(/^/gm, '  ');
  const g = global.trim().replace(/^/gm, '  ');
  const root = YamlObject.parse(
    `global:\n${g}\nreceivers:\n- name: r\n  telegram_configs:\n${body}`,
  ) as YamlObject;
  const r = root.value('receivers').asList((v) => readReceiver(v, readGlobal(root.object('global'))))[0];
  return r?.telegram_configs ?? [];
}
const one = (item: string, global?: string) => list(`- ${item}`, global)[0] as TelegramConfig;

describe('telegram_configs (TestTelegramConfiguration)', () => {
  it.each([
    '{ bot_token: xyz, chat_id: 123 }',
    '{ bot_token: xyz, chat_id: 123, message_thread_id: 456 }',
    '{ bot_token_file: /file, chat_id: 123 }',
    '{ bot_token_file: /file, chat_id_file: /chat_id_file }',
  ])('accepts %s', (item) => {
    expect(() => one(item)).not.toThrow();
  });

  it.each([
    [
      '{ bot_token: xyz, bot_token_file: /file, chat_id: 1 }',
      'at most one of bot_token & bot_token_file must be configured',
    ],
    ['{ bot_token: xyz }', 'missing chat_id or chat_id_file on telegram_config'],
    [
      '{ bot_token: xyz, chat_id: 123, chat_id_file: /file }',
      'at most one of chat_id & chat_id_file must be configured',
    ],
    [
      '{ bot_token: xyz, chat_id: 123, parse_mode: invalid }',
      'unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string',
    ],
    ['{ bot_token: xyz, chat_id: abc }', 'cannot unmarshal'],
  ])('rejects %s', (item, message) => {
    expect(() => one(item)).toThrow(message);
  });

  it('has upstream defaults', () => {
    expect(one('{ bot_token: b, chat_id: -100123 }')).toMatchObject({
      send_resolved: true,
      chat_id: -100123,
      parse_mode: 'HTML',
      disable_notifications: false,
      api_url: 'https://api.telegram.org',
      message: '{{ template "telegram.default.message" . }}',
    });
    expect(one("{ bot_token: b, chat_id: 1, parse_mode: '' }").parse_mode).toBe('');
  });

  it('takes the bot token or its file from global (TestTelegramDefaultBotToken, ...File)', () => {
    const [own, inherited] = list(
      '- { bot_token: mine, chat_id: 1 }\n- chat_id: 2',
      'telegram_bot_token: xyz',
    );
    expect(own?.bot_token?.reveal()).toBe('mine');
    expect(inherited?.bot_token?.reveal()).toBe('xyz');
    expect(one('chat_id: 1', 'telegram_bot_token_file: /global_file').bot_token_file).toBe('/global_file');
  });

  it('still fails on a global token and file when the receiver sets its own (TestTelegramValidReceiverBothBotTokenAndFile)', () => {
    expect(() =>
      one(
        '{ chat_id: 123, bot_token_file: /override_file }',
        'telegram_bot_token: asd132\ntelegram_bot_token_file: /global_file',
      ),
    ).toThrow('at most one of telegram_bot_token & telegram_bot_token_file must be configured');
  });

  it('needs a token from somewhere (TestTelegramNoBotToken)', () => {
    expect(() => one('chat_id: 1')).toThrow('missing bot_token or bot_token_file on telegram_config');
  });
});
