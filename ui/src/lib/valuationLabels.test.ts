import { describe, expect, it } from 'vitest';
import { flagLabel, groupByCode, resolutionText, targetKindLabel, targetOptionLabel } from './valuationLabels';

describe('valuation labels', () => {
  it('groups flags with dubbelräkning first, unknown codes last', () => {
    const items = [
      { code: 'no_operations_cost', id: 1 },
      { code: 'zzz_new', id: 2 },
      { code: 'double_count', id: 3 },
      { code: 'no_operations_cost', id: 4 },
      { code: 'double_count', id: 5 },
    ];
    const groups = groupByCode(items, (i) => i.code);
    expect(groups.map((g) => g.code)).toEqual(['double_count', 'no_operations_cost', 'zzz_new']);
    expect(groups[0]?.items.map((i) => i.id)).toEqual([3, 5]);
  });
  it('names flags and resolutions in Swedish', () => {
    expect(flagLabel('double_count')).toBe('Dubbelräkning');
    expect(flagLabel('something_else')).toBe('Övrig flagga');
    expect(resolutionText('split', '50')).toBe('Delas, 50\u00a0% här');
    expect(resolutionText('independent', null)).toBe('Oberoende nyttor');
    expect(resolutionText('unknown', null)).toBe('unknown');
  });
  it('names benefit targets and their kinds', () => {
    expect(targetKindLabel('process')).toBe('Process');
    expect(targetKindLabel('budget_line')).toBe('Budgetpost');
    expect(targetOptionLabel({ key: 'kontaktcenter.samtal', name: 'Samtal till stadens kontaktcenter' })).toBe(
      'kontaktcenter.samtal — Samtal till stadens kontaktcenter',
    );
  });
});
