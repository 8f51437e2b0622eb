import { describe, expect, it } from 'vitest';
import type { FrameDto } from '../generated/FrameDto';
import type { PriorityRowDto } from '../generated/PriorityRowDto';
import {
  FRONTIER_STEP,
  NO_RULES,
  addPair,
  candidatesOf,
  forcingOf,
  hasRules,
  latestFrameYear,
  parseWeight,
  prioritiseArgs,
  removePair,
  titleOf,
  toggleForced,
  unforce,
  valueText,
  type RunForm,
} from './prioritisation';

const form = (change: Partial<RunForm> = {}): RunForm => ({
  portfolio: 1,
  year: 2018,
  objective: 'score',
  weight: '50',
  frame: '',
  ...change,
});

function row(id: string, title: string): PriorityRowDto {
  return {
    application_id: id,
    title,
    unit_name: 'Servicenämnden',
    amount: '840000.00',
    part: 'improvement',
    value: '4.0333',
    score_mean: '4.0333',
    npv: null,
    chosen: true,
    reason_code: null,
    reason: null,
  };
}

describe('forcing applications in and out', () => {
  it('turns a forcing on, and off again when the same button is pressed', () => {
    const forced = toggleForced(NO_RULES, 'a', 'out');
    expect(forced.forcedOut).toEqual(['a']);
    expect(forcingOf(forced, 'a')).toBe('out');
    expect(hasRules(forced)).toBe(true);
    const undone = toggleForced(forced, 'a', 'out');
    expect(undone.forcedOut).toEqual([]);
    expect(forcingOf(undone, 'a')).toBeNull();
    expect(hasRules(undone)).toBe(false);
  });

  it('moves an application from forced in to forced out, never both', () => {
    const rules = toggleForced(toggleForced(NO_RULES, 'a', 'in'), 'b', 'in');
    const moved = toggleForced(rules, 'a', 'out');
    expect(moved.forcedIn).toEqual(['b']);
    expect(moved.forcedOut).toEqual(['a']);
    expect(unforce(moved, 'a')).toMatchObject({ forcedIn: ['b'], forcedOut: [] });
  });

  it('leaves the rules it was given alone', () => {
    const rules = toggleForced(NO_RULES, 'a', 'in');
    toggleForced(rules, 'a', 'out');
    expect(rules.forcedIn).toEqual(['a']);
    expect(NO_RULES).toEqual({ forcedIn: [], forcedOut: [], requires: [], excludes: [] });
  });
});

describe('pairs: A kräver B, A utesluter B', () => {
  it('adds a pair and removes it again', () => {
    const added = addPair(NO_RULES, 'requires', { application_id: 'a', other_id: 'b' });
    expect('rules' in added && added.rules.requires).toEqual([{ application_id: 'a', other_id: 'b' }]);
    if (!('rules' in added)) return;
    expect(removePair(added.rules, 'requires', { application_id: 'a', other_id: 'b' }).requires).toEqual([]);
  });

  it('refuses a pair with one application missing or named twice', () => {
    expect(addPair(NO_RULES, 'requires', { application_id: '', other_id: 'b' })).toEqual({ problem: 'missing' });
    expect(addPair(NO_RULES, 'excludes', { application_id: 'a', other_id: 'a' })).toEqual({ problem: 'same' });
  });

  it('knows that exclusion goes both ways and a requirement does not', () => {
    const first = addPair(NO_RULES, 'excludes', { application_id: 'a', other_id: 'b' });
    if (!('rules' in first)) throw new Error('added');
    expect(addPair(first.rules, 'excludes', { application_id: 'b', other_id: 'a' })).toEqual({ problem: 'duplicate' });
    const required = addPair(NO_RULES, 'requires', { application_id: 'a', other_id: 'b' });
    if (!('rules' in required)) throw new Error('added');
    expect(addPair(required.rules, 'requires', { application_id: 'a', other_id: 'b' })).toEqual({ problem: 'duplicate' });
    expect('rules' in addPair(required.rules, 'requires', { application_id: 'b', other_id: 'a' })).toBe(true);
  });
});

describe('the run as prioritise.run takes it', () => {
  it('sends the rules, the frontier step and no weight unless combined', () => {
    const rules = toggleForced(toggleForced(NO_RULES, 'a', 'in'), 'b', 'out');
    const built = prioritiseArgs(form(), rules);
    expect(built).toEqual({
      args: {
        portfolio: 1,
        year: 2018,
        objective: 'score',
        score_weight_percent: null,
        frame: null,
        forced_in: ['a'],
        forced_out: ['b'],
        requires: [],
        excludes: [],
        frontier_step: FRONTIER_STEP,
      },
    });
  });

  it('reads a combined weight and a scenario frame typed the Swedish way', () => {
    const built = prioritiseArgs(form({ objective: 'combined', weight: '75 %', frame: '50 000 000,50 kr' }), NO_RULES);
    expect(built).toMatchObject({ args: { objective: 'combined', score_weight_percent: 75, frame: '50000000.50' } });
  });

  it('names the fields it cannot read instead of sending them', () => {
    expect(prioritiseArgs(form({ objective: 'combined', weight: '120', frame: 'mycket' }), NO_RULES)).toEqual({
      problems: ['weight', 'frame'],
    });
    expect(prioritiseArgs(form({ frame: '-5' }), NO_RULES)).toEqual({ problems: ['frame'] });
    // The weight is only read for a combined value.
    expect('args' in prioritiseArgs(form({ weight: 'x' }), NO_RULES)).toBe(true);
  });

  it('reads a whole percentage', () => {
    expect(parseWeight('0')).toBe(0);
    expect(parseWeight(' 100 ')).toBe(100);
    expect(parseWeight('50 %')).toBe(50);
    expect(parseWeight('101')).toBeNull();
    expect(parseWeight('12,5')).toBeNull();
    expect(parseWeight('')).toBeNull();
  });
});

describe('figures and names', () => {
  it('shows a value in the objective’s unit', () => {
    expect(valueText('score', '17.6541')).toBe('17,65');
    expect(valueText('npv', '2349052.6885795248')).toBe('2\u00a0349\u00a0053\u00a0kr');
    expect(valueText('combined', '0.73456')).toBe('0,735');
  });

  it('starts on the latest year with a frame for the portfolio', () => {
    const frames: FrameDto[] = [
      { portfolio: 1, year: 2016, amount: '1', sub_frames: [] },
      { portfolio: 1, year: 2018, amount: '1', sub_frames: [] },
      { portfolio: 2, year: 2019, amount: '1', sub_frames: [] },
    ];
    expect(latestFrameYear(frames, 1)).toBe(2018);
    expect(latestFrameYear(frames, 3)).toBeNull();
    expect(latestFrameYear(frames, null)).toBe(2019);
    expect(latestFrameYear([], null)).toBeNull();
  });

  it('lists the candidates by title and names an id it does not know by the id', () => {
    const candidates = candidatesOf([row('2', 'Vigseltjänst'), row('1', 'Bygglov'), row('3', 'Äldreomsorg')]);
    expect(candidates.map((c) => c.title)).toEqual(['Bygglov', 'Vigseltjänst', 'Äldreomsorg']);
    expect(titleOf(candidates, '2')).toBe('Vigseltjänst');
    expect(titleOf(candidates, 'x')).toBe('x');
  });
});
