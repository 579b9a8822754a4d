import { parseTemplate } from '@tocsin/templates';

/**
 * Upstream's `ContainsTemplating`: a string with `{{` must parse as a Go template. Returns
 * whether it is templated; throws the parser's error when it does not parse. Upstream parses
 * with a bare `template.New("")`, so only Go's builtin functions are known: `{{ x | toUpper }}`
 * fails with `function "toUpper" not defined`.
 */
export function containsTemplating(text: string): boolean {
  if (!text.includes('{{')) return false;
  parseTemplate(text, '', { functions: [] });
  return true;
}
