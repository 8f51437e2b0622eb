import { describe, expect, it } from 'vitest';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import { certificateRolesText, currentProgrammeYear, firstPortfolio, focusAreasInOrder, latestProgrammeYear, programmeYears } from './labels';

const programme: ProgrammeDto = {
  name: 'Program för digital förnyelse',
  first_year: 2013,
  last_year: 2018,
  focus_areas: [],
  council_goals: [],
  units: [],
};

describe('programme years', () => {
  it('lists the fiscal years first to last', () => {
    expect(programmeYears(programme)).toEqual([2013, 2014, 2015, 2016, 2017, 2018]);
  });
  it('starts on this year while the programme runs, otherwise on its first year', () => {
    expect(currentProgrammeYear(programme, new Date(2016, 5, 1))).toBe(2016);
    expect(currentProgrammeYear(programme, new Date(2018, 11, 31))).toBe(2018);
    expect(currentProgrammeYear(programme, new Date(2026, 0, 1))).toBe(2013);
    expect(currentProgrammeYear(programme, new Date(2010, 0, 1))).toBe(2013);
  });
  it('reports on the latest year that has begun: this year, the last once it has ended, the first before', () => {
    expect(latestProgrammeYear(programme, new Date(2016, 5, 1))).toBe(2016);
    expect(latestProgrammeYear(programme, new Date(2026, 0, 1))).toBe(2018);
    expect(latestProgrammeYear(programme, new Date(2010, 0, 1))).toBe(2013);
  });
});

describe('certificate roles', () => {
  it('names known roles in Swedish and keeps an unknown one as signed', () => {
    expect(certificateRolesText(['coach', 'office'])).toBe('Projektcoach, Projektkontoret');
    expect(certificateRolesText(['auditor'])).toBe('auditor');
    expect(certificateRolesText([])).toBe('');
  });
});

describe('focus areas', () => {
  const area = (portfolio: number) => ({ portfolio, name: `Område ${portfolio}`, short_name: `${portfolio}` });

  it('come in portfolio order, and a page starts on the first', () => {
    const shuffled = { ...programme, focus_areas: [area(3), area(1), area(2)] };
    expect(focusAreasInOrder(shuffled).map((a) => a.portfolio)).toEqual([1, 2, 3]);
    expect(firstPortfolio(shuffled)).toBe(1);
    expect(shuffled.focus_areas.map((a) => a.portfolio)).toEqual([3, 1, 2]);
  });

  it('start on portfolio 1 when the programme has none', () => {
    expect(firstPortfolio(programme)).toBe(1);
  });
});
