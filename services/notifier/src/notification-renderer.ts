import type { NotifyAlert, NotifyJobData } from '@tocsin/queues';
import { type TemplateData, templateData } from '@tocsin/templates';
import type { NotifyContext } from './notifier.js';
import { renderOrFail, type TemplateRenderer } from './notifier-templates.js';

/** Renders one config field; an unset or empty template renders as '' without running. */
export type RenderText = (what: string, template: string | undefined) => string;

/** The template data of a notification (Alertmanager's `GetTemplateData`), for `alerts` if given. */
export function notificationData(
  n: NotifyJobData,
  ctx: Pick<NotifyContext, 'externalUrl'>,
  alerts: readonly NotifyAlert[] = n.alerts,
): TemplateData {
  return templateData({
    receiver: n.receiver,
    groupLabels: n.groupLabels,
    routeLabels: n.routeLabels,
    reason: n.reason,
    externalUrl: ctx.externalUrl,
    alerts,
  });
}

/**
 * Alertmanager's `TmplText` over one notification's data: every field rendered as text, a
 * template error failing the notification at once (`execute <what> template: ...`).
 */
export function textRenderer(t: TemplateRenderer, data: TemplateData): RenderText {
  return (what, template) =>
    template === undefined || template === '' ? '' : renderOrFail(what, () => t.executeText(template, data));
}
