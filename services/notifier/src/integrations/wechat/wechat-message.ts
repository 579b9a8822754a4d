import type { WechatConfig } from '@tocsin/config';
import type { RenderText } from '../../notification-renderer.js';

/**
 * Alertmanager's WeChat message, keys in its field order: `text` and `markdown` are always there
 * (Go's omitempty never drops a struct), the one of `msgtype` carries the content; the others
 * are left out when empty. `safe` is always "0".
 */
export interface WechatMessage {
  text: { content: string };
  touser?: string;
  toparty?: string;
  totag?: string;
  agentid?: string;
  safe: '0';
  msgtype?: string;
  markdown: { content: string };
}

export function buildWechatMessage(config: WechatConfig, text: RenderText): WechatMessage {
  const touser = text('to_user', config.to_user);
  const toparty = text('to_party', config.to_party);
  const totag = text('to_tag', config.to_tag);
  const agentid = text('agent_id', config.agent_id);
  const content = text('message', config.message);
  const markdown = config.message_type === 'markdown';
  return {
    text: { content: markdown ? '' : content },
    touser: touser || undefined,
    toparty: toparty || undefined,
    totag: totag || undefined,
    agentid: agentid || undefined,
    safe: '0',
    msgtype: config.message_type || undefined,
    markdown: { content: markdown ? content : '' },
  };
}
