import { describe, expect, it } from 'vitest';
import type { IndicatorDto } from '../generated/IndicatorDto';
import type { MeasurementDto } from '../generated/MeasurementDto';
import {
  INDICATOR_CHART,
  directionText,
  indicatorArgs,
  indicatorChartLabel,
  indicatorForm,
  indicatorPlot,
  latestText,
  measurementArgs,
  measurementForm,
  meetsText,
  methodText,
  perspectiveName,
  targetStatusText,
  targetText,
  trendCounts,
  trendText,
  valueText,
} from './indicators';

// '_' is the no-break space, as format.ts writes it.
const sv = (text: string) => text.replace(/_/g, '\u00a0');

const m = (measured_on: string, value: string, meets_target: boolean | null = false): MeasurementDto => ({
  measured_on,
  value,
  note: '',
  meets_target,
});

const availability = (change: Partial<IndicatorDto> = {}): IndicatorDto => ({
  id: 'i1',
  name: 'Tillgänglighet för e-tjänsterna',
  perspective: 'it_quality',
  unit: '%',
  method: 'objective',
  direction: 'higher',
  target: '99.5',
  measurements: [m('2017-06-28', '99.2'), m('2017-09-28', '99.4'), m('2017-12-28', '99.6', true)],
  trend: 'improving',
  trend_sv: 'förbättras',
  ...change,
});

describe('an indicator in words', () => {
  it('shows the latest value in its unit with its date, and the target', () => {
    expect(latestText(availability())).toBe(sv('99,6_% (2017-12-28)'));
    expect(targetText(availability())).toBe(sv('99,5_%'));
    expect(valueText('258100', 'kr per år')).toBe(sv('258_100_kr per år'));
    expect(latestText(availability({ measurements: [] }))).toBe('Inte mätt ännu');
  });

  it('says whether the latest value meets the target', () => {
    expect(targetStatusText(availability())).toBe('Målet nås');
    expect(targetStatusText(availability({ measurements: [m('2017-12-28', '99.1')] }))).toBe('Målet nås inte');
    expect(targetStatusText(availability({ target: null }))).toBe('Inget mål');
    expect(targetStatusText(availability({ measurements: [] }))).toBe('Inte mätt ännu');
    expect(targetText(availability({ target: null }))).toBe('Inget mål');
    expect([meetsText(true), meetsText(false), meetsText(null)]).toEqual(['Ja', 'Nej', 'Inget mål']);
  });

  it('names the trend, the perspective, the method and the direction; unknown codes in the core’s words', () => {
    expect(trendText(availability())).toBe('förbättras');
    expect(trendText(availability({ trend: 'too_few', trend_sv: 'x' }))).toBe('för få mätningar');
    expect(trendText(availability({ trend: 'sideways', trend_sv: 'i sidled' }))).toBe('i sidled');
    expect(perspectiveName({ perspective: 'it_maturity', name_sv: '' })).toBe('It-mognad');
    expect(perspectiveName({ perspective: 'other', name_sv: 'Annat' })).toBe('Annat');
    expect([methodText('survey'), methodText('guess')]).toEqual(['Enkät', 'guess']);
    expect(directionText('lower')).toBe('Lägre värde är bättre');
  });

  it('counts a perspective’s indicators per trend', () => {
    const perspective = {
      indicators: [
        availability(),
        availability({ trend: 'worsening' }),
        availability({ trend: 'improving' }),
        availability({ trend: 'too_few' }),
      ],
    };
    expect(trendCounts(perspective)).toEqual({ improving: 2, steady: 0, worsening: 1, too_few: 1 });
    expect(trendCounts({ indicators: [] })).toEqual({ improving: 0, steady: 0, worsening: 0, too_few: 0 });
  });
});

describe('the small line chart', () => {
  const { left, right, top, bottom } = INDICATOR_CHART;

  it('spaces the dates by the time between them and holds the target on the value axis', () => {
    const plot = indicatorPlot(availability({ measurements: [m('2017-01-01', '99.2'), m('2017-01-11', '99.4'), m('2017-01-31', '99.6')] }));
    expect(plot.points.map((p) => p.x)).toEqual([left, left + (right - left) / 3, right]);
    // 99.2 to 99.6 with 10 % room each side; the target 99.5 is inside.
    expect(plot.extent.min).toBeCloseTo(99.16);
    expect(plot.extent.max).toBeCloseTo(99.64);
    const [low, , high] = plot.points.map((p) => p.y);
    expect(low).toBeGreaterThan(high!);
    expect(low!).toBeLessThan(bottom);
    expect(high!).toBeGreaterThan(top);
    expect(plot.targetY).toBeCloseTo(plot.y(99.5));
  });

  it('widens the axis to a target outside the measurements', () => {
    const plot = indicatorPlot(availability({ target: '30', measurements: [m('2017-01-01', '45'), m('2017-02-01', '33')] }));
    expect(plot.extent.min).toBeLessThan(30);
    expect(plot.targetY!).toBeLessThan(bottom);
  });

  it('puts a single measurement in the middle, with room above and below', () => {
    const plot = indicatorPlot(availability({ target: null, measurements: [m('2017-01-01', '3.9')] }));
    expect(plot.points[0]!.x).toBe((left + right) / 2);
    expect(plot.points[0]!.y).toBeCloseTo((top + bottom) / 2);
    expect(plot.targetY).toBeNull();
  });

  it('says the figures in one sentence', () => {
    expect(indicatorChartLabel(availability())).toBe(
      sv('Tillgänglighet för e-tjänsterna: 3 mätningar från 2017-06-28 till 2017-12-28, från 99,2_% till 99,6_%. Mål: 99,5_%. Trend: förbättras.'),
    );
    expect(indicatorChartLabel(availability({ measurements: [] }))).toBe('Tillgänglighet för e-tjänsterna: inga mätningar ännu.');
  });
});

describe('the projektkontor’s forms', () => {
  it('defines an indicator with its target as typed, and a blank target as none', () => {
    const form = indicatorForm();
    Object.assign(form, { name: ' Svarstid i kundtjänst ', perspective: 'external_benefit', unit: ' minuter ', method: 'objective', direction: 'lower' });
    expect(indicatorArgs(form)).toEqual({
      name: 'Svarstid i kundtjänst',
      perspective: 'external_benefit',
      unit: 'minuter',
      method: 'objective',
      direction: 'lower',
      target: null,
    });
    form.target = ' 4,5 ';
    expect(indicatorArgs(form).target).toBe('4,5');
  });

  it('records a measurement taken today unless another day is typed, the value as typed', () => {
    const form = measurementForm('2026-05-24', 'i1');
    form.value = ' 99,7 ';
    form.note = 'Driftstatistik';
    expect(measurementArgs(form)).toEqual({ indicator_id: 'i1', measured_on: '2026-05-24', value: '99,7', note: 'Driftstatistik' });
    expect(measurementForm('2026-05-24').indicatorId).toBe('');
  });
});
