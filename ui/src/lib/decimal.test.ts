import { describe, expect, it } from 'vitest';
import { compareDecimal, isDecimal, parseDecimal, sumDecimals } from './decimal';

describe('parseDecimal', () => {
  it('splits sign, whole and fraction digits', () => {
    expect(parseDecimal('-0012.340')).toEqual({ negative: true, int: '12', frac: '340' });
    expect(parseDecimal('0.00')).toEqual({ negative: false, int: '0', frac: '00' });
    expect(parseDecimal('-0.0')).toEqual({ negative: false, int: '0', frac: '0' });
  });

  it('rejects what is not the API form', () => {
    for (const text of ['', '1,5', '1e3', '.5', '5.', '1 000', 'NaN']) {
      expect(isDecimal(text), text).toBe(false);
    }
  });
});

describe('compareDecimal', () => {
  it('orders exactly', () => {
    expect(compareDecimal('10', '9.99')).toBe(1);
    expect(compareDecimal('1.10', '1.1')).toBe(0);
    expect(compareDecimal('-5', '3')).toBe(-1);
    expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
  });
});

describe('sumDecimals', () => {
  it('adds without float error', () => {
    expect(sumDecimals(['0.1', '0.2'])).toBe('0.3');
    expect(sumDecimals(['1000000', '2500000.50', '0.25'])).toBe('3500000.75');
    expect(sumDecimals(['-1.5', '1'])).toBe('-0.5');
    expect(sumDecimals([])).toBe('0');
    expect(sumDecimals(['9007199254740993', '1'])).toBe('9007199254740994');
  });
});

describe('normalizeDecimal', () => {
  it('drops trailing zeros', async () => {
    const { normalizeDecimal } = await import('./decimal');
    expect(normalizeDecimal('100.00')).toBe('100');
    expect(normalizeDecimal('62.50')).toBe('62.5');
    expect(normalizeDecimal('-0.0')).toBe('0');
    expect(normalizeDecimal('007.10')).toBe('7.1');
  });
});

describe('subtractDecimals, multiplyDecimals and percentOf', () => {
  it('subtracts and multiplies exactly', async () => {
    const { multiplyDecimals, subtractDecimals } = await import('./decimal');
    expect(subtractDecimals('1314652.5', '1546650')).toBe('-231997.5');
    expect(subtractDecimals('0.3', '0.1')).toBe('0.2');
    expect(multiplyDecimals('1.5', '0.25')).toBe('0.375');
    expect(multiplyDecimals('-251250', '110')).toBe('-27637500');
  });

  it('gives a share in percent rounded half away from zero, none of nothing', async () => {
    const { percentOf } = await import('./decimal');
    expect(percentOf('3992561.5', '4284550', 4)).toBe('93.1851');
    expect(percentOf('1', '3', 1)).toBe('33.3');
    expect(percentOf('2', '3', 0)).toBe('67');
    expect(percentOf('1', '8', 1)).toBe('12.5');
    expect(percentOf('1', '16', 1)).toBe('6.3');
    expect(percentOf('-1', '16', 1)).toBe('-6.3');
    expect(percentOf('5', '0', 1)).toBeNull();
    expect(percentOf('5', '-2', 1)).toBeNull();
  });
});
