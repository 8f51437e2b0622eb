import { describe, expect, it } from 'vitest';
import type { MoneyRowDto } from '../generated/MoneyRowDto';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import { defaultMoneyYear, moneyChartLabel, moneyExtent, moneyRowsOf, moneyTotal, moneyYears, spentShareText } from './money';

const sv = (text: string) => text.replace(/_/g, '\u00a0');

const row = (portfolio: number, year: number, granted: string, spent: string, projects = 1): MoneyRowDto => ({
  portfolio,
  year,
  granted,
  spent,
  projects,
});

const rows = [
  row(3, 2013, '4176000.00', '4008960.00'),
  row(2, 2013, '3879000.00', '2155000.00'),
  row(2, 2015, '6520000.00', '0.00'),
  row(5, 2013, '675000.00', '648000.00', 2),
];

const programme: ProgrammeDto = {
  name: 'Program för digital förnyelse',
  first_year: 2013,
  last_year: 2018,
  focus_areas: [
    { portfolio: 2, name: 'Information och analys', short_name: 'Information och analys' },
    { portfolio: 3, name: 'Användning av befintligt it-stöd', short_name: 'Användning av befintligt it-stöd' },
  ],
  council_goals: [],
  units: [],
};

describe('money per portfolio', () => {
  it('offers the years with granted projects and starts on the latest', () => {
    expect(moneyYears(rows)).toEqual([2013, 2015]);
    expect(defaultMoneyYear(rows)).toBe(2015);
    expect(defaultMoneyYear([])).toBeNull();
  });

  it('shows one year in portfolio order, summed exactly', () => {
    const year = moneyRowsOf(rows, 2013);
    expect(year.map((r) => r.portfolio)).toEqual([2, 3, 5]);
    expect(moneyTotal(year)).toEqual({ granted: '8730000.00', spent: '6811960.00', projects: 4 });
  });

  it('gives the spent share to a tenth of a percent', () => {
    expect(spentShareText(row(1, 2017, '3940000.00', '1970000.00'))).toBe(sv('50,0_%'));
    expect(spentShareText(row(2, 2018, '1790000.00', '2058500.00'))).toBe(sv('115,0_%'));
    expect(spentShareText(row(2, 2018, '0.00', '10.00'))).toBe('Inget beviljat');
  });

  it('draws from zero past the largest amount', () => {
    expect(moneyExtent(moneyRowsOf(rows, 2013))).toEqual({ min: 0, max: 4176000 });
  });

  it('says every portfolio’s figures in the chart’s text alternative', () => {
    expect(moneyChartLabel(programme, moneyRowsOf(rows, 2013).slice(0, 2), 2013)).toBe(
      sv(
        'Beviljat och upparbetat per portfölj 2013: 2. Information och analys: beviljat 3_879_000_kr, upparbetat 2_155_000_kr; 3. Användning av befintligt it-stöd: beviljat 4_176_000_kr, upparbetat 4_008_960_kr.',
      ),
    );
  });
});
