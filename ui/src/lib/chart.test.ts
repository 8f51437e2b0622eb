import { describe, expect, it } from 'vitest';
import { extentWithZero, linePath, linearScale, niceStep, plotValue, rowChart, shortLabel, tickText, ticks } from './chart';

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
  it('shortens a label to fit its column, with an ellipsis', () => {
    expect(shortLabel('Kort titel', 10)).toBe('Kort titel');
    expect(shortLabel('En alldeles för lång titel', 10)).toBe('En alldel…');
    expect(shortLabel('En alldeles för lång titel', 10)).toHaveLength(10);
  });
  it('lays out a chart of one row per item with the axis under the rows', () => {
    expect(rowChart(3, 200)).toEqual({ width: 640, height: 8 + 3 * 28 + 24, row: 28, top: 8, bottom: 92, left: 200, right: 620 });
    expect(rowChart(0, 220)).toMatchObject({ height: 32, top: 8, bottom: 8, left: 220 });
  });
  it('draws a line through the points and breaks it where a point has no value', () => {
    expect(linePath([])).toBe('');
    expect(linePath([{ x: 0, y: 10 }, { x: 5, y: 8 }, { x: 10, y: 2 }])).toBe('M 0 10 L 5 8 L 10 2');
    expect(linePath([{ x: 0, y: null }, { x: 5, y: 8 }, { x: 10, y: null }, { x: 15, y: 1 }, { x: 20, y: 0 }])).toBe(
      'M 5 8 M 15 1 L 20 0',
    );
  });
});
