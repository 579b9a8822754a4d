// Nodes printed back as template source, exactly as Go's Node.String() does. Go's execution
// errors quote the failing node this way ("executing \"x\" at <.Foo.Bar>: ...").

import { goQuote } from '@tocsin/go-syntax';
import type { Node, PipelineNode } from './ast.js';

export interface FormatOptions {
  readonly leftDelim?: string;
  readonly rightDelim?: string;
  /** Quote text nodes with %q, as Go's own parser tests print them. */
  readonly quoteText?: boolean;
}

export function formatNode(node: Node, options: FormatOptions = {}): string {
  const left = options.leftDelim || '{{';
  const right = options.rightDelim || '}}';
  const format = (n: Node): string => formatNode(n, options);
  const inParens = (n: Node): string => (n.kind === 'pipeline' ? `(${format(n)})` : format(n));
  switch (node.kind) {
    case 'list':
      return node.nodes.map(format).join('');
    case 'text':
      return options.quoteText ? goQuote(node.text) : node.text;
    case 'comment':
      return `${left}${node.text}${right}`;
    case 'action':
      return `${left}${format(node.pipe)}${right}`;
    case 'pipeline':
      return formatPipeline(node, format);
    case 'command':
      return node.args.map(inParens).join(' ');
    case 'identifier':
      return node.name;
    case 'variable':
      return node.ident.join('.');
    case 'field':
      return node.ident.map((name) => `.${name}`).join('');
    case 'chain':
      return `${inParens(node.node)}${node.fields.map((name) => `.${name}`).join('')}`;
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'bool':
      return String(node.value);
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
    case 'if':
    case 'range':
    case 'with': {
      const elsePart = node.elseList ? `${left}else${right}${format(node.elseList)}` : '';
      return `${left}${node.kind} ${format(node.pipe)}${right}${format(node.list)}${elsePart}${left}end${right}`;
    }
    case 'break':
    case 'continue':
      return `${left}${node.kind}${right}`;
    case 'template':
      return `${left}template ${goQuote(node.name)}${node.pipe ? ` ${format(node.pipe)}` : ''}${right}`;
  }
}

function formatPipeline(pipe: PipelineNode, format: (n: Node) => string): string {
  const decl =
    pipe.decl.length > 0 ? `${pipe.decl.map(format).join(', ')}${pipe.isAssign ? ' = ' : ' := '}` : '';
  return decl + pipe.cmds.map(format).join(' | ');
}
