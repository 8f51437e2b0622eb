/**
 * Names for the application's fields as a person reads them, for the form, the read-only
 * view and the version diff. The diff names fields by path (`basics.title`,
 * `details.risks[0].mitigation`, `attachments[0].name`); `fieldLabel` turns a path into
 * "Risker, rad 1: Åtgärd" and `fieldValue` shows its value (a unit's name for a unit id, "Förstudie" for
 * `pre_study`, an amount in kronor), all through the catalogue.
 */

import type { Contribution } from '../generated/Contribution';
import type { ItCategory } from '../generated/ItCategory';
import type { Level } from '../generated/Level';
import type { Platform } from '../generated/Platform';
import type { PlatformUse } from '../generated/PlatformUse';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import type { ProjectKind } from '../generated/ProjectKind';
import { formatDateTime, formatFileSize, formatMoneyExact, formatPercent } from './format';
import {
  categoryLabel,
  contributionLabel,
  levelLabel,
  platformLabel,
  projectKindLabel,
  t,
  usageLabel,
  type MessageKey,
} from './i18n';
import { portfolioLabel } from './labels';

/** The label of each top-level field, under `basics.` or `details.`. */
export const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  'basics.title': 'form.field.title',
  'basics.unit_id': 'form.field.unit',
  'basics.portfolio': 'form.field.portfolio',
  'basics.it_category': 'form.field.category',
  'basics.fiscal_year': 'form.field.year',
  'basics.requested_amount': 'field.requested_amount',
  'basics.purpose': 'form.field.purpose',
  'details.project_owner': 'field.project_owner',
  'details.project_leader': 'field.project_leader',
  'details.project_kind': 'field.project_kind',
  'details.start_date': 'field.start_date',
  'details.end_date': 'field.end_date',
  'details.problem': 'field.problem',
  'details.capabilities': 'field.capabilities',
  'details.target_groups': 'field.target_groups',
  'details.process_change': 'field.process_change',
  'details.goal_contributions': 'field.goal_contributions',
  'details.co_benefiting_unit_ids': 'field.co_benefiting_unit_ids',
  'details.platforms': 'field.platforms',
  'details.system_owner': 'field.system_owner',
  'details.owner_representative': 'field.owner_representative',
  'details.owner_accepted_on': 'field.owner_accepted_on',
  'details.operations_split': 'field.operations_split',
  'details.benefit_plan': 'field.benefit_plan',
  'details.risks': 'field.risks',
  'details.budget': 'field.budget',
  'details.exit_plan': 'field.exit_plan',
  'details.lessons_plan': 'field.lessons_plan',
  'details.previous_application_id': 'field.previous_application_id',
  // A version's attached files (`attachments[0].name`); not under basics or details.
  attachments: 'field.attachments',
};

/** The label of each column of a list, by `<list>.<column>`. */
export const COLUMN_LABELS: Readonly<Record<string, MessageKey>> = {
  'goal_contributions.goal': 'field.goal_contributions.goal',
  'goal_contributions.level': 'field.goal_contributions.level',
  'goal_contributions.motivation': 'field.goal_contributions.motivation',
  'platforms.platform': 'field.platforms.platform',
  'platforms.usage': 'field.platforms.usage',
  'platforms.exception_reference': 'field.platforms.exception_reference',
  'operations_split.unit_id': 'field.operations_split.unit_id',
  'operations_split.share_percent': 'field.operations_split.share_percent',
  'benefit_plan.benefit': 'field.benefit_plan.benefit',
  'benefit_plan.responsible_unit_id': 'field.benefit_plan.responsible_unit_id',
  'benefit_plan.when': 'field.benefit_plan.when',
  'benefit_plan.how': 'field.benefit_plan.how',
  'risks.description': 'field.risks.description',
  'risks.likelihood': 'field.risks.likelihood',
  'risks.consequence': 'field.risks.consequence',
  'risks.mitigation': 'field.risks.mitigation',
  'budget.year': 'field.budget.year',
  'budget.internal_time': 'field.budget.internal_time',
  'budget.external_services': 'field.budget.external_services',
  'budget.licences': 'field.budget.licences',
  'budget.equipment': 'field.budget.equipment',
  'attachments.id': 'field.attachments.id',
  'attachments.name': 'field.attachments.name',
  'attachments.media_type': 'field.attachments.media_type',
  'attachments.size': 'field.attachments.size',
  'attachments.sha256': 'field.attachments.sha256',
  'attachments.added_at': 'field.attachments.added_at',
  'attachments.added_by': 'field.attachments.added_by',
};

/**
 * The label of a field as the API names it in errors and readiness rules (`title`,
 * `owner_accepted_on`, `budget`); the name itself when unknown.
 */
export function apiFieldLabel(field: string): string {
  const key = FIELD_LABELS[`basics.${field}`] ?? FIELD_LABELS[`details.${field}`];
  return key ? t(key) : field;
}

export interface FieldPath {
  /** `basics.title`, `details.risks`, `attachments`: the top-level field. */
  field: string;
  /** The field's own name: `title`, `risks`. */
  name: string;
  /** Zero-based row, for a list. */
  row: number | null;
  /** The column within the row, e.g. `mitigation`. */
  column: string | null;
}

const PATH = /^(basics|details)\.(\w+)(?:\[(\d+)\](?:\.(\w+))?)?$/;
const ATTACHMENT_PATH = /^attachments\[(\d+)\](?:\.(\w+))?$/;

/** Splits a diff path; null for anything not of the form the API sends. */
export function parseFieldPath(path: string): FieldPath | null {
  const attachment = ATTACHMENT_PATH.exec(path);
  if (attachment) {
    const [, row = '0', column] = attachment;
    return { field: 'attachments', name: 'attachments', row: Number(row), column: column ?? null };
  }
  const match = PATH.exec(path);
  if (!match) return null;
  const [, group = '', name = '', row, column] = match;
  return {
    field: `${group}.${name}`,
    name,
    row: row === undefined ? null : Number(row),
    column: column ?? null,
  };
}

/**
 * "basics.title" → "Titel"; "details.risks[0].mitigation" → "Risker, rad 1: Åtgärd";
 * "details.co_benefiting_unit_ids[2]" → "Andra enheter som får nytta, rad 3". An unknown
 * path is shown as it is, so nothing is hidden.
 */
export function fieldLabel(path: string): string {
  const parsed = parseFieldPath(path);
  const key = parsed ? FIELD_LABELS[parsed.field] : undefined;
  if (!parsed || !key) return path;
  const label = t(key);
  if (parsed.row === null) return label;
  const row = parsed.row + 1;
  if (parsed.column === null) return t('diff.row', { label, row });
  const columnKey = COLUMN_LABELS[`${parsed.name}.${parsed.column}`];
  return t('diff.row_column', { label, row, column: columnKey ? t(columnKey) : parsed.column });
}

const MONEY_FIELDS = new Set(['requested_amount', 'internal_time', 'external_services', 'licences', 'equipment']);
const UNIT_FIELDS = new Set(['unit_id', 'responsible_unit_id']);

function known<T extends string>(value: string, allowed: readonly T[]): value is T {
  return (allowed as readonly string[]).includes(value);
}

export function unitName(programme: ProgrammeDto | null, id: string): string {
  return programme?.units.find((u) => u.id === id)?.name ?? id;
}

/**
 * A value from the diff as a person reads it; the raw text when it is not recognised.
 * `applications` names applications by id (for `previous_application_id`), when known.
 */
export function fieldValue(
  path: string,
  value: string,
  programme: ProgrammeDto | null,
  applications?: ReadonlyMap<string, string>,
): string {
  const parsed = parseFieldPath(path);
  if (!parsed) return value;
  if (parsed.name === 'attachments') {
    if (parsed.column === 'size' && /^\d+$/.test(value)) return formatFileSize(Number(value));
    if (parsed.column === 'added_at') return formatDateTime(value);
    return value;
  }
  if (parsed.name === 'previous_application_id') return applications?.get(value) ?? value;
  const name = parsed.column ?? parsed.name;
  if (MONEY_FIELDS.has(name)) return formatMoneyExact(value);
  if (UNIT_FIELDS.has(name) || (parsed.name === 'co_benefiting_unit_ids' && parsed.column === null)) {
    return unitName(programme, value);
  }
  switch (name) {
    case 'portfolio':
      return /^\d+$/.test(value) ? portfolioLabel(programme, Number(value)) : value;
    case 'share_percent':
      return formatPercent(value);
    case 'it_category':
      return known<ItCategory>(value, ['innovative', 'differentiating', 'basic']) ? categoryLabel(value) : value;
    case 'project_kind':
      return known<ProjectKind>(value, ['pre_study', 'pilot', 'implementation']) ? projectKindLabel(value) : value;
    case 'level':
      return known<Contribution>(value, ['none', 'some', 'strong']) ? contributionLabel(value) : value;
    case 'likelihood':
    case 'consequence':
      return known<Level>(value, ['low', 'medium', 'high']) ? levelLabel(value) : value;
    case 'usage':
      return known<PlatformUse>(value, ['reused', 'not_applicable', 'exception']) ? usageLabel(value) : value;
    case 'platform':
      return known<Platform>(value, ['e_service_platform', 'id_portal', 'lis']) ? platformLabel(value) : value;
    default:
      return value;
  }
}
