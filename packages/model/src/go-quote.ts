// Go's time package quotes its parse errors its own way; strconv.Quote is goQuote in @tocsin/go-syntax.

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** The `time` package's private quote(): ASCII kept, everything else as `\xNN` UTF-8 bytes. */
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of Buffer.from(ch, 'utf8')) out += `\\x${hex(b, 2)}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return `${out}"`;
}
