import { describe, expect, it } from 'vitest';
import type { ApplicationDto } from '../generated/ApplicationDto';
import {
  budgetRowTotal,
  budgetTotal,
  emptyRow,
  formFromApplication,
  isHundred,
  rowCellId,
  sharesSum,
  toUpdate,
  type ApplicationForm,
  type BudgetRowForm,
  type ShareRowForm,
} from './applicationForm';

const GOALS = ['KF1', 'KF2', 'KF3'];

function application(overrides: Partial<ApplicationDto> = {}): ApplicationDto {
  return {
    id: 'app-1',
    title: 'Felanmälan',
    unit_id: 'u-1',
    unit_name: 'Trafikkontoret',
    portfolio: 1,
    it_category: 'differentiating',
    fiscal_year: 2016,
    requested_amount: '1200000.00',
    state: 'draft',
    updated_at: '2016-01-01T10:00:00Z',
    purpose: 'Medborgare ska kunna felanmäla.',
    created_at: '2016-01-01T09:00:00Z',
    events: [],
    shown_version: null,
    versions: 0,
    editable: true,
    previous: null,
    attachments: [],
    details: {
      project_owner: 'Anna',
      project_leader: '',
      project_kind: null,
      start_date: '2016-02-01',
      end_date: null,
      problem: '',
      capabilities: '',
      target_groups: '',
      process_change: '',
      goal_contributions: [{ goal: 'KF2', level: 'some', motivation: 'Bättre service.' }],
      co_benefiting_unit_ids: ['u-2'],
      platforms: [{ platform: 'id_portal', usage: 'exception', exception_reference: 'Dnr 1/2016' }],
      system_owner: '',
      owner_representative: '',
      owner_accepted_on: null,
      operations_split: [{ unit_id: 'u-1', share_percent: '62.50' }],
      benefit_plan: [],
      risks: [],
      budget: [
        { year: 2016, internal_time: '100000.00', external_services: '250000.50', licences: '', equipment: '0' },
      ],
      exit_plan: '',
      lessons_plan: '',
      previous_application_id: null,
    },
    ...overrides,
  };
}

const budgetRow = (cells: Partial<BudgetRowForm>): BudgetRowForm => ({
  key: 'k',
  year: '2016',
  internal_time: '',
  external_services: '',
  licences: '',
  equipment: '',
  ...cells,
});

const share = (share_percent: string, unit_id = 'u-1'): ShareRowForm => ({ key: 'k', unit_id, share_percent });

describe('formFromApplication', () => {
  it('shows amounts and shares as a person types them', () => {
    const form = formFromApplication(application(), GOALS);
    expect(form.requested_amount).toBe('1200000');
    expect(form.budget[0]).toMatchObject({
      year: '2016',
      internal_time: '100000',
      external_services: '250000,50',
      licences: '',
      equipment: '0',
    });
    expect(form.operations_split[0]?.share_percent).toBe('62,5');
  });

  it('has one row per council goal and one per platform', () => {
    const form = formFromApplication(application(), GOALS);
    expect(form.goal_contributions.map((g) => [g.goal, g.level])).toEqual([
      ['KF1', ''],
      ['KF2', 'some'],
      ['KF3', ''],
    ]);
    expect(form.platforms.map((p) => [p.platform, p.usage])).toEqual([
      ['e_service_platform', ''],
      ['id_portal', 'exception'],
      ['lis', ''],
    ]);
  });
});

describe('sums', () => {
  it('adds a budget row exactly, empty cells as 0', () => {
    expect(budgetRowTotal(budgetRow({ internal_time: '100000', external_services: '250000,50' }))).toBe('350000.50');
    expect(budgetRowTotal(budgetRow({ internal_time: '0,10', licences: '0,20' }))).toBe('0.30');
    expect(budgetRowTotal(budgetRow({}))).toBe('0');
    expect(budgetRowTotal(budgetRow({ internal_time: '1 234 567', equipment: '1' }))).toBe('1234568');
  });

  it('cannot add a row with a cell that is not an amount', () => {
    expect(budgetRowTotal(budgetRow({ internal_time: 'tusen' }))).toBeNull();
    expect(budgetTotal([budgetRow({ internal_time: '1' }), budgetRow({ licences: '1.234' })])).toBeNull();
  });

  it('adds every year of the budget', () => {
    expect(budgetTotal([])).toBe('0');
    expect(budgetTotal([budgetRow({ internal_time: '100000' }), budgetRow({ year: '2017', licences: '0,5' })])).toBe(
      '100000.5',
    );
  });

  it('adds shares to exactly 100', () => {
    expect(sharesSum([share('62,5'), share('37,5')])).toBe('100');
    expect(isHundred(sharesSum([share('62,5'), share('37,5')]))).toBe(true);
    expect(sharesSum([share('33,33'), share('33,33'), share('33,33')])).toBe('99.99');
    expect(isHundred(sharesSum([share('33,33'), share('33,33'), share('33,33')]))).toBe(false);
    expect(sharesSum([])).toBe('0');
    expect(sharesSum([share(''), share('40')])).toBe('40');
    expect(sharesSum([share('fyrtio')])).toBeNull();
    expect(isHundred(null)).toBe(false);
  });
});

describe('rows', () => {
  it('gives the first cell of a list the id the checklist focuses', () => {
    expect(rowCellId('budget', 0, 'year', 'year')).toBe('field-budget');
    expect(rowCellId('budget', 0, 'licences', 'year')).toBe('field-budget-0-licences');
    expect(rowCellId('budget', 1, 'year', 'year')).toBe('field-budget-1-year');
  });

  it('starts a new budget row at the first year not used', () => {
    const form = formFromApplication(application(), GOALS);
    expect(emptyRow(form, 'budget', [2013, 2014, 2015, 2016, 2017, 2018]).year).toBe('2013');
    const empty: ApplicationForm = { ...form, budget: [] };
    expect(emptyRow(empty, 'budget', [2013, 2014, 2015, 2016, 2017, 2018]).year).toBe('2016');
  });

  it('gives every new row its own key', () => {
    const form = formFromApplication(application(), GOALS);
    expect(emptyRow(form, 'risks').key).not.toBe(emptyRow(form, 'risks').key);
  });
});

describe('toUpdate', () => {
  it('round-trips what the API sent', () => {
    const app = application();
    const result = toUpdate('app-1', formFromApplication(app, GOALS));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.update.basics).toEqual({
      title: 'Felanmälan',
      unit_id: 'u-1',
      portfolio: 1,
      it_category: 'differentiating',
      fiscal_year: 2016,
      // The budget's sum, as the core will set it.
      requested_amount: '350000.50',
      purpose: 'Medborgare ska kunna felanmäla.',
    });
    expect(result.update.details.budget).toEqual([
      { year: 2016, internal_time: '100000', external_services: '250000.50', licences: '', equipment: '0' },
    ]);
    expect(result.update.details.operations_split).toEqual([{ unit_id: 'u-1', share_percent: '62.5' }]);
    expect(result.update.details.goal_contributions).toEqual([
      { goal: 'KF2', level: 'some', motivation: 'Bättre service.' },
    ]);
    expect(result.update.details.platforms).toEqual([
      { platform: 'id_portal', usage: 'exception', exception_reference: 'Dnr 1/2016' },
    ]);
    expect(result.update.details.start_date).toBe('2016-02-01');
    expect(result.update.details.end_date).toBeNull();
    expect(result.update.details.co_benefiting_unit_ids).toEqual(['u-2']);
  });

  it('sends the typed requested amount when there is no budget', () => {
    const form = { ...formFromApplication(application(), GOALS), budget: [], requested_amount: '1 234 567,50' };
    const result = toUpdate('app-1', form);
    expect(result.ok && result.update.basics.requested_amount).toBe('1234567.50');
  });

  it('reports every cell it cannot read, and sends nothing', () => {
    const form = formFromApplication(application(), GOALS);
    form.budget[0]!.licences = 'mycket';
    form.budget[0]!.equipment = '-5';
    form.operations_split[0]!.share_percent = '120';
    const result = toUpdate('app-1', form);
    expect(result).toEqual({
      ok: false,
      errors: {
        'field-budget-0-licences': 'money',
        'field-budget-0-equipment': 'money_negative',
        'field-operations_split-0-share_percent': 'percent',
      },
    });
  });

  it('leaves out wholly empty rows but sends partly filled ones', () => {
    const form = formFromApplication(application(), GOALS);
    form.risks.push(emptyRow(form, 'risks'));
    form.benefit_plan.push(emptyRow(form, 'benefit_plan'), { ...emptyRow(form, 'benefit_plan'), benefit: 'Färre samtal' });
    form.co_benefiting_units.push(emptyRow(form, 'co_benefiting_units'));
    form.operations_split.push(emptyRow(form, 'operations_split'));
    const result = toUpdate('app-1', form);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.update.details.risks).toEqual([]);
    expect(result.update.details.benefit_plan).toEqual([
      { benefit: 'Färre samtal', responsible_unit_id: null, when: '', how: '' },
    ]);
    expect(result.update.details.co_benefiting_unit_ids).toEqual(['u-2']);
    expect(result.update.details.operations_split).toHaveLength(1);
  });

  it('drops the exception reference unless the platform is an exception', () => {
    const form = formFromApplication(application(), GOALS);
    form.platforms[1]!.usage = 'reused';
    const result = toUpdate('app-1', form);
    expect(result.ok && result.update.details.platforms).toEqual([
      { platform: 'id_portal', usage: 'reused', exception_reference: '' },
    ]);
  });
});
