import type { MSTeamsV2Config } from '@tocsin/config';
import type { RenderText } from '../../notification-renderer.js';

// The title's Adaptive Card colour: "Attention" while anything fires, "Good" once all resolved.
export const COLOR_FIRING = 'Attention';
export const COLOR_RESOLVED = 'Good';

interface TextBlock {
  type: 'TextBlock';
  text: string;
  weight?: string;
  size?: string;
  wrap?: boolean;
  style?: string;
  color?: string;
}

/**
 * The Power Automate (Workflows) webhook message Alertmanager's msteamsv2 notifier posts: one
 * Adaptive Card 1.2 attachment with the title as a heading and the text below. Keys in
 * Alertmanager's field order; undefined ones are its `omitempty` fields.
 */
export interface TeamsWorkflowMessage {
  type: 'message';
  attachments: {
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: {
      $schema: string;
      type: 'AdaptiveCard';
      version: '1.2';
      body: TextBlock[];
      msteams: { width: 'full' };
    };
  }[];
}

export function buildAdaptiveCardMessage(
  config: MSTeamsV2Config,
  text: RenderText,
  firing: boolean,
): TeamsWorkflowMessage {
  const title = text('title', config.title);
  const body = text('text', config.text);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.2',
          body: [
            {
              type: 'TextBlock',
              text: title,
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
              style: 'heading',
              color: firing ? COLOR_FIRING : COLOR_RESOLVED,
            },
            { type: 'TextBlock', text: body, wrap: true },
          ],
          msteams: { width: 'full' },
        },
      },
    ],
  };
}
