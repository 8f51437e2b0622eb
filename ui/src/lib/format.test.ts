import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDecimal,
  formatDecimalText,
  formatPercentRounded,
  formatDateTime,
  formatFileSize,
  formatMoney,
  formatMoneyExact,
  formatMoneySigned,
  formatNumber,
  formatPercent,
  parseMoneyInput,
} from './format';

const NBSP = '\u00a0';
const MINUS = '\u2212';
// Writes a readable expectation: spaces become no-break spaces, '-' the minus sign.
const sv = (text: string) => text.replace(/ /g, NBSP).replace(/-/g, MINUS);

describe('formatMoney', () => {
  it.each([
    ['1234567', '1 234 567 kr'],
    ['0', '0 kr'],
    ['999', '999 kr'],
    ['1000', '1 000 kr'],
    ['100000000', '100 000 000 kr'],
    ['1234567.50', '1 234 568 kr'],
    ['1234567.49', '1 234 567 kr'],
    ['1234567.4999999999', '1 234 567 kr'],
    ['999.5', '1 000 kr'],
    ['999999.5', '1 000 000 kr'],
    ['0.5', '1 kr'],
    ['-0.4', '0 kr'],
    ['-0.5', '-1 kr'],
    ['-1234.5', '-1 235 kr'],
    ['-1234.49', '-1 234 kr'],
    ['-0', '0 kr'],
    ['007', '7 kr'],
    ['+12', '12 kr'],
  ])('%s → %s', (input, expected) => {
    expect(formatMoney(input)).toBe(sv(expected));
  });

  it('keeps more digits than a float can hold', () => {
    expect(formatMoney('12345678901234567890.5')).toBe(sv('12 345 678 901 234 567 891 kr'));
  });

  it('returns text that is not a decimal unchanged', () => {
    expect(formatMoney('abc')).toBe('abc');
    expect(formatMoney('1e6')).toBe('1e6');
    expect(formatMoney('')).toBe('');
  });
});

describe('formatMoneyExact', () => {
  it.each([
    ['1234567.50', '1 234 567,50 kr'],
    ['1234567.5', '1 234 567,50 kr'],
    ['1234567', '1 234 567 kr'],
    ['1234567.00', '1 234 567 kr'],
    ['0.05', '0,05 kr'],
    ['-1234.5', '-1 234,50 kr'],
    ['-0.00', '0 kr'],
  ])('%s → %s', (input, expected) => {
    expect(formatMoneyExact(input)).toBe(sv(expected));
  });

  it('returns nonsense unchanged', () => {
    expect(formatMoneyExact('x')).toBe('x');
  });
});

describe('formatMoneySigned', () => {
  it.each([
    ['12000', '+12 000 kr'],
    ['-231997.5', '-231 998 kr'],
    ['0.4', '0 kr'],
    ['-0.4', '0 kr'],
  ])('%s → %s', (input, expected) => {
    expect(formatMoneySigned(input)).toBe(sv(expected));
  });
});

describe('formatDecimalText', () => {
  it.each([
    ['258100', '258 100'],
    ['99.6', '99,6'],
    ['99.60', '99,60'],
    ['-3', '-3'],
    ['0', '0'],
  ])('%s → %s', (input, expected) => {
    expect(formatDecimalText(input)).toBe(sv(expected));
  });
  it('leaves text that is not a decimal as it is', () => {
    expect(formatDecimalText('x')).toBe('x');
  });
});

describe('formatPercent', () => {
  it.each([
    ['3.5', '3,5 %'],
    ['0', '0 %'],
    ['100', '100 %'],
    ['12.25', '12,25 %'],
    ['-2.5', '-2,5 %'],
    ['1500', '1 500 %'],
  ])('%s → %s', (input, expected) => {
    expect(formatPercent(input)).toBe(sv(expected));
  });

  it('returns nonsense unchanged', () => {
    expect(formatPercent('x')).toBe('x');
  });
});

describe('formatNumber', () => {
  it.each([
    [1234, '1 234'],
    [0, '0'],
    [7, '7'],
    [1234567, '1 234 567'],
    [-1234, '-1 234'],
    [1234.5, '1 234,5'],
  ])('%s → %s', (input, expected) => {
    expect(formatNumber(input)).toBe(sv(expected));
  });

  it('passes non-finite numbers through', () => {
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
});

describe('formatDate', () => {
  it('shows the calendar date', () => {
    expect(formatDate('2026-11-25T10:00:00Z')).toBe('2026-11-25');
  });

  it('uses the date in Stockholm, in winter and summer time', () => {
    expect(formatDate('2026-11-25T23:30:00Z')).toBe('2026-11-26');
    expect(formatDate('2026-06-30T22:30:00Z')).toBe('2026-07-01');
    expect(formatDate('2026-06-30T21:30:00Z')).toBe('2026-06-30');
  });

  it('returns what it cannot read unchanged', () => {
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('shows date and time in Stockholm', () => {
    expect(formatDateTime('2026-11-25T10:00:00Z')).toBe('2026-11-25 11:00');
    expect(formatDateTime('2026-06-01T00:05:00Z')).toBe('2026-06-01 02:05');
  });
});

describe('parseMoneyInput', () => {
  it.each([
    ['1 234 567,50', '1234567.50'],
    ['1 234 567', '1234567'],
    ['1234567', '1234567'],
    ['1234567,50', '1234567.50'],
    ['1234567.50', '1234567.50'],
    ['1234567,5', '1234567.5'],
    [`1${NBSP}234${NBSP}567,50`, '1234567.50'],
    ['1\u202f234', '1234'],
    ['  500 kr ', '500'],
    ['500kr', '500'],
    ['1 500:-', '1500'],
    ['0', '0'],
    ['0,5', '0.5'],
    [',5', '0.5'],
    ['007', '7'],
    ['-5', '-5'],
    [`${MINUS}5`, '-5'],
    ['- 5', '-5'],
    ['-0', '0'],
    ['-0,00', '0.00'],
    ['+5', '5'],
    ['12345678901234567890,12', '12345678901234567890.12'],
  ])('%j → %s', (input, expected) => {
    expect(parseMoneyInput(input)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['abc'],
    ['kr'],
    ['-'],
    ['5,'],
    ['1,2,3'],
    ['1.234'],
    ['1,505'],
    ['1.234.567'],
    ['1 234.567'],
    ['12 34'],
    ['1234 567'],
    ['1e6'],
    ['Infinity'],
    ['NaN'],
    ['0x10'],
    ['5 5 5'],
    ['--5'],
    ['5-'],
  ])('%j is not an amount', (input) => {
    expect(parseMoneyInput(input)).toBeNull();
  });
});

describe('money and percent inputs', () => {
  it('writes a stored amount back as typed', async () => {
    const { formatMoneyInput } = await import('./format');
    expect(formatMoneyInput('1200000.00')).toBe('1200000');
    expect(formatMoneyInput('1234567.50')).toBe('1234567,50');
    expect(formatMoneyInput('0.5')).toBe('0,50');
    expect(formatMoneyInput('')).toBe('');
  });

  it('reads a share in percent', async () => {
    const { parsePercentInput, formatPercentInput } = await import('./format');
    expect(parsePercentInput('62,5')).toBe('62.5');
    expect(parsePercentInput('62.50')).toBe('62.50');
    expect(parsePercentInput(' 40 % ')).toBe('40');
    expect(parsePercentInput('100')).toBe('100');
    expect(parsePercentInput('100,00')).toBe('100.00');
    expect(parsePercentInput('0')).toBe('0');
    expect(parsePercentInput('007')).toBe('7');
    for (const bad of ['', '100,01', '101', '-5', '1,234', 'hälften', '50%%']) {
      expect(parsePercentInput(bad), bad).toBeNull();
    }
    expect(formatPercentInput('62.50')).toBe('62,5');
    expect(formatPercentInput('100')).toBe('100');
  });

  it('shows a time of day in Stockholm', async () => {
    const { formatTime } = await import('./format');
    expect(formatTime('2026-11-25T10:15:00Z')).toBe('11:15');
    expect(formatTime('2026-07-01T10:15:00Z')).toBe('12:15');
  });
});

describe('formatFileSize', () => {
  it.each([
    [0, '0 byte'],
    [512, '512 byte'],
    [1023, '1 023 byte'],
    [1024, '1 kB'],
    [1536, '1,5 kB'],
    [48 * 1024 + 100, '48,1 kB'],
    [1_258_291, '1,2 MB'],
    [1024 * 1024 - 1, '1 MB'],
    [10 * 1024 * 1024, '10 MB'],
    [50 * 1024 * 1024, '50 MB'],
    [3 * 1024 * 1024 * 1024, '3 GB'],
  ])('%i bytes → %s', (bytes, text) => {
    expect(formatFileSize(bytes)).toBe(text.replace(/ /g, NBSP));
  });
});

describe('formatDecimal', () => {
  it('rounds on the digits, half away from zero', () => {
    expect(formatDecimal('2.4537', 2)).toBe('2,45');
    expect(formatDecimal('2.455', 2)).toBe('2,46');
    expect(formatDecimal('0.9661835748792270531400966184', 4)).toBe('0,9662');
    expect(formatDecimal('1', 4)).toBe('1,0000');
    expect(formatDecimal('-1.005', 2)).toBe('\u22121,01');
    expect(formatDecimal('-0.004', 2)).toBe('0,00');
    expect(formatDecimal('9.999', 2)).toBe('10,00');
    expect(formatDecimal('1234.5', 0)).toBe('1\u00a0235');
    expect(formatDecimal('x', 2)).toBe('x');
  });
});

describe('formatPercentRounded', () => {
  it('rounds and adds the unit', () => {
    expect(formatPercentRounded('54.16666', 1)).toBe('54,2\u00a0%');
    expect(formatPercentRounded('110', 1)).toBe('110,0\u00a0%');
    expect(formatPercentRounded('x', 1)).toBe('x');
  });
});
