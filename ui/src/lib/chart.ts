/**
 * Scaling helpers for the valuation charts (inline SVG). Amounts arrive as exact decimal
 * strings; here they become numbers only to place a bar or a point on the screen, never to
 * show or add a figure (the labels always come from format.ts on the original string).
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

/** A whole number of kronor as a decimal string, for labelling a tick with formatMoney. */
export function tickText(value: number): string {
  return Math.round(value).toFixed(0);
}
