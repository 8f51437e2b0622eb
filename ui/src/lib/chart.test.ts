import { describe, expect, it } from 'vitest';
import { extentWithZero, linearScale, niceStep, plotValue, tickText, ticks } from './chart';

describe('chart scaling', () => {
  it('always includes zero', () => {
    expect(extentWithZero([5, 10])).toEqual({ min: 0, max: 10 });
    expect(extentWithZero([-1050000, 1842663])).toEqual({ min: -1050000, max: 1842663 });
    expect(extentWithZero([-3, -1])).toEqual({ min: -3, max: 0 });
    expect(extentWithZero([])).toEqual({ min: 0, max: 1 });
  });
  it('maps linearly, also onto a flipped range', () => {
    const y = linearScale({ min: -100, max: 100 }, 200, 0);
    expect(y(-100)).toBe(200);
    expect(y(0)).toBe(100);
    expect(y(100)).toBe(0);
  });
  it('chooses nice steps and ticks through zero', () => {
    expect(niceStep({ min: 0, max: 1000 }, 4)).toBe(500);
    expect(niceStep({ min: -1050000, max: 1842663 }, 4)).toBe(1000000);
    expect(ticks({ min: -1050000, max: 1842663 }, 4)).toEqual([-1000000, 0, 1000000]);
    expect(ticks({ min: 0, max: 1 }, 4)).toContain(0);
  });
  it('reads decimal strings for drawing only', () => {
    expect(plotValue('-2940000')).toBe(-2940000);
    expect(plotValue('x')).toBe(0);
    expect(tickText(1000000)).toBe('1000000');
    expect(tickText(-0.2)).toBe('0');
  });
});
