/**
 * The application's edit form as plain data: what a person has typed, field by field, and
 * the conversions between it and the API's `ApplicationDto` / `UpdateApplicationDto`.
 *
 * The form keeps text exactly as typed (amounts "1 200 000,50", shares "62,5"); only
 * `toUpdate` turns it into the API's decimal strings, and reports every cell it cannot read
 * instead of guessing. The form is JSON-safe, so an unsaved copy can be kept in
 * localStorage (see autosave.ts).
 */

import type { ApplicationDetailsDto } from '../generated/ApplicationDetailsDto';
import type { ApplicationDto } from '../generated/ApplicationDto';
import type { Contribution } from '../generated/Contribution';
import type { ItCategory } from '../generated/ItCategory';
import type { Level } from '../generated/Level';
import type { Platform } from '../generated/Platform';
import type { PlatformUse } from '../generated/PlatformUse';
import type { ProjectKind } from '../generated/ProjectKind';
import type { UpdateApplicationDto } from '../generated/UpdateApplicationDto';
import { compareDecimal, normalizeDecimal, sumDecimals } from './decimal';
import {
  formatMoneyInput,
  formatPercentInput,
  parseMoneyInput,
  parsePercentInput,
} from './format';

/** Limits the core checks on every save (portfolj-core `details.rs`, `application/mod.rs`). */
export const LIMITS = {
  short: 200,
  long: 10_000,
  rows: 50,
} as const;

export const PLATFORMS: readonly Platform[] = ['e_service_platform', 'id_portal', 'lis'];
export const PLATFORM_USES: readonly PlatformUse[] = ['reused', 'not_applicable', 'exception'];
export const PROJECT_KINDS: readonly ProjectKind[] = ['pre_study', 'pilot', 'implementation'];
export const CONTRIBUTIONS: readonly Contribution[] = ['none', 'some', 'strong'];
export const LEVELS: readonly Level[] = ['low', 'medium', 'high'];
export const BUDGET_COLUMNS = ['internal_time', 'external_services', 'licences', 'equipment'] as const;
export type BudgetColumn = (typeof BUDGET_COLUMNS)[number];

export interface GoalForm {
  goal: string;
  level: Contribution | '';
  motivation: string;
}
export interface PlatformForm {
  platform: Platform;
  usage: PlatformUse | '';
  exception_reference: string;
}
export interface UnitRowForm {
  key: string;
  unit_id: string;
}
export interface ShareRowForm {
  key: string;
  unit_id: string;
  share_percent: string;
}
export interface BenefitRowForm {
  key: string;
  benefit: string;
  responsible_unit_id: string;
  when: string;
  how: string;
}
export interface RiskRowForm {
  key: string;
  description: string;
  likelihood: Level;
  consequence: Level;
  mitigation: string;
}
export interface BudgetRowForm {
  key: string;
  year: string;
  internal_time: string;
  external_services: string;
  licences: string;
  equipment: string;
}

export interface ApplicationForm {
  title: string;
  unit_id: string;
  portfolio: string;
  it_category: ItCategory;
  fiscal_year: string;
  requested_amount: string;
  purpose: string;
  project_owner: string;
  project_leader: string;
  project_kind: ProjectKind | '';
  start_date: string;
  end_date: string;
  problem: string;
  capabilities: string;
  target_groups: string;
  process_change: string;
  goal_contributions: GoalForm[];
  co_benefiting_units: UnitRowForm[];
  platforms: PlatformForm[];
  system_owner: string;
  owner_representative: string;
  owner_accepted_on: string;
  operations_split: ShareRowForm[];
  benefit_plan: BenefitRowForm[];
  risks: RiskRowForm[];
  budget: BudgetRowForm[];
  exit_plan: string;
  lessons_plan: string;
  previous_application_id: string | null;
}

/** The lists of the form that have add/remove rows. */
export type RowList = 'co_benefiting_units' | 'operations_split' | 'benefit_plan' | 'risks' | 'budget';

let keyCounter = 0;
/** A key for a new row, unique within the page (rows are keyed in `{#each}`). */
export function newKey(): string {
  keyCounter += 1;
  return `r${Date.now().toString(36)}${keyCounter.toString(36)}`;
}

/** The form as loaded from the API. `goalCodes` are the programme's council goals, in order. */
export function formFromApplication(app: ApplicationDto, goalCodes: readonly string[]): ApplicationForm {
  const d = app.details;
  return {
    title: app.title,
    unit_id: app.unit_id,
    portfolio: String(app.portfolio),
    it_category: app.it_category,
    fiscal_year: String(app.fiscal_year),
    requested_amount: formatMoneyInput(app.requested_amount),
    purpose: app.purpose,
    project_owner: d.project_owner,
    project_leader: d.project_leader,
    project_kind: d.project_kind ?? '',
    start_date: d.start_date ?? '',
    end_date: d.end_date ?? '',
    problem: d.problem,
    capabilities: d.capabilities,
    target_groups: d.target_groups,
    process_change: d.process_change,
    goal_contributions: [
      ...goalCodes.map((goal) => {
        const found = d.goal_contributions.find((g) => g.goal === goal);
        return { goal, level: found?.level ?? '', motivation: found?.motivation ?? '' } as GoalForm;
      }),
      // Goals the programme no longer lists are kept, so a save never drops them.
      ...d.goal_contributions
        .filter((g) => !goalCodes.includes(g.goal))
        .map((g) => ({ goal: g.goal, level: g.level, motivation: g.motivation })),
    ],
    co_benefiting_units: d.co_benefiting_unit_ids.map((unit_id) => ({ key: newKey(), unit_id })),
    platforms: PLATFORMS.map((platform) => {
      const found = d.platforms.find((p) => p.platform === platform);
      return {
        platform,
        usage: found?.usage ?? '',
        exception_reference: found?.exception_reference ?? '',
      };
    }),
    system_owner: d.system_owner,
    owner_representative: d.owner_representative,
    owner_accepted_on: d.owner_accepted_on ?? '',
    operations_split: d.operations_split.map((s) => ({
      key: newKey(),
      unit_id: s.unit_id,
      share_percent: formatPercentInput(s.share_percent),
    })),
    benefit_plan: d.benefit_plan.map((b) => ({
      key: newKey(),
      benefit: b.benefit,
      responsible_unit_id: b.responsible_unit_id ?? '',
      when: b.when,
      how: b.how,
    })),
    risks: d.risks.map((r) => ({
      key: newKey(),
      description: r.description,
      likelihood: r.likelihood,
      consequence: r.consequence,
      mitigation: r.mitigation,
    })),
    budget: d.budget.map((y) => ({
      key: newKey(),
      year: String(y.year),
      internal_time: formatMoneyInput(y.internal_time),
      external_services: formatMoneyInput(y.external_services),
      licences: formatMoneyInput(y.licences),
      equipment: formatMoneyInput(y.equipment),
    })),
    exit_plan: d.exit_plan,
    lessons_plan: d.lessons_plan,
    previous_application_id: d.previous_application_id,
  };
}

/** A new, empty row for `list`. A budget row takes the first programme year not yet used. */
export function emptyRow(form: ApplicationForm, list: 'budget', years: readonly number[]): BudgetRowForm;
export function emptyRow(form: ApplicationForm, list: 'co_benefiting_units'): UnitRowForm;
export function emptyRow(form: ApplicationForm, list: 'operations_split'): ShareRowForm;
export function emptyRow(form: ApplicationForm, list: 'benefit_plan'): BenefitRowForm;
export function emptyRow(form: ApplicationForm, list: 'risks'): RiskRowForm;
export function emptyRow(
  form: ApplicationForm,
  list: RowList,
  years: readonly number[] = [],
): UnitRowForm | ShareRowForm | BenefitRowForm | RiskRowForm | BudgetRowForm {
  const key = newKey();
  switch (list) {
    case 'co_benefiting_units':
      return { key, unit_id: '' };
    case 'operations_split':
      return { key, unit_id: '', share_percent: '' };
    case 'benefit_plan':
      return { key, benefit: '', responsible_unit_id: '', when: '', how: '' };
    case 'risks':
      return { key, description: '', likelihood: 'medium', consequence: 'medium', mitigation: '' };
    case 'budget': {
      const used = new Set(form.budget.map((b) => b.year));
      const preferred = [Number(form.fiscal_year), ...years];
      const year = preferred.find((y) => years.includes(y) && !used.has(String(y))) ?? preferred[0];
      return {
        key,
        year: String(year ?? ''),
        internal_time: '',
        external_services: '',
        licences: '',
        equipment: '',
      };
    }
  }
}

/**
 * The element id of a cell in a list. The first cell of the first row is `field-<list>`, the
 * id the readiness checklist focuses for a rule on that list; every other cell is
 * `field-<list>-<row>-<column>`.
 */
export function rowCellId(list: string, row: number, column: string, firstColumn: string): string {
  return row === 0 && column === firstColumn ? `field-${list}` : `field-${list}-${row}-${column}`;
}

/** The element a readiness rule's `field` points at. */
export function fieldElementId(field: string): string {
  return `field-${field}`;
}

/** A budget row's total, or null while a cell is not an amount. Empty cells count as 0. */
export function budgetRowTotal(row: BudgetRowForm): string | null {
  const values: string[] = [];
  for (const column of BUDGET_COLUMNS) {
    const text = row[column].trim();
    if (text === '') continue;
    const parsed = parseMoneyInput(text);
    if (parsed === null) return null;
    values.push(parsed);
  }
  return values.length === 0 ? '0' : sumDecimals(values);
}

/** The whole budget's total, or null while any cell is not an amount. */
export function budgetTotal(rows: readonly BudgetRowForm[]): string | null {
  const totals: string[] = [];
  for (const row of rows) {
    const total = budgetRowTotal(row);
    if (total === null) return null;
    totals.push(total);
  }
  return totals.length === 0 ? '0' : sumDecimals(totals);
}

/**
 * The sum of the operations shares in percent ("100", "62.5"), or null while a share is not
 * a percentage. Rows with no share typed count as 0.
 */
export function sharesSum(rows: readonly ShareRowForm[]): string | null {
  const values: string[] = [];
  for (const row of rows) {
    if (row.share_percent.trim() === '') continue;
    const parsed = parsePercentInput(row.share_percent);
    if (parsed === null) return null;
    values.push(parsed);
  }
  return values.length === 0 ? '0' : normalizeDecimal(sumDecimals(values));
}

export function isHundred(sum: string | null): boolean {
  return sum !== null && compareDecimal(sum, '100') === 0;
}

/** Why a cell cannot be sent, keyed by the cell's element id. */
export type LocalErrors = Record<string, LocalProblem>;
export type LocalProblem = 'money' | 'money_negative' | 'percent';

export type ToUpdateResult =
  | { ok: true; update: UpdateApplicationDto }
  | { ok: false; errors: LocalErrors };

const trimOrNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/**
 * The form as `application.update` takes it, or the cells that cannot be read. Wholly
 * empty rows (nothing typed or chosen) are left out; anything partly filled is sent, so
 * the core reports what is missing.
 */
export function toUpdate(id: string, form: ApplicationForm): ToUpdateResult {
  const errors: LocalErrors = {};

  const money = (text: string, cellId: string): string => {
    if (text.trim() === '') return '';
    const parsed = parseMoneyInput(text);
    if (parsed === null) {
      errors[cellId] = 'money';
      return '';
    }
    if (parsed.startsWith('-')) {
      errors[cellId] = 'money_negative';
      return '';
    }
    return parsed;
  };

  const budget = form.budget.map((row, i) => ({
    year: Number(row.year),
    internal_time: money(row.internal_time, rowCellId('budget', i, 'internal_time', 'year')),
    external_services: money(row.external_services, rowCellId('budget', i, 'external_services', 'year')),
    licences: money(row.licences, rowCellId('budget', i, 'licences', 'year')),
    equipment: money(row.equipment, rowCellId('budget', i, 'equipment', 'year')),
  }));

  let requested = '0';
  if (form.budget.length > 0) {
    // The core sets the requested amount to the budget's sum; send the same.
    requested = budgetTotal(form.budget) ?? '0';
  } else if (form.requested_amount.trim() === '') {
    requested = '0';
  } else {
    const parsed = parseMoneyInput(form.requested_amount);
    if (parsed === null) errors['field-requested_amount'] = 'money';
    else if (parsed.startsWith('-')) errors['field-requested_amount'] = 'money_negative';
    else requested = parsed;
  }

  const operations_split = form.operations_split
    .map((row, i) => ({ row, i }))
    .filter(({ row }) => row.unit_id !== '' || row.share_percent.trim() !== '')
    .map(({ row, i }) => {
      let share = row.share_percent.trim();
      if (share !== '') {
        const parsed = parsePercentInput(share);
        if (parsed === null) errors[rowCellId('operations_split', i, 'share_percent', 'unit_id')] = 'percent';
        else share = parsed;
      }
      return { unit_id: row.unit_id, share_percent: share };
    });

  const details: ApplicationDetailsDto = {
    project_owner: form.project_owner,
    project_leader: form.project_leader,
    project_kind: form.project_kind === '' ? null : form.project_kind,
    start_date: trimOrNull(form.start_date),
    end_date: trimOrNull(form.end_date),
    problem: form.problem,
    capabilities: form.capabilities,
    target_groups: form.target_groups,
    process_change: form.process_change,
    goal_contributions: form.goal_contributions
      .filter((g) => g.level !== '' || g.motivation.trim() !== '')
      .map((g) => ({ goal: g.goal, level: g.level === '' ? 'none' : g.level, motivation: g.motivation })),
    co_benefiting_unit_ids: form.co_benefiting_units.map((u) => u.unit_id).filter((u) => u !== ''),
    platforms: form.platforms
      .filter((p) => p.usage !== '' || p.exception_reference.trim() !== '')
      .map((p) => ({
        platform: p.platform,
        usage: p.usage === '' ? null : p.usage,
        exception_reference: p.usage === 'exception' ? p.exception_reference : '',
      })),
    system_owner: form.system_owner,
    owner_representative: form.owner_representative,
    owner_accepted_on: trimOrNull(form.owner_accepted_on),
    operations_split,
    benefit_plan: form.benefit_plan
      .filter((b) => b.benefit.trim() || b.responsible_unit_id || b.when.trim() || b.how.trim())
      .map((b) => ({
        benefit: b.benefit,
        responsible_unit_id: b.responsible_unit_id === '' ? null : b.responsible_unit_id,
        when: b.when,
        how: b.how,
      })),
    risks: form.risks
      .filter((r) => r.description.trim() || r.mitigation.trim())
      .map((r) => ({
        description: r.description,
        likelihood: r.likelihood,
        consequence: r.consequence,
        mitigation: r.mitigation,
      })),
    budget,
    exit_plan: form.exit_plan,
    lessons_plan: form.lessons_plan,
    previous_application_id: form.previous_application_id,
  };

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    update: {
      id,
      basics: {
        title: form.title,
        unit_id: form.unit_id,
        portfolio: Number(form.portfolio),
        it_category: form.it_category,
        fiscal_year: Number(form.fiscal_year),
        requested_amount: requested,
        purpose: form.purpose,
      },
      details,
    },
  };
}
