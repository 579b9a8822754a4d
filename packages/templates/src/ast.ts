// The parse tree, shaped like Go's text/template/parse nodes. Every node carries where it is:
// `pos` is the offset Go's Node.Position() would give (as a JS string index), with its 1-based
// line and column (column in code points). Like Go, a chained field `.A.B` or `$x.A` sits at its
// first `.` suffix, and if/range/with sit at their pipeline.

import type { NumberValue } from './literals.js';

export interface Position {
  readonly pos: number;
  readonly line: number;
  readonly column: number;
}

/** Literal text between actions, after trim markers have removed their spaces. */
export interface TextNode extends Position {
  readonly kind: 'text';
  readonly text: string;
}

/** `{{/* ... *\/}}`; `text` keeps the comment markers, as Go does. Executes to nothing. */
export interface CommentNode extends Position {
  readonly kind: 'comment';
  readonly text: string;
}

/** `{{pipeline}}`: a non-control action. */
export interface ActionNode extends Position {
  readonly kind: 'action';
  readonly pipe: PipelineNode;
}

/** `$x, $y := cmd | cmd`: optional declarations (or assignments), then commands. */
export interface PipelineNode extends Position {
  readonly kind: 'pipeline';
  /** True for `$x = ...`, false for `$x := ...` (and for no declaration). */
  readonly isAssign: boolean;
  readonly decl: readonly VariableNode[];
  readonly cmds: readonly CommandNode[];
}

/** Space-separated operands: a function, method or value and its arguments. */
export interface CommandNode extends Position {
  readonly kind: 'command';
  readonly args: readonly ArgumentNode[];
}

/** A function name. */
export interface IdentifierNode extends Position {
  readonly kind: 'identifier';
  readonly name: string;
}

/** `$`, `$x`, `$x.Field.Method`: the name (with `$`) first, then the fields. */
export interface VariableNode extends Position {
  readonly kind: 'variable';
  readonly ident: readonly string[];
}

/** `.Field.Method`: the names without their dots. */
export interface FieldNode extends Position {
  readonly kind: 'field';
  readonly ident: readonly string[];
}

/** Fields taken from something else: `(pipeline).Field`, `fn.Field`. */
export interface ChainNode extends Position {
  readonly kind: 'chain';
  readonly node: ArgumentNode;
  readonly fields: readonly string[];
}

/** `.` */
export interface DotNode extends Position {
  readonly kind: 'dot';
}

/** The untyped `nil`. */
export interface NilNode extends Position {
  readonly kind: 'nil';
}

export interface BoolNode extends Position {
  readonly kind: 'bool';
  readonly value: boolean;
}

/** A number, character or complex constant, valued under every Go type that can hold it. */
export interface NumberNode extends Position, NumberValue {
  readonly kind: 'number';
  /** The source text, e.g. `0x1F`, `'a'`, `1e3`. */
  readonly text: string;
}

export interface StringNode extends Position {
  readonly kind: 'string';
  /** The literal as written, with its quotes. */
  readonly quoted: string;
  /** The value after unquoting. */
  readonly text: string;
}

interface BranchFields extends Position {
  readonly pipe: PipelineNode;
  readonly list: ListNode;
  /** The `{{else}}` part; `{{else if}}` / `{{else with}}` nest a single if/with here. */
  readonly elseList: ListNode | null;
}

export interface IfNode extends BranchFields {
  readonly kind: 'if';
}

export interface RangeNode extends BranchFields {
  readonly kind: 'range';
}

export interface WithNode extends BranchFields {
  readonly kind: 'with';
}

export interface BreakNode extends Position {
  readonly kind: 'break';
}

export interface ContinueNode extends Position {
  readonly kind: 'continue';
}

/** `{{template "name" pipeline}}`; a `{{block}}` leaves one of these behind too. */
export interface TemplateCallNode extends Position {
  readonly kind: 'template';
  readonly name: string;
  readonly pipe: PipelineNode | null;
}

/** A sequence of nodes: a template body or a branch. */
export interface ListNode extends Position {
  readonly kind: 'list';
  readonly nodes: readonly StatementNode[];
}

/** What a list holds. */
export type StatementNode =
  | TextNode
  | CommentNode
  | ActionNode
  | IfNode
  | RangeNode
  | WithNode
  | TemplateCallNode
  | BreakNode
  | ContinueNode;

/** What a command's operands can be; a parenthesised pipeline is one. */
export type ArgumentNode =
  | IdentifierNode
  | VariableNode
  | FieldNode
  | ChainNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipelineNode;

export type Node = ListNode | StatementNode | PipelineNode | CommandNode | ArgumentNode;

export type NodeKind = Node['kind'];

/** One named template: the top-level text or a {{define}} / {{block}} body. */
export interface TemplateTree {
  readonly name: string;
  /** The name passed to parseTemplate, which error messages use (Go's ParseName). */
  readonly parseName: string;
  readonly root: ListNode;
  /** The whole source the tree came from, so offsets can be mapped back. */
  readonly text: string;
  readonly leftDelim: string;
  readonly rightDelim: string;
}

export interface ParsedTemplates {
  /** The top-level tree, named as given to parseTemplate. */
  readonly main: TemplateTree;
  /**
   * Every tree by name, as Go's parse.Parse returns them: the {{define}} and {{block}} bodies, and
   * the top-level tree under its own name unless it is empty and a definition took that name.
   */
  readonly templates: ReadonlyMap<string, TemplateTree>;
}
