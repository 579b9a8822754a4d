// Executes a parsed template the way Go's text/template/exec.go does: the same evaluation order,
// argument checking, variable scoping, missingkey=zero map lookups and error messages
// (`template: file:line:col: executing "name" at <node>: reason`).

import { goQuote } from '@tocsin/go-syntax';
import type {
  ArgumentNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  Node,
  NumberNode,
  PipelineNode,
  RangeNode,
  StatementNode,
  TemplateCallNode,
  TemplateTree,
  VariableNode,
} from './ast.js';
import { BUILTINS } from './builtins.js';
import { TemplateExecError } from './errors.js';
import { formatNode } from './format.js';
import type { CallContext, GoFunction } from './go-function.js';
import {
  ANY,
  assignable,
  FLOAT64,
  GoMap,
  GoNamed,
  GoSlice,
  GoStruct,
  type GoType,
  type GoValue,
  indirect,
  isTrue,
  REFLECT_VALUE,
  STRING,
  typeOf,
  zeroValue,
} from './go-value.js';
import { utf8Length } from './literals.js';
import { formatValue, sprint, typeName } from './printf.js';

/** The predefined escaper an action ended with (`{{ x | html }}`, `{{ x | urlquery }}`). */
export type PredefinedEscaper = 'html' | 'urlquery';

/** Where executed text goes; HTML output escapes values by context. */
export interface TemplateOutput {
  writeText(text: string): void;
  /** `escaper`: the action ended in `| html` or `| urlquery`, left for the HTML escaper to merge. */
  writeValue(value: GoValue, escaper?: PredefinedEscaper): void;
  result(): string;
}

export class TextOutput implements TemplateOutput {
  private readonly parts: string[] = [];
  writeText(text: string): void {
    this.parts.push(text);
  }
  writeValue(value: GoValue): void {
    // Like fmt.Fprint after printableValue: a pointer prints what it points at.
    this.parts.push(value === undefined ? '<no value>' : formatValue(indirect(value)));
  }
  result(): string {
    return this.parts.join('');
  }
}

interface ExecEnv {
  readonly templates: ReadonlyMap<string, TemplateTree>;
  readonly functions: ReadonlyMap<string, GoFunction>;
  readonly output: TemplateOutput;
  /** html/template: a trailing `html` / `urlquery` is the output escaper's business. */
  readonly mergeEscapers?: boolean;
  /** Renders a route label of the data (the routeLabels function). */
  readonly routeLabel: (name: string) => string;
}

/** `file:line:col` as Go's ErrorContext gives it: the column is a 0-based byte offset in the line. */
export function errorLocation(tree: TemplateTree, node: Node): string {
  const before = tree.text.slice(0, node.pos);
  const newline = before.lastIndexOf('\n');
  const column = newline === -1 ? utf8Length(before) : utf8Length(before.slice(newline + 1));
  return `${tree.parseName}:${node.line}:${column}`;
}

/** Go's recursion limit is 100000; a JavaScript stack holds far fewer frames. */
const MAX_EXEC_DEPTH = 1000;

const MISSING = Symbol('missing');
type Final = GoValue | typeof MISSING;

const BREAK = Symbol('break');
const CONTINUE = Symbol('continue');

interface Variable {
  readonly name: string;
  value: GoValue;
}

/** Runs `tree` on `data`; returns what it wrote or throws TemplateExecError. */
export function execute(env: ExecEnv, tree: TemplateTree, data: GoValue): string {
  const state = new State(env, tree, [{ name: '$', value: data }], 0);
  try {
    state.walk(data, tree.root);
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      state.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    }
    throw err;
  }
  return env.output.result();
}

// Go's canBeNil: reflect.Value parameters (the builtins') take nil as "no value".
const canBeNil = (type: GoType): boolean =>
  type.kind === 'slice' || type.kind === 'map' || type.kind === 'func' || type.kind === 'interface';

class State {
  private node: Node | undefined;

  constructor(
    private readonly env: ExecEnv,
    private readonly tmpl: TemplateTree,
    private readonly vars: Variable[],
    private readonly depth: number,
  ) {}

  // ---- errors ----

  private at(node: Node): void {
    this.node = node;
  }

  errorf(reason: string): never {
    const name = this.tmpl.name;
    const node = this.node;
    if (!node) {
      throw new TemplateExecError(`template: ${name}: ${reason}`, name, '', reason);
    }
    const context = formatNode(node, { leftDelim: this.tmpl.leftDelim, rightDelim: this.tmpl.rightDelim });
    const location = errorLocation(this.tmpl, node);
    throw new TemplateExecError(
      `template: ${location}: executing ${goQuote(name)} at <${context}>: ${reason}`,
      name,
      context,
      reason,
    );
  }

  // ---- variables ----

  private mark(): number {
    return this.vars.length;
  }

  private pop(mark: number): void {
    this.vars.length = mark;
  }

  private setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as Variable;
      if (v.name === name) {
        v.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, value: GoValue): void {
    (this.vars[this.vars.length - n] as Variable).value = value;
  }

  private varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i] as Variable;
      if (v.name === name) return v.value;
    }
    return this.errorf(`undefined variable: ${name}`);
  }

  // ---- statements ----

  walk(dot: GoValue, node: StatementNode | { kind: 'list'; nodes: readonly StatementNode[] }): void {
    if (node.kind !== 'list') this.at(node);
    switch (node.kind) {
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'text':
        this.env.output.writeText(node.text);
        return;
      case 'comment':
        return;
      case 'action': {
        const escaper = this.trailingEscaper(node.pipe);
        if (escaper) {
          const value = this.evalWithoutEscaper(dot, node.pipe);
          this.at(node);
          this.env.output.writeValue(value, escaper);
          return;
        }
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.at(node);
          this.env.output.writeValue(value);
        }
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.mark();
        try {
          const value = this.evalPipeline(dot, node.pipe);
          const truth = isTrue(value);
          if (truth === undefined) this.errorf(`if/with can't use ${formatValue(value)}`);
          if (truth) this.walk(node.kind === 'with' ? value : dot, node.list);
          else if (node.elseList) this.walk(dot, node.elseList);
        } finally {
          this.pop(mark);
        }
        return;
      }
      case 'range':
        this.walkRange(dot, node);
        return;
      case 'template':
        this.walkTemplate(dot, node);
        return;
      case 'break':
        throw BREAK;
      case 'continue':
        throw CONTINUE;
    }
  }

  /** In HTML mode, an action ending in the builtin html or urlquery. */
  private trailingEscaper(pipe: PipelineNode): PredefinedEscaper | undefined {
    if (!this.env.mergeEscapers || pipe.decl.length > 0) return undefined;
    const first = pipe.cmds[pipe.cmds.length - 1]?.args[0];
    if (first?.kind !== 'identifier' || this.env.functions.has(first.name)) return undefined;
    return first.name === 'html' || first.name === 'urlquery' ? first.name : undefined;
  }

  /** The pipeline's value before its trailing escaper: `{{ x | html }}` gives x, `{{ html a b }}` gives a and b printed. */
  private evalWithoutEscaper(dot: GoValue, pipe: PipelineNode): GoValue {
    const last = pipe.cmds[pipe.cmds.length - 1] as CommandNode;
    const args = last.args.slice(1).map((arg) => this.evalArg(dot, ANY, arg));
    // {{ html a b }} is {{ a b | html }}: the arguments printed together, a nil as <nil>.
    if (pipe.cmds.length === 1)
      return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds.slice(0, -1)) value = this.evalCommand(dot, cmd, value);
    const piped = value === MISSING ? undefined : value;
    // The escaper that replaces it prints its arguments together, skipping nils.
    return args.length === 0 ? piped : sprint([...args, piped].filter((a) => a !== undefined));
  }

  private walkRange(dot: GoValue, r: RangeNode): void {
    const outer = this.mark();
    try {
      const value = this.evalPipeline(dot, r.pipe);
      const mark = this.mark();
      const decl = r.pipe.decl;
      const oneIteration = (index: GoValue, elem: GoValue): void => {
        if (decl.length > 0) {
          // With two variables the first gets the index, with one it gets the element.
          if (r.pipe.isAssign)
            this.setVar((decl[0] as VariableNode).ident[0] as string, decl.length > 1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar((decl[1] as VariableNode).ident[0] as string, elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, r.list);
        } catch (err) {
          if (err !== CONTINUE) throw err;
        } finally {
          this.pop(mark);
        }
      };
      let ran = false;
      try {
        if (value instanceof GoSlice) {
          value.items.forEach((item, i) => {
            ran = true;
            oneIteration(BigInt(i), item);
          });
        } else if (value instanceof GoMap) {
          for (const key of value.sortedKeys()) {
            ran = true;
            oneIteration(key, value.entries.get(key));
          }
        } else if (
          typeof value === 'bigint' ||
          (value instanceof GoNamed && typeof value.value === 'bigint')
        ) {
          if (decl.length > 1)
            this.errorf(`can't use ${formatValue(value)} to iterate over more than one variable`);
          const n = typeof value === 'bigint' ? value : (value.value as bigint);
          for (let i = 0n; i < n; i++) {
            ran = true;
            const v = typeof value === 'bigint' ? i : new GoNamed(value.type, i);
            oneIteration(v, v);
          }
        } else if (value !== undefined) {
          this.errorf(`range can't iterate over ${formatValue(value)}`);
        }
      } catch (err) {
        if (err !== BREAK) throw err;
        return;
      }
      if (!ran && r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: GoValue, t: TemplateCallNode): void {
    this.at(t);
    const tree = this.env.templates.get(t.name);
    if (!tree) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth >= MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = t.pipe ? this.evalPipeline(dot, t.pipe) : undefined;
    // No dynamic scoping: the called template sees only $.
    const state = new State(this.env, tree, [{ name: '$', value: newDot }], this.depth + 1);
    state.walk(newDot, tree.root);
  }

  // ---- pipelines and commands ----

  private evalPipeline(dot: GoValue, pipe: PipelineNode): GoValue {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    const result = value === MISSING ? undefined : value;
    for (const variable of pipe.decl) {
      const name = variable.ident[0] as string;
      if (pipe.isAssign) this.setVar(name, result);
      else this.vars.push({ name, value: result });
    }
    return result;
  }

  private notAFunction(args: readonly ArgumentNode[], final: Final): void {
    if (args.length > 1 || final !== MISSING) {
      this.errorf(`can't give argument to non-function ${formatNode(args[0] as ArgumentNode)}`);
    }
  }

  private evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0] as ArgumentNode;
    switch (first.kind) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipeline':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(n: NumberNode): GoValue {
    this.at(n);
    const hexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isComplex && !n.isFloat) return this.errorf(`complex constants are not supported: ${n.text}`);
    if (n.isFloat && !hexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return n.float64;
    if (n.isInt) return n.int64;
    if (n.isUint) return this.errorf(`${n.text} overflows int`);
    if (n.isFloat) return n.float64;
    return undefined;
  }

  private evalFieldNode(
    dot: GoValue,
    field: FieldNode,
    args: readonly ArgumentNode[] | undefined,
    final: Final,
  ): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(
    dot: GoValue,
    chain: ChainNode,
    args: readonly ArgumentNode[] | undefined,
    final: Final,
  ): GoValue {
    this.at(chain);
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${formatNode(chain)}`);
    const pipe = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.fields, args, final);
  }

  private evalVariableNode(
    dot: GoValue,
    variable: VariableNode,
    args: readonly ArgumentNode[] | undefined,
    final: Final,
  ): GoValue {
    this.at(variable);
    const value = this.varValue(variable.ident[0] as string);
    if (variable.ident.length === 1) {
      this.notAFunction(args ?? [variable], final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: GoValue,
    receiver: GoValue,
    node: Node,
    ident: readonly string[],
    args: readonly ArgumentNode[] | undefined,
    final: Final,
  ): GoValue {
    let current = receiver;
    for (let i = 0; i < ident.length - 1; i++) {
      current = this.evalField(dot, ident[i] as string, node, undefined, MISSING, current);
    }
    return this.evalField(dot, ident[ident.length - 1] as string, node, args, final, current);
  }

  private evalField(
    dot: GoValue,
    name: string,
    node: Node,
    args: readonly ArgumentNode[] | undefined,
    final: Final,
    receiver: GoValue,
  ): GoValue {
    if (receiver === undefined) return undefined;
    // Errors name the type as written (`*template.Data`); fields and methods are the target's.
    const type = typeOf(receiver) as GoType;
    const target = indirect(receiver);
    const targetType = typeOf(target) as GoType;
    const method = targetType.methods?.[name];
    if (method) {
      const bound: GoFunction = {
        params: method.params,
        ...(method.variadic ? { variadic: method.variadic } : {}),
        call: (argv) => method.call(target, argv),
      };
      return this.evalCall(dot, bound, false, node, name, args, final);
    }
    const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
    if (target instanceof GoStruct && targetType.fields?.some((f) => f.name === name)) {
      if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
      return target.fields[name];
    }
    if (receiver instanceof GoMap) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return receiver.entries.has(name) ? receiver.entries.get(name) : zeroValue(type.elem);
    }
    return this.errorf(`can't evaluate field ${name} in type ${type.name}`);
  }

  private evalFunction(
    dot: GoValue,
    node: IdentifierNode,
    cmd: Node,
    args: readonly ArgumentNode[] | undefined,
    final: Final,
  ): GoValue {
    this.at(node);
    const name = node.name;
    const own = this.env.functions.get(name);
    const fun = own ?? BUILTINS.get(name);
    if (!fun) return this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, fun, !own, cmd, name, args, final);
  }

  private evalCall(
    dot: GoValue,
    fun: GoFunction,
    isBuiltin: boolean,
    node: Node,
    name: string,
    allArgs: readonly ArgumentNode[] | undefined,
    final: Final,
  ): GoValue {
    const args = allArgs ? allArgs.slice(1) : [];
    const numIn = args.length + (final === MISSING ? 0 : 1);
    let numFixed = args.length;
    if (fun.variadic) {
      numFixed = fun.params.length;
      if (numIn < numFixed) {
        this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
      }
    } else if (numIn !== fun.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fun.params.length} got ${numIn}`);
    }

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: GoValue;
      for (const arg of args) {
        v = this.evalArg(dot, REFLECT_VALUE, arg);
        if (isTrue(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, REFLECT_VALUE);
      return v;
    }

    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) {
      argv.push(this.evalArg(dot, fun.params[i] as GoType, args[i] as ArgumentNode));
    }
    if (fun.variadic) {
      for (; i < args.length; i++) argv.push(this.evalArg(dot, fun.variadic, args[i] as ArgumentNode));
    }
    if (final !== MISSING) {
      let type: GoType;
      if (fun.variadic) type = numIn - 1 < numFixed ? (fun.params[numIn - 1] as GoType) : fun.variadic;
      else type = fun.params[fun.params.length - 1] as GoType;
      argv.push(this.validateType(final, type));
    }
    const context: CallContext = { routeLabel: this.env.routeLabel };
    try {
      return fun.call(argv, context);
    } catch (err) {
      if (err === BREAK || err === CONTINUE) throw err;
      this.at(node);
      return this.errorf(`error calling ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // ---- arguments ----

  private evalArg(dot: GoValue, type: GoType | undefined, n: ArgumentNode): GoValue {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type && canBeNil(type)) return zeroValue(type);
        return this.errorf(`cannot assign nil to ${type?.name ?? 'interface {}'}`);
      case 'field':
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariableNode(dot, n, undefined, MISSING), type);
      case 'pipeline':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, undefined, MISSING), type);
      case 'chain':
        return this.validateType(this.evalChainNode(dot, n, undefined, MISSING), type);
    }
    const t = type ?? ANY;
    switch (t.kind) {
      case 'bool':
        if (n.kind === 'bool') return n.value;
        return this.errorf(`expected bool; found ${formatNode(n)}`);
      case 'float64':
        if (n.kind === 'number' && n.isFloat) return t === FLOAT64 ? n.float64 : n.float64;
        return this.errorf(`expected float; found ${formatNode(n)}`);
      case 'int':
        if (n.kind === 'number' && n.isInt) return t.name === 'int' ? n.int64 : new GoNamed(t, n.int64);
        return this.errorf(`expected integer; found ${formatNode(n)}`);
      case 'string':
        if (n.kind === 'string') return t === STRING ? n.text : new GoNamed(t, n.text);
        return this.errorf(`expected string; found ${formatNode(n)}`);
      case 'interface':
        return this.evalEmptyInterface(n);
    }
    return this.errorf(`can't handle ${formatNode(n)} for arg of type ${t.name}`);
  }

  private evalEmptyInterface(n: ArgumentNode): GoValue {
    this.at(n);
    switch (n.kind) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
      default:
        return this.errorf(`can't handle assignment of ${formatNode(n)} to empty interface argument`);
    }
  }

  private validateType(value: GoValue, type: GoType | undefined): GoValue {
    if (type === undefined) return value;
    if (value === undefined) {
      if (canBeNil(type)) return zeroValue(type);
      return this.errorf(`invalid value; expected ${type.name}`);
    }
    if (type === REFLECT_VALUE || type === ANY) return value;
    const from = typeOf(value) as GoType;
    if (!assignable(from, type))
      this.errorf(`wrong type for value; expected ${type.name}; got ${typeName(value)}`);
    return value;
  }
}
