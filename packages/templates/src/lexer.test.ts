// Token streams from Go's text/template/parse/lex_test.go.
import { describe, expect, it } from 'vitest';
import { describeToken, Lexer, LineIndex, type Token, type TokenType } from './lexer.js';

function lex(input: string, leftDelim = '{{', rightDelim = '}}'): Array<[TokenType, string]> {
  const lexer = new Lexer(input, { leftDelim, rightDelim, breakIsKeyword: true, continueIsKeyword: true });
  const tokens: Array<[TokenType, string]> = [];
  for (let i = 0; i < 1000; i++) {
    const token = lexer.next();
    tokens.push([token.type, token.value]);
    if (token.type === 'eof' || token.type === 'error') return tokens;
  }
  throw new Error('lexer did not stop');
}

function lexWithPositions(input: string): Array<[TokenType, number, string, number]> {
  const lexer = new Lexer(input, {
    leftDelim: '{{',
    rightDelim: '}}',
    breakIsKeyword: true,
    continueIsKeyword: true,
  });
  const lines = new LineIndex(input);
  const tokens: Array<[TokenType, number, string, number]> = [];
  for (;;) {
    const token = lexer.next();
    tokens.push([token.type, token.pos, token.value, lines.locate(token.pos).line]);
    if (token.type === 'eof' || token.type === 'error') return tokens;
  }
}

const L: [TokenType, string] = ['leftDelim', '{{'];
const R: [TokenType, string] = ['rightDelim', '}}'];
const SP: [TokenType, string] = ['space', ' '];
const EOF: [TokenType, string] = ['eof', ''];

describe('lexer', () => {
  it.each<[string, string, Array<[TokenType, string]>]>([
    ['empty', '', [EOF]],
    ['spaces', ' \t\n', [['text', ' \t\n'], EOF]],
    ['text', 'now is the time', [['text', 'now is the time'], EOF]],
    [
      'text with comment',
      'hello-{{/* this is a comment */}}-world',
      [['text', 'hello-'], ['comment', '/* this is a comment */'], ['text', '-world'], EOF],
    ],
    ['punctuation', '{{,@% }}', [L, ['char', ','], ['char', '@'], ['char', '%'], SP, R, EOF]],
    [
      'parens',
      '{{((3))}}',
      [
        L,
        ['leftParen', '('],
        ['leftParen', '('],
        ['number', '3'],
        ['rightParen', ')'],
        ['rightParen', ')'],
        R,
        EOF,
      ],
    ],
    ['empty action', '{{}}', [L, R, EOF]],
    ['for', '{{for}}', [L, ['identifier', 'for'], R, EOF]],
    [
      'block',
      '{{block "foo" .}}',
      [L, ['block', 'block'], SP, ['string', '"foo"'], SP, ['dot', '.'], R, EOF],
    ],
    ['quote', '{{"abc \\n\\t\\" "}}', [L, ['string', '"abc \\n\\t\\" "'], R, EOF]],
    ['raw quote', '{{`abc\\n\\t\\" `}}', [L, ['rawString', '`abc\\n\\t\\" `'], R, EOF]],
    [
      'raw quote with newline',
      '{{`now is{{\n}}the time`}}',
      [L, ['rawString', '`now is{{\n}}the time`'], R, EOF],
    ],
    [
      'numbers',
      '{{1 02 0x14 0X14 -7.2i 1e3 1E3 +1.2e-4 4.2i 1+2i 1_2 0x1.e_fp4 0X1.E_FP4}}',
      [
        L,
        ...['1', '02', '0x14', '0X14', '-7.2i', '1e3', '1E3', '+1.2e-4', '4.2i'].flatMap(
          (n): Array<[TokenType, string]> => [['number', n], SP],
        ),
        ['complex', '1+2i'],
        SP,
        ['number', '1_2'],
        SP,
        ['number', '0x1.e_fp4'],
        SP,
        ['number', '0X1.E_FP4'],
        R,
        EOF,
      ],
    ],
    [
      'characters',
      "{{'a' '\\n' '\\'' '\\\\' '\\u00FF' '\\xFF' '本'}}",
      [
        L,
        ...["'a'", "'\\n'", "'\\''", "'\\\\'", "'\\u00FF'", "'\\xFF'"].flatMap(
          (c): Array<[TokenType, string]> => [['charConstant', c], SP],
        ),
        ['charConstant', "'本'"],
        R,
        EOF,
      ],
    ],
    ['bools', '{{true false}}', [L, ['bool', 'true'], SP, ['bool', 'false'], R, EOF]],
    ['dot', '{{.}}', [L, ['dot', '.'], R, EOF]],
    ['nil', '{{nil}}', [L, ['nil', 'nil'], R, EOF]],
    [
      'dots',
      '{{.x . .2 .x.y.z}}',
      [
        L,
        ['field', '.x'],
        SP,
        ['dot', '.'],
        SP,
        ['number', '.2'],
        SP,
        ['field', '.x'],
        ['field', '.y'],
        ['field', '.z'],
        R,
        EOF,
      ],
    ],
    [
      'keywords',
      '{{range if else end with}}',
      [
        L,
        ['range', 'range'],
        SP,
        ['if', 'if'],
        SP,
        ['else', 'else'],
        SP,
        ['end', 'end'],
        SP,
        ['with', 'with'],
        R,
        EOF,
      ],
    ],
    [
      'variables',
      '{{$c := printf $ $hello $23 $ $var.Field .Method}}',
      [
        L,
        ['variable', '$c'],
        SP,
        ['declare', ':='],
        SP,
        ['identifier', 'printf'],
        SP,
        ['variable', '$'],
        SP,
        ['variable', '$hello'],
        SP,
        ['variable', '$23'],
        SP,
        ['variable', '$'],
        SP,
        ['variable', '$var'],
        ['field', '.Field'],
        SP,
        ['field', '.Method'],
        R,
        EOF,
      ],
    ],
    ['variable invocation', '{{$x 23}}', [L, ['variable', '$x'], SP, ['number', '23'], R, EOF]],
    [
      'pipeline',
      'intro {{echo hi 1.2 |noargs|args 1 "hi"}} outro',
      [
        ['text', 'intro '],
        L,
        ['identifier', 'echo'],
        SP,
        ['identifier', 'hi'],
        SP,
        ['number', '1.2'],
        SP,
        ['pipe', '|'],
        ['identifier', 'noargs'],
        ['pipe', '|'],
        ['identifier', 'args'],
        SP,
        ['number', '1'],
        SP,
        ['string', '"hi"'],
        R,
        ['text', ' outro'],
        EOF,
      ],
    ],
    [
      'declaration',
      '{{$v := 3}}',
      [L, ['variable', '$v'], SP, ['declare', ':='], SP, ['number', '3'], R, EOF],
    ],
    ['assignment', '{{$v = 3}}', [L, ['variable', '$v'], SP, ['assign', '='], SP, ['number', '3'], R, EOF]],
    [
      '2 declarations',
      '{{$v , $w := 3}}',
      [
        L,
        ['variable', '$v'],
        SP,
        ['char', ','],
        SP,
        ['variable', '$w'],
        SP,
        ['declare', ':='],
        SP,
        ['number', '3'],
        R,
        EOF,
      ],
    ],
    [
      'field of parenthesized expression',
      '{{(.X).Y}}',
      [L, ['leftParen', '('], ['field', '.X'], ['rightParen', ')'], ['field', '.Y'], R, EOF],
    ],
    [
      'trimming spaces before and after',
      'hello- {{- 3 -}} -world',
      [['text', 'hello-'], L, ['number', '3'], R, ['text', '-world'], EOF],
    ],
    [
      'trimming spaces before and after comment',
      'hello- {{- /* hello */ -}} -world',
      [['text', 'hello-'], ['comment', '/* hello */'], ['text', '-world'], EOF],
    ],
    // A trim marker needs its space: "{{-3}}" is the number -3.
    ['minus without space', '{{-3}}', [L, ['number', '-3'], R, EOF]],
    [
      'break and continue',
      '{{break}}{{continue}}',
      [L, ['break', 'break'], R, L, ['continue', 'continue'], R, EOF],
    ],
    // Errors.
    ['badchar', '#{{\x01}}', [['text', '#'], L, ['error', 'unrecognized character in action: U+0001']]],
    ['unclosed action', '{{', [L, ['error', 'unclosed action']]],
    ['EOF in action', '{{range', [L, ['range', 'range'], ['error', 'unclosed action']]],
    ['unclosed quote', '{{"\n"}}', [L, ['error', 'unterminated quoted string']]],
    ['unclosed raw quote', '{{`xx}}', [L, ['error', 'unterminated raw quoted string']]],
    ['unclosed char constant', "{{'\n}}", [L, ['error', 'unterminated character constant']]],
    ['bad number', '{{3k}}', [L, ['error', 'bad number syntax: "3k"']]],
    ['unclosed paren', '{{(3}}', [L, ['leftParen', '('], ['number', '3'], ['error', 'unclosed left paren']]],
    ['extra right paren', '{{3)}}', [L, ['number', '3'], ['error', 'unexpected right paren']]],
    [
      'long pipeline deadlock',
      '{{|||||}}',
      [L, ['pipe', '|'], ['pipe', '|'], ['pipe', '|'], ['pipe', '|'], ['pipe', '|'], R, EOF],
    ],
    [
      'text with bad comment',
      'hello-{{/*/}}-world',
      [
        ['text', 'hello-'],
        ['error', 'unclosed comment'],
      ],
    ],
    [
      'text with comment close separated from delim',
      'hello-{{/* */ }}-world',
      [
        ['text', 'hello-'],
        ['error', 'comment ends before closing delimiter'],
      ],
    ],
    // Go cannot reject this: it would break templates holding minified JavaScript.
    ['unmatched right delimiter', 'hello-{.}}-world', [['text', 'hello-{.}}-world'], EOF]],
    ['bad character after identifier', '{{a#}}', [L, ['error', "bad character U+0023 '#'"]]],
    ['expected :=', '{{$x : 3}}', [L, ['variable', '$x'], SP, ['error', 'expected :=']]],
  ])('%s', (_name, input, expected) => {
    expect(lex(input)).toEqual(expected);
  });

  it.each<[string, string, string, Array<[TokenType, string]>]>([
    [
      'punctuation',
      '$$,@%{{}}@@',
      '$$',
      [
        ['leftDelim', '$$'],
        ['char', ','],
        ['char', '@'],
        ['char', '%'],
        ['char', '{'],
        ['char', '{'],
        ['char', '}'],
        ['char', '}'],
        ['rightDelim', '@@'],
        EOF,
      ],
    ],
    ['empty action', '$$@@', '$$', [['leftDelim', '$$'], ['rightDelim', '@@'], EOF]],
    ['for', '$$for@@', '$$', [['leftDelim', '$$'], ['identifier', 'for'], ['rightDelim', '@@'], EOF]],
    [
      'quote',
      '$$"abc \\n\\t\\" "@@',
      '$$',
      [['leftDelim', '$$'], ['string', '"abc \\n\\t\\" "'], ['rightDelim', '@@'], EOF],
    ],
  ])('custom delimiters: %s', (_name, input, left, expected) => {
    expect(lex(input, left, '@@')).toEqual(expected);
  });

  it('accepts delimiters that start with letters or look like trim markers', () => {
    expect(lex('{{hub .host hub}}', '{{hub', 'hub}}')).toEqual([
      ['leftDelim', '{{hub'],
      SP,
      ['field', '.host'],
      SP,
      ['rightDelim', 'hub}}'],
      EOF,
    ]);
    expect(lex('{{- .x -}} {{- - .x - -}}', '{{- ', ' -}}')).toEqual([
      ['leftDelim', '{{- '],
      ['field', '.x'],
      ['rightDelim', ' -}}'],
      ['leftDelim', '{{- '],
      ['field', '.x'],
      ['rightDelim', ' -}}'],
      EOF,
    ]);
  });

  it.each<[string, string, Array<[TokenType, number, string, number]>]>([
    ['empty', '', [['eof', 0, '', 1]]],
    [
      'punctuation',
      '{{,@%#}}',
      [
        ['leftDelim', 0, '{{', 1],
        ['char', 2, ',', 1],
        ['char', 3, '@', 1],
        ['char', 4, '%', 1],
        ['char', 5, '#', 1],
        ['rightDelim', 6, '}}', 1],
        ['eof', 8, '', 1],
      ],
    ],
    [
      'sample',
      '0123{{hello}}xyz',
      [
        ['text', 0, '0123', 1],
        ['leftDelim', 4, '{{', 1],
        ['identifier', 6, 'hello', 1],
        ['rightDelim', 11, '}}', 1],
        ['text', 13, 'xyz', 1],
        ['eof', 16, '', 1],
      ],
    ],
    [
      'trimafter',
      '{{x -}}\n{{y}}',
      [
        ['leftDelim', 0, '{{', 1],
        ['identifier', 2, 'x', 1],
        ['rightDelim', 5, '}}', 1],
        ['leftDelim', 8, '{{', 2],
        ['identifier', 10, 'y', 2],
        ['rightDelim', 11, '}}', 2],
        ['eof', 13, '', 2],
      ],
    ],
    [
      'trimbefore',
      '{{x}}\n{{- y}}',
      [
        ['leftDelim', 0, '{{', 1],
        ['identifier', 2, 'x', 1],
        ['rightDelim', 3, '}}', 1],
        ['leftDelim', 6, '{{', 2],
        ['identifier', 10, 'y', 2],
        ['rightDelim', 11, '}}', 2],
        ['eof', 13, '', 2],
      ],
    ],
    [
      'longcomment',
      '{{/*\n*/}}\n{{undefinedFunction "test"}}',
      [
        ['comment', 2, '/*\n*/', 1],
        ['text', 9, '\n', 2],
        ['leftDelim', 10, '{{', 3],
        ['identifier', 12, 'undefinedFunction', 3],
        ['space', 29, ' ', 3],
        ['string', 30, '"test"', 3],
        ['rightDelim', 36, '}}', 3],
        ['eof', 38, '', 3],
      ],
    ],
  ])('positions: %s', (_name, input, expected) => {
    expect(lexWithPositions(input)).toEqual(expected);
  });

  it('treats break and continue as identifiers when functions of those names exist', () => {
    const lexer = new Lexer('{{break}}', {
      leftDelim: '{{',
      rightDelim: '}}',
      breakIsKeyword: false,
      continueIsKeyword: true,
    });
    lexer.next();
    expect(lexer.next()).toEqual({ type: 'identifier', value: 'break', pos: 2 });
  });

  it('prints tokens the way Go quotes them in messages', () => {
    const token = (type: TokenType, value: string): Token => ({ type, value, pos: 0 });
    expect(describeToken(token('eof', ''))).toBe('EOF');
    expect(describeToken(token('end', 'end'))).toBe('<end>');
    expect(describeToken(token('dot', '.'))).toBe('<.>');
    expect(describeToken(token('char', '}'))).toBe('"}"');
    expect(describeToken(token('string', '"a"'))).toBe('"\\"a\\""');
    // More than ten bytes: the first ten runes, then "...".
    expect(describeToken(token('identifier', 'abcdefghijk'))).toBe('"abcdefghij"...');
  });
});
