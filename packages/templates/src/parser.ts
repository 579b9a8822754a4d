// A recursive-descent parser with the grammar, scoping rules and error messages of Go's
// text/template/parse. Its look-ahead mirrors Go's on purpose: Go reports the line of the last
// token it read, so reading tokens in the same order gives the same line numbers.

import { goQuote, goUnquote } from '@tocsin/go-syntax';
import type {
  ArgumentNode,
  CommandNode,
  ListNode,
  Node,
  ParsedTemplates,
  PipelineNode,
  Position,
  StatementNode,
  TemplateCallNode,
  TemplateTree,
  VariableNode,
} from './ast.js';
import { TemplateParseError } from './errors.js';
import { formatNode } from './format.js';
import {
  DEFAULT_LEFT_DELIM,
  DEFAULT_RIGHT_DELIM,
  describeToken,
  Lexer,
  LineIndex,
  type Token,
  type TokenType,
} from './lexer.js';
import { parseNumber } from './literals.js';

/** text/template's builtins: always defined, whatever functions the caller adds. */
export const GO_BUILTIN_FUNCTIONS: ReadonlySet<string> = new Set([
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
]);

export interface ParseOptions {
  /**
   * Functions the template may call besides Go's builtins. Without it no function name is
   * checked; with it an unknown one fails as in Go (`function "x" not defined`).
   */
  functions?: ReadonlySet<string> | readonly string[];
  /** Action delimiters; empty or absent means `{{` and `}}`. */
  leftDelim?: string;
  rightDelim?: string;
}

/**
 * Go's limit is 10,000 nested parentheses; a JS stack runs out well before that, so ours is the
 * limit Go uses on WebAssembly.
 */
const MAX_PAREN_DEPTH = 1000;

const OPERAND_START: ReadonlySet<TokenType> = new Set<TokenType>([
  'bool',
  'charConstant',
  'complex',
  'dot',
  'field',
  'identifier',
  'number',
  'nil',
  'rawString',
  'string',
  'variable',
  'leftParen',
]);

/** Go's unicode.IsSpace, for deciding whether text is only space. */
const ONLY_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/** {{end}} and {{else}} close lists; they never reach the tree. */
type Marker =
  | { readonly kind: 'end'; readonly pos: number }
  | { readonly kind: 'else'; readonly pos: number };

/** What Go keeps per tree: each {{define}} and {{block}} body starts afresh. */
interface TreeState {
  /** Variables in scope; "$" always is. */
  readonly vars: string[];
  rangeDepth: number;
  parenDepth: number;
  /** Line of the {{ that opened the current action, 0 outside actions. */
  actionLine: number;
  /** The last token this tree read from the lexer: Go's error line comes from it. */
  lastToken: Token | undefined;
}

const newState = (): TreeState => ({
  vars: ['$'],
  rangeDepth: 0,
  parenDepth: 0,
  actionLine: 0,
  lastToken: undefined,
});

/** Whether a tree holds nothing but space and comments (Go's parse.IsEmptyTree). */
export function isEmptyTree(node: Node): boolean {
  switch (node.kind) {
    case 'list':
      return node.nodes.every(isEmptyTree);
    case 'comment':
      return true;
    case 'text':
      return ONLY_SPACE.test(node.text);
    default:
      return false;
  }
}

/**
 * Parses a template and the {{define}}/{{block}} templates inside it, or throws the
 * TemplateParseError Go's text/template would report.
 */
export function parseTemplate(text: string, name: string, options: ParseOptions = {}): ParsedTemplates {
  return new Parser(text, name, options).parse();
}

class Parser {
  private readonly lexer: Lexer;
  private readonly lines: LineIndex;
  private readonly functions: ReadonlySet<string> | undefined;
  private readonly leftDelim: string;
  private readonly rightDelim: string;
  /** Tokens read ahead and put back; the last one is next. */
  private readonly pushedBack: Token[] = [];
  private readonly templates = new Map<string, TemplateTree>();
  private state: TreeState = newState();

  constructor(
    private readonly text: string,
    private readonly name: string,
    options: ParseOptions,
  ) {
    this.functions = options.functions === undefined ? undefined : new Set(options.functions);
    this.leftDelim = options.leftDelim || DEFAULT_LEFT_DELIM;
    this.rightDelim = options.rightDelim || DEFAULT_RIGHT_DELIM;
    this.lines = new LineIndex(text);
    this.lexer = new Lexer(text, {
      leftDelim: this.leftDelim,
      rightDelim: this.rightDelim,
      // A function named break or continue wins over the keyword, as in Go.
      breakIsKeyword: !this.functions?.has('break'),
      continueIsKeyword: !this.functions?.has('continue'),
    });
  }

  parse(): ParsedTemplates {
    const main = this.tree(this.name, this.topLevel());
    this.add(main);
    return { main, templates: this.templates };
  }

  // ---- tokens ----

  private next(): Token {
    const token = this.pushedBack.pop();
    if (token) return token;
    const fresh = this.lexer.next();
    this.state.lastToken = fresh;
    return fresh;
  }

  private backup(token: Token): void {
    this.pushedBack.push(token);
  }

  private peek(): Token {
    const token = this.next();
    this.backup(token);
    return token;
  }

  private nextNonSpace(): Token {
    let token = this.next();
    while (token.type === 'space') token = this.next();
    return token;
  }

  private peekNonSpace(): Token {
    const token = this.nextNonSpace();
    this.backup(token);
    return token;
  }

  private expect(type: TokenType, context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  // ---- errors and positions ----

  private at(pos: number): Position {
    return { pos, ...this.lines.locate(pos) };
  }

  private fail(reason: string): never {
    const { line, column } = this.lines.locate(this.state.lastToken?.pos ?? 0);
    throw new TemplateParseError(this.name, line, column, reason);
  }

  private unexpected(token: Token, context: string): never {
    if (token.type !== 'error') this.fail(`unexpected ${describeToken(token)} in ${context}`);
    // A lexing error inside a multi-line action also says where the action began.
    const { actionLine } = this.state;
    if (actionLine === 0 || actionLine === this.lines.locate(token.pos).line) this.fail(token.value);
    const started = `started at ${this.name}:${actionLine}`;
    this.fail(
      token.value.endsWith(' action') ? `${token.value} ${started}` : `${token.value} in action ${started}`,
    );
  }

  private markerText(marker: Marker): string {
    return `${this.leftDelim}${marker.kind}${this.rightDelim}`;
  }

  // ---- trees ----

  private withState<T>(state: TreeState, body: () => T): T {
    const outer = this.state;
    this.state = state;
    try {
      return body();
    } finally {
      this.state = outer;
    }
  }

  private tree(name: string, root: ListNode): TemplateTree {
    return {
      name,
      parseName: this.name,
      root,
      text: this.text,
      leftDelim: this.leftDelim,
      rightDelim: this.rightDelim,
    };
  }

  /** Records a tree; an empty one may be replaced, two non-empty ones clash. */
  private add(tree: TemplateTree): void {
    const existing = this.templates.get(tree.name);
    if (existing === undefined || isEmptyTree(existing.root)) {
      this.templates.set(tree.name, tree);
    } else if (!isEmptyTree(tree.root)) {
      this.fail(`template: multiple definition of template ${goQuote(tree.name)}`);
    }
  }

  /** The top level: like a list, but {{define}} is allowed and it runs to EOF. */
  private topLevel(): ListNode {
    const start = this.peek().pos;
    const nodes: StatementNode[] = [];
    while (this.peek().type !== 'eof') {
      if (this.peek().type === 'leftDelim') {
        const delim = this.next();
        const keyword = this.nextNonSpace();
        if (keyword.type === 'define') {
          this.withState(newState(), () => this.definition());
          continue;
        }
        this.backup(keyword);
        this.backup(delim);
      }
      const node = this.textOrAction();
      if (node.kind === 'end' || node.kind === 'else') this.fail(`unexpected ${this.markerText(node)}`);
      nodes.push(node);
    }
    return { kind: 'list', ...this.at(start), nodes };
  }

  /** {{define "name"}} ... {{end}}, after the keyword. */
  private definition(): void {
    const context = 'define clause';
    const nameToken = this.nextNonSpace();
    if (nameToken.type !== 'string' && nameToken.type !== 'rawString') this.unexpected(nameToken, context);
    const name = goUnquote(nameToken.value) ?? this.fail('invalid syntax');
    this.expect('rightDelim', context);
    const { list, end } = this.itemList();
    if (end.kind !== 'end') this.fail(`unexpected ${this.markerText(end)} in ${context}`);
    this.add(this.tree(name, list));
  }

  // ---- lists and actions ----

  /** Nodes up to the {{end}} or {{else}} that closes them. */
  private itemList(): { list: ListNode; end: Marker } {
    const start = this.peekNonSpace().pos;
    const nodes: StatementNode[] = [];
    while (this.peekNonSpace().type !== 'eof') {
      const node = this.textOrAction();
      if (node.kind === 'end' || node.kind === 'else') {
        return { list: { kind: 'list', ...this.at(start), nodes }, end: node };
      }
      nodes.push(node);
    }
    return this.fail('unexpected EOF');
  }

  private textOrAction(): StatementNode | Marker {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'text':
        return { kind: 'text', ...this.at(token.pos), text: token.value };
      case 'comment':
        return { kind: 'comment', ...this.at(token.pos), text: token.value };
      case 'leftDelim':
        this.state.actionLine = this.lines.locate(token.pos).line;
        try {
          return this.action();
        } finally {
          this.state.actionLine = 0;
        }
      default:
        return this.unexpected(token, 'input');
    }
  }

  /** After {{: a control keyword, or a pipeline. */
  private action(): StatementNode | Marker {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'block':
        return this.block();
      case 'break':
      case 'continue':
        return this.loopControl(token, token.type);
      case 'else':
        return this.elseMarker();
      case 'end':
        return { kind: 'end', pos: this.expect('rightDelim', 'end').pos };
      case 'if':
      case 'range':
      case 'with':
        return this.branch(token.type);
      case 'template':
        return this.templateCall();
    }
    this.backup(token);
    const first = this.peek();
    // Variables declared here stay in scope until the enclosing {{end}}.
    return { kind: 'action', ...this.at(first.pos), pipe: this.pipeline('command', 'rightDelim') };
  }

  private loopControl(token: Token, word: 'break' | 'continue'): StatementNode {
    const next = this.nextNonSpace();
    if (next.type !== 'rightDelim') this.unexpected(next, `{{${word}}}`);
    if (this.state.rangeDepth === 0) this.fail(`{{${word}}} outside {{range}}`);
    return { kind: word, ...this.at(token.pos) };
  }

  /** {{else}}; in {{else if ...}} / {{else with ...}} the keyword is left for the caller. */
  private elseMarker(): Marker {
    const following = this.peekNonSpace();
    if (following.type === 'if' || following.type === 'with') return { kind: 'else', pos: following.pos };
    return { kind: 'else', pos: this.expect('rightDelim', 'else').pos };
  }

  /** if, range and with: pipeline, list, optional else list, {{end}}. */
  private branch(kind: 'if' | 'range' | 'with'): StatementNode {
    const varsInScope = this.state.vars.length;
    try {
      const pipe = this.pipeline(kind, 'rightDelim');
      if (kind === 'range') this.state.rangeDepth++;
      const { list, end } = this.itemList();
      if (kind === 'range') this.state.rangeDepth--; // break/continue are not allowed in range's else
      let elseList: ListNode | null = null;
      if (end.kind === 'else') {
        // {{else if}} is {{else}}{{if}}...{{end}}{{end}} with the last {{end}} implied; same for with.
        if ((kind === 'if' || kind === 'with') && this.peek().type === kind) {
          this.next();
          elseList = { kind: 'list', ...this.at(end.pos), nodes: [this.branch(kind)] };
        } else {
          const rest = this.itemList();
          if (rest.end.kind !== 'end') this.fail(`expected end; found ${this.markerText(rest.end)}`);
          elseList = rest.list;
        }
      }
      return { kind, ...this.at(pipe.pos), pipe, list, elseList };
    } finally {
      this.state.vars.length = varsInScope;
    }
  }

  private templateName(token: Token, context: string): string {
    if (token.type !== 'string' && token.type !== 'rawString') return this.unexpected(token, context);
    return goUnquote(token.value) ?? this.fail('invalid syntax');
  }

  /** {{template "name"}} or {{template "name" pipeline}}. */
  private templateCall(): TemplateCallNode {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipelineNode | null = null;
    const next = this.nextNonSpace();
    if (next.type !== 'rightDelim') {
      this.backup(next);
      pipe = this.pipeline(context, 'rightDelim');
    }
    return { kind: 'template', ...this.at(token.pos), name, pipe };
  }

  /** {{block "name" pipeline}} ... {{end}}: defines "name" and calls it in place. */
  private block(): TemplateCallNode {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, 'rightDelim');
    const blockState = newState();
    const { list, end } = this.withState(blockState, () => this.itemList());
    if (end.kind !== 'end') this.fail(`unexpected ${this.markerText(end)} in ${context}`);
    this.withState(blockState, () => this.add(this.tree(name, list)));
    return { kind: 'template', ...this.at(token.pos), name, pipe };
  }

  // ---- pipelines ----

  private variable(token: Token): VariableNode {
    return { kind: 'variable', ...this.at(token.pos), ident: [token.value] };
  }

  /** declarations? command ('|' command)*, up to `end` (the right delimiter or paren). */
  private pipeline(context: string, end: 'rightDelim' | 'rightParen'): PipelineNode {
    const start = this.peekNonSpace().pos;
    const decl: VariableNode[] = [];
    let isAssign = false;
    // Telling "$x := ..." from "$x arg" takes up to three tokens of look-ahead.
    for (let v = this.peekNonSpace(); v.type === 'variable'; v = this.peekNonSpace()) {
      this.next();
      const afterVariable = this.peek();
      const following = this.peekNonSpace();
      if (following.type === 'assign' || following.type === 'declare') {
        isAssign = following.type === 'assign';
        this.nextNonSpace();
        decl.push(this.variable(v));
        this.state.vars.push(v.value);
        break;
      }
      if (following.type === 'char' && following.value === ',') {
        this.nextNonSpace();
        decl.push(this.variable(v));
        this.state.vars.push(v.value);
        if (context === 'range' && decl.length < 2) {
          const second = this.peekNonSpace().type;
          if (second === 'variable' || second === 'rightDelim' || second === 'rightParen') continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      }
      // Not a declaration: put the variable (and the space after it) back.
      if (afterVariable.type === 'space') this.backup(afterVariable);
      this.backup(v);
      break;
    }
    const cmds: CommandNode[] = [];
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) break;
      if (!OPERAND_START.has(token.type)) this.unexpected(token, context);
      this.backup(token);
      cmds.push(this.command());
    }
    this.checkPipeline(cmds, context);
    return { kind: 'pipeline', ...this.at(start), isAssign, decl, cmds };
  }

  private checkPipeline(cmds: readonly CommandNode[], context: string): void {
    if (cmds.length === 0) this.fail(`missing value for ${context}`);
    // Only the first command may be a plain value: "A | B" passes A to B as its last argument.
    cmds.forEach((cmd, i) => {
      const kind = cmd.args[0]?.kind;
      if (
        i > 0 &&
        (kind === 'bool' || kind === 'dot' || kind === 'nil' || kind === 'number' || kind === 'string')
      ) {
        this.fail(`non executable command in pipeline stage ${i + 1}`);
      }
    });
  }

  /** Space-separated operands up to '|' (consumed) or the closing delimiter (left in place). */
  private command(): CommandNode {
    const start = this.peekNonSpace().pos;
    const args: ArgumentNode[] = [];
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) args.push(operand);
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup(token);
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (args.length === 0) this.fail('empty command');
    return { kind: 'command', ...this.at(start), args };
  }

  /** A term, then any `.Field` accesses on it. */
  private operand(): ArgumentNode | undefined {
    const node = this.term();
    if (node === undefined || this.peek().type !== 'field') return node;
    const chainAt = this.at(this.peek().pos);
    const fields: string[] = [];
    while (this.peek().type === 'field') fields.push(this.next().value.slice(1));
    switch (node.kind) {
      case 'field':
      case 'variable':
        // Go folds these into one node, positioned at the first added field.
        return { ...node, ...chainAt, ident: [...node.ident, ...fields] };
      case 'bool':
      case 'string':
      case 'number':
      case 'nil':
      case 'dot':
        return this.fail(`unexpected . after term ${goQuote(formatNode(node))}`);
      default:
        return { kind: 'chain', ...chainAt, node, fields };
    }
  }

  /** A literal, function, dot, field, variable or parenthesised pipeline; undefined if none. */
  private term(): ArgumentNode | undefined {
    const token = this.nextNonSpace();
    const at = (): Position => this.at(token.pos);
    switch (token.type) {
      case 'identifier':
        if (this.functions && !GO_BUILTIN_FUNCTIONS.has(token.value) && !this.functions.has(token.value)) {
          this.fail(`function ${goQuote(token.value)} not defined`);
        }
        return { kind: 'identifier', ...at(), name: token.value };
      case 'dot':
        return { kind: 'dot', ...at() };
      case 'nil':
        return { kind: 'nil', ...at() };
      case 'variable':
        if (!this.state.vars.includes(token.value)) this.fail(`undefined variable ${goQuote(token.value)}`);
        return this.variable(token);
      case 'field':
        return { kind: 'field', ...at(), ident: [token.value.slice(1)] };
      case 'bool':
        return { kind: 'bool', ...at(), value: token.value === 'true' };
      case 'number':
      case 'charConstant':
      case 'complex': {
        const form = token.type === 'charConstant' ? 'char' : token.type;
        const result = parseNumber(token.value, form);
        if (!result.ok) return this.fail(result.reason);
        return { kind: 'number', ...at(), text: token.value, ...result.value };
      }
      case 'string':
      case 'rawString':
        return {
          kind: 'string',
          ...at(),
          quoted: token.value,
          text: goUnquote(token.value) ?? this.fail('invalid syntax'),
        };
      case 'leftParen':
        if (this.state.parenDepth >= MAX_PAREN_DEPTH) this.fail('max expression depth exceeded');
        this.state.parenDepth++;
        try {
          return this.pipeline('parenthesized pipeline', 'rightParen');
        } finally {
          this.state.parenDepth--;
        }
    }
    this.backup(token);
    return undefined;
  }
}
