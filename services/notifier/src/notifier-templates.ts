import type { Config } from '@tocsin/config';
import { type TemplateData, Templates } from '@tocsin/templates';
import { UnrecoverableNotifyError } from './notify-errors.js';

/** What a notifier renders with: Alertmanager's `tmpl.ExecuteTextString` and `ExecuteHTMLString`. */
export interface TemplateRenderer {
  executeText(text: string, data: TemplateData): string;
  executeHtml(text: string, data: TemplateData): string;
}

/** Read at send time, so a send uses the templates of the config it was sent under. */
export interface CurrentTemplates {
  readonly current: TemplateRenderer;
}

/**
 * The templates of the current config: the defaults plus the files of its `templates:` globs,
 * rebuilt on every reload. A file that fails to load fails the reload (the Coordinator keeps the
 * old config and these stay as they were).
 */
export class NotifierTemplates implements CurrentTemplates {
  private templates: Templates | undefined;

  async reload(config: Config): Promise<void> {
    this.templates = await Templates.load(config.templates ?? []);
  }

  get current(): TemplateRenderer {
    if (!this.templates) throw new Error('templates not loaded');
    return this.templates;
  }
}

/**
 * Runs one render; a template error fails the notification at once with Alertmanager's wording
 * (`execute 'to' template: ...`), never an empty message.
 */
export function renderOrFail(what: string, render: () => string): string {
  try {
    return render();
  } catch (err) {
    throw new UnrecoverableNotifyError(`execute ${what} template: ${(err as Error)?.message ?? String(err)}`);
  }
}
