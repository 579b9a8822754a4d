import type { MSTeamsConfig } from '@tocsin/config';
import type { RenderText } from '../../notification-renderer.js';

// themeColor as Alertmanager sets it: red while anything fires, green once all resolved.
export const COLOR_FIRING = '8C1A1A';
export const COLOR_RESOLVED = '2DC72D';

/** A legacy Office 365 connector MessageCard, keys in Alertmanager's field order. */
export interface MessageCard {
  '@context': 'http://schema.org/extensions';
  type: 'MessageCard';
  title: string;
  summary: string;
  text: string;
  themeColor: string;
}

export function buildMessageCard(config: MSTeamsConfig, text: RenderText, firing: boolean): MessageCard {
  // Rendered in Alertmanager's order (title, text, summary) so the first failing template names itself.
  const title = text('title', config.title);
  const body = text('text', config.text);
  const summary = text('summary', config.summary);
  return {
    '@context': 'http://schema.org/extensions',
    type: 'MessageCard',
    title,
    summary,
    text: body,
    themeColor: firing ? COLOR_FIRING : COLOR_RESOLVED,
  };
}
