/**
 * Uppföljning in the UI: the slutrapport that closes a running project and the
 * effekthemtagning one year later, as forms and as the commands take them, and the words the
 * pages show. While the projektkontor types a realised amount, each benefit line shows its
 * difference from the valued amount and the realised share at once, and says when the core
 * will ask for an explanation; the rules themselves are the core's (`followup.record` and
 * `followup.final_report` refuse with every message at once), and amounts stay exact
 * decimal strings throughout (decimal.ts), never floats.
 */

import type { ApplicationState } from '../generated/ApplicationState';
import type { DueFollowUpDto } from '../generated/DueFollowUpDto';
import type { FinalReportInputDto } from '../generated/FinalReportInputDto';
import type { FollowUpInputDto } from '../generated/FollowUpInputDto';
import type { FollowUpLineDto } from '../generated/FollowUpLineDto';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import type { RealisationRowDto } from '../generated/RealisationRowDto';
import { compareDecimal, multiplyDecimals, percentOf, subtractDecimals } from './decimal';
import { formatDate, formatMoney, formatMoneySigned, formatNumber, formatPercentRounded, parseMoneyInput } from './format';
import { t } from './i18n';
import { portfolioLabel } from './labels';

/**
 * A realised amount this many percent or more from the valued one needs an explanation: the
 * core's `DEVIATION_THRESHOLD_PERCENT`, here only to say so while the user types.
 */
export const DEVIATION_THRESHOLD_PERCENT = 10;

/** The states in which a project has its follow-up: running (the slutrapport), closed, followed up. */
const FOLLOW_UP_STATES: readonly ApplicationState[] = ['running', 'closed', 'followed_up'];

export function hasFollowUpPart(state: ApplicationState): boolean {
  return FOLLOW_UP_STATES.includes(state);
}

/** Today's date in Stockholm as the API writes dates ("2026-05-24"). */
export function todayIso(now: Date = new Date()): string {
  return formatDate(now.toISOString());
}

/** Whether the follow-up may be recorded on `today`: from the day it falls due. */
export function followUpOpen(dueOn: string | null, today: string): boolean {
  return dueOn !== null && today >= dueOn;
}

/** A realised share as the pages show it: "93,2 %", or "Inget värderat" without one. */
export function rateText(rate: string | null): string {
  return rate === null ? t('followup.rate.none') : formatPercentRounded(rate, 1);
}

// ---- The slutrapport -------------------------------------------------------------------

export interface FinalReportForm {
  delivered: string;
  finalCost: string;
  costExplanation: string;
  lessons: string;
  ownerAcceptedOn: string;
  closedOn: string;
}

/** An empty slutrapport closing today. */
export function finalReportForm(today: string): FinalReportForm {
  return { delivered: '', finalCost: '', costExplanation: '', lessons: '', ownerAcceptedOn: '', closedOn: today };
}

/**
 * Whether the final cost as typed is above the granted amount, so the core will want the
 * cost explained. False while the cost cannot be read or there is no granted amount.
 */
export function costAboveGranted(finalCost: string, granted: string | null): boolean {
  const cost = parseMoneyInput(finalCost);
  return cost !== null && granted !== null && compareDecimal(cost, granted) > 0;
}

/**
 * The form as `followup.final_report` takes it. The final cost goes as typed (the core reads
 * "1 234 567,50" and says what is wrong with anything else); a blank acceptance date is none.
 */
export function finalReportArgs(applicationId: string, form: FinalReportForm): FinalReportInputDto {
  const accepted = form.ownerAcceptedOn.trim();
  return {
    application_id: applicationId,
    delivered: form.delivered,
    final_cost: form.finalCost.trim(),
    cost_explanation: form.costExplanation,
    lessons: form.lessons,
    owner_accepted_on: accepted === '' ? null : accepted,
    closed_on: form.closedOn.trim(),
  };
}

// ---- The effekthemtagning ----------------------------------------------------------------

export interface RealisedLineForm {
  /** The realised kronor per year as typed; unused on a qualitative line. */
  realised: string;
  evidence: string;
  budgetReduced: boolean;
  deviation: string;
}

export interface FollowUpForm {
  lines: RealisedLineForm[];
  summary: string;
}

/** A blank answer for each of the valuation's benefit lines. */
export function followUpForm(lines: readonly FollowUpLineDto[]): FollowUpForm {
  return {
    lines: lines.map(() => ({ realised: '', evidence: '', budgetReduced: false, deviation: '' })),
    summary: '',
  };
}

/** A line with valued kronor asks for a realised amount; a qualitative line does not. */
export function isMonetary(line: FollowUpLineDto): line is FollowUpLineDto & { valued: string } {
  return line.valued !== null;
}

/** What a line's typed amount amounts to so far. */
export type LiveFigures =
  | { kind: 'none' }
  | { kind: 'unreadable' }
  | { kind: 'figures'; realised: string; difference: string; rate: string | null };

/** The typed amount read and set against the valued one: realised − valued, and realised in percent of it. */
export function liveFigures(line: FollowUpLineDto, typed: string): LiveFigures {
  if (!isMonetary(line) || typed.trim() === '') return { kind: 'none' };
  const realised = parseMoneyInput(typed);
  if (realised === null) return { kind: 'unreadable' };
  return {
    kind: 'figures',
    realised,
    difference: subtractDecimals(realised, line.valued),
    rate: percentOf(realised, line.valued, 4),
  };
}

/**
 * Whether the realised amount is DEVIATION_THRESHOLD_PERCENT or more from the valued one, as
 * the core decides it: exactly (realised × 100 against valued × 90 and × 110); where nothing
 * was valued, any other amount deviates.
 */
export function deviates(valued: string, realised: string): boolean {
  if (compareDecimal(valued, '0') <= 0) return compareDecimal(realised, valued) !== 0;
  const hundredfold = multiplyDecimals(realised, '100');
  const low = multiplyDecimals(valued, String(100 - DEVIATION_THRESHOLD_PERCENT));
  const high = multiplyDecimals(valued, String(100 + DEVIATION_THRESHOLD_PERCENT));
  return compareDecimal(hundredfold, low) <= 0 || compareDecimal(hundredfold, high) >= 0;
}

/** Why a line needs its deviation explained. */
export type ExplanationReason = 'deviation' | 'budget_kept';

/**
 * Why the core will ask for an explanation on this line as it is filled in now: a realised
 * amount that deviates, or a budget-releasing saving not taken out of any budget.
 */
export function explanationReasons(line: FollowUpLineDto, answer: RealisedLineForm): ExplanationReason[] {
  const figures = liveFigures(line, answer.realised);
  if (figures.kind !== 'figures' || !isMonetary(line)) return [];
  const reasons: ExplanationReason[] = [];
  if (deviates(line.valued, figures.realised)) reasons.push('deviation');
  if (line.budget_releasing && compareDecimal(figures.realised, '0') > 0 && !answer.budgetReduced) {
    reasons.push('budget_kept');
  }
  return reasons;
}

/** "Behövs här: …" for each reason a line needs its explanation. */
export function explanationText(reasons: readonly ExplanationReason[]): string {
  return reasons.map((r) => t(`followup.form.needs.${r}`)).join(' ');
}

/** The line's typed amount in words: its difference and share, or that it cannot be read. */
export function liveText(figures: LiveFigures): string {
  switch (figures.kind) {
    case 'none':
      return '';
    case 'unreadable':
      return t('followup.form.amount_error');
    case 'figures':
      return t('followup.form.live', { difference: formatMoneySigned(figures.difference), rate: rateText(figures.rate) });
  }
}

/** A benefit line's kind in words ("Medborgarnytta"); a kind the UI does not know, as it is. */
export function benefitKindLabel(kind: string): string {
  if (kind === 'citizen') return t('valuation.kind.citizen');
  if (kind === 'internal') return t('valuation.kind.internal');
  return kind;
}

/** What the follow-up asks of a line: its valued kronor for the compared year, or that it is qualitative. */
export function valuedText(line: FollowUpLineDto, year: number | null): string {
  return isMonetary(line)
    ? t('followup.form.valued', { year: year ?? '', amount: formatMoney(line.valued) })
    : t('followup.form.qualitative');
}

/**
 * The form as `followup.record` takes it, or the places (from 0) of the lines whose amount
 * cannot be read. A blank amount is sent as none, for the core to ask for; a qualitative
 * line never carries one, and only a budget-releasing line says whether its saving left a
 * budget.
 */
export function followUpArgs(
  applicationId: string,
  lines: readonly FollowUpLineDto[],
  form: FollowUpForm,
): { args: FollowUpInputDto } | { unreadable: number[] } {
  const unreadable: number[] = [];
  const answers = lines.map((line, i) => {
    const answer = form.lines[i] ?? { realised: '', evidence: '', budgetReduced: false, deviation: '' };
    const figures = liveFigures(line, answer.realised);
    if (figures.kind === 'unreadable') unreadable.push(i);
    return {
      line: line.line,
      realised: figures.kind === 'figures' ? figures.realised : null,
      evidence: answer.evidence,
      budget_reduced: line.budget_releasing && answer.budgetReduced,
      deviation: answer.deviation,
    };
  });
  if (unreadable.length > 0) return { unreadable };
  return { args: { application_id: applicationId, lines: answers, summary: form.summary } };
}

// ---- The realisation rate ----------------------------------------------------------------

/**
 * The end of the realisation chart's axis, in percent: past the largest rate and the 100 %
 * line with room to spare, on a multiple of 25.
 */
export function rateAxisMax(rates: readonly number[]): number {
  const largest = Math.max(100, ...rates.filter(Number.isFinite));
  return Math.ceil((largest * 1.1) / 25) * 25;
}

/** The chart's text alternative in one sentence: each portfolio's rate, then the programme's. */
export function realisationChartLabel(
  programme: ProgrammeDto | null,
  rows: readonly RealisationRowDto[],
  total: string | null,
): string {
  const rates = rows
    .map((row) => t('followup.realisation.chart_item', { portfolio: portfolioLabel(programme, row.portfolio), rate: rateText(row.figures.rate_percent) }))
    .join('; ');
  return t('followup.realisation.chart_label', { rates, total: rateText(total) });
}

// ---- What is overdue -----------------------------------------------------------------------

/** "3 effekthemtagningar är försenade.", "1 effekthemtagning är försenad.", or that none is. */
export function overdueFollowUpsText(due: readonly Pick<DueFollowUpDto, 'overdue'>[]): string {
  const count = due.filter((d) => d.overdue).length;
  if (count === 0) return t('followup.overdue.none');
  return count === 1 ? t('followup.overdue.one') : t('followup.overdue.other', { count: formatNumber(count) });
}
