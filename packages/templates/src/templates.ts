import path from 'node:path';
import { goQuote } from '@tocsin/go-syntax';
import { ALERTMANAGER_FUNCTION_MAP } from './am-functions.js';
import type { ListNode, ParsedTemplates, StatementNode, TemplateTree } from './ast.js';
import { type DataInput, toGoValue } from './data-model.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
import { TemplateExecError, TemplateParseError } from './errors.js';
import { errorLocation, execute, TextOutput } from './exec.js';
import { formatNode } from './format.js';
import { GoCallError } from './go-function.js';
import { GoMap, GoStruct, type GoValue, indirect } from './go-value.js';
import { HtmlOutput } from './html-output.js';
import { isEmptyTree, parseTemplate } from './parser.js';
import { ALERTMANAGER_FUNCTIONS, readTemplateFiles, type TemplateFile } from './template-files.js';

/** The file name Tocsin's default templates are parsed under ('' as Alertmanager's are). */
const DEFAULTS_NAME = '';

/** Adds parsed trees as Go's associate does: a later definition wins unless it is empty. */
function associate(into: Map<string, TemplateTree>, parsed: ParsedTemplates): void {
  for (const [name, tree] of parsed.templates) {
    if (into.has(name) && isEmptyTree(tree.root)) continue;
    into.set(name, tree);
  }
}

function parse(text: string, name: string): ParsedTemplates {
  return parseTemplate(text, name, { functions: ALERTMANAGER_FUNCTIONS });
}

/** html/template's escaping pass fails on a call to an undefined template, taken or not. */
function checkTemplateCalls(
  tree: TemplateTree,
  trees: ReadonlyMap<string, TemplateTree>,
  seen: Set<TemplateTree>,
): void {
  if (seen.has(tree)) return;
  seen.add(tree);
  const visit = (node: StatementNode | ListNode | null): void => {
    if (!node) return;
    switch (node.kind) {
      case 'list':
        node.nodes.forEach(visit);
        return;
      case 'if':
      case 'range':
      case 'with':
        visit(node.list);
        visit(node.elseList);
        return;
      case 'template': {
        const called = trees.get(node.name);
        if (!called) {
          const message = `html/template:${errorLocation(tree, node)}: no such template ${goQuote(node.name)}`;
          throw new TemplateExecError(
            message,
            tree.name,
            formatNode(node),
            `no such template ${goQuote(node.name)}`,
          );
        }
        checkTemplateCalls(called, trees, seen);
        return;
      }
      default:
        return;
    }
  };
  visit(tree.root);
}

/**
 * Renders route labels for one top-level render, as Alertmanager's resolver does: a label's
 * value is itself template text, each is rendered once, and a cycle is an error.
 */
class RouteLabelResolver {
  private readonly memo = new Map<string, string>();
  private readonly stack: string[] = [];

  constructor(
    private readonly data: GoValue,
    private readonly render: (text: string, resolver: RouteLabelResolver) => string,
  ) {}

  resolve(name: string): string {
    const root = indirect(this.data);
    const labels = root instanceof GoStruct ? root.fields.RouteLabels : undefined;
    if (!(labels instanceof GoMap) || !labels.entries.has(name)) return '';
    const memo = this.memo.get(name);
    if (memo !== undefined) return memo;
    if (this.stack.includes(name)) {
      throw new GoCallError(`route label cycle detected: ${[...this.stack, name].join(' -> ')}`);
    }
    this.stack.push(name);
    try {
      const value = this.render(labels.entries.get(name) as string, this);
      this.memo.set(name, value);
      return value;
    } finally {
      this.stack.pop();
    }
  }
}

/**
 * A set of notification templates: Tocsin's defaults (under Alertmanager's names) and the user's
 * files, executed like Alertmanager's template.Template.
 */
/** How many distinct texts a Templates keeps parsed (config texts repeat on every notification). */
const COMPILED_CACHE_SIZE = 500;

let parsedDefaults: ParsedTemplates | undefined;

interface Compiled {
  readonly main: TemplateTree;
  readonly trees: ReadonlyMap<string, TemplateTree>;
}

export class Templates {
  private readonly compiled = new Map<string, Compiled>();

  private constructor(private readonly trees: ReadonlyMap<string, TemplateTree>) {}

  /**
   * Tocsin's default templates, then the files the `templates:` globs name (later definitions
   * win, as in Go). Throws TemplateParseError (Go's message; `line`, `column`, `file`).
   */
  static async load(globs: readonly string[]): Promise<Templates> {
    return Templates.fromFiles(await readTemplateFiles(globs));
  }

  static fromFiles(files: readonly TemplateFile[]): Templates {
    const trees = new Map<string, TemplateTree>();
    parsedDefaults ??= parse(DEFAULT_TEMPLATES, DEFAULTS_NAME);
    associate(trees, parsedDefaults);
    for (const file of files) {
      try {
        associate(trees, parse(file.text, path.basename(file.path)));
      } catch (err) {
        if (err instanceof TemplateParseError) err.file = file.path;
        throw err;
      }
    }
    return new Templates(trees);
  }

  /** The names of every defined template, sorted. */
  names(): string[] {
    return [...this.trees.keys()].sort();
  }

  /**
   * Alertmanager's ExecuteTextString: `text` is parsed as an anonymous template that can call
   * every defined one, then executed on `data`. '' for ''. Throws TemplateParseError or
   * TemplateExecError.
   */
  executeText(text: string, data: DataInput): string {
    return this.run(text, toGoValue(data), 'text');
  }

  /** ExecuteHTMLString: the same with html/template's contextual escaping. */
  executeHtml(text: string, data: DataInput): string {
    return this.run(text, toGoValue(data), 'html');
  }

  private run(text: string, data: GoValue, mode: 'text' | 'html', resolver?: RouteLabelResolver): string {
    if (text === '') return '';
    const routeLabels =
      resolver ?? new RouteLabelResolver(data, (label, r) => this.run(label, data, mode, r));
    const { main, trees } = this.compile(text);
    // html/template escapes every template the text can reach before running any of it.
    if (mode === 'html') checkTemplateCalls(main, trees, new Set());
    return execute(
      {
        templates: trees,
        functions: ALERTMANAGER_FUNCTION_MAP,
        output: mode === 'html' ? new HtmlOutput() : new TextOutput(),
        mergeEscapers: mode === 'html',
        routeLabel: (name) => routeLabels.resolve(name),
      },
      main,
      data,
    );
  }

  /** The text parsed as Go's tmpl.New("").Parse(text) on a clone of the set (cached). */
  private compile(text: string): Compiled {
    const cached = this.compiled.get(text);
    if (cached) return cached;
    const parsed = parse(text, '');
    let trees: ReadonlyMap<string, TemplateTree> = this.trees;
    // Only a text with its own {{define}}s needs a set of its own.
    if (parsed.templates.size > 1 || !parsed.templates.has('')) {
      const own = new Map(this.trees);
      associate(own, parsed);
      trees = own;
    }
    const compiled = { main: parsed.main, trees };
    if (this.compiled.size >= COMPILED_CACHE_SIZE) {
      this.compiled.delete(this.compiled.keys().next().value as string);
    }
    this.compiled.set(text, compiled);
    return compiled;
  }
}

/**
 * Reads the files the `templates:` globs name and loads them as the engine does (Tocsin's
 * defaults first, Go's rules for redefinition); throws the first TemplateParseError, its Go
 * message followed by the file's path, line and column. Config
 * reload and check-config call this, so an invalid template fails them like an invalid config.
 */
export async function checkTemplateFiles(globs: readonly string[]): Promise<TemplateFile[]> {
  const files = await readTemplateFiles(globs);
  try {
    Templates.fromFiles(files);
  } catch (err) {
    // Go's text names the file and line; the operator also gets the path and the column.
    if (err instanceof TemplateParseError) {
      err.message += ` (${err.file ?? err.templateName}, line ${err.line}, column ${err.column})`;
    }
    throw err;
  }
  return files;
}
