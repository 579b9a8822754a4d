import type { WebexConfig } from '@tocsin/config';
import type { RenderText } from '../../notification-renderer.js';
import { truncateInBytes } from '../../truncate-in-bytes.js';

/** The longest message Webex takes, in bytes (Alertmanager cuts it there). */
export const MAX_MESSAGE_BYTES = 7439;

/** Alertmanager's Webex message: markdown, and the room (`omitempty`). */
export interface WebexMessage {
  markdown: string;
  roomId?: string;
}

export function buildWebexMessage(
  config: WebexConfig,
  text: RenderText,
): { message: WebexMessage; truncated: boolean } {
  const markdown = truncateInBytes(text('message', config.message), MAX_MESSAGE_BYTES);
  const roomId = text('room_id', config.room_id);
  return { message: { markdown: markdown.text, roomId: roomId || undefined }, truncated: markdown.truncated };
}
