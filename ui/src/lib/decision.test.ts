import { describe, expect, it } from 'vitest';
import type { DecisionDto } from '../generated/DecisionDto';
import { decisionForm, decisionKindLabel, hasDecisionPart, recordDecisionArgs, type DecisionForm } from './decision';

const version: DecisionDto = {
  version: 1,
  kind: 'granted',
  kind_sv: 'beviljad',
  granted_amount: '1200000.00',
  conditions: 'Rapport efter halva tiden.',
  case_number: 'KS 2017/1234',
  decided_on: '2017-12-15',
  decider: 'Ingrid Åberg',
  reason: '',
  recorded_by: 'Karin Ek',
  recorded_at: '2017-12-16T09:00:00Z',
};

const filled = (change: Partial<DecisionForm> = {}): DecisionForm => ({
  kind: 'granted',
  grantedAmount: '1 200 000',
  conditions: '',
  caseNumber: 'KS 2017/1234',
  decidedOn: ' 2017-12-15 ',
  deciderId: ' ingrid.aberg.7@stockholm.se ',
  reason: '',
  ...change,
});

describe('the decision form', () => {
  it('starts a first decision today and a correction from the latest version', () => {
    expect(decisionForm(undefined, new Date('2017-12-15T10:00:00Z'))).toMatchObject({ kind: '', decidedOn: '2017-12-15', caseNumber: '' });
    expect(decisionForm(version)).toEqual({
      kind: 'granted',
      grantedAmount: '1200000',
      conditions: 'Rapport efter halva tiden.',
      caseNumber: 'KS 2017/1234',
      decidedOn: '2017-12-15',
      deciderId: '',
      reason: '',
    });
  });

  it('sends a grant with its amount read the Swedish way', () => {
    expect(recordDecisionArgs('app-1', filled())).toEqual({
      args: {
        application_id: 'app-1',
        kind: 'granted',
        granted_amount: '1200000',
        conditions: '',
        case_number: 'KS 2017/1234',
        decided_on: '2017-12-15',
        decider_id: 'ingrid.aberg.7@stockholm.se',
        reason: '',
      },
    });
  });

  it('sends no amount with a rejection, and a blank grant amount for the core to ask for', () => {
    expect(recordDecisionArgs('app-1', filled({ kind: 'rejected' }))).toMatchObject({ args: { kind: 'rejected', granted_amount: null } });
    expect(recordDecisionArgs('app-1', filled({ grantedAmount: ' ' }))).toMatchObject({ args: { granted_amount: null } });
  });

  it('catches a granted amount it cannot read', () => {
    expect(recordDecisionArgs('app-1', filled({ grantedAmount: 'en miljon' }))).toEqual({ problem: 'granted_amount' });
  });

  it('names the kinds in words and knows where a decision belongs', () => {
    expect(decisionKindLabel('referred_back', 'återremitterad')).toBe('Återremitterad');
    expect(decisionKindLabel('new_kind', 'något nytt')).toBe('något nytt');
    expect(hasDecisionPart('proposed')).toBe(true);
    expect(hasDecisionPart('granted')).toBe(true);
    expect(hasDecisionPart('in_review')).toBe(false);
  });
});
