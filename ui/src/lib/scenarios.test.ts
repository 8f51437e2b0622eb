import { describe, expect, it } from 'vitest';
import type { PrioritiseDto } from '../generated/PrioritiseDto';
import { compareProblem, comparisonCell, frameText, objectiveText, openedScenario, rulesCount } from './scenarios';

const settings: PrioritiseDto = {
  portfolio: 1,
  year: 2018,
  objective: 'score',
  score_weight_percent: null,
  frame: null,
  forced_in: [],
  forced_out: [],
  requires: [],
  excludes: [],
  frontier_step: null,
};

describe('openedScenario', () => {
  it('gives the form the recorded frame and the default weight when the scenario has neither', () => {
    expect(openedScenario(settings)).toEqual({
      objective: 'score',
      weight: '50',
      frame: '',
      rules: { forcedIn: [], forcedOut: [], requires: [], excludes: [] },
    });
  });

  it('writes the frame as it is typed and keeps every condition', () => {
    const opened = openedScenario({
      ...settings,
      objective: 'combined',
      score_weight_percent: 70,
      frame: '5000000.00',
      forced_in: ['a'],
      forced_out: ['b'],
      requires: [{ application_id: 'c', other_id: 'd' }],
      excludes: [{ application_id: 'e', other_id: 'f' }],
    });
    expect(opened).toEqual({
      objective: 'combined',
      weight: '70',
      frame: '5000000',
      rules: {
        forcedIn: ['a'],
        forcedOut: ['b'],
        requires: [{ application_id: 'c', other_id: 'd' }],
        excludes: [{ application_id: 'e', other_id: 'f' }],
      },
    });
  });

  it('reads an objective it does not know as the mean score', () => {
    expect(openedScenario({ ...settings, objective: 'luck' }).objective).toBe('score');
  });
});

describe('the list', () => {
  it('says what counts as value and which frame', () => {
    expect(objectiveText(settings)).toBe('Medelpoäng');
    expect(objectiveText({ objective: 'npv', score_weight_percent: null })).toBe('Nettonuvärde');
    expect(objectiveText({ objective: 'combined', score_weight_percent: 70 })).toBe('Vägning, 70 % medelpoäng');
    expect(frameText(settings)).toBe('Fastställd ram');
    expect(frameText({ frame: '5000000' })).toBe('5\u00a0000\u00a0000\u00a0kr');
  });

  it('counts the conditions', () => {
    expect(rulesCount(settings)).toBe(0);
    expect(
      rulesCount({ forced_in: ['a'], forced_out: ['b', 'c'], requires: [{ application_id: 'a', other_id: 'd' }], excludes: [] }),
    ).toBe(4);
  });
});

describe('comparing', () => {
  it('takes one to six scenarios', () => {
    expect(compareProblem(0)).toBe('none');
    expect(compareProblem(1)).toBeNull();
    expect(compareProblem(6)).toBeNull();
    expect(compareProblem(7)).toBe('too_many');
  });

  it('reads a cell as with, without, or not possible', () => {
    expect(comparisonCell(true)).toBe('chosen');
    expect(comparisonCell(false)).toBe('not_chosen');
    expect(comparisonCell(null)).toBe('refused');
  });
});
