/**
 * Scaling and layout helpers for the valuation and review charts (inline SVG). Amounts arrive
 * as exact decimal strings; here they become numbers only to place a bar or a point on the
 * screen, never to show or add a figure (the labels always come from format.ts on the
 * original string).
 */

/** A decimal string as a number for drawing; 0 when it is not a decimal. */
export function plotValue(decimal: string): number {
  const n = Number(decimal);
  return Number.isFinite(n) ? n : 0;
}

export interface Extent {
  min: number;
  max: number;
}

/** The smallest extent holding every value and zero (so the zero line is always drawn). */
export function extentWithZero(values: readonly number[]): Extent {
  let min = 0;
  let max = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) max = min + 1;
  return { min, max };
}

/**
 * The extent of the values, widened by `share` of its span on each side so no point sits on
 * the edge; a single value (or none) gets room of its own. For measurements whose zero is far
 * below them (an availability of 99,6 %), where a zero-based axis would flatten every change.
 */
export function paddedExtent(values: readonly number[], share = 0.1): Extent {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return { min: 0, max: 1 };
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const room = max > min ? (max - min) * share : Math.max(Math.abs(max) * share, 1);
  return { min: min - room, max: max + room };
}

/** An ISO date ("2017-12-28") as a day number, for placing dates on an axis; NaN when it is not one. */
export function dayNumber(isoDate: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000 : Number.NaN;
}

/** Maps [domain.min, domain.max] linearly onto [from, to] (to may be less than from, as for SVG y). */
export function linearScale(domain: Extent, from: number, to: number): (value: number) => number {
  const span = domain.max - domain.min;
  return (value) => from + ((value - domain.min) / span) * (to - from);
}

/** A "nice" step (1, 2 or 5 × 10ⁿ) giving about `count` ticks over the extent. */
export function niceStep(extent: Extent, count = 4): number {
  const raw = (extent.max - extent.min) / Math.max(1, count);
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Tick values at multiples of the nice step inside the extent, zero included. */
export function ticks(extent: Extent, count = 4): number[] {
  const step = niceStep(extent, count);
  const out: number[] = [];
  for (let v = Math.ceil(extent.min / step) * step; v <= extent.max + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}

/**
 * A tick's value as a decimal string with as many decimals as its step needs (0.1 + 0.2 drawn
 * as "0.3", not "0.30000000000000004"), for labelling with format.ts.
 */
export function tickDecimal(value: number, step: number): string {
  const places = step > 0 && step < 1 ? Math.min(10, Math.ceil(-Math.log10(step) - 1e-9)) : 0;
  const text = value.toFixed(places);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** The text cut to at most `max` characters, the last an ellipsis, to fit a label column. */
export function shortLabel(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

/**
 * Where things go in a chart of one row per item (the review charts): the item's label in a
 * column on the left, its bar or range to the right of it, and the scale's tick labels under
 * the rows. Row i starts at `top + i * row`.
 */
export interface RowChart {
  /** The viewBox's width and height. */
  width: number;
  height: number;
  /** One row's height. */
  row: number;
  /** Where the first row starts and the last one ends (the grid lines' y1 and y2). */
  top: number;
  bottom: number;
  /** The x range the values are drawn over: from the label column to the right margin. */
  left: number;
  right: number;
}

const ROW_CHART = { width: 640, row: 28, top: 8, axis: 24, margin: 20 };

/**
 * The layout of a row chart of `rows` rows whose label column is `labelWidth` wide; a row is
 * `row` high (taller where a row holds more than one bar).
 */
export function rowChart(rows: number, labelWidth: number, row: number = ROW_CHART.row): RowChart {
  const { width, top, axis, margin } = ROW_CHART;
  const bottom = top + row * rows;
  return { width, height: bottom + axis, row, top, bottom, left: labelWidth, right: width - margin };
}

/** A whole number of kronor as a decimal string, for labelling a tick with formatMoney. */
export function tickText(value: number): string {
  return Math.round(value).toFixed(0);
}

/**
 * An SVG path through points in order, for a line chart. A point without a value (null y)
 * breaks the line, so a gap is drawn as a gap rather than bridged.
 */
export function linePath(points: readonly { x: number; y: number | null }[]): string {
  const parts: string[] = [];
  let drawing = false;
  for (const p of points) {
    if (p.y === null) {
      drawing = false;
      continue;
    }
    parts.push(`${drawing ? 'L' : 'M'} ${p.x} ${p.y}`);
    drawing = true;
  }
  return parts.join(' ');
}
