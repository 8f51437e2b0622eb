/**
 * Labels that combine catalogue text with programme data: a portfolio's number and short
 * name, a person's roles. Kept apart from i18n.ts so the catalogue stays plain text.
 */

import type { FocusAreaDto } from '../generated/FocusAreaDto';
import type { PersonDto } from '../generated/PersonDto';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import type { Role } from '../generated/Role';
import { roleLabel, t } from './i18n';

/** "5. Innovation" — the focus area's number and short name. */
export function portfolioLabel(programme: ProgrammeDto | null, portfolio: number): string {
  const area = programme?.focus_areas.find((f) => f.portfolio === portfolio);
  return area
    ? t('portfolio.label', { number: portfolio, name: area.short_name })
    : t('portfolio.fallback', { number: portfolio });
}

/** The focus area's full name, for a title attribute or a longer description. */
export function portfolioName(programme: ProgrammeDto | null, portfolio: number): string {
  return programme?.focus_areas.find((f) => f.portfolio === portfolio)?.name ?? '';
}

export function rolesText(person: PersonDto): string {
  return person.roles.map(roleLabel).join(', ');
}

const ROLES: readonly Role[] = ['applicant', 'coach', 'valuer', 'reviewer', 'office', 'council', 'decider'];

/** A certificate's roles (plain strings as signed) in words; an unknown role as it is. */
export function certificateRolesText(roles: readonly string[]): string {
  return roles.map((r) => ((ROLES as readonly string[]).includes(r) ? roleLabel(r as Role) : r)).join(', ');
}

/** The programme's fiscal years, first to last. */
export function programmeYears(programme: ProgrammeDto): number[] {
  const years: number[] = [];
  for (let y = programme.first_year; y <= programme.last_year; y++) years.push(y);
  return years;
}

/**
 * The fiscal year a page starts on: this calendar year while the programme runs, otherwise
 * its first year.
 */
export function currentProgrammeYear(programme: ProgrammeDto, today: Date = new Date()): number {
  const now = today.getFullYear();
  return now >= programme.first_year && now <= programme.last_year ? now : programme.first_year;
}

/** The programme's focus areas (portfolios) in portfolio order, for every portfolio choice. */
export function focusAreasInOrder(programme: ProgrammeDto): FocusAreaDto[] {
  return [...programme.focus_areas].sort((a, b) => a.portfolio - b.portfolio);
}

/** The portfolio a page starts on: the first one. */
export function firstPortfolio(programme: ProgrammeDto): number {
  return focusAreasInOrder(programme)[0]?.portfolio ?? 1;
}

/**
 * The latest fiscal year that has begun, for a report on a year: this calendar year while the
 * programme runs, its last year once it has ended, its first before it starts.
 */
export function latestProgrammeYear(programme: ProgrammeDto, today: Date = new Date()): number {
  return Math.max(programme.first_year, Math.min(today.getFullYear(), programme.last_year));
}
