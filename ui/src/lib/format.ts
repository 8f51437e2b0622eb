/**
 * The one place that turns values into Swedish-formatted text (sv-SE) and reads what a person
 * types. Money is a decimal string from the API and stays one: the display rounding rule is
 * **whole kronor, half away from zero**, done on the digits of the string, never via a float.
 *
 * sv-SE conventions used throughout: U+00A0 (no-break space) between thousands and before the
 * unit ("1 234 567 kr", "3,5 %"), decimal comma, and U+2212 (minus sign) for negatives, as
 * `Intl.NumberFormat('sv-SE')` writes them. Dates are shown as the calendar date in Stockholm.
 */

import { isDecimal, parseDecimal } from './decimal';

const NBSP = '\u00a0';
const MINUS = '\u2212';

/** Inserts a no-break space between each group of three digits, counted from the right. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

const DIGITS = '0123456789';

/** Adds one to a string of decimal digits ("999" → "1000"). */
function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') {
      chars[i] = '0';
    } else {
      chars[i] = DIGITS.charAt(DIGITS.indexOf(chars[i] ?? '0') + 1);
      return chars.join('');
    }
  }
  return '1' + chars.join('');
}

/**
 * Rounds a decimal string to whole units, half away from zero, and returns the sign and
 * digits. Zero is never negative ("-0.4" → "0").
 */
export function roundToWhole(amount: string): { negative: boolean; digits: string } | null {
  const d = parseDecimal(amount);
  if (!d) return null;
  const first = d.frac.charAt(0);
  const digits = first !== '' && first >= '5' ? incrementDigits(d.int) : d.int;
  return { negative: d.negative && digits !== '0', digits };
}

/**
 * "1234567" → "1 234 567 kr"; "1234567.50" → "1 234 568 kr"; "-0.4" → "0 kr".
 * Text that is not a decimal string is returned unchanged, so a bad value is visible rather
 * than hidden.
 */
export function formatMoney(amount: string): string {
  const rounded = roundToWhole(amount);
  if (!rounded) return amount;
  return (rounded.negative ? MINUS : '') + groupThousands(rounded.digits) + NBSP + 'kr';
}

/**
 * A difference in kronor with its sign: "+12 000 kr", "−231 998 kr", and "0 kr" for what
 * rounds to nothing. Rounded as `formatMoney` rounds.
 */
export function formatMoneySigned(amount: string): string {
  const rounded = roundToWhole(amount);
  const text = formatMoney(amount);
  return rounded && !rounded.negative && rounded.digits !== '0' ? '+' + text : text;
}

/**
 * The exact amount, öre included when there are any: "1234567.50" → "1 234 567,50 kr",
 * "1234567" → "1 234 567 kr". For a detail view, where the figure someone typed must be
 * shown as it is stored; tables and sums use `formatMoney`.
 */
export function formatMoneyExact(amount: string): string {
  const d = parseDecimal(amount);
  if (!d) return amount;
  const frac = /^0*$/.test(d.frac) ? '' : ',' + d.frac.padEnd(2, '0');
  return (d.negative ? MINUS : '') + groupThousands(d.int) + frac + NBSP + 'kr';
}

/**
 * A decimal string as a number the Swedish way, the digits as given (no rounding): "258100" →
 * "258 100", "99.6" → "99,6", "-3" → "−3". For measured values; money uses `formatMoney`.
 */
export function formatDecimalText(value: string): string {
  const d = parseDecimal(value);
  if (!d) return value;
  return (d.negative ? MINUS : '') + groupThousands(d.int) + (d.frac ? ',' + d.frac : '');
}

/** "3.5" → "3,5 %". The digits are shown as given (no rounding). */
export function formatPercent(value: string): string {
  return isDecimal(value) ? formatDecimalText(value) + NBSP + '%' : value;
}

/** 1234 → "1 234"; 1234.5 → "1 234,5". For counts and other plain numbers, not money. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const text = String(Math.abs(value));
  if (!/^\d+(\.\d+)?$/.test(text)) {
    // Exponent notation (very large or very small numbers): let Intl handle it.
    return new Intl.NumberFormat('sv-SE').format(value);
  }
  const [int = '0', frac] = text.split('.');
  const sign = value < 0 ? MINUS : '';
  return sign + groupThousands(int) + (frac ? ',' + frac : '');
}

const STOCKHOLM = 'Europe/Stockholm';

function stockholmParts(iso: string, withTime: boolean): Record<string, string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const options: Intl.DateTimeFormatOptions = {
    timeZone: STOCKHOLM,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  };
  const parts: Record<string, string> = {};
  for (const part of new Intl.DateTimeFormat('sv-SE', options).formatToParts(date)) {
    parts[part.type] = part.value;
  }
  return parts;
}

/** "2026-11-25T10:00:00Z" → "2026-11-25" (the date in Stockholm). */
export function formatDate(iso: string): string {
  const p = stockholmParts(iso, false);
  if (!p) return iso;
  return `${p.year}-${p.month}-${p.day}`;
}

/** "2026-11-25T10:00:00Z" → "11:00" (Stockholm time), e.g. for "Sparat 11:00". */
export function formatTime(iso: string): string {
  const p = stockholmParts(iso, true);
  if (!p) return iso;
  return `${p.hour}:${p.minute}`;
}

/** "2026-11-25T10:00:00Z" → "2026-11-25 11:00" (Stockholm time). */
export function formatDateTime(iso: string): string {
  const p = stockholmParts(iso, true);
  if (!p) return iso;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

const MONEY_INPUT = /^([+-])?(\d{1,3}(?: \d{3})+|\d+)?(?:[.,](\d{1,2}))?$/;

/**
 * Reads an amount typed the Swedish way and returns the API's decimal string, or null when
 * the text is not an amount.
 *
 * Accepted: "1 234 567", "1234567", "1234567,50", "1234567.50", "1 234 567,50 kr", "−5".
 * Spaces (also no-break and thin spaces) may only group thousands; at most two decimals
 * (öre). Rejected: "", "abc", "1.234" (three decimals: a thousands dot is ambiguous),
 * "1.234.567", "12 34", "1e6".
 */
export function parseMoneyInput(input: string): string | null {
  const text = input
    .replace(/[\u00a0\u202f\u2009\u2007\t]/g, ' ')
    .trim()
    .replace(/\s*(kr\.?|sek|:-)$/i, '')
    .replace(/\u2212/g, '-')
    .replace(/^([+-])\s+/, '$1')
    .replace(/ {2,}/g, ' ');
  const match = MONEY_INPUT.exec(text);
  if (!match) return null;
  const [, sign, intText, frac] = match;
  if (intText === undefined && frac === undefined) return null;
  const int = (intText ?? '0').replace(/ /g, '').replace(/^0+(?=\d)/, '');
  const isZero = /^0+$/.test(int) && /^0*$/.test(frac ?? '');
  const negative = sign === '-' && !isZero;
  return (negative ? '-' : '') + int + (frac !== undefined ? '.' + frac : '');
}

/**
 * A stored amount as a person would type it back into a field: "1200000.00" → "1200000",
 * "1234567.50" → "1234567,50", "" → "". No thousands spaces, so editing the digits never
 * breaks the grouping `parseMoneyInput` expects.
 */
export function formatMoneyInput(amount: string): string {
  const d = parseDecimal(amount);
  if (!d) return amount;
  const frac = /^0*$/.test(d.frac) ? '' : ',' + d.frac.padEnd(2, '0');
  return (d.negative ? '-' : '') + d.int + frac;
}

/** A stored percentage as typed: "62.5" → "62,5"; "100" → "100". */
export function formatPercentInput(value: string): string {
  const d = parseDecimal(value);
  if (!d) return value;
  const frac = d.frac.replace(/0+$/, '');
  return (d.negative ? '-' : '') + d.int + (frac ? ',' + frac : '');
}

const PERCENT_INPUT = /^(\d{1,3})(?:[.,](\d{1,2}))?$/;

/**
 * Reads a share typed the Swedish way ("62,5", "62.5", "100", "40 %") and returns the API's
 * decimal string ("62.5"), or null unless it is 0–100 with at most two decimals.
 */
export function parsePercentInput(input: string): string | null {
  const text = input.replace(/[\u00a0\u202f\u2009]/g, ' ').trim().replace(/\s*%$/, '');
  const match = PERCENT_INPUT.exec(text);
  if (!match) return null;
  const int = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = match[2];
  const value = int + (frac !== undefined ? '.' + frac : '');
  if (Number(int) > 100 || (Number(int) === 100 && frac !== undefined && !/^0+$/.test(frac))) {
    return null;
  }
  return value;
}

const KIB = 1024;
const FILE_UNITS = ['kB', 'MB', 'GB'] as const;

/**
 * A file's size the Swedish way, in powers of 1024 as file managers show it: 512 → "512 byte",
 * 1536 → "1,5 kB", 1 258 291 → "1,2 MB", 10 485 760 → "10 MB". One decimal (rounded half
 * up), left out when it is 0; a no-break space before the unit.
 */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return String(bytes);
  if (bytes < KIB) return `${formatNumber(Math.round(bytes))}${NBSP}byte`;
  let value = bytes / KIB;
  let unit = 0;
  // Move up while the rounded value would read 1024 or more of this unit.
  while (unit < FILE_UNITS.length - 1 && Math.round(value * 10) / 10 >= KIB) {
    value /= KIB;
    unit += 1;
  }
  const tenths = Math.round(value * 10);
  const whole = Math.floor(tenths / 10);
  const decimal = tenths % 10;
  return `${formatNumber(whole)}${decimal === 0 ? '' : `,${decimal}`}${NBSP}${FILE_UNITS[unit]}`;
}

/**
 * A decimal string rounded to `places` decimals, half away from zero, on the digits (never a
 * float), written the Swedish way: ("2.4537", 2) → "2,45"; ("0.96618357", 4) → "0,9662";
 * ("-0.004", 2) → "0,00"; ("1", 4) → "1,0000". For ratios and discount factors; money uses
 * `formatMoney`. Text that is not a decimal string is returned unchanged.
 */
export function formatDecimal(value: string, places: number): string {
  const d = parseDecimal(value);
  if (!d) return value;
  const frac = d.frac.padEnd(places + 1, '0');
  let digits = d.int + frac.slice(0, places);
  if (frac.charAt(places) >= '5') digits = incrementDigits(digits);
  const int = digits.slice(0, digits.length - places) || '0';
  const kept = digits.slice(digits.length - places);
  const zero = /^0*$/.test(digits);
  return (d.negative && !zero ? MINUS : '') + groupThousands(int) + (places > 0 ? ',' + kept : '');
}

/** A computed percentage rounded for display: ("54.16666", 1) → "54,2 %". */
export function formatPercentRounded(value: string, places: number): string {
  const text = formatDecimal(value, places);
  return text === value ? value : text + NBSP + '%';
}
