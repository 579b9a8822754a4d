export type {
  ActionNode,
  ArgumentNode,
  BoolNode,
  BreakNode,
  ChainNode,
  CommandNode,
  CommentNode,
  ContinueNode,
  DotNode,
  FieldNode,
  IdentifierNode,
  IfNode,
  ListNode,
  NilNode,
  Node,
  NodeKind,
  NumberNode,
  ParsedTemplates,
  PipelineNode,
  Position,
  RangeNode,
  StatementNode,
  StringNode,
  TemplateCallNode,
  TemplateTree,
  TextNode,
  VariableNode,
  WithNode,
} from './ast.js';
export { type DataInput, type TemplateDataLike, toGoData } from './data-model.js';
export { TemplateExecError, TemplateParseError } from './errors.js';
export { type FormatOptions, formatNode } from './format.js';
export { GO_BUILTIN_FUNCTIONS, isEmptyTree, type ParseOptions, parseTemplate } from './parser.js';
export {
  commonPairs,
  type TemplateAlert,
  type TemplateData,
  type TemplateDataInput,
  type TemplateInputAlert,
  type TemplateNotificationReason,
  templateData,
} from './template-data.js';
export {
  ALERTMANAGER_FUNCTIONS,
  readTemplateFiles,
  type TemplateFile,
} from './template-files.js';
export { checkTemplateFiles, Templates } from './templates.js';
