import { describe, expect, it } from 'vitest';
import type { ApplicationSummaryDto } from '../generated/ApplicationSummaryDto';
import type { PreviousApplicationDto } from '../generated/PreviousApplicationDto';
import { candidateLabel, decisionReason, lineageSummary, previousCandidates } from './lineage';

const rejected: PreviousApplicationDto = {
  id: 'p-1',
  title: 'Förstudie: öppet API för evenemang',
  fiscal_year: 2013,
  state: 'rejected',
  decision_reason: 'Avslagen: nyttan motiverar inte kostnaden inom årets ram.',
  // 23:30 UTC is the next day in Stockholm.
  decided_at: '2013-05-28T23:30:00Z',
};

function summary(id: string, title: string, year: number, state: ApplicationSummaryDto['state']): ApplicationSummaryDto {
  return {
    id,
    title,
    unit_id: 'u-1',
    unit_name: 'Stockholms Hamnar',
    portfolio: 4,
    it_category: 'differentiating',
    fiscal_year: year,
    requested_amount: '100000',
    state,
    updated_at: '2016-01-01T00:00:00Z',
  };
}

describe('lineageSummary', () => {
  it('names the year, the decision with its Stockholm date, and the reason once', () => {
    expect(lineageSummary(rejected)).toBe(
      '(2013) – Avslagen 2013-05-29: nyttan motiverar inte kostnaden inom årets ram.',
    );
  });

  it('works for a referral back, without a date or a reason', () => {
    const referred: PreviousApplicationDto = { ...rejected, state: 'referred_back', decided_at: null, decision_reason: null };
    expect(lineageSummary(referred)).toBe('(2013) – Återremitterad');
  });

  it('keeps a reason that does not repeat the state', () => {
    const other = { ...rejected, decision_reason: 'Nyttan är inte visad.' };
    expect(lineageSummary(other)).toBe('(2013) – Avslagen 2013-05-29: Nyttan är inte visad.');
    expect(decisionReason({ ...rejected, decision_reason: 'Avslagen av rådet.' })).toBe('Avslagen av rådet.');
    expect(decisionReason({ ...rejected, decision_reason: 'avslagen – ramen räcker inte.' })).toBe('ramen räcker inte.');
    expect(decisionReason({ ...rejected, decision_reason: '  ' })).toBeNull();
  });
});

describe('previousCandidates', () => {
  it('joins the lists, leaves out the application itself, newest year first', () => {
    const lists = [
      [summary('a', 'Beta', 2013, 'rejected'), summary('self', 'Själv', 2016, 'rejected')],
      [summary('b', 'Alfa', 2013, 'referred_back'), summary('c', 'Gamma', 2015, 'referred_back'), summary('a', 'Beta', 2013, 'rejected')],
    ];
    expect(previousCandidates(lists, 'self').map((c) => c.id)).toEqual(['c', 'b', 'a']);
  });

  it('labels an option with title, year and state', () => {
    expect(candidateLabel(summary('a', 'Gemensam e-legitimation', 2013, 'rejected'))).toBe(
      'Gemensam e-legitimation (2013) – Avslagen',
    );
  });
});
