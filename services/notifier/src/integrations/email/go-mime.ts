/**
 * The two encodings Alertmanager's email notifier gets from Go's standard library, written to
 * give the same bytes: `mime.QEncoding.Encode("utf-8", s)` for header values and
 * `mime/quotedprintable.Writer` for the text and HTML parts.
 */

const HEX = '0123456789ABCDEF';
const hex = (b: number) => `=${HEX[b >> 4]}${HEX[b & 0x0f]}`;

// An encoded word is at most 75 characters; `=?utf-8?q?` and `?=` take 12 of them.
const MAX_WORD_CONTENT = 75 - '=?UTF-8?q?'.length - '?='.length;

function needsEncoding(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if ((c < 0x20 || c > 0x7e) && c !== 0x09) return true;
  }
  return false;
}

const qLiteral = (b: number) => b >= 0x21 && b <= 0x7e && b !== 0x3d && b !== 0x3f && b !== 0x5f;

/** An RFC 2047 Q-encoded header value, split into words of at most 75 characters on rune boundaries. */
export function qEncodeHeader(value: string): string {
  if (!needsEncoding(value)) return value;
  let out = '=?utf-8?q?';
  let length = 0;
  for (const ch of value) {
    const bytes = Buffer.from(ch, 'utf8');
    const first = bytes[0] as number;
    // A space costs one character (`_`), as the printable ASCII Q keeps.
    const plain = bytes.length === 1 && (first === 0x20 || qLiteral(first));
    const size = plain ? 1 : 3 * bytes.length;
    if (length + size > MAX_WORD_CONTENT) {
      out += '?= =?utf-8?q?';
      length = 0;
    }
    for (const b of bytes) out += b === 0x20 ? '_' : qLiteral(b) ? String.fromCharCode(b) : hex(b);
    length += size;
  }
  return `${out}?=`;
}

const LINE_MAX = 76;
const isBlank = (b: number) => b === 0x20 || b === 0x09;

/**
 * Quoted-printable in Go's text mode: CR, LF and CRLF become CRLF, blanks before a line end are
 * encoded, lines are cut with soft breaks at 76 characters.
 */
export function quotedPrintable(text: string): string {
  const input = Buffer.from(text, 'utf8');
  let out = '';
  let line = '';
  let cr = false;
  const encode = (b: number) => {
    if (LINE_MAX - 1 - line.length < 3) softBreak();
    line += hex(b);
  };
  const softBreak = () => {
    out += `${line}=\r\n`;
    line = '';
  };
  const encodeTrailingBlank = () => {
    const last = line.charCodeAt(line.length - 1);
    if (line.length > 0 && isBlank(last)) {
      line = line.slice(0, -1);
      encode(last);
    }
  };
  for (const b of input) {
    if (b === 0x0a || b === 0x0d) {
      // CRLF counts as one line end.
      if (cr && b === 0x0a) {
        cr = false;
        continue;
      }
      cr = b === 0x0d;
      encodeTrailingBlank();
      out += `${line}\r\n`;
      line = '';
      continue;
    }
    cr = false;
    if ((b >= 0x21 && b <= 0x7e && b !== 0x3d) || isBlank(b)) {
      if (line.length === LINE_MAX - 1) softBreak();
      line += String.fromCharCode(b);
    } else {
      encode(b);
    }
  }
  encodeTrailingBlank();
  return out + line;
}
