// html/template's contextual escaping, done on the output stream: the template's own text moves
// a small HTML state machine (text, tag, attribute name, quoted or unquoted value, URL part,
// script/style, comments), and each value printed is escaped for the context it lands in, as
// html/template's escapers do. HTML comments in template text are dropped, as Go drops them.
// Values of type template.HTML / template.URL (safeHtml, safeUrl) pass where Go lets them.

import { htmlEscape, queryEscape } from './builtins.js';
import type { PredefinedEscaper, TemplateOutput } from './exec.js';
import { GoNamed, type GoValue, indirect, stringOf } from './go-value.js';
import { formatValue } from './printf.js';

type State =
  | 'text'
  | 'comment'
  | 'tagName'
  | 'tag'
  | 'attrName'
  | 'afterName'
  | 'beforeValue'
  | 'value'
  | 'rawText';
type AttrKind = 'plain' | 'url' | 'script' | 'style';
type UrlPart = 'start' | 'path' | 'query';

const URL_ATTRS = new Set([
  'action',
  'archive',
  'background',
  'cite',
  'classid',
  'codebase',
  'data',
  'formaction',
  'href',
  'icon',
  'longdesc',
  'manifest',
  'poster',
  'profile',
  'src',
  'usemap',
  'xmlns',
]);

function attrKind(name: string): AttrKind {
  const n = name.toLowerCase().replace(/^(data-|xmlns:)/, '');
  if (n.startsWith('on')) return 'script';
  if (n === 'style') return 'style';
  if (URL_ATTRS.has(n) || n.includes('src') || n.includes('uri') || n.includes('url')) return 'url';
  return 'plain';
}

/** html/template's htmlEscaper: also `+`, and NUL as U+FFFD. */
function htmlEscaper(s: string): string {
  return htmlEscape(s).replaceAll('+', '&#43;');
}

/** For unquoted attribute values: spaces and the characters that end them, too. */
function htmlNospaceEscaper(s: string): string {
  if (s === '') return 'ZgotmplZ';
  return htmlEscaper(s).replace(/[\t\n\f\r =`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const stripTags = (html: string): string => html.replace(/<[^>]*>/g, '');

/** Percent-encodes a URL (normalize keeps reserved characters and valid escapes). */
function urlProcess(s: string, normalize: boolean): string {
  const bytes = Buffer.from(s, 'utf8');
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    const ch = String.fromCharCode(c);
    if (/[A-Za-z0-9\-._~]/.test(ch)) out += ch;
    else if (normalize && '!#$&*+,/:;=?@[]'.includes(ch)) out += ch;
    else if (
      normalize &&
      ch === '%' &&
      i + 2 < bytes.length &&
      /[0-9a-fA-F]/.test(String.fromCharCode(bytes[i + 1] as number)) &&
      /[0-9a-fA-F]/.test(String.fromCharCode(bytes[i + 2] as number))
    ) {
      out += ch;
    } else out += `%${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** Only http, https and mailto URLs (or relative ones) may come from data (urlFilter). */
function urlFilter(s: string): string {
  const colon = s.indexOf(':');
  if (colon >= 0 && !s.slice(0, colon).includes('/')) {
    const scheme = s.slice(0, colon).toLowerCase();
    if (scheme !== 'http' && scheme !== 'https' && scheme !== 'mailto') return '#ZgotmplZ';
  }
  return s;
}

/** A JavaScript value for script contexts (jsValEscaper, for strings and numbers). */
function jsValue(value: GoValue, text: string): string {
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean')
    return ` ${text} `;
  return JSON.stringify(text).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isAlnum = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const isLetter = (code: number): boolean => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
/** `<x` or `</x` with a letter: where html/template sees a tag begin. */
const startsTag = (s: string, i: number): boolean =>
  isLetter(s.charCodeAt(i + 1)) || (s.charAt(i + 1) === '/' && isLetter(s.charCodeAt(i + 2)));

/** cssValueFilter: text that cannot leave a CSS value, else ZgotmplZ. */
function cssSafe(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    if ('\0"\'()/;@[\\]`{}<>'.includes(c)) return 'ZgotmplZ';
    if (c === '-' && i > 0 && s.charAt(i - 1) === '-') return 'ZgotmplZ';
  }
  const lower = s.toLowerCase();
  return lower.includes('expression') || lower.includes('mozbinding') ? 'ZgotmplZ' : s;
}

/** jsStrEscaper: a value inside a JavaScript string literal. */
function jsStringEscape(s: string): string {
  return s.replace(
    /[\0\t\n\v\f\r"&'+/<>\\`\u2028\u2029]/g,
    (c) => JS_STRING_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const QUOTE_ENTITIES: Record<string, string> = {
  '#39': "'",
  '#x27': "'",
  apos: "'",
  '#34': '"',
  '#x22': '"',
  quot: '"',
};

const JS_STRING_ESCAPES: Record<string, string> = {
  '\t': '\\t',
  '\n': '\\n',
  '\v': '\\u000b',
  '\f': '\\f',
  '\r': '\\r',
  '/': '\\/',
  '\\': '\\\\',
};

export class HtmlOutput implements TemplateOutput {
  private readonly parts: string[] = [];
  private state: State = 'text';
  private tagName = '';
  private closingTag = false;
  private attrName = '';
  private attrKind: AttrKind = 'plain';
  /** Inside script: the quote of the JavaScript string literal we are in, if any. */
  private jsQuote = '';
  private jsEscaped = false;
  private delim: '"' | "'" | '' = '';
  private urlPart: UrlPart = 'start';
  /** Set while inside <script>, <style>, <textarea> or <title>. */
  private rawElement = '';

  writeText(s: string): void {
    // Text is kept as is except comments; `from` is where the part not yet kept starts.
    let from = 0;
    for (let i = 0; i < s.length; i++) {
      if (this.state === 'text') {
        // Plain text up to the next tag needs no look.
        i = s.indexOf('<', i);
        if (i < 0) break;
      } else if (this.state === 'value' && (this.attrKind === 'plain' || this.attrKind === 'style')) {
        const end = this.delim ? s.indexOf(this.delim, i) : i;
        if (end < 0) break;
        i = end;
      }
      const c = s.charAt(i);
      switch (this.state) {
        case 'comment':
          if (s.startsWith('-->', i)) {
            this.state = 'text';
            i += 2;
            from = i + 1;
          }
          break;
        case 'text':
          if (s.startsWith('<!--', i)) {
            this.parts.push(s.slice(from, i));
            this.state = 'comment';
            i += 3;
          } else if (startsTag(s, i)) {
            this.state = 'tagName';
            this.tagName = '';
            this.closingTag = s.charAt(i + 1) === '/';
          } else if (!/^<!doctype/i.test(s.slice(i, i + 9))) {
            // A '<' that starts no tag is text, and html/template writes it as &lt;.
            this.parts.push(s.slice(from, i), '&lt;');
            from = i + 1;
          }
          break;
        case 'rawText':
          if (this.rawElement === 'script') this.trackJs(c);
          if (
            c === '<' &&
            s.charAt(i + 1) === '/' &&
            s.slice(i + 2, i + 2 + this.rawElement.length).toLowerCase() === this.rawElement
          ) {
            this.state = 'tagName';
            this.tagName = '';
            this.closingTag = true;
            this.rawElement = '';
          } else if (c === '<' && (this.rawElement === 'textarea' || this.rawElement === 'title')) {
            this.parts.push(s.slice(from, i), '&lt;');
            from = i + 1;
          }
          break;
        case 'tagName':
          if (isAlnum(s.charCodeAt(i))) this.tagName += c;
          else if (c === '>') this.endTag();
          else if (isSpace(c)) this.state = 'tag';
          break;
        case 'tag':
          if (c === '>') this.endTag();
          else if (!isSpace(c) && c !== '/') {
            this.state = 'attrName';
            this.attrName = c;
          }
          break;
        case 'attrName':
          if (c === '=') this.state = 'beforeValue';
          else if (c === '>') this.endTag();
          else if (isSpace(c)) this.state = 'afterName';
          else this.attrName += c;
          break;
        case 'afterName':
          if (c === '=') this.state = 'beforeValue';
          else if (c === '>') this.endTag();
          else if (!isSpace(c)) {
            this.state = 'attrName';
            this.attrName = c;
          }
          break;
        case 'beforeValue':
          if (c === '"' || c === "'") this.startValue(c);
          else if (c === '>') this.endTag();
          else if (!isSpace(c)) {
            this.startValue('');
            this.advanceUrl(c);
          }
          break;
        case 'value':
          if ((this.delim && c === this.delim) || (!this.delim && (isSpace(c) || c === '>'))) {
            this.state = 'tag';
            if (c === '>') this.endTag();
          } else {
            this.advanceUrl(c);
            if (this.attrKind === 'script') {
              // Attribute values are decoded before their JavaScript is read: &#39; is a quote.
              const entity = c === '&' ? /^&(#39|#34|quot|apos|#x27|#x22);/i.exec(s.slice(i, i + 8)) : null;
              if (entity) {
                this.trackJs(QUOTE_ENTITIES[(entity[1] as string).toLowerCase()] as string);
                i += entity[0].length - 1;
              } else this.trackJs(c);
            }
          }
          break;
      }
    }
    if (this.state !== 'comment') this.parts.push(s.slice(from));
  }

  private trackJs(c: string): void {
    if (this.jsEscaped) this.jsEscaped = false;
    else if (this.jsQuote && c === '\\') this.jsEscaped = true;
    else if (this.jsQuote && c === this.jsQuote) this.jsQuote = '';
    else if (!this.jsQuote && (c === '"' || c === "'" || c === '`')) this.jsQuote = c;
  }

  private startValue(delim: '"' | "'" | ''): void {
    this.jsQuote = '';
    this.state = 'value';
    this.delim = delim;
    this.urlPart = 'start';
    this.attrKind = attrKind(this.attrName);
  }

  private advanceUrl(c: string): void {
    if (this.attrKind !== 'url') return;
    if (c === '?' || c === '#') this.urlPart = 'query';
    else if (this.urlPart === 'start') this.urlPart = 'path';
  }

  private endTag(): void {
    const name = this.tagName.toLowerCase();
    this.state = 'text';
    this.jsQuote = '';
    if (!this.closingTag && ['script', 'style', 'textarea', 'title'].includes(name)) {
      this.state = 'rawText';
      this.rawElement = name;
    }
  }

  writeValue(value: GoValue, escaper?: PredefinedEscaper): void {
    if (this.state === 'comment') return;
    if (this.state === 'beforeValue') this.startValue(''); // {{ }} right after `=`: an unquoted value
    const typed = value instanceof GoNamed && typeof value.value === 'string' ? value.type.name : '';
    let text = value === undefined ? '' : (stringOf(value) ?? formatValue(indirect(value)));
    const kind =
      this.state === 'value' ? attrKind(this.attrName) : this.state === 'rawText' ? this.rawElement : 'html';
    // html/template merges a trailing html / urlquery into the context's escapers: where it is
    // equivalent to one of them it runs in that one's place, otherwise it runs first.
    const htmlLike = escaper === 'html' && kind !== 'script' && kind !== 'style';
    if (escaper === 'urlquery' || (escaper === 'html' && !htmlLike)) {
      text = escaper === 'urlquery' ? queryEscape(text) : htmlEscape(text);
    }
    const finalEscape = (s: string): string => (htmlLike ? htmlEscape(s) : htmlEscaper(s));
    if (this.state === 'text') {
      this.parts.push(typed === 'template.HTML' && !escaper ? text : finalEscape(text));
      return;
    }
    if (this.state === 'rawText') {
      if (kind === 'script') this.parts.push(this.jsQuote ? jsStringEscape(text) : jsValue(value, text));
      else if (kind === 'style') this.parts.push(cssSafe(text));
      else this.parts.push(finalEscape(text));
      return;
    }
    if (this.state === 'value') {
      if (typed === 'template.HTML' && kind !== 'url') text = stripTags(text);
      if (kind === 'url') {
        if (this.urlPart === 'start' && typed !== 'template.URL') text = urlFilter(text);
        if (escaper !== 'urlquery') text = urlProcess(text, this.urlPart !== 'query');
        if (text !== '' && this.urlPart === 'start') this.urlPart = 'path';
      } else if (kind === 'script') text = this.jsQuote ? jsStringEscape(text) : jsValue(value, text);
      else if (kind === 'style') text = cssSafe(text);
      this.parts.push(this.delim ? finalEscape(text) : htmlNospaceEscaper(text));
      return;
    }
    // Inside a tag or an attribute name Go refuses to guess; print nothing unsafe.
    this.parts.push(text.replace(/[^\w-]/g, '') || 'ZgotmplZ');
  }

  result(): string {
    return this.parts.join('');
  }
}
