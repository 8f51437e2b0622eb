import { afterEach, describe, expect, it } from 'vitest';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import { conflictKey, conflictValues, writtenValueText } from './conflicts';
import { setLanguage } from './i18n';

afterEach(() => setLanguage('sv'));

const NBSP = '\u00a0';

const programme: ProgrammeDto = {
  name: 'Program för digital förnyelse',
  first_year: 2013,
  last_year: 2018,
  focus_areas: [{ portfolio: 5, name: 'Innovativ verksamhetsutveckling med hjälp av it', short_name: 'Innovation' }],
  council_goals: [],
  units: [{ id: 'u-1', name: 'Serviceförvaltningen', kind: 'department' }],
};

const written = (stamp_key: string, value: string, author_name: string) => ({
  stamp_key,
  value,
  author_name,
  written_at: '2026-11-25T10:00:00Z',
});

describe('a conflict’s values', () => {
  const conflict = {
    application_id: 'a-1',
    application_title: 'Boka lokaler',
    field: 'details.problem',
    current: written('s-2', '"Projektkontorets text"', 'Karin Ek'),
    others: [written('s-1', '"Coachens text"', 'Sara Lindqvist'), written('s-0', '""', 'Olle Berg')],
  };

  it('lists the current value first, marked, then the others in order', () => {
    const values = conflictValues(conflict);
    expect(values.map((v) => [v.stamp_key, v.current, v.author_name])).toEqual([
      ['s-2', true, 'Karin Ek'],
      ['s-1', false, 'Sara Lindqvist'],
      ['s-0', false, 'Olle Berg'],
    ]);
  });

  it('names a conflict by its application and field', () => {
    expect(conflictKey(conflict)).toBe('a-1|details.problem');
  });
});

describe('writtenValueText', () => {
  it('shows a string without its quotes', () => {
    expect(writtenValueText('details.problem', '"Coachens text"', programme)).toEqual({
      text: 'Coachens text',
      blank: false,
    });
    expect(writtenValueText('details.problem', '"Rad ett\\nrad två ”citat”"', programme).text).toBe(
      'Rad ett\nrad två ”citat”',
    );
  });

  it('shows nothing written as "Inte ifyllt"', () => {
    expect(writtenValueText('details.problem', '""', programme)).toEqual({ text: 'Inte ifyllt', blank: true });
    expect(writtenValueText('details.start_date', 'null', programme)).toEqual({ text: 'Inte ifyllt', blank: true });
    setLanguage('en');
    expect(writtenValueText('details.problem', '"  "', programme).text).toBe('Not filled in');
  });

  it('reads a value the way the application shows it', () => {
    expect(writtenValueText('details.project_kind', '"pre_study"', programme).text).toBe('Förstudie');
    expect(writtenValueText('basics.unit_id', '"u-1"', programme).text).toBe('Serviceförvaltningen');
    expect(writtenValueText('basics.requested_amount', '"1200000.50"', programme).text).toBe(
      `1${NBSP}200${NBSP}000,50${NBSP}kr`,
    );
    expect(writtenValueText('basics.portfolio', '5', programme).text).toBe('5. Innovation');
    expect(writtenValueText('basics.fiscal_year', '2016', programme).text).toBe('2016');
  });

  it('shows other JSON, and text that is not JSON, as it is', () => {
    const risks = '[{"description":"Sen leverans","likelihood":"low"}]';
    expect(writtenValueText('details.risks', risks, programme)).toEqual({ text: risks, blank: false });
    expect(writtenValueText('details.problem', 'inte json', programme)).toEqual({ text: 'inte json', blank: false });
  });
});
