import { describe, expect, it } from 'vitest';
import type { ListNode, NumberNode, StatementNode } from './ast.js';
import { formatNode } from './format.js';
import { isEmptyTree, type ParseOptions, parseTemplate } from './parser.js';

// Go's parser tests pass only these two functions (plus no builtins) to the parser.
const GO_TEST_FUNCS = ['printf', 'contains'];

function root(text: string, options?: ParseOptions): ListNode {
  return parseTemplate(text, 'test', options).main.root;
}

function nodes(text: string, options?: ParseOptions): readonly StatementNode[] {
  return root(text, options).nodes;
}

/** The tree printed back the way Go's parse tests print it (text quoted with %q). */
function goString(list: ListNode): string {
  return formatNode(list, { quoteText: true });
}

describe('parseTemplate: Go parse_test.go cases', () => {
  it.each<[string, string, string]>([
    ['empty', '', ''],
    ['comment', '{{/*\n\n\n*/}}', '{{/*\n\n\n*/}}'],
    ['spaces', ' \t\n', '" \\t\\n"'],
    ['text', 'some text', '"some text"'],
    ['field', '{{.X}}', '{{.X}}'],
    ['simple command', '{{printf}}', '{{printf}}'],
    ['$ invocation', '{{$}}', '{{$}}'],
    ['variable invocation', '{{with $x := 3}}{{$x 23}}{{end}}', '{{with $x := 3}}{{$x 23}}{{end}}'],
    ['variable with fields', '{{$.I}}', '{{$.I}}'],
    ['multi-word command', '{{printf `%d` 23}}', '{{printf `%d` 23}}'],
    ['pipeline', '{{.X|.Y}}', '{{.X | .Y}}'],
    ['pipeline with decl', '{{$x := .X|.Y}}', '{{$x := .X | .Y}}'],
    ['nested pipeline', '{{.X (.Y .Z) (.A | .B .C) (.E)}}', '{{.X (.Y .Z) (.A | .B .C) (.E)}}'],
    ['field applied to parentheses', '{{(.Y .Z).Field}}', '{{(.Y .Z).Field}}'],
    ['simple if', '{{if .X}}hello{{end}}', '{{if .X}}"hello"{{end}}'],
    ['if with else', '{{if .X}}true{{else}}false{{end}}', '{{if .X}}"true"{{else}}"false"{{end}}'],
    [
      'if with else if',
      '{{if .X}}true{{else if .Y}}false{{end}}',
      '{{if .X}}"true"{{else}}{{if .Y}}"false"{{end}}{{end}}',
    ],
    [
      'if else chain',
      '+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+',
      '"+"{{if .X}}"X"{{else}}{{if .Y}}"Y"{{else}}{{if .Z}}"Z"{{end}}{{end}}{{end}}"+"',
    ],
    ['simple range', '{{range .X}}hello{{end}}', '{{range .X}}"hello"{{end}}'],
    ['chained field range', '{{range .X.Y.Z}}hello{{end}}', '{{range .X.Y.Z}}"hello"{{end}}'],
    [
      'nested range',
      '{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}',
      '{{range .X}}"hello"{{range .Y}}"goodbye"{{end}}{{end}}',
    ],
    ['range with else', '{{range .X}}true{{else}}false{{end}}', '{{range .X}}"true"{{else}}"false"{{end}}'],
    [
      'range over pipeline',
      '{{range .X|.M}}true{{else}}false{{end}}',
      '{{range .X | .M}}"true"{{else}}"false"{{end}}',
    ],
    ['range []int', '{{range .SI}}{{.}}{{end}}', '{{range .SI}}{{.}}{{end}}'],
    ['range 1 var', '{{range $x := .SI}}{{.}}{{end}}', '{{range $x := .SI}}{{.}}{{end}}'],
    ['range 2 vars', '{{range $x, $y := .SI}}{{.}}{{end}}', '{{range $x, $y := .SI}}{{.}}{{end}}'],
    ['range with break', '{{range .SI}}{{.}}{{break}}{{end}}', '{{range .SI}}{{.}}{{break}}{{end}}'],
    ['range with continue', '{{range .SI}}{{.}}{{continue}}{{end}}', '{{range .SI}}{{.}}{{continue}}{{end}}'],
    [
      'constants',
      "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}",
      "{{range .SI 1 -3.2i true false 'a' nil}}{{end}}",
    ],
    ['template', '{{template `x`}}', '{{template "x"}}'],
    ['template with arg', '{{template `x` .Y}}', '{{template "x" .Y}}'],
    ['with', '{{with .X}}hello{{end}}', '{{with .X}}"hello"{{end}}'],
    [
      'with with else',
      '{{with .X}}hello{{else}}goodbye{{end}}',
      '{{with .X}}"hello"{{else}}"goodbye"{{end}}',
    ],
    [
      'with with else with',
      '{{with .X}}hello{{else with .Y}}goodbye{{end}}',
      '{{with .X}}"hello"{{else}}{{with .Y}}"goodbye"{{end}}{{end}}',
    ],
    [
      'with else chain',
      '{{with .X}}X{{else with .Y}}Y{{else with .Z}}Z{{end}}',
      '{{with .X}}"X"{{else}}{{with .Y}}"Y"{{else}}{{with .Z}}"Z"{{end}}{{end}}{{end}}',
    ],
    ['trim left', 'x \r\n\t{{- 3}}', '"x"{{3}}'],
    ['trim right', '{{3 -}}\n\n\ty', '{{3}}"y"'],
    ['trim left and right', 'x \r\n\t{{- 3 -}}\n\n\ty', '"x"{{3}}"y"'],
    ['trim with extra spaces', 'x\n{{-  3   -}}\ny', '"x"{{3}}"y"'],
    // Go keeps comments only in ParseComments mode; these are its expectations for that mode.
    ['comment trim left', 'x \r\n\t{{- /* hi */}}', '"x"{{/* hi */}}'],
    ['comment trim right', '{{/* hi */ -}}\n\n\ty', '{{/* hi */}}"y"'],
    ['comment trim left and right', 'x \r\n\t{{- /* */ -}}\n\n\ty', '"x"{{/* */}}"y"'],
    ['block definition', '{{block "foo" .}}hello{{end}}', '{{template "foo" .}}'],
    ['newline in assignment', '{{ $x \n := \n 1 \n }}', '{{$x := 1}}'],
    ['newline in pipeline', '{{\n"x"\n|\nprintf\n}}', '{{"x" | printf}}'],
    ['newline in comment', '{{-\n/*\nhello\n*/\n-}}', '{{/*\nhello\n*/}}'],
    [
      'spaces around continue',
      '{{range .SI}}{{.}}{{ continue }}{{end}}',
      '{{range .SI}}{{.}}{{continue}}{{end}}',
    ],
    ['spaces around break', '{{range .SI}}{{.}}{{ break }}{{end}}', '{{range .SI}}{{.}}{{break}}{{end}}'],
    ['bug0a', '{{$x := 0}}{{$x}}', '{{$x := 0}}{{$x}}'],
    ['bug1c', '{{$x:=.}}{{$x +2}}', '{{$x := .}}{{$x +2}}'],
    ['bug2a', '{{range $x := 0}}{{$x}}{{end}}', '{{range $x := 0}}{{$x}}{{end}}'],
    ['bug2b', '{{range $x = 0}}{{$x}}{{end}}', '{{range $x = 0}}{{$x}}{{end}}'],
    ['paren nesting normal', '{{ (( 1 )) }}', '{{((1))}}'],
    ['paren nesting in pipeline', '{{ ((( 1 ))) | printf }}', '{{(((1))) | printf}}'],
    [
      'paren nesting with other constructs',
      '{{ if ((( true ))) }}YES{{ end }}',
      '{{if (((true)))}}"YES"{{end}}',
    ],
  ])('%s', (_name, input, expected) => {
    expect(goString(root(input, { functions: GO_TEST_FUNCS }))).toBe(expected);
  });

  it.each<[string, string]>([
    ['emptyAction', '{{}}'],
    ['newline in empty action', '{{\n}}'],
    ['unclosed action', 'hello{{range'],
    ['unmatched end', '{{end}}'],
    ['unmatched else', '{{else}}'],
    ['unmatched else after if', '{{if .X}}hello{{end}}{{else}}'],
    ['multiple else', '{{if .X}}1{{else}}2{{else}}3{{end}}'],
    ['missing end', 'hello{{range .x}}'],
    ['missing end after else', 'hello{{range .x}}{{else}}'],
    ['undefined function', 'hello{{undefined}}'],
    ['undefined variable', '{{$x}}'],
    ['variable undefined after end', '{{with $x := 4}}{{end}}{{$x}}'],
    ['variable undefined in template', '{{template $v}}'],
    ['declare with field', '{{with $x.Y := 4}}{{end}}'],
    ['template with field ref', '{{template .X}}'],
    ['invalid punctuation', '{{printf 3, 4}}'],
    ['multidecl outside range', '{{with $v, $u := 3}}{{end}}'],
    ['too many decls in range', '{{range $u, $v, $w := 3}}{{end}}'],
    ['dot applied to parentheses', '{{printf (printf .).}}'],
    ['adjacent args', '{{printf 3`x`}}'],
    ['adjacent args with .', '{{printf `x`.}}'],
    ['extra end after if', '{{if .X}}a{{else if .Y}}b{{end}}{{end}}'],
    ['break outside range', '{{range .}}{{end}} {{break}}'],
    ['continue outside range', '{{range .}}{{end}} {{continue}}'],
    ['break in range else', '{{range .}}{{else}}{{break}}{{end}}'],
    ['continue in range else', '{{range .}}{{else}}{{continue}}{{end}}'],
    ['bug0b', '{{$x += 1}}{{$x}}'],
    ['bug0c', '{{$x ! 2}}{{$x}}'],
    ['bug0d', '{{$x % 3}}{{$x}}'],
    ['bug0e', '{{range $x := $y := 3}}{{end}}'],
    ['bug1a', '{{$x:=.}}{{$x!2}}'],
    ['bug1b', '{{$x:=.}}{{$x+2}}'],
    ['dot after integer', '{{1.E}}'],
    ['dot after float', '{{0.1.E}}'],
    ['dot after boolean', '{{true.E}}'],
    ['dot after char', "{{'a'.any}}"],
    ['dot after string', '{{"hello".guys}}'],
    ['dot after dot', '{{..E}}'],
    ['dot after nil', '{{nil.E}}'],
    ['wrong pipeline dot', '{{12|.}}'],
    ['wrong pipeline number', '{{.|12|printf}}'],
    ['wrong pipeline string', '{{.|printf|"error"}}'],
    ['wrong pipeline char', "{{12|printf|'e'}}"],
    ['wrong pipeline boolean', '{{.|true}}'],
    ['wrong pipeline nil', "{{'c'|nil}}"],
    ['empty pipeline', '{{printf "%d" ( ) }}'],
    ['block without pipeline', '{{block "foo"}}hello{{end}}'],
  ])('rejects %s', (_name, input) => {
    expect(() => root(input, { functions: GO_TEST_FUNCS })).toThrow(/^template: test:\d+: /);
  });

  it('nests deep parentheses up to the limit and refuses one more', () => {
    const nest = (depth: number) => `{{${'('.repeat(depth)}1${')'.repeat(depth)}}}`;
    expect(nodes(nest(1000))).toHaveLength(1);
    expect(() => root(nest(1001))).toThrow('template: test:1: max expression depth exceeded');
  });

  it('puts {{block}} bodies in their own tree (Go TestBlock)', () => {
    const parsed = parseTemplate('a{{block "inner" .}}bar{{.}}baz{{end}}b', 'outer');
    expect(formatNode(parsed.main.root)).toBe('a{{template "inner" .}}b');
    const inner = parsed.templates.get('inner');
    expect(inner && formatNode(inner.root)).toBe('bar{{.}}baz');
  });

  it('lets a function named break or continue win over the keyword (Go TestKeywordsAndFuncs)', () => {
    const input = '{{range .X}}{{break 20}}{{end}}';
    expect(goString(root(input, { functions: ['break'] }))).toBe('{{range .X}}{{break 20}}{{end}}');
    expect(() => root(input, { functions: [] })).toThrow('unexpected "20" in {{break}}');
  });

  it('skips function checks when no function set is given (Go SkipFuncCheck)', () => {
    expect(goString(root('{{fn 1 2}}'))).toBe('{{fn 1 2}}');
    expect(() => root('{{fn 1 2}}', { functions: [] })).toThrow('function "fn" not defined');
  });

  it('always knows the text/template builtins', () => {
    const builtins =
      'and or not len index slice print printf println html js urlquery eq ne lt le gt ge call';
    const text = builtins
      .split(' ')
      .map((fn) => `{{${fn}}}`)
      .join('');
    expect(nodes(text, { functions: new Set() })).toHaveLength(19);
  });

  it.each<[string, string, boolean]>([
    ['empty', '', true],
    ['nonempty', 'hello', false],
    ['spaces only', ' \t\n \t\n', true],
    ['comment only', '{{/* comment */}}', true],
    ['definition', '{{define "x"}}something{{end}}', true],
    ['definitions and space', '{{define `x`}}something{{end}}\n\n{{define `y`}}something{{end}}\n\n', true],
    ['definitions and text', '{{define `x`}}something{{end}}\nx\n{{define `y`}}something{{end}}\ny\n', false],
    ['definition and action', '{{define `x`}}something{{end}}{{if 3}}foo{{end}}', false],
  ])('isEmptyTree: %s (Go TestIsEmpty)', (_name, input, empty) => {
    expect(isEmptyTree(root(input))).toBe(empty);
  });
});

describe('parseTemplate: AST shape', () => {
  it('parses a range over alerts with a field inside', () => {
    const [range] = nodes('{{ range .Alerts.Firing }}{{ .Labels.alertname }}{{ end }}');
    expect(range).toMatchObject({
      kind: 'range',
      elseList: null,
      pipe: {
        kind: 'pipeline',
        decl: [],
        cmds: [{ kind: 'command', args: [{ kind: 'field', ident: ['Alerts', 'Firing'] }] }],
      },
      list: {
        kind: 'list',
        nodes: [
          {
            kind: 'action',
            pipe: { cmds: [{ args: [{ kind: 'field', ident: ['Labels', 'alertname'] }] }] },
          },
        ],
      },
    });
  });

  it('parses a template call with dot', () => {
    expect(nodes('{{ template "__subject" . }}')).toMatchObject([
      { kind: 'template', name: '__subject', pipe: { cmds: [{ args: [{ kind: 'dot' }] }] } },
    ]);
    expect(nodes('{{ template "bare" }}')).toMatchObject([{ kind: 'template', name: 'bare', pipe: null }]);
  });

  it('collects {{define}} bodies by name and leaves the main tree empty', () => {
    const parsed = parseTemplate(
      '{{ define "slack.title" }}[{{ .Status | toUpper }}] {{ .GroupLabels.alertname }}{{ end }}\n',
      'custom.tmpl',
      { functions: ['toUpper'] },
    );
    expect(parsed.main.root.nodes).toMatchObject([{ kind: 'text', text: '\n' }]);
    expect([...parsed.templates.keys()]).toEqual(['slack.title', 'custom.tmpl']);
    expect(parsed.templates.get('slack.title')?.root.nodes).toMatchObject([
      { kind: 'text', text: '[' },
      {
        kind: 'action',
        pipe: {
          cmds: [
            { args: [{ kind: 'field', ident: ['Status'] }] },
            { args: [{ kind: 'identifier', name: 'toUpper' }] },
          ],
        },
      },
      { kind: 'text', text: '] ' },
      {
        kind: 'action',
        pipe: { cmds: [{ args: [{ kind: 'field', ident: ['GroupLabels', 'alertname'] }] }] },
      },
    ]);
  });

  it('trims around an if with a parenthesised call', () => {
    const text = 'Alerts:\n  {{- if gt (len .Alerts.Firing) 0 -}}\n  firing\n{{- end }}';
    expect(nodes(text, { functions: [] })).toMatchObject([
      { kind: 'text', text: 'Alerts:' },
      {
        kind: 'if',
        pipe: {
          cmds: [
            {
              args: [
                { kind: 'identifier', name: 'gt' },
                {
                  kind: 'pipeline',
                  cmds: [
                    {
                      args: [
                        { kind: 'identifier', name: 'len' },
                        { kind: 'field', ident: ['Alerts', 'Firing'] },
                      ],
                    },
                  ],
                },
                { kind: 'number', text: '0', isInt: true, int64: 0n },
              ],
            },
          ],
        },
        list: { nodes: [{ kind: 'text', text: 'firing' }] },
        elseList: null,
      },
    ]);
  });

  it('parses a pipe into a function with a string argument', () => {
    const [action] = nodes('{{ .CommonLabels.SortedPairs.Values | join " " }}', { functions: ['join'] });
    expect(action).toMatchObject({
      kind: 'action',
      pipe: {
        decl: [],
        cmds: [
          { args: [{ kind: 'field', ident: ['CommonLabels', 'SortedPairs', 'Values'] }] },
          {
            args: [
              { kind: 'identifier', name: 'join' },
              { kind: 'string', quoted: '" "', text: ' ' },
            ],
          },
        ],
      },
    });
  });

  it('parses string arguments that look like regexps and references', () => {
    const [action] = nodes('{{ reReplaceAll "(.*)" "$1" .Foo }}', { functions: ['reReplaceAll'] });
    expect(action).toMatchObject({
      kind: 'action',
      pipe: {
        cmds: [
          {
            args: [
              { kind: 'identifier', name: 'reReplaceAll' },
              { kind: 'string', text: '(.*)' },
              { kind: 'string', text: '$1' },
              { kind: 'field', ident: ['Foo'] },
            ],
          },
        ],
      },
    });
  });

  it('declares range variables and uses them with fields', () => {
    const [range] = nodes('{{ range $i, $a := .Alerts }}{{ $i }}: {{ $a.Labels.severity }}{{ end }}');
    expect(range).toMatchObject({
      kind: 'range',
      pipe: {
        isAssign: false,
        decl: [
          { kind: 'variable', ident: ['$i'] },
          { kind: 'variable', ident: ['$a'] },
        ],
        cmds: [{ args: [{ kind: 'field', ident: ['Alerts'] }] }],
      },
      list: {
        nodes: [
          { kind: 'action', pipe: { cmds: [{ args: [{ kind: 'variable', ident: ['$i'] }] }] } },
          { kind: 'text', text: ': ' },
          {
            kind: 'action',
            pipe: { cmds: [{ args: [{ kind: 'variable', ident: ['$a', 'Labels', 'severity'] }] }] },
          },
        ],
      },
    });
  });

  it('tells declarations from assignments', () => {
    expect(nodes('{{ $x := 1 }}{{ $x = 2 }}')).toMatchObject([
      { kind: 'action', pipe: { isAssign: false, decl: [{ ident: ['$x'] }] } },
      { kind: 'action', pipe: { isAssign: true, decl: [{ ident: ['$x'] }] } },
    ]);
  });

  it('keeps a variable declared at top level in scope, and drops one declared in a control at its end', () => {
    expect(nodes('{{ $x := 1 }}{{ if true }}{{ $x }}{{ end }}{{ $x }}')).toHaveLength(3);
    expect(() => root('{{ if $y := 1 }}{{ $y }}{{ else }}{{ $y }}{{ end }}{{ $y }}')).toThrow(
      'undefined variable "$y"',
    );
  });

  it('parses nested defines and blocks into separate trees', () => {
    const parsed = parseTemplate(
      '{{ define "outer" }}A{{ block "inner" .Alerts }}B{{ range . }}{{ . }}{{ end }}{{ end }}C{{ end }}',
      'main',
    );
    expect([...parsed.templates.keys()].sort()).toEqual(['inner', 'main', 'outer']);
    expect(parsed.templates.get('outer')?.root.nodes).toMatchObject([
      { kind: 'text', text: 'A' },
      { kind: 'template', name: 'inner', pipe: { cmds: [{ args: [{ kind: 'field', ident: ['Alerts'] }] }] } },
      { kind: 'text', text: 'C' },
    ]);
    expect(parsed.templates.get('inner')?.root.nodes).toMatchObject([
      { kind: 'text', text: 'B' },
      { kind: 'range', list: { nodes: [{ kind: 'action', pipe: { cmds: [{ args: [{ kind: 'dot' }] }] } }] } },
    ]);
    expect(parsed.main.root.nodes).toEqual([]);
  });

  it('lets a definition take the name of an empty main template, as Go does', () => {
    const parsed = parseTemplate('{{ define "t" }}body{{ end }}', 't');
    expect(parsed.templates.get('t')?.root.nodes).toMatchObject([{ kind: 'text', text: 'body' }]);
    expect(parsed.main.root.nodes).toEqual([]);
  });

  it('nests else-if and else-with as a single branch in the else list', () => {
    const [ifNode] = nodes('{{ if .A }}a{{ else if .B }}b{{ else }}c{{ end }}');
    expect(ifNode).toMatchObject({
      kind: 'if',
      list: { nodes: [{ kind: 'text', text: 'a' }] },
      elseList: {
        nodes: [
          {
            kind: 'if',
            pipe: { cmds: [{ args: [{ kind: 'field', ident: ['B'] }] }] },
            list: { nodes: [{ kind: 'text', text: 'b' }] },
            elseList: { nodes: [{ kind: 'text', text: 'c' }] },
          },
        ],
      },
    });
    const [withNode] = nodes('{{ with .A }}a{{ else with .B }}b{{ end }}');
    expect(withNode).toMatchObject({ kind: 'with', elseList: { nodes: [{ kind: 'with', elseList: null }] } });
  });

  it('parses range with else, break and continue', () => {
    const [range] = nodes(
      '{{ range .A }}{{ if . }}{{ break }}{{ end }}{{ continue }}{{ else }}none{{ end }}',
    );
    expect(range).toMatchObject({
      kind: 'range',
      list: { nodes: [{ kind: 'if', list: { nodes: [{ kind: 'break' }] } }, { kind: 'continue' }] },
      elseList: { nodes: [{ kind: 'text', text: 'none' }] },
    });
  });

  it('parses chains on parenthesised pipelines and on functions', () => {
    expect(nodes('{{ (index .Alerts 0).Labels.severity }}')).toMatchObject([
      {
        kind: 'action',
        pipe: {
          cmds: [
            {
              args: [
                {
                  kind: 'chain',
                  fields: ['Labels', 'severity'],
                  node: {
                    kind: 'pipeline',
                    cmds: [{ args: [{ name: 'index' }, { ident: ['Alerts'] }, { text: '0' }] }],
                  },
                },
              ],
            },
          ],
        },
      },
    ]);
    expect(nodes('{{ fn.Field }}')).toMatchObject([
      {
        pipe: {
          cmds: [{ args: [{ kind: 'chain', node: { kind: 'identifier', name: 'fn' }, fields: ['Field'] }] }],
        },
      },
    ]);
  });

  it('parses every kind of literal', () => {
    const [action] = nodes(
      '{{ f `raw\r\nx` "\\u00e9\\xc3\\xa9\\t" \'x\' 0x1F 0o17 0b101 017 1_000 1.5e3 -2 true false nil }}',
    );
    const args = action?.kind === 'action' ? action.pipe.cmds[0]?.args : undefined;
    expect(args).toMatchObject([
      { kind: 'identifier', name: 'f' },
      { kind: 'string', quoted: '`raw\r\nx`', text: 'raw\nx' },
      { kind: 'string', text: 'éé\t' },
      { kind: 'number', text: "'x'", int64: 120n, isInt: true },
      { kind: 'number', int64: 31n },
      { kind: 'number', int64: 15n },
      { kind: 'number', int64: 5n },
      { kind: 'number', int64: 15n },
      { kind: 'number', int64: 1000n },
      { kind: 'number', isInt: true, isFloat: true, float64: 1500, int64: 1500n },
      { kind: 'number', isInt: true, isUint: false, int64: -2n },
      { kind: 'bool', value: true },
      { kind: 'bool', value: false },
      { kind: 'nil' },
    ]);
  });

  it('keeps comments as nodes', () => {
    expect(nodes('a{{/* note */}}b')).toMatchObject([
      { kind: 'text', text: 'a' },
      { kind: 'comment', text: '/* note */' },
      { kind: 'text', text: 'b' },
    ]);
  });

  it('uses custom delimiters', () => {
    const parsed = parseTemplate('[[ if .X ]]{{ literal }}[[ end ]]', 'd', {
      leftDelim: '[[',
      rightDelim: ']]',
    });
    expect(parsed.main.root.nodes).toMatchObject([
      { kind: 'if', list: { nodes: [{ kind: 'text', text: '{{ literal }}' }] } },
    ]);
    expect(parsed.main.leftDelim).toBe('[[');
    expect(formatNode(parsed.main.root, { leftDelim: '[[', rightDelim: ']]' })).toBe(
      '[[if .X]]{{ literal }}[[end]]',
    );
  });

  it('prints nodes back as Go does, with the tree delimiters (Go TestDelimsStringRoundtrip)', () => {
    for (const input of [
      '[[.X]]',
      '[[/* a comment */]]',
      '[[if .X]]y[[else]]z[[end]]',
      '[[range .X]][[break]][[continue]][[end]]',
      '[[with .X]]y[[end]]',
      '[[template "name" .]]',
    ]) {
      const tree = parseTemplate(input, 'test', { leftDelim: '[[', rightDelim: ']]' }).main;
      expect(formatNode(tree.root, { leftDelim: tree.leftDelim, rightDelim: tree.rightDelim })).toBe(input);
    }
  });
});

describe('parseTemplate: positions', () => {
  it('gives each node its offset, line and column', () => {
    const text = 'Hi\n  {{ .Name }} and {{ if .Ok }}yes{{ end }}';
    const [hi, action, and, ifNode] = nodes(text);
    expect(hi).toMatchObject({ kind: 'text', pos: 0, line: 1, column: 1 });
    expect(action).toMatchObject({ kind: 'action', pos: 8, line: 2, column: 6 });
    expect(and).toMatchObject({ kind: 'text', pos: 16, line: 2, column: 14 });
    // Like Go, an if sits at its pipeline.
    expect(ifNode).toMatchObject({ kind: 'if', pos: 27, line: 2, column: 25 });
  });

  it('places a chained field at its first suffix, as Go does', () => {
    const [action] = nodes('{{ .Alerts.Firing }}');
    expect(action).toMatchObject({
      pos: 3,
      pipe: { pos: 3, cmds: [{ pos: 3, args: [{ kind: 'field', pos: 10, column: 11 }] }] },
    });
  });

  it('counts columns in code points', () => {
    const [, action] = nodes('😀é {{ .X }}');
    expect(action).toMatchObject({ pos: 7, line: 1, column: 7 });
  });

  it('keeps the numeric values Go derives for number nodes', () => {
    const [action] = nodes('{{ f 1e19 }}');
    const number = action?.kind === 'action' ? (action.pipe.cmds[0]?.args[1] as NumberNode) : undefined;
    expect(number).toMatchObject({
      isInt: false,
      isUint: true,
      isFloat: true,
      uint64: 10000000000000000000n,
    });
  });
});
