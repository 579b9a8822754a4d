import { deepCopyWithTemplate } from '../../deep-copy-with-template.js';
import { goJsonValue } from '../../go-json.js';

/**
 * Alertmanager 0.34's custom webhook `payload`: every string in it, map keys included, is
 * rendered as a template (template.DeepCopyWithTemplate). The body is the result as Go's
 * json.Encoder writes it.
 */
export function renderCustomPayload(payload: unknown, render: (text: string) => string): string {
  return `${goJsonValue(deepCopyWithTemplate(payload, render))}\n`;
}
