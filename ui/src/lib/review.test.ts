import { describe, expect, it } from 'vitest';
import type { PersonDto } from '../generated/PersonDto';
import type { MyItemDto } from '../generated/MyItemDto';
import type { RoundDto } from '../generated/RoundDto';
import type { RoundMemberDto } from '../generated/RoundMemberDto';
import type { RubricDto } from '../generated/RubricDto';
import type { ScoreVersionDto } from '../generated/ScoreVersionDto';
import type { SummaryRowDto } from '../generated/SummaryRowDto';
import {
  assignedApplicationIds,
  cellText,
  copyRubric,
  figure,
  formFromItem,
  heatClass,
  historyChanges,
  isMember,
  itemStatus,
  itemStatusText,
  javKindLabel,
  levelForKey,
  missingMembers,
  newCriterionKey,
  parseCap,
  recommendationLabel,
  resizeLevels,
  roundStateLabel,
  rowsWithRange,
  scoreCriteria,
  signedFigure,
  sortRows,
} from './review';

const person = (id: string, name: string): PersonDto => ({
  id,
  name,
  email: `${id}@example.se`,
  unit_id: 'u',
  unit_name: 'Enheten',
  roles: ['reviewer'],
});

const member = (id: string, name: string): RoundMemberDto => ({
  person: person(id, name),
  assigns_all: true,
  cap: null,
  load: 2,
  scored: 1,
});

const rubric: RubricDto = {
  scale_min: 1,
  scale_max: 5,
  criteria: [
    {
      key: 'fit',
      name: 'Passar fokusområdet',
      weight: '60',
      levels: [1, 2, 3, 4, 5].map((value) => ({ value, anchor: `nivå ${value}` })),
      comment_required: true,
    },
    {
      key: 'risk',
      name: 'Risk',
      weight: '40',
      levels: [1, 2, 3, 4, 5].map((value) => ({ value, anchor: `risk ${value}` })),
      comment_required: false,
    },
  ],
};

function row(id: string, over: Partial<SummaryRowDto> = {}): SummaryRowDto {
  return {
    application_id: id,
    title: `Ansökan ${id}`,
    state: 'in_review',
    hidden: false,
    scores: 0,
    mean: null,
    median: null,
    min: null,
    max: null,
    spread: null,
    std_dev: null,
    disagreement: false,
    normalised_mean: null,
    raw_rank: null,
    normalised_rank: null,
    rank_move: null,
    complete: false,
    missing: [],
    jav: [],
    absent: [],
    cells: [],
    recommendation: null,
    ...over,
  };
}

function item(over: Partial<MyItemDto> = {}): MyItemDto {
  return {
    application_id: 'a1',
    title: 'E-tjänst för bygglov',
    unit_name: 'Stadsbyggnadskontoret',
    requested_amount: '1200000',
    purpose: '',
    valuation: null,
    jav: [],
    score: null,
    version: null,
    total: null,
    draft: null,
    ...over,
  };
}

describe('heat classes', () => {
  it('divides the scale into five equal steps', () => {
    expect(heatClass('1', 1, 5)).toBe('heat-1');
    expect(heatClass('1.79', 1, 5)).toBe('heat-1');
    expect(heatClass('1.8', 1, 5)).toBe('heat-2');
    expect(heatClass('3.00', 1, 5)).toBe('heat-3');
    expect(heatClass('4', 1, 5)).toBe('heat-4');
    expect(heatClass('4.25', 1, 5)).toBe('heat-5');
    expect(heatClass('5', 1, 5)).toBe('heat-5');
  });
  it('keeps values outside the scale on its ends, and has none without a total', () => {
    expect(heatClass('0.5', 1, 5)).toBe('heat-1');
    expect(heatClass('7', 1, 5)).toBe('heat-5');
    expect(heatClass(null, 1, 5)).toBeNull();
    expect(heatClass('x', 1, 5)).toBeNull();
    expect(heatClass('3', 5, 5)).toBeNull();
  });
});

describe('matrix cells', () => {
  it('shows a total with two decimals and a Swedish comma', () => {
    expect(cellText({ person_id: 'p', state: 'scored', total: '3.456' })).toEqual({ text: '3,46', spoken: null });
    expect(cellText({ person_id: 'p', state: 'scored', total: '4' })).toEqual({ text: '4,00', spoken: null });
  });
  it('names every state in words, never by colour alone', () => {
    expect(cellText({ person_id: 'p', state: 'jav', total: null }).text).toBe('Jäv');
    expect(cellText({ person_id: 'p', state: 'missing', total: null }).text).toBe('Saknas');
    expect(cellText({ person_id: 'p', state: 'absent', total: null }).text).toBe('Frånvarande');
    expect(cellText({ person_id: 'p', state: 'hidden', total: null }).text).toBe('Dold');
    expect(cellText({ person_id: 'p', state: 'not_assigned', total: null })).toEqual({ text: '–', spoken: 'Inte tilldelad' });
    expect(cellText({ person_id: 'p', state: 'something_new', total: null }).text).toBe('something_new');
  });
  it('formats figures and signed leniency', () => {
    expect(figure(null)).toBe('–');
    expect(figure('2.345')).toBe('2,35');
    expect(signedFigure('0.25')).toBe('+0,25');
    expect(signedFigure('-0.4')).toBe('\u22120,40');
    expect(signedFigure('0')).toBe('0,00');
    expect(signedFigure('0.001')).toBe('0,00');
  });
});

describe('sorting the matrix', () => {
  const rows = [
    row('a', { title: 'Örebro', mean: '3.5', raw_rank: 2 }),
    row('b', { title: 'Arkiv', mean: null, raw_rank: null }),
    row('c', { title: 'Ärende', mean: '4.25', raw_rank: 1 }),
    row('d', { title: 'Bygglov', mean: '10.0', raw_rank: 3 }),
  ];
  const ids = (list: SummaryRowDto[]) => list.map((r) => r.application_id);

  it('sorts decimals exactly, not as text', () => {
    expect(ids(sortRows(rows, 'mean', 'ascending'))).toEqual(['a', 'c', 'd', 'b']);
    expect(ids(sortRows(rows, 'mean', 'descending'))).toEqual(['d', 'c', 'a', 'b']);
  });
  it('puts rows without a value last in either direction', () => {
    expect(ids(sortRows(rows, 'raw_rank', 'ascending'))).toEqual(['c', 'a', 'd', 'b']);
    expect(ids(sortRows(rows, 'raw_rank', 'descending'))).toEqual(['d', 'a', 'c', 'b']);
  });
  it('sorts titles the Swedish way (å ä ö last)', () => {
    expect(ids(sortRows(rows, 'title', 'ascending'))).toEqual(['b', 'd', 'c', 'a']);
  });
  it('keeps the API order for ties and does not change the input', () => {
    const tied = [row('x', { scores: 2 }), row('y', { scores: 2 }), row('z', { scores: 3 })];
    expect(ids(sortRows(tied, 'scores', 'descending'))).toEqual(['z', 'x', 'y']);
    expect(ids(tied)).toEqual(['x', 'y', 'z']);
  });
});

describe('reading the matrix', () => {
  const cells = (states: Record<string, string>) =>
    Object.entries(states).map(([person_id, state]) => ({ person_id, state, total: null }));
  const rows = [
    row('a', { min: '2', max: '4', cells: cells({ p1: 'scored', p2: 'missing' }) }),
    row('b', { cells: cells({ p1: 'not_assigned', p2: 'jav' }) }),
  ];

  it('finds the rows with a range to draw', () => {
    expect(rowsWithRange(rows).map((r) => r.application_id)).toEqual(['a']);
  });
  it('reads a member’s applications from their cells', () => {
    expect(assignedApplicationIds(rows, 'p1')).toEqual(['a']);
    expect(assignedApplicationIds(rows, 'p2')).toEqual(['a', 'b']);
    expect(assignedApplicationIds(rows, 'nobody')).toEqual([]);
  });
  it('offers only the missing members for an absence', () => {
    const members = [member('p1', 'Anna'), member('p2', 'Bo')];
    expect(missingMembers(rows[0]!, members).map((m) => m.person.id)).toEqual(['p2']);
    expect(missingMembers(rows[1]!, members)).toEqual([]);
  });
});

describe('labels', () => {
  it('names round states, recommendations and jäv in the catalogue', () => {
    expect(roundStateLabel('open')).toBe('Öppen');
    expect(roundStateLabel('closed')).toBe('Stängd');
    expect(roundStateLabel('paused')).toBe('paused');
    expect(recommendationLabel('support_with_conditions', 'tillstyrks med villkor')).toBe('Tillstyrks med villkor');
    expect(recommendationLabel('new_kind', 'något nytt')).toBe('något nytt');
    expect(javKindLabel('same_unit', 'samma enhet')).toBe('Samma enhet som sökanden');
    expect(javKindLabel('economic_interest', 'ekonomiskt intresse')).toBe('Ekonomiskt intresse');
    expect(javKindLabel('new_kind', 'nytt slag')).toBe('nytt slag');
  });
  it('knows who is a member', () => {
    const round = { members: [member('p1', 'Anna')] } as RoundDto;
    expect(isMember(round, 'p1')).toBe(true);
    expect(isMember(round, 'p2')).toBe(false);
  });
});

describe('score history', () => {
  const version = (person_id: string, v: number, fit: number, risk: number): ScoreVersionDto => ({
    person_id,
    person_name: person_id,
    version: v,
    total: '3',
    submitted_at: '2026-11-25T10:00:00Z',
    criteria: { fit: { level: fit, comment: '' }, risk: { level: risk, comment: '' } },
  });

  it('lists the criteria a member changed since their previous version', () => {
    const history = [version('p1', 2, 4, 3), version('p2', 1, 2, 2), version('p1', 1, 3, 3)];
    expect(historyChanges(history)).toEqual([[{ key: 'fit', from: 3, to: 4 }], [], []]);
  });
  it('marks a criterion new to a version', () => {
    const first: ScoreVersionDto = { ...version('p1', 1, 3, 3), criteria: { fit: { level: 3, comment: '' } } };
    expect(historyChanges([first, version('p1', 2, 3, 5)])).toEqual([[], [{ key: 'risk', from: null, to: 5 }]]);
  });
});

describe('the scoring screen', () => {
  it('says where an item stands', () => {
    expect(itemStatus(item())).toEqual({ kind: 'not_started' });
    expect(itemStatus(item({ version: 2, total: '3.4' }))).toEqual({ kind: 'scored', version: 2 });
    expect(itemStatus(item({ draft: {} }))).toEqual({ kind: 'draft', version: null });
    expect(itemStatus(item({ draft: {}, version: 1 }))).toEqual({ kind: 'draft', version: 1 });
    const jav = [{ person_id: 'p', person_name: 'P', kind: 'same_unit', kind_sv: 'samma enhet', motivation: '' }];
    expect(itemStatus(item({ jav, version: 1 }))).toEqual({ kind: 'jav' });
  });
  it('names the status in Swedish', () => {
    expect(itemStatusText({ kind: 'scored', version: 2 })).toBe('Bedömd v2');
    expect(itemStatusText({ kind: 'draft', version: null })).toBe('Utkast');
    expect(itemStatusText({ kind: 'draft', version: 1 })).toBe('Utkast (bedömd v1)');
    expect(itemStatusText({ kind: 'not_started' })).toBe('Ej påbörjad');
    expect(itemStatusText({ kind: 'jav' })).toBe('Jävig');
  });
  it('starts the form from the draft, else the score, else empty', () => {
    expect(formFromItem(item(), rubric)).toEqual({
      fit: { level: null, comment: '' },
      risk: { level: null, comment: '' },
    });
    const scored = item({ score: { fit: { level: 4, comment: 'Bra' }, risk: { level: 2, comment: '' } }, version: 1 });
    expect(formFromItem(scored, rubric).fit).toEqual({ level: 4, comment: 'Bra' });
    const drafted = { ...scored, draft: { fit: { level: null, comment: 'Tänker' } } };
    expect(formFromItem(drafted, rubric)).toEqual({
      fit: { level: null, comment: 'Tänker' },
      risk: { level: 2, comment: '' },
    });
  });
  it('sends the criteria that have a level and lets the core say what is missing', () => {
    expect(
      scoreCriteria({ fit: { level: 4, comment: 'Bra' }, risk: { level: null, comment: 'Osäker' } }),
    ).toEqual({ fit: { level: 4, comment: 'Bra' } });
  });
  it('reads digit keys as levels on the scale', () => {
    expect(levelForKey('3', 1, 5)).toBe(3);
    expect(levelForKey('6', 1, 5)).toBeNull();
    expect(levelForKey('0', 1, 5)).toBeNull();
    expect(levelForKey('0', 0, 4)).toBe(0);
    expect(levelForKey('0', 1, 10)).toBe(10);
    expect(levelForKey('a', 1, 5)).toBeNull();
    expect(levelForKey('Enter', 1, 5)).toBeNull();
  });
});

describe('the group', () => {
  it('reads the optional cap', () => {
    expect(parseCap('')).toBeNull();
    expect(parseCap(' 6 ')).toBe(6);
    expect(parseCap('0')).toBe(0);
    expect(parseCap('2,5')).toBe('invalid');
    expect(parseCap('-1')).toBe('invalid');
    expect(parseCap('sex')).toBe('invalid');
  });
  it('resizes levels and keeps the anchors still on the scale', () => {
    const levels = [
      { value: 1, anchor: 'låg' },
      { value: 2, anchor: 'mellan' },
      { value: 3, anchor: 'hög' },
    ];
    expect(resizeLevels(levels, 0, 2)).toEqual([
      { value: 0, anchor: '' },
      { value: 1, anchor: 'låg' },
      { value: 2, anchor: 'mellan' },
    ]);
    expect(resizeLevels(levels, 1, 4).map((l) => l.anchor)).toEqual(['låg', 'mellan', 'hög', '']);
  });
  it('gives a new criterion a key no other has', () => {
    expect(newCriterionKey(rubric.criteria)).toBe('criterion_3');
    expect(newCriterionKey([{ ...rubric.criteria[0]!, key: 'criterion_1' }])).toBe('criterion_2');
    expect(newCriterionKey([{ ...rubric.criteria[0]!, key: 'criterion_2' }, rubric.criteria[1]!])).toBe('criterion_3');
  });
  it('copies a rubric deeply, so editing leaves the round’s own alone', () => {
    const copy = copyRubric(rubric);
    copy.criteria[0]!.levels[0]!.anchor = 'ändrad';
    copy.criteria[0]!.name = 'Nytt namn';
    expect(rubric.criteria[0]!.levels[0]!.anchor).toBe('nivå 1');
    expect(rubric.criteria[0]!.name).toBe('Passar fokusområdet');
  });
});
