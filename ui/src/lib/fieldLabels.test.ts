import { describe, expect, it } from 'vitest';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import { FIELD_LABELS, apiFieldLabel, fieldLabel, fieldValue, parseFieldPath } from './fieldLabels';
import { sv } from './i18n';

const NBSP = '\u00a0';

const programme: ProgrammeDto = {
  name: 'Program för digital förnyelse',
  first_year: 2013,
  last_year: 2018,
  focus_areas: [{ portfolio: 5, name: 'Innovativ verksamhetsutveckling med hjälp av it', short_name: 'Innovation' }],
  council_goals: [],
  units: [{ id: 'u-1', name: 'Serviceförvaltningen', kind: 'department' }],
};

describe('parseFieldPath', () => {
  it('splits the paths the API sends', () => {
    expect(parseFieldPath('basics.title')).toEqual({ field: 'basics.title', name: 'title', row: null, column: null });
    expect(parseFieldPath('details.risks[0].mitigation')).toEqual({
      field: 'details.risks',
      name: 'risks',
      row: 0,
      column: 'mitigation',
    });
    expect(parseFieldPath('details.co_benefiting_unit_ids[2]')).toEqual({
      field: 'details.co_benefiting_unit_ids',
      name: 'co_benefiting_unit_ids',
      row: 2,
      column: null,
    });
  });

  it('rejects anything else', () => {
    expect(parseFieldPath('title')).toBeNull();
    expect(parseFieldPath('other.title')).toBeNull();
    expect(parseFieldPath('details.risks[x].mitigation')).toBeNull();
  });
});

describe('fieldLabel', () => {
  it('names top-level fields in Swedish', () => {
    expect(fieldLabel('basics.title')).toBe('Titel');
    expect(fieldLabel('basics.purpose')).toBe('Syfte');
    expect(fieldLabel('details.problem')).toBe('Problem');
    expect(fieldLabel('details.owner_accepted_on')).toBe('Driftkostnaden godkänd, datum');
  });

  it('names list cells with the row counted from 1', () => {
    expect(fieldLabel('details.risks[0].mitigation')).toBe('Risker, rad 1: Åtgärd');
    expect(fieldLabel('details.budget[1].internal_time')).toBe('Budget per år, rad 2: Intern tid');
    expect(fieldLabel('details.co_benefiting_unit_ids[2]')).toBe('Andra enheter som får nytta, rad 3');
  });

  it('shows an unknown path as it is', () => {
    expect(fieldLabel('details.unheard_of')).toBe('details.unheard_of');
    expect(fieldLabel('details.risks[0].colour')).toBe('Risker, rad 1: colour');
    expect(fieldLabel('nonsense')).toBe('nonsense');
  });

  it('has a catalogue text for every field the details carry', () => {
    for (const key of Object.values(FIELD_LABELS)) expect(sv).toHaveProperty(key);
    const detailKeys = [
      'project_owner', 'project_leader', 'project_kind', 'start_date', 'end_date', 'problem',
      'capabilities', 'target_groups', 'process_change', 'goal_contributions',
      'co_benefiting_unit_ids', 'platforms', 'system_owner', 'owner_representative',
      'owner_accepted_on', 'operations_split', 'benefit_plan', 'risks', 'budget', 'exit_plan',
      'lessons_plan', 'previous_application_id',
    ];
    for (const key of detailKeys) expect(FIELD_LABELS).toHaveProperty(`details.${key}`);
  });
});

describe('fieldValue', () => {
  it('shows units by name, enums by label and money in kronor', () => {
    expect(fieldValue('basics.unit_id', 'u-1', programme)).toBe('Serviceförvaltningen');
    expect(fieldValue('details.benefit_plan[0].responsible_unit_id', 'u-1', programme)).toBe('Serviceförvaltningen');
    expect(fieldValue('details.co_benefiting_unit_ids[0]', 'u-1', programme)).toBe('Serviceförvaltningen');
    expect(fieldValue('details.project_kind', 'pre_study', programme)).toBe('Förstudie');
    expect(fieldValue('details.risks[0].likelihood', 'high', programme)).toBe('Hög');
    expect(fieldValue('details.platforms[1].usage', 'exception', programme)).toBe('Används inte – godkänt undantag');
    expect(fieldValue('details.goal_contributions[0].level', 'strong', programme)).toBe('Starkt bidrag');
    expect(fieldValue('basics.it_category', 'innovative', programme)).toBe('Innovativt');
    expect(fieldValue('basics.portfolio', '5', programme)).toBe('5. Innovation');
    expect(fieldValue('basics.requested_amount', '1234567.50', programme)).toBe(`1${NBSP}234${NBSP}567,50${NBSP}kr`);
    expect(fieldValue('details.budget[0].licences', '20000', programme)).toBe(`20${NBSP}000${NBSP}kr`);
    expect(fieldValue('details.operations_split[0].share_percent', '62.5', programme)).toBe(`62,5${NBSP}%`);
  });

  it('leaves other values and unknown ids alone', () => {
    expect(fieldValue('basics.title', 'E-tjänst', programme)).toBe('E-tjänst');
    expect(fieldValue('basics.unit_id', 'u-unknown', programme)).toBe('u-unknown');
    expect(fieldValue('details.project_kind', 'something', programme)).toBe('something');
    expect(fieldValue('details.start_date', '2014-03-01', programme)).toBe('2014-03-01');
  });
});

describe('apiFieldLabel', () => {
  it('names the fields of error messages and readiness rules', () => {
    expect(apiFieldLabel('title')).toBe('Titel');
    expect(apiFieldLabel('requested_amount')).toBe('Begärt belopp');
    expect(apiFieldLabel('owner_accepted_on')).toBe('Driftkostnaden godkänd, datum');
    expect(apiFieldLabel('operations_split')).toBe('Fördelning av driftkostnaden');
    expect(apiFieldLabel('query')).toBe('query');
  });
});

describe('attachments and the earlier application in the diff', () => {
  it('names the columns of an attached file', () => {
    expect(fieldLabel('attachments[0].name')).toBe('Bilagor, rad 1: Filnamn');
    expect(fieldLabel('attachments[2].size')).toBe('Bilagor, rad 3: Storlek');
    expect(fieldLabel('attachments[0].added_by')).toBe('Bilagor, rad 1: Tillagd av');
    expect(fieldLabel('details.previous_application_id')).toBe('Tidigare ansökan');
  });

  it('shows sizes and times the Swedish way, and the earlier application by its title', () => {
    expect(fieldValue('attachments[0].size', '1258291', programme)).toBe(`1,2${NBSP}MB`);
    expect(fieldValue('attachments[0].added_at', '2026-11-25T10:00:00Z', programme)).toBe('2026-11-25 11:00');
    expect(fieldValue('attachments[0].name', 'plan.pdf', programme)).toBe('plan.pdf');
    const names = new Map([['p-1', 'Förstudie: öppet API för evenemang (2013)']]);
    expect(fieldValue('details.previous_application_id', 'p-1', programme, names)).toBe('Förstudie: öppet API för evenemang (2013)');
    expect(fieldValue('details.previous_application_id', 'p-2', programme, names)).toBe('p-2');
  });
});
