import { describe, expect, it } from 'vitest';
import type { CostLineDto } from '../generated/CostLineDto';
import type { WorksheetDto } from '../generated/WorksheetDto';
import {
  amountTypeOf,
  costModeOf,
  emptyBenefit,
  emptyCost,
  horizonYears,
  optionalText,
  PARAMETER_FIELDS,
  parametersProbe,
  parseWorksheetFile,
  parseYear,
  rangeOf,
  sectionOfField,
  toWorksheet,
  withAmountType,
  withClass,
  withCostMode,
} from './worksheetForm';

function worksheet(): WorksheetDto {
  return {
    format: 'portfolj.worksheet/1',
    first_year: 2015,
    parameters: {
      horizon_years: 3,
      discount_rate_percent: '3,5',
      monthly_salary: null,
      on_cost_factor: null,
      hours_per_month: null,
      default_delay_years: null,
      optimism_bias: null,
    },
    benefits: [{ ...emptyBenefit(), name: 'Porto', ramp_up_percent: ['50', ' ', '80'] }],
    costs: [
      {
        name: 'Utveckling',
        kind: 'development',
        bearing_unit: 'SLK',
        years: [
          { year: 2015, amount: '500 000' },
          { year: 2016, amount: '' },
        ],
        yearly: null,
      },
    ],
    deviation_reason: '  ',
  };
}

describe('amount types', () => {
  it('switches type and keeps the typed range', () => {
    const sek = { sek: { min: '1', likely: '2', max: '3' } };
    expect(amountTypeOf(sek)).toBe('sek');
    const hours = withAmountType(sek, 'hours');
    expect(hours).toEqual({ hours: { min: '1', likely: '2', max: '3' } });
    const volume = withAmountType(hours, 'volume');
    expect(volume).toEqual({ volume: { count: { min: '1', likely: '2', max: '3' }, unit_value: '' } });
    expect(amountTypeOf(volume)).toBe('volume');
    expect(rangeOf(volume)).toEqual({ min: '1', likely: '2', max: '3' });
    expect(amountTypeOf(null)).toBeNull();
    expect(rangeOf(null)).toBeNull();
  });

  it('gives a qualitative line a score and no amount, and back', () => {
    const q = withClass(emptyBenefit(), 'qualitative');
    expect(q.amount).toBeNull();
    expect(q.score).toBe('some');
    const m = withClass(q, 'time_freed');
    expect(m.score).toBeNull();
    expect(amountTypeOf(m.amount)).toBe('sek');
  });
});

describe('cost modes', () => {
  const years = [2015, 2016, 2017];
  it('per year → every year from keeps the first amount', () => {
    const line: CostLineDto = { ...emptyCost(), years: [{ year: 2016, amount: '60000' }] };
    expect(costModeOf(line)).toBe('years');
    const yearly = withCostMode(line, 'yearly', years);
    expect(yearly.yearly).toEqual({ from_year: 2016, amount: '60000' });
    expect(yearly.years).toEqual([]);
    expect(costModeOf(yearly)).toBe('yearly');
  });
  it('every year from → per year lists the amount to the end', () => {
    const line: CostLineDto = { ...emptyCost(), yearly: { from_year: 2016, amount: '60000' } };
    expect(withCostMode(line, 'years', years).years).toEqual([
      { year: 2016, amount: '60000' },
      { year: 2017, amount: '60000' },
    ]);
  });
  it('an empty line switches to the first year', () => {
    expect(withCostMode(emptyCost(), 'yearly', years).yearly).toEqual({ from_year: 2015, amount: '' });
  });
});

describe('toWorksheet', () => {
  it('drops blank ramp-up entries, blank cost years and empty reasons; keeps Swedish numbers', () => {
    const form = worksheet();
    const dto = toWorksheet(form);
    expect(dto.benefits[0]?.ramp_up_percent).toEqual(['50', '80']);
    expect(dto.costs[0]?.years).toEqual([{ year: 2015, amount: '500 000' }]);
    expect('deviation_reason' in dto).toBe(false);
    expect(dto.parameters.discount_rate_percent).toBe('3,5');
    // The form itself is untouched.
    expect(form.benefits[0]?.ramp_up_percent).toHaveLength(3);
  });
  it('sets the format', () => {
    expect(toWorksheet({ ...worksheet(), format: '' }).format).toBe('portfolj.worksheet/1');
  });
});

describe('small readers', () => {
  it('reads years and optional texts', () => {
    expect(parseYear('2016')).toBe(2016);
    expect(parseYear(' ')).toBeNull();
    expect(parseYear('20a')).toBeNull();
    expect(optionalText('')).toBeNull();
    expect(optionalText('3,5')).toBe('3,5');
  });
  it('lists the horizon years, default 5', () => {
    expect(horizonYears(worksheet())).toEqual([2015, 2016, 2017]);
    const w = worksheet();
    w.parameters.horizon_years = null;
    expect(horizonYears(w)).toHaveLength(5);
  });
  it('places field errors in their section', () => {
    expect(sectionOfField('benefits')).toBe('benefits');
    expect(sectionOfField('costs')).toBe('costs');
    expect(sectionOfField('horizon_years')).toBe('parameters');
    expect(sectionOfField('optimism_bias')).toBe('parameters');
    expect(sectionOfField('format')).toBe('general');
  });
  it('reads a worksheet file', () => {
    expect(parseWorksheetFile('{')).toEqual({ error: 'json' });
    expect(parseWorksheetFile('[]')).toEqual({ error: 'shape' });
    const ok = parseWorksheetFile('{"format":"portfolj.worksheet/1","first_year":2015}');
    expect('worksheet' in ok && ok.worksheet.benefits).toEqual([]);
  });
});

describe('parametersProbe', () => {
  it('is a worksheet of the year with only the parameters, copied', () => {
    const parameters = worksheet().parameters;
    parameters.optimism_bias = { project_type: 'outsourcing', factors: [] };
    const probe = parametersProbe(2018, parameters);
    expect(probe).toEqual({
      format: 'portfolj.worksheet/1',
      first_year: 2018,
      parameters,
      benefits: [],
      costs: [],
    });
    expect(probe.parameters).not.toBe(parameters);
    expect(probe.parameters.optimism_bias).not.toBe(parameters.optimism_bias);
  });
  it('names the parameter fields as the core does, each in the parameters section', () => {
    expect(PARAMETER_FIELDS).toContain('discount_rate_percent');
    for (const field of PARAMETER_FIELDS) expect(sectionOfField(field)).toBe('parameters');
  });
});
