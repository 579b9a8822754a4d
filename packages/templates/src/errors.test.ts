// Error texts and lines from Go's text/template/parse (parse_test.go, lex_test.go and the
// messages in parse.go/lex.go).
import { describe, expect, it } from 'vitest';
import { TemplateParseError } from './errors.js';
import { type ParseOptions, parseTemplate } from './parser.js';

function parseError(text: string, name = 't', options?: ParseOptions): TemplateParseError {
  try {
    parseTemplate(text, name, options);
  } catch (error) {
    if (error instanceof TemplateParseError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe('TemplateParseError', () => {
  it.each<[string, string, string, ParseOptions?]>([
    ['unfinished action', '{{ .Foo ', 'template: t:1: unclosed action'],
    ['stray end', '{{ end }}', 'template: t:1: unexpected {{end}}'],
    ['stray else', '{{ else }}', 'template: t:1: unexpected {{else}}'],
    ['if without a pipeline', '{{ if }}{{ end }}', 'template: t:1: missing value for if'],
    ['empty action', '{{}}', 'template: t:1: missing value for command'],
    ['unclosed range', '{{ range .X }}', 'template: t:1: unexpected EOF'],
    ['undefined variable', '{{ $x }}', 'template: t:1: undefined variable "$x"'],
    ['unknown function', '{{ foo }}', 'template: t:1: function "foo" not defined', { functions: ['bar'] }],
    ['unterminated string', '{{ "unterminated }}', 'template: t:1: unterminated quoted string'],
    ['unterminated raw string', '{{ `a }}', 'template: t:1: unterminated raw quoted string'],
    ['unterminated char', "{{ 'a }}", 'template: t:1: unterminated character constant'],
    ['bad number', '{{ 3k }}', 'template: t:1: bad number syntax: "3k"'],
    ['illegal number', '{{ 0xi }}', 'template: t:1: illegal number syntax: "0xi"'],
    ['float out of range', '{{ 1e400 }}', 'template: t:1: illegal number syntax: "1e400"'],
    [
      'integer overflow',
      '{{ 99999999999999999999 }}',
      'template: t:1: integer overflow: "99999999999999999999"',
    ],
    ['unclosed comment', '{{/* unclosed comment', 'template: t:1: unclosed comment'],
    ['comment before delimiter', '{{/* c */ x }}', 'template: t:1: comment ends before closing delimiter'],
    ['stray brace in operand', '{{ .Foo }', 'template: t:1: unexpected "}" in operand'],
    ['adjacent operands', '{{`x`3}}', 'template: t:1: unexpected "3" in operand'],
    ['bad character', '{{a#}}', "template: t:1: bad character U+0023 '#'"],
    ['non-ASCII symbol', '{{ € }}', "template: t:1: unrecognized character in action: U+20AC '€'"],
    ['unclosed paren', '{{.X (1 2 3}}', 'template: t:1: unclosed left paren'],
    ['extra paren', '{{.X 1 2 3 ) }}', 'template: t:1: unexpected right paren'],
    ['empty parens', '{{ ( ) }}', 'template: t:1: missing value for parenthesized pipeline'],
    ['colon without equals', '{{ $ : 1 }}', 'template: t:1: expected :='],
    ['field on a literal', '{{true.any}}', 'template: t:1: unexpected . after term "true"'],
    ['field on a string', '{{"hello".guys}}', 'template: t:1: unexpected . after term "\\"hello\\""'],
    ['value as a later stage', '{{12|false}}', 'template: t:1: non executable command in pipeline stage 2'],
    [
      'declared field',
      '{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}',
      'template: t:1: unexpected ":=" in operand',
    ],
    ['three declarations', '{{$a,$b,$c := 23}}', 'template: t:1: too many declarations in command'],
    [
      'two declarations outside range',
      '{{with $v, $u := 3}}{{end}}',
      'template: t:1: too many declarations in with',
    ],
    [
      'range declares a non-variable',
      '{{range $k, .}}{{end}}',
      'template: t:1: range can only initialize variables',
    ],
    [
      'range declares a number',
      '{{range $k, 123 := .}}{{end}}',
      'template: t:1: range can only initialize variables',
    ],
    ['range with a dangling comma', '{{range $k,}}{{end}}', 'template: t:1: missing value for range'],
    ['range without a value', '{{range $k, $v := }}{{end}}', 'template: t:1: missing value for range'],
    ['second range variable undefined', '{{range $k, $v}}{{end}}', 'template: t:1: undefined variable "$v"'],
    ['variable out of scope', '{{with $x := 4}}{{end}}{{$x}}', 'template: t:1: undefined variable "$x"'],
    ['second else', '{{if .X}}1{{else}}2{{else}}3{{end}}', 'template: t:1: expected end; found {{else}}'],
    [
      'extra end after else if',
      '{{if .X}}a{{else if .Y}}b{{end}}{{end}}',
      'template: t:1: unexpected {{end}}',
    ],
    ['else if in range', '{{range .X}}a{{else if .Y}}b{{end}}', 'template: t:1: unexpected <if> in input'],
    ['break outside range', '{{range .}}{{end}} {{break}}', 'template: t:1: {{break}} outside {{range}}'],
    [
      'continue in range else',
      '{{range .}}{{else}}{{continue}}{{end}}',
      'template: t:1: {{continue}} outside {{range}}',
    ],
    ['break with an argument', '{{range .}}{{break 1}}{{end}}', 'template: t:1: unexpected "1" in {{break}}'],
    ['end with an argument', '{{if .}}{{end .}}', 'template: t:1: unexpected <.> in end'],
    ['template name not a string', '{{template .X}}', 'template: t:1: unexpected ".X" in template clause'],
    ['template name a variable', '{{template $v}}', 'template: t:1: unexpected "$v" in template clause'],
    ['define name not a string', '{{define .X}}{{end}}', 'template: t:1: unexpected ".X" in define clause'],
    [
      'else in define',
      '{{define "x"}}a{{else}}b{{end}}',
      'template: t:1: unexpected {{else}} in define clause',
    ],
    [
      'else in block',
      '{{block "x" .}}a{{else}}b{{end}}',
      'template: t:1: unexpected {{else}} in block clause',
    ],
    [
      'block without pipeline',
      '{{block "foo"}}hello{{end}}',
      'template: t:1: missing value for block clause',
    ],
    [
      'nested define',
      '{{if .}}{{define "x"}}{{end}}{{end}}',
      'template: t:1: unexpected <define> in command',
    ],
    ['bad escape in string', '{{ "\\q" }}', 'template: t:1: invalid syntax'],
    ['two characters in a char constant', "{{ 'ab' }}", "template: t:1: malformed character constant: 'ab'"],
    // Tokens over ten bytes are cut to ten runes.
    ['long token', '{{if .}}{{end "abcdefghijkl"}}', 'template: t:1: unexpected "\\"abcdefghi"... in end'],
    [
      'two definitions of one name',
      '{{define `a`}}a{{end}}{{define `a`}}b{{end}}',
      'template: t:1: template: multiple definition of template "a"',
    ],
  ])('%s', (_name, input, message, options) => {
    expect(parseError(input, 't', options).message).toBe(message);
  });

  it.each<[string, string, string, ParseOptions?]>([
    ['unclosed1', 'line1\n{{', 'template: unclosed1:2: unclosed action'],
    ['unclosed2', 'line1\n{{define `x`}}line2\n{{', 'template: unclosed2:3: unclosed action'],
    ['unclosed3', 'line1\n{{"x"\n"y"\n', 'template: unclosed3:4: unclosed action started at unclosed3:2'],
    ['unclosed4', '{{\n\n\n\n\n', 'template: unclosed4:6: unclosed action started at unclosed4:1'],
    ['var1', 'line1\n{{\nx\n}}', 'template: var1:3: function "x" not defined', { functions: [] }],
    ['comment2', '{{/*\nhello\n}}', 'template: comment2:1: unclosed comment'],
    ['multilinerawstring', '{{ $v := `\n` }} {{', 'template: multilinerawstring:2: unclosed action'],
    ['eof', 'Alerts:\n{{ range .Alerts }}\n  {{ .Labels.alertname }}\n', 'template: eof:4: unexpected EOF'],
    // A lexing error other than "unclosed action" is said to be "in action".
    [
      'unterminated',
      '{{ .X\n"abc }}',
      'template: unterminated:2: unterminated quoted string in action started at unterminated:1',
    ],
    // Go's line is that of the last token read: here the "}}" after the look-ahead past $x.
    ['lookahead', '{{ $x\n}}', 'template: lookahead:2: undefined variable "$x"'],
    [
      'in define',
      '{{ define "a" }}\nok\n{{ end }}\n{{ define "b" }}\n{{ .X }}{{ if }}\n{{ end }}',
      'template: in define:5: missing value for if',
    ],
  ])("reports Go's line: %s", (name, input, message, options) => {
    expect(parseError(input, name, options).message).toBe(message);
  });

  it('uses the custom delimiters when it names {{end}} and {{else}}', () => {
    expect(parseError('[[ end ]]', 't', { leftDelim: '[[', rightDelim: ']]' }).message).toBe(
      'template: t:1: unexpected [[end]]',
    );
  });

  it('exposes the template name, line, column and reason', () => {
    const error = parseError('{{ .Foo }', 'alert.tmpl');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TemplateParseError');
    expect(error).toMatchObject({
      templateName: 'alert.tmpl',
      line: 1,
      column: 9,
      reason: 'unexpected "}" in operand',
    });
  });

  it('puts the column on the token the line comes from', () => {
    expect(parseError('\n\n  {{ end }}')).toMatchObject({
      line: 3,
      column: 10,
      reason: 'unexpected {{end}}',
    });
    expect(parseError('a {{ "abc }}')).toMatchObject({
      line: 1,
      column: 6,
      reason: 'unterminated quoted string',
    });
    expect(parseError('{{ range .X }}\n  x\n')).toMatchObject({
      line: 3,
      column: 1,
      reason: 'unexpected EOF',
    });
  });

  it('names the top-level template even for errors inside a definition', () => {
    const error = parseError('{{ define "inner" }}{{ $nope }}{{ end }}', 'outer.tmpl');
    expect(error.message).toBe('template: outer.tmpl:1: undefined variable "$nope"');
    expect(error.templateName).toBe('outer.tmpl');
  });
});
