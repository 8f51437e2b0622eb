/**
 * Texts for valuation values that combine catalogue text with data: how a dubbelräkning was
 * resolved ("Delad, 50 % här"), the order flags are grouped in, and how the register's
 * benefit targets are named ("kontaktcenter.samtal — Samtal till stadens kontaktcenter").
 */

import type { BenefitTargetDto } from '../generated/BenefitTargetDto';
import type { BenefitTargetKindDto } from '../generated/BenefitTargetKindDto';
import { formatPercent } from './format';
import { t, type MessageKey } from './i18n';

export const RESOLUTIONS = ['assigned_here', 'assigned_elsewhere', 'split', 'independent'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** The flag codes in the order the programme view shows them: dubbelräkning first. */
export const FLAG_ORDER = [
  'double_count',
  'benefit_too_early',
  'no_operations_cost',
  'owner_not_accepted',
  'implausible_ratio',
] as const;

export function flagLabel(code: string): string {
  const known = (FLAG_ORDER as readonly string[]).includes(code);
  return t((known ? `valuation.flag.code.${code}` : 'valuation.flag.code.other') as MessageKey);
}

export function resolutionText(resolution: string, share: string | null): string {
  if (resolution === 'split' && share !== null) {
    return t('valuation.resolution.split_share', { share: formatPercent(share) });
  }
  if ((RESOLUTIONS as readonly string[]).includes(resolution)) {
    return t(`valuation.resolution.${resolution as Resolution}`);
  }
  return resolution;
}

/** Groups items by flag code, known codes first in FLAG_ORDER, unknown codes after. */
export function groupByCode<T>(items: readonly T[], code: (item: T) => string): { code: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const c = code(item);
    const list = groups.get(c) ?? [];
    list.push(item);
    groups.set(c, list);
  }
  const rank = (c: string) => {
    const i = (FLAG_ORDER as readonly string[]).indexOf(c);
    return i === -1 ? FLAG_ORDER.length : i;
  };
  return [...groups.entries()]
    .sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))
    .map(([c, list]) => ({ code: c, items: list }));
}

/** The kinds of benefit target, in the order the register's form offers them. */
export const TARGET_KINDS: readonly BenefitTargetKindDto[] = ['process', 'budget_line'];

/** "Process" or "Budgetpost". */
export function targetKindLabel(kind: BenefitTargetKindDto): string {
  return t(`valuation.target.kind.${kind}`);
}

/** How a target is offered in the worksheet's "Mål" list: its key and its name. */
export function targetOptionLabel(target: Pick<BenefitTargetDto, 'key' | 'name'>): string {
  return t('valuation.target.option', { key: target.key, name: target.name });
}
