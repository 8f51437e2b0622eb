/**
 * Exact decimal strings, as the Rust core sends money ("1234567", "1234567.50", "-0.4").
 * Money never becomes a JavaScript float: parsing keeps the digits as text, and sums and
 * comparisons work on BigInt values scaled to a common number of decimals.
 */

/** A decimal split into its parts; `int` has no leading zeros ("0" at least). */
export interface Decimal {
  negative: boolean;
  int: string;
  frac: string;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Parses the canonical form the API uses; returns null for anything else. */
export function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const int = (match[2] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = match[3] ?? '';
  const isZero = /^0*$/.test(int) && /^0*$/.test(frac);
  return { negative: match[1] === '-' && !isZero, int, frac };
}

export function isDecimal(text: string): boolean {
  return parseDecimal(text) !== null;
}

function scaled(d: Decimal, scale: number): bigint {
  const digits = d.int + d.frac.padEnd(scale, '0');
  const value = BigInt(digits);
  return d.negative ? -value : value;
}

function unscaled(value: bigint, scale: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? '.' + digits.slice(digits.length - scale) : '';
  return (negative ? '-' : '') + int + frac;
}

function parseOrThrow(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw new RangeError(`not a decimal: ${JSON.stringify(text)}`);
  return d;
}

/** Compares two decimal strings exactly: negative, zero or positive like a sort comparator. */
export function compareDecimal(a: string, b: string): number {
  const da = parseOrThrow(a);
  const db = parseOrThrow(b);
  const scale = Math.max(da.frac.length, db.frac.length);
  const x = scaled(da, scale);
  const y = scaled(db, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Adds decimal strings exactly; the result keeps the largest number of decimals seen. */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parseOrThrow);
  const scale = parsed.reduce((max, d) => Math.max(max, d.frac.length), 0);
  const total = parsed.reduce((sum, d) => sum + scaled(d, scale), 0n);
  return unscaled(total, scale);
}

/** The shortest form of a decimal string: "100.00" → "100", "62.50" → "62.5", "-0.0" → "0". */
export function normalizeDecimal(text: string): string {
  const d = parseOrThrow(text);
  const frac = d.frac.replace(/0+$/, '');
  return (d.negative ? '-' : '') + d.int + (frac ? '.' + frac : '');
}

/** `a` minus `b`, exactly; the result keeps the larger number of decimals. */
export function subtractDecimals(a: string, b: string): string {
  const da = parseOrThrow(a);
  const db = parseOrThrow(b);
  const scale = Math.max(da.frac.length, db.frac.length);
  return unscaled(scaled(da, scale) - scaled(db, scale), scale);
}

/** `a` times `b`, exactly ("1.5" × "0.25" → "0.375"). */
export function multiplyDecimals(a: string, b: string): string {
  const da = parseOrThrow(a);
  const db = parseOrThrow(b);
  return unscaled(scaled(da, da.frac.length) * scaled(db, db.frac.length), da.frac.length + db.frac.length);
}

/**
 * `part` as a percentage of `whole`, rounded to `places` decimals half away from zero
 * ("93.18505" for 3992561.5 of 4284550 with 5 places); null unless `whole` is above zero.
 */
export function percentOf(part: string, whole: string, places: number): string | null {
  const dp = parseOrThrow(part);
  const dw = parseOrThrow(whole);
  const scale = Math.max(dp.frac.length, dw.frac.length);
  const denominator = scaled(dw, scale);
  if (denominator <= 0n) return null;
  // part × 100 × 10^places / whole, rounded half away from zero on the remainder.
  const numerator = scaled(dp, scale) * 100n * 10n ** BigInt(places);
  const magnitude = numerator < 0n ? -numerator : numerator;
  let quotient = magnitude / denominator;
  if ((magnitude % denominator) * 2n >= denominator) quotient += 1n;
  return unscaled(numerator < 0n ? -quotient : quotient, places);
}
