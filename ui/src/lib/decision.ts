/**
 * Beslut in the UI: the stadsdirektör's decision as the projektkontor's form and as
 * `decision.record` takes it, and a decision's kind in words. The rules — a diarienummer, a
 * decider who decides, a granted amount no larger than asked for, a reason for a correction —
 * are the core's; here only a granted amount that cannot be read is caught at its field.
 */

import type { ApplicationState } from '../generated/ApplicationState';
import type { DecisionDto } from '../generated/DecisionDto';
import type { RecordDecisionDto } from '../generated/RecordDecisionDto';
import { formatDate, formatMoneyInput, parseMoneyInput } from './format';
import { stateLabel } from './i18n';

export const DECISION_KINDS = ['granted', 'rejected', 'referred_back'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * A decision's kind in the UI's language — the name of the state it takes the application to
 * ("Beviljad") — or the core's Swedish name for a kind the UI does not know.
 */
export function decisionKindLabel(kind: string, kindSv: string): string {
  return (DECISION_KINDS as readonly string[]).includes(kind) ? stateLabel(kind as DecisionKind) : kindSv;
}

/** The states in which an application has, or is waiting for, a decision. */
const DECISION_STATES: readonly ApplicationState[] = [
  'proposed',
  'granted',
  'rejected',
  'referred_back',
  'running',
  'closed',
  'followed_up',
];

export function hasDecisionPart(state: ApplicationState): boolean {
  return DECISION_STATES.includes(state);
}

export interface DecisionForm {
  kind: DecisionKind | '';
  grantedAmount: string;
  conditions: string;
  caseNumber: string;
  decidedOn: string;
  deciderId: string;
  reason: string;
}

/**
 * The form's starting values: a correction starts from the latest version (the decider again
 * as typed, since a version names the decider only by name); a first decision from today.
 */
export function decisionForm(latest: DecisionDto | undefined, today: Date = new Date()): DecisionForm {
  return {
    kind: latest && (DECISION_KINDS as readonly string[]).includes(latest.kind) ? (latest.kind as DecisionKind) : '',
    grantedAmount: latest?.granted_amount ? formatMoneyInput(latest.granted_amount) : '',
    conditions: latest?.conditions ?? '',
    caseNumber: latest?.case_number ?? '',
    decidedOn: latest?.decided_on ?? formatDate(today.toISOString()),
    deciderId: '',
    reason: '',
  };
}

/**
 * The form as `decision.record` takes it, or 'granted_amount' when a grant's amount cannot be
 * read. Only a grant carries an amount; a blank one is sent as none, for the core to ask for.
 */
export function recordDecisionArgs(
  applicationId: string,
  form: DecisionForm,
): { args: RecordDecisionDto } | { problem: 'granted_amount' } {
  let granted: string | null = null;
  if (form.kind === 'granted' && form.grantedAmount.trim() !== '') {
    granted = parseMoneyInput(form.grantedAmount);
    if (granted === null) return { problem: 'granted_amount' };
  }
  return {
    args: {
      application_id: applicationId,
      kind: form.kind,
      granted_amount: granted,
      conditions: form.conditions,
      case_number: form.caseNumber,
      decided_on: form.decidedOn.trim(),
      decider_id: form.deciderId.trim(),
      reason: form.reason,
    },
  };
}
