/**
 * Statusrapporter in the UI: a running project's report as a form and as `status.submit`
 * takes it, the three traffic lights in words, when the core will want a comment (a red
 * light) or a reason for a correction (spent to date
 * lower than in the latest report), the reporting schedule in words and as a form. Amounts
 * go to the core as typed ("1 250 000"); the UI reads them only to say early what the core
 * will ask for, exactly (decimal.ts), never as floats. The rules themselves are the core's.
 */

import type { LightDto } from '../generated/LightDto';
import type { MilestoneDto } from '../generated/MilestoneDto';
import type { OverdueReportDto } from '../generated/OverdueReportDto';
import type { ScheduleDto } from '../generated/ScheduleDto';
import type { StatusReportDto } from '../generated/StatusReportDto';
import type { StatusReportInputDto } from '../generated/StatusReportInputDto';
import { compareDecimal } from './decimal';
import { formatNumber, parseMoneyInput } from './format';
import { t } from './i18n';

/** The traffic lights, in the order the form offers them. */
export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

/** What a report rates with a light. */
export const ASPECTS = ['time', 'cost', 'scope'] as const;
export type Aspect = (typeof ASPECTS)[number];

function isLight(code: string): code is Light {
  return (LIGHTS as readonly string[]).includes(code);
}

/** A light's colour and meaning in words: "röd: kräver beslut". A code the UI does not know, in the core's words. */
export function lightText(light: LightDto): string {
  return isLight(light.code) ? t(`status.light.${light.code}`) : light.text_sv;
}

/** The one light the form offers with this code, in words. */
export const lightChoiceText = (light: Light): string => t(`status.light.${light}`);

/** "Tid", "Kostnad", "Omfattning". */
export const aspectLabel = (aspect: Aspect): string => t(`status.aspect.${aspect}`);

// ---- The form ------------------------------------------------------------------------------

export interface MilestoneForm {
  /** Stable while rows are added and removed, for the list's keys and ids. */
  key: number;
  name: string;
  /** ÅÅÅÅ-MM-DD as typed. */
  dueOn: string;
  done: boolean;
}

export interface StatusReportForm {
  /** Any date in the period reported on, ÅÅÅÅ-MM-DD as typed. */
  period: string;
  /** '' until a light is chosen. */
  lights: Record<Aspect, Light | ''>;
  spent: string;
  forecast: string;
  milestones: MilestoneForm[];
  risks: string;
  comment: string;
  correctionReason: string;
}

let nextMilestoneKey = 1;

/** A blank milestone row. */
export function emptyMilestone(): MilestoneForm {
  return { key: nextMilestoneKey++, name: '', dueOn: '', done: false };
}

/**
 * A new report on the period of `today`. The milestones and risks carry over from the latest
 * report, as they mostly stay from one period to the next; the lights and amounts are asked
 * afresh.
 */
export function statusReportForm(today: string, latest: StatusReportDto | null = null): StatusReportForm {
  return {
    period: today,
    lights: { time: '', cost: '', scope: '' },
    spent: '',
    forecast: '',
    milestones: (latest?.milestones ?? []).map((m) => ({ key: nextMilestoneKey++, name: m.name, dueOn: m.due_on, done: m.done })),
    risks: latest?.risks ?? '',
    comment: '',
    correctionReason: '',
  };
}

/** A milestone row left wholly blank is no milestone; anything typed goes to the core to judge. */
function isBlank(m: MilestoneForm): boolean {
  return m.name.trim() === '' && m.dueOn.trim() === '';
}

/** The form as `status.submit` takes it: amounts and dates as typed, blank milestone rows left out. */
export function statusReportArgs(applicationId: string, form: StatusReportForm): StatusReportInputDto {
  const milestones: MilestoneDto[] = form.milestones
    .filter((m) => !isBlank(m))
    .map((m) => ({ name: m.name.trim(), due_on: m.dueOn.trim(), done: m.done }));
  return {
    application_id: applicationId,
    period: form.period.trim(),
    time: form.lights.time,
    cost: form.lights.cost,
    scope: form.lights.scope,
    spent_to_date: form.spent.trim(),
    forecast: form.forecast.trim(),
    milestones,
    risks: form.risks,
    comment: form.comment,
    correction_reason: form.correctionReason,
  };
}

/** The newest report (the list is oldest first), or null before the first. */
export function latestReport(reports: readonly StatusReportDto[]): StatusReportDto | null {
  return reports[reports.length - 1] ?? null;
}

/**
 * Whether the spent amount as typed is lower than the latest report's, so the core will want
 * the correction explained. False while the amount cannot be read or there is no report yet.
 */
export function needsCorrectionReason(spent: string, latest: StatusReportDto | null): boolean {
  const amount = parseMoneyInput(spent);
  return amount !== null && latest !== null && compareDecimal(amount, latest.spent_to_date) < 0;
}

/** Why a report needs its comment. */
export type CommentReason = 'red';

/**
 * Why the core will want a comment on the report as filled in now: a red light. (A
 * forecast above the granted amount is shown beside the forecast, not required: a laptop
 * writing offline cannot know the decision, and the core judges a report the same there.)
 */
export function commentReasons(form: StatusReportForm): CommentReason[] {
  return ASPECTS.some((a) => form.lights[a] === 'red') ? ['red'] : [];
}

/** The comment field's hint: when a comment is needed, or why it is needed now. */
export function commentHint(reasons: readonly CommentReason[]): string {
  return reasons.length === 0
    ? t('status.form.comment_hint')
    : reasons.map((r) => t(`status.form.comment_needed.${r}`)).join(' ');
}

/** "Klar" or "Inte klar", for a milestone as reported. */
export const milestoneDoneText = (done: boolean): string => (done ? t('status.milestone.done') : t('status.milestone.not_done'));

// ---- The schedule --------------------------------------------------------------------------

/** The reporting intervals the core allows, in months. */
export const SCHEDULE_MONTHS = [1, 3, 6] as const;

/** "Varje månad", "Varje kvartal", "Varje halvår"; any other interval in months. */
export function intervalText(months: number): string {
  const known = SCHEDULE_MONTHS.find((m) => m === months);
  return known === undefined
    ? t('status.schedule.months.other', { months: formatNumber(months) })
    : t(`status.schedule.months.${known}`);
}

/** "Varje kvartal, senast 15 dagar efter periodens slut." */
export function scheduleText(schedule: ScheduleDto): string {
  return t('status.schedule.text', { interval: intervalText(schedule.months), days: formatNumber(schedule.grace_days) });
}

/**
 * The grace days as typed, as the whole number `status.schedule.set` takes; null when it is
 * not a whole number of days (the range, 0–60, is the core's to check).
 */
export function parseGraceDays(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,4}$/.test(trimmed) ? Number(trimmed) : null;
}

// ---- What is overdue -----------------------------------------------------------------------

/** "1 statusrapport", "88 statusrapporter". */
export function reportsText(count: number): string {
  return count === 1 ? t('status.count.reports_one') : t('status.count.reports_other', { count: formatNumber(count) });
}

/** "1 projekt", "2 projekt" (the projects the overdue reports belong to). */
export function projectsText(count: number): string {
  return count === 1 ? t('status.count.projects_one') : t('status.count.projects_other', { count: formatNumber(count) });
}

/** "88 statusrapporter i 2 projekt är försenade.", or that none is. */
export function overdueReportsText(overdue: readonly Pick<OverdueReportDto, 'application_id'>[]): string {
  if (overdue.length === 0) return t('status.overdue.none');
  const projects = new Set(overdue.map((o) => o.application_id)).size;
  return t('status.overdue.count', { reports: reportsText(overdue.length), projects: projectsText(projects) });
}
