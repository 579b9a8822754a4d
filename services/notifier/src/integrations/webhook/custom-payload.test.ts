import { describe, expect, it } from 'vitest';
import { renderCustomPayload } from './custom-payload.js';

// Stands for the template engine: replaces {{x}} by a fixed value, so this tests only what
// happens around rendering.
const values: Record<string, string> = {
  '{{n}}': '42',
  '{{map}}': 'a: 1\nb: [x, y]',
  '{{empty}}': '',
  '{{html}}': '<b>&',
};
const render = (text: string) => text.replace(/\{\{\w+\}\}/g, (m) => values[m] ?? '');

describe('custom webhook payload', () => {
  it('renders strings and keys, takes YAML 1.1 values from rendered strings (y is true, as in yaml.v2), sorts keys', () => {
    const body = renderCustomPayload(
      {
        z: '{{n}}',
        a: { nested: '{{map}}', list: ['{{n}}', 'text', 3, false] },
        '{{n}}key': 'yes',
        e: '{{empty}}',
      },
      render,
    );
    expect(body).toBe(
      '{"42key":true,"a":{"list":[42,"text",3,false],"nested":{"a":1,"b":["x",true]}},"e":null,"z":42}\n',
    );
  });

  it("keeps strings that YAML reads as strings exactly, and escapes HTML characters as Go's encoder does", () => {
    expect(renderCustomPayload({ s: 'value1 is {{n}}', h: '{{html}}', t: '2024-01-01' }, render)).toBe(
      '{"h":"\\u003cb\\u003e\\u0026","s":"value1 is 42","t":"2024-01-01"}\n',
    );
    expect(renderCustomPayload({ broken: 'x: [1' }, render)).toBe('{"broken":"x: [1"}\n');
  });
});
