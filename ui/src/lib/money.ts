/**
 * Pengar per portfölj on Översikt (`followup.money`): granted and spent to date per portfolio
 * for one budget year, the year shown first, the sums, the spent share, and the chart's axis
 * and text alternative. Amounts stay exact decimal strings (decimal.ts); numbers only place
 * the bars (chart.ts).
 */

import type { MoneyRowDto } from '../generated/MoneyRowDto';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import { extentWithZero, plotValue, type Extent } from './chart';
import { percentOf, sumDecimals } from './decimal';
import { formatMoney } from './format';
import { t } from './i18n';
import { portfolioLabel } from './labels';
import { rateText } from './followup';

/** The budget years with granted projects, first to last. */
export function moneyYears(rows: readonly MoneyRowDto[]): number[] {
  return [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
}

/** The year shown first: the latest with granted projects, or null when there is none. */
export function defaultMoneyYear(rows: readonly MoneyRowDto[]): number | null {
  return moneyYears(rows).at(-1) ?? null;
}

/** One year's rows, in portfolio order. */
export function moneyRowsOf(rows: readonly MoneyRowDto[], year: number): MoneyRowDto[] {
  return rows.filter((r) => r.year === year).sort((a, b) => a.portfolio - b.portfolio);
}

export interface MoneyTotal {
  granted: string;
  spent: string;
  projects: number;
}

/** The rows summed exactly. */
export function moneyTotal(rows: readonly MoneyRowDto[]): MoneyTotal {
  return {
    granted: sumDecimals(rows.map((r) => r.granted)),
    spent: sumDecimals(rows.map((r) => r.spent)),
    projects: rows.reduce((sum, r) => sum + r.projects, 0),
  };
}

/** Spent as a share of granted ("50,0 %"), or that nothing is granted. */
export function spentShareText(money: Pick<MoneyRowDto, 'granted' | 'spent'>): string {
  const share = percentOf(money.spent, money.granted, 4);
  return share === null ? t('followup.money.share.none') : rateText(share);
}

/** The chart's axis: from zero past the largest amount granted or spent. */
export function moneyExtent(rows: readonly MoneyRowDto[]): Extent {
  return extentWithZero(rows.flatMap((r) => [plotValue(r.granted), plotValue(r.spent)]));
}

/** The chart's text alternative: each portfolio's granted and spent, for the year. */
export function moneyChartLabel(programme: ProgrammeDto | null, rows: readonly MoneyRowDto[], year: number): string {
  const items = rows
    .map((r) =>
      t('followup.money.chart.item', {
        portfolio: portfolioLabel(programme, r.portfolio),
        granted: formatMoney(r.granted),
        spent: formatMoney(r.spent),
      }),
    )
    .join('; ');
  return t('followup.money.chart.label', { year, items });
}
