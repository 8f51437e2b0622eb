/**
 * The nyttovärdering worksheet as an editable form. The form is the `WorksheetDto` itself
 * (every number already a decimal string, typed the Swedish way: the core reads "3,5" and
 * "1 250 000"), so the mapping is small: switching a benefit's amount type or a cost line's
 * mode keeps what was typed, optional numbers read "" as "not given", and `toWorksheet` drops
 * the blank rows a person has added but not filled (empty ramp-up years, empty cost years).
 */

import type { AmountDto } from '../generated/AmountDto';
import type { BenefitLineDto } from '../generated/BenefitLineDto';
import type { CostLineDto } from '../generated/CostLineDto';
import type { ParametersDto } from '../generated/ParametersDto';
import type { RangeDto } from '../generated/RangeDto';
import type { WorksheetDto } from '../generated/WorksheetDto';

export const WORKSHEET_FORMAT = 'portfolj.worksheet/1';

export type AmountType = 'sek' | 'hours' | 'volume';
export const AMOUNT_TYPES: readonly AmountType[] = ['sek', 'hours', 'volume'];
export type CostMode = 'years' | 'yearly';

export const emptyRange = (): RangeDto => ({ min: '', likely: '', max: '' });

/** Which amount a monetary line gives; null for a qualitative line (no amount). */
export function amountTypeOf(amount: AmountDto | null): AmountType | null {
  if (!amount) return null;
  if ('sek' in amount) return 'sek';
  if ('hours' in amount) return 'hours';
  return 'volume';
}

/** The range a monetary line gives (for volume lines: the count). */
export function rangeOf(amount: AmountDto | null): RangeDto | null {
  if (!amount) return null;
  if ('sek' in amount) return amount.sek;
  if ('hours' in amount) return amount.hours;
  return amount.volume.count;
}

/** The same line with another amount type; the min/likely/max typed so far are kept. */
export function withAmountType(amount: AmountDto | null, type: AmountType): AmountDto {
  const range = rangeOf(amount) ?? emptyRange();
  const copy = { ...range };
  if (type === 'sek') return { sek: copy };
  if (type === 'hours') return { hours: copy };
  const unitValue = amount && 'volume' in amount ? amount.volume.unit_value : '';
  return { volume: { count: copy, unit_value: unitValue } };
}

export function emptyBenefit(): BenefitLineDto {
  return {
    name: '',
    kind: 'internal',
    class: 'budget_releasing',
    score: null,
    motivation: '',
    amount: { sek: emptyRange() },
    receiving_unit: '',
    target: '',
    first_year: null,
    ramp_up_percent: [],
  };
}

/** A benefit's class changed: qualitative lines have a score and no amount, others the reverse. */
export function withClass(line: BenefitLineDto, cls: BenefitLineDto['class']): BenefitLineDto {
  if (cls === 'qualitative') return { ...line, class: cls, amount: null, score: line.score ?? 'some' };
  return { ...line, class: cls, amount: line.amount ?? { sek: emptyRange() }, score: null };
}

export function emptyCost(kind: CostLineDto['kind'] = 'operations'): CostLineDto {
  return { name: '', kind, bearing_unit: '', years: [], yearly: null };
}

export function costModeOf(line: CostLineDto): CostMode {
  return line.yearly ? 'yearly' : 'years';
}

/**
 * The same cost line given per year or as "every year from": switching to "every year from"
 * takes the first amount typed; switching back lists that amount for each year to the end.
 */
export function withCostMode(line: CostLineDto, mode: CostMode, years: readonly number[]): CostLineDto {
  if (mode === costModeOf(line)) return line;
  if (mode === 'yearly') {
    const first = line.years.find((y) => y.amount.trim() !== '');
    return {
      ...line,
      years: [],
      yearly: { from_year: first?.year ?? years[0] ?? 0, amount: first?.amount ?? '' },
    };
  }
  const from = line.yearly?.from_year ?? years[0] ?? 0;
  const amount = line.yearly?.amount ?? '';
  return { ...line, yearly: null, years: years.filter((y) => y >= from).map((year) => ({ year, amount })) };
}

/** The horizon's years: first_year … first_year + horizon − 1 (default horizon 5). */
export function horizonYears(worksheet: WorksheetDto): number[] {
  const horizon = worksheet.parameters.horizon_years ?? 5;
  const n = Number.isInteger(horizon) && horizon > 0 && horizon <= 30 ? horizon : 5;
  return Array.from({ length: n }, (_, i) => worksheet.first_year + i);
}

/** "" → null, "2016" → 2016; anything not a whole number is kept as NaN-free null. */
export function parseYear(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : null;
}

/** An optional parameter typed in a field: "" means "use the default" (null). */
export function optionalText(text: string): string | null {
  return text.trim() === '' ? null : text;
}

/**
 * The worksheet to send: a deep copy with blank ramp-up entries and blank cost years
 * left out, the format set, and empty optional reasons removed.
 */
export function toWorksheet(form: WorksheetDto): WorksheetDto {
  const copy = JSON.parse(JSON.stringify(form)) as WorksheetDto;
  copy.format = WORKSHEET_FORMAT;
  for (const line of copy.benefits) {
    line.ramp_up_percent = line.ramp_up_percent.filter((p) => p.trim() !== '');
  }
  for (const line of copy.costs) {
    line.years = line.years.filter((y) => y.amount.trim() !== '');
  }
  if (copy.deviation_reason !== undefined && copy.deviation_reason.trim() === '') delete copy.deviation_reason;
  if (copy.development_change_reason !== undefined && copy.development_change_reason.trim() === '') {
    delete copy.development_change_reason;
  }
  return copy;
}

/** The round parameters' fields as the core names them in its field errors. */
export const PARAMETER_FIELDS = [
  'horizon_years',
  'discount_rate_percent',
  'default_delay_years',
  'monthly_salary',
  'on_cost_factor',
  'hours_per_month',
  'optimism_bias',
] as const;
export type ParameterField = (typeof PARAMETER_FIELDS)[number];

/**
 * A worksheet with only these parameters and no lines. `valuation.eval` works out its derived
 * figures (the hourly cost) exactly as for a real worksheet, so an editor of the round's
 * parameters shows the same hourly cost the worksheet editor shows; nothing is stored.
 */
export function parametersProbe(year: number, parameters: ParametersDto): WorksheetDto {
  return {
    format: WORKSHEET_FORMAT,
    first_year: year,
    parameters: JSON.parse(JSON.stringify(parameters)) as ParametersDto,
    benefits: [],
    costs: [],
  };
}

/** Reads a worksheet file's text; null with a reason when it is not JSON or not a worksheet. */
export function parseWorksheetFile(text: string): { worksheet: WorksheetDto } | { error: 'json' | 'shape' } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { error: 'json' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'shape' };
  const v = value as Record<string, unknown>;
  if (typeof v.format !== 'string') return { error: 'shape' };
  // Let the core judge everything else (it names the field in Swedish); fill what the DTO needs.
  const worksheet = {
    ...v,
    parameters: typeof v.parameters === 'object' && v.parameters !== null ? v.parameters : {},
    benefits: Array.isArray(v.benefits) ? v.benefits : [],
    costs: Array.isArray(v.costs) ? v.costs : [],
  } as unknown as WorksheetDto;
  return { worksheet };
}

/** Which section a validation field belongs to (fields are section-level names). */
export type WorksheetSection = 'parameters' | 'benefits' | 'costs' | 'general';
export function sectionOfField(field: string): WorksheetSection {
  if (field === 'benefits' || field.startsWith('benefits')) return 'benefits';
  if (field === 'costs' || field.startsWith('costs')) return 'costs';
  if (field === 'format' || field === 'deviation_reason' || field === 'development_change_reason') return 'general';
  return 'parameters';
}
