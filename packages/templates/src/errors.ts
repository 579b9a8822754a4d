/**
 * A template that Go's text/template would refuse to parse. The message is Go's, word for word:
 * `template: <name>:<line>: <reason>`. Go prints only the line; `column` is ours, counted in Unicode
 * code points from 1, and points at the same token Go took the line from.
 */
export class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';
  /** The name given to `parseTemplate` (Go's ParseName), also for errors inside {{define}}. */
  readonly templateName: string;
  readonly line: number;
  readonly column: number;
  /** The message without the `template: <name>:<line>: ` prefix. */
  readonly reason: string;
  /** The file's full path, when the template came from a file (Templates.load / fromFiles). */
  file?: string;

  constructor(templateName: string, line: number, column: number, reason: string) {
    super(`template: ${templateName}:${line}: ${reason}`);
    this.templateName = templateName;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

/**
 * A template that failed while executing. The message is Go's:
 * `template: <file>:<line>:<col>: executing "<template>" at <<node>>: <reason>`.
 */
export class TemplateExecError extends Error {
  override readonly name = 'TemplateExecError';
  /** The template that was executing (Go's Template.Name()). */
  readonly templateName: string;
  /** The failing node as template source, e.g. `.Foo.Bar`; '' when none. */
  readonly node: string;
  readonly reason: string;

  constructor(message: string, templateName: string, node: string, reason: string) {
    super(message);
    this.templateName = templateName;
    this.node = node;
    this.reason = reason;
  }
}
