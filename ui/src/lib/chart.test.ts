import { describe, expect, it } from 'vitest';
import { dayNumber, extentWithZero, linePath, linearScale, niceStep, paddedExtent, plotValue, rowChart, shortLabel, tickDecimal, tickText, ticks } from './chart';

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

describe('axes that need not start at zero', () => {
  it('pads the values’ extent so no point sits on the edge', () => {
    expect(paddedExtent([98, 100])).toEqual({ min: 97.8, max: 100.2 });
    expect(paddedExtent([5, 1, 3], 0.25)).toEqual({ min: 0, max: 6 });
  });
  it('gives a single value or a flat line room of its own, and nothing a unit extent', () => {
    expect(paddedExtent([40, 40])).toEqual({ min: 36, max: 44 });
    expect(paddedExtent([0])).toEqual({ min: -1, max: 1 });
    expect(paddedExtent([])).toEqual({ min: 0, max: 1 });
  });
  it('places dates by the days between them', () => {
    expect(dayNumber('2017-01-11') - dayNumber('2017-01-01')).toBe(10);
    expect(dayNumber('2017-03-01') - dayNumber('2016-03-01')).toBe(365);
    expect(dayNumber('28/12/2017')).toBeNaN();
  });
  it('labels a tick with as many decimals as its step', () => {
    expect(tickDecimal(0.1 + 0.2, 0.1)).toBe('0.3');
    expect(tickDecimal(99.60000000001, 0.2)).toBe('99.6');
    expect(tickDecimal(3.05, 0.05)).toBe('3.05');
    expect(tickDecimal(250000, 50000)).toBe('250000');
    expect(tickDecimal(-0.00001, 0.5)).toBe('0.0');
  });
  it('makes rows taller where a row holds two bars', () => {
    const chart = rowChart(3, 200, 44);
    expect(chart.row).toBe(44);
    expect(chart.bottom - chart.top).toBe(132);
    expect(rowChart(3, 200).row).toBe(28);
  });
});
