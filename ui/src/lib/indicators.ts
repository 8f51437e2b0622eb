/**
 * De fem perspektiven in the UI: each indicator's latest value in its unit, its target and
 * whether it is met, its trend in words, the counts per trend for Översikt, the small line
 * chart's points and its text alternative, and the projektkontor's two forms (a new
 * indicator, a measurement) as `indicator.define` and `indicator.measure` take them. Values
 * stay decimal strings; numbers only place points on the screen (chart.ts). Whether a value
 * meets its target and which way the trend goes are the core's answers, shown in words.
 */

import type { IndicatorDto } from '../generated/IndicatorDto';
import type { IndicatorInputDto } from '../generated/IndicatorInputDto';
import type { MeasurementDto } from '../generated/MeasurementDto';
import type { MeasurementInputDto } from '../generated/MeasurementInputDto';
import type { PerspectiveDto } from '../generated/PerspectiveDto';
import { dayNumber, linearScale, paddedExtent, plotValue, type Extent } from './chart';
import { formatDecimalText, formatNumber } from './format';
import { t } from './i18n';

/** The five perspectives, in the order the programme lists them. */
export const PERSPECTIVES = ['external_benefit', 'internal_benefit', 'it_maturity', 'it_cost', 'it_quality'] as const;
export type Perspective = (typeof PERSPECTIVES)[number];

/** The trends the core reports, the better first. */
export const TRENDS = ['improving', 'steady', 'worsening', 'too_few'] as const;
export type Trend = (typeof TRENDS)[number];

export const METHODS = ['objective', 'survey'] as const;
export type Method = (typeof METHODS)[number];

export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The entry of `list` equal to `code`, or undefined: narrows a plain string from the API. */
function known<T extends string>(list: readonly T[], code: string): T | undefined {
  return list.find((item) => item === code);
}

/** "Extern nytta"; a perspective the UI does not know, in the core's words. */
export function perspectiveName(perspective: Pick<PerspectiveDto, 'perspective' | 'name_sv'>): string {
  const code = known(PERSPECTIVES, perspective.perspective);
  return code ? perspectiveLabel(code) : perspective.name_sv;
}

export const perspectiveLabel = (perspective: Perspective): string => t(`indicator.perspective.${perspective}`);

/** "förbättras", "oförändrat", "försämras", "för få mätningar"; an unknown trend in the core's words. */
export function trendText(indicator: Pick<IndicatorDto, 'trend' | 'trend_sv'>): string {
  const code = known(TRENDS, indicator.trend);
  return code ? trendLabel(code) : indicator.trend_sv;
}

export const trendLabel = (trend: Trend): string => t(`indicator.trend.${trend}`);

/** "Objektiv mätning", "Enkät"; an unknown method as it is. */
export function methodText(method: string): string {
  const code = known(METHODS, method);
  return code ? t(`indicator.method.${code}`) : method;
}

/** "Högre är bättre", "Lägre är bättre"; an unknown direction as it is. */
export function directionText(direction: string): string {
  const code = known(DIRECTIONS, direction);
  return code ? t(`indicator.direction.${code}`) : direction;
}

/** A value in the indicator's unit: "99,6 %", "258 100 kr per år". */
export function valueText(value: string, unit: string): string {
  return `${formatDecimalText(value)}\u00a0${unit}`;
}

/** The newest measurement (the list is oldest first), or null before the first. */
export function latestMeasurement(indicator: Pick<IndicatorDto, 'measurements'>): MeasurementDto | null {
  return indicator.measurements[indicator.measurements.length - 1] ?? null;
}

/** "99,6 % (2017-12-28)", or that nothing is measured yet. */
export function latestText(indicator: IndicatorDto): string {
  const latest = latestMeasurement(indicator);
  return latest
    ? t('indicator.latest', { value: valueText(latest.value, indicator.unit), date: latest.measured_on })
    : t('indicator.not_measured');
}

/** The target in the unit ("99,5 %"), or "Inget mål". */
export function targetText(indicator: Pick<IndicatorDto, 'target' | 'unit'>): string {
  return indicator.target === null ? t('indicator.target.none') : valueText(indicator.target, indicator.unit);
}

/** Whether the latest measurement meets the target, in words; "Inget mål" without one. */
export function targetStatusText(indicator: IndicatorDto): string {
  if (indicator.target === null) return t('indicator.target.none');
  const meets = latestMeasurement(indicator)?.meets_target ?? null;
  if (meets === null) return t('indicator.not_measured');
  return meets ? t('indicator.target.met') : t('indicator.target.not_met');
}

/** A measurement against the target in words, for the table of measurements: "Ja", "Nej", "Inget mål". */
export function meetsText(meets: boolean | null): string {
  if (meets === null) return t('indicator.target.none');
  return meets ? t('indicator.meets.yes') : t('indicator.meets.no');
}

/** How many of a perspective's indicators have each trend. */
export function trendCounts(perspective: Pick<PerspectiveDto, 'indicators'>): Record<Trend, number> {
  const counts: Record<Trend, number> = { improving: 0, steady: 0, worsening: 0, too_few: 0 };
  for (const indicator of perspective.indicators) counts[known(TRENDS, indicator.trend) ?? 'too_few'] += 1;
  return counts;
}

// ---- The small line chart ------------------------------------------------------------------

export interface IndicatorChartLayout {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Small enough for one indicator among many, with room on the left for the value ticks and on
 * the right for the target line's name.
 */
export const INDICATOR_CHART: IndicatorChartLayout = { width: 360, height: 150, left: 64, right: 320, top: 12, bottom: 124 };

export interface IndicatorPlot {
  /** The value axis: the measurements and the target, with room around them. */
  extent: Extent;
  /** The measurements as points, oldest first. */
  points: { x: number; y: number; measurement: MeasurementDto }[];
  /** Where the target's line goes, or null without a target. */
  targetY: number | null;
  /** The value scale, for ticks. */
  y: (value: number) => number;
}

/**
 * Where the measurements go in the chart: dates along the x axis in proportion to the time
 * between them (one measurement in the middle), values on a padded axis that also holds
 * the target.
 */
export function indicatorPlot(indicator: Pick<IndicatorDto, 'measurements' | 'target'>, layout = INDICATOR_CHART): IndicatorPlot {
  const values = indicator.measurements.map((m) => plotValue(m.value));
  const extent = paddedExtent(indicator.target === null ? values : [...values, plotValue(indicator.target)]);
  const y = linearScale(extent, layout.bottom, layout.top);
  const days = indicator.measurements.map((m) => dayNumber(m.measured_on));
  const first = Math.min(...days);
  const last = Math.max(...days);
  const x =
    last > first
      ? linearScale({ min: first, max: last }, layout.left, layout.right)
      : () => (layout.left + layout.right) / 2;
  return {
    extent,
    points: indicator.measurements.map((measurement, i) => ({ x: x(days[i] ?? first), y: y(values[i] ?? 0), measurement })),
    targetY: indicator.target === null ? null : y(plotValue(indicator.target)),
    y,
  };
}

/** The chart's text alternative in one sentence: the span measured, first and latest value, target, trend. */
export function indicatorChartLabel(indicator: IndicatorDto): string {
  const first = indicator.measurements[0];
  const latest = latestMeasurement(indicator);
  if (!first || !latest) return t('indicator.chart.empty', { name: indicator.name });
  return t('indicator.chart.label', {
    name: indicator.name,
    count: formatNumber(indicator.measurements.length),
    from: first.measured_on,
    to: latest.measured_on,
    first: valueText(first.value, indicator.unit),
    latest: valueText(latest.value, indicator.unit),
    target: targetText(indicator),
    trend: trendText(indicator),
  });
}

// ---- The projektkontor's forms -------------------------------------------------------------

export interface IndicatorForm {
  name: string;
  /** A perspective's code; '' until one is chosen (the core asks for it). */
  perspective: string;
  unit: string;
  /** `objective` or `survey`; '' until chosen. */
  method: string;
  /** `higher` or `lower`; '' until chosen. */
  direction: string;
  /** As typed ("99,5"); blank for none. */
  target: string;
}

export function indicatorForm(): IndicatorForm {
  return { name: '', perspective: '', unit: '', method: '', direction: '', target: '' };
}

/** The form as `indicator.define` takes it: the target as typed, a blank one none. */
export function indicatorArgs(form: IndicatorForm): IndicatorInputDto {
  const target = form.target.trim();
  return {
    name: form.name.trim(),
    perspective: form.perspective,
    unit: form.unit.trim(),
    method: form.method,
    direction: form.direction,
    target: target === '' ? null : target,
  };
}

export interface MeasurementForm {
  indicatorId: string;
  /** ÅÅÅÅ-MM-DD as typed. */
  measuredOn: string;
  /** As typed ("99,5"). */
  value: string;
  note: string;
}

/** A measurement of `indicatorId` (none chosen yet: '') taken `today`. */
export function measurementForm(today: string, indicatorId = ''): MeasurementForm {
  return { indicatorId, measuredOn: today, value: '', note: '' };
}

/** The form as `indicator.measure` takes it; the core reads the value in the indicator's unit. */
export function measurementArgs(form: MeasurementForm): MeasurementInputDto {
  return { indicator_id: form.indicatorId, measured_on: form.measuredOn.trim(), value: form.value.trim(), note: form.note };
}
