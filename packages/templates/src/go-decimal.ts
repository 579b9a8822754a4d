// Exact decimal digits of a float64 and Go's rounding of them (strconv.FormatFloat), so %e, %f
// and %g print the same digits as Go, ties included (Go rounds half to even on the exact value).

/** value = 0.digits × 10^point; digits has no leading or trailing zeros ('' for zero). */
interface Decimal {
  digits: string;
  point: number;
}

/** The exact decimal value of a finite, non-negative double. */
export function exactDecimal(v: number): Decimal {
  if (v === 0) return { digits: '', point: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const bits = view.getBigUint64(0);
  const exponentBits = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent: number;
  if (exponentBits === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = exponentBits - 1075;
  }
  let text: string;
  let point: number;
  if (exponent >= 0) {
    text = (mantissa << BigInt(exponent)).toString();
    point = text.length;
  } else {
    // m / 2^k = m * 5^k / 10^k
    text = (mantissa * 5n ** BigInt(-exponent)).toString();
    point = text.length + exponent;
  }
  return trim({ digits: text, point });
}

function trim(d: Decimal): Decimal {
  let digits = d.digits.replace(/0+$/, '');
  let point = d.point;
  const lead = digits.length - digits.replace(/^0+/, '').length;
  digits = digits.slice(lead);
  point -= lead;
  return digits === '' ? { digits: '', point: 0 } : { digits, point };
}

/** The shortest digits that read back as v (Go's and JavaScript's shortest forms agree). */
function shortestDecimal(v: number): Decimal {
  if (v === 0) return { digits: '', point: 0 };
  const [mantissa, exp] = v.toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, point: Number(exp) + 1 };
}

/** Rounds to `n` significant digits, half to even on the exact value. */
function roundDigits(d: Decimal, n: number): Decimal {
  if (n < 0) return { digits: '', point: 0 };
  if (d.digits.length <= n) return d;
  const keep = d.digits.slice(0, n);
  const next = d.digits.charAt(n);
  const rest = d.digits.slice(n + 1);
  let up = next > '5' || (next === '5' && (rest !== '' || (keep !== '' && Number(keep.at(-1)) % 2 === 1)));
  if (next < '5') up = false;
  if (!up) return trim({ digits: keep, point: d.point });
  // Add one at the last kept digit.
  const chars = keep.split('');
  let i = chars.length - 1;
  while (i >= 0 && chars[i] === '9') {
    chars[i] = '0';
    i--;
  }
  if (i < 0) return trim({ digits: `1${chars.join('')}`, point: d.point + 1 });
  chars[i] = String(Number(chars[i]) + 1);
  return trim({ digits: chars.join(''), point: d.point });
}

const digitAt = (d: Decimal, i: number): string => (i >= 0 && i < d.digits.length ? d.digits.charAt(i) : '0');

/** %e: one digit, point, `prec` digits, exponent of at least two digits. */
export function formatE(d0: Decimal, prec: number, e = 'e'): string {
  const d = roundDigits(d0, prec + 1);
  let out = digitAt(d, 0);
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) out += digitAt(d, i);
  }
  const exp = d.digits === '' ? 0 : d.point - 1;
  const abs = Math.abs(exp);
  return `${out}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

/** %f: integer part, point, `prec` digits. */
export function formatF(d0: Decimal, prec: number): string {
  const d = roundDigits(d0, d0.point + prec);
  let out = '';
  if (d.point > 0) {
    for (let i = 0; i < d.point; i++) out += digitAt(d, i);
  } else out = '0';
  if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) out += digitAt(d, d.point + i);
  }
  return out;
}

/** %g with a precision (-1: shortest), as strconv's 'g' format chooses between %e and %f. */
export function formatG(v: number, prec: number, e = 'e'): string {
  if (v === 0) return '0';
  let d: Decimal;
  let eprec: number;
  if (prec < 0) {
    d = shortestDecimal(v);
    eprec = 6;
  } else {
    const p = prec === 0 ? 1 : prec;
    d = roundDigits(exactDecimal(v), p);
    eprec = p;
    if (eprec > d.digits.length && d.digits.length >= d.point) eprec = d.digits.length;
  }
  const nd = Math.max(d.digits.length, 1);
  const exp = d.digits === '' ? 0 : d.point - 1;
  if (exp < -4 || exp >= eprec) return formatE(d, nd - 1, e);
  return formatF(d, Math.max(nd - d.point, 0));
}
