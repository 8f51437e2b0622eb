/**
 * Re-applications: an application that comes back after a rejection or a referral back names
 * the earlier one (`details.previous_application_id`); the API then describes that one as
 * `ApplicationDto.previous`. Here: how that is written for a person, and which earlier
 * applications may be chosen.
 */

import type { ApplicationState } from '../generated/ApplicationState';
import type { ApplicationSummaryDto } from '../generated/ApplicationSummaryDto';
import type { PreviousApplicationDto } from '../generated/PreviousApplicationDto';
import { formatDate } from './format';
import { stateLabel, t } from './i18n';

/** The states an earlier application must be in to be named (the core refuses others). */
export const PREVIOUS_STATES: readonly ApplicationState[] = ['rejected', 'referred_back'];

/**
 * The decision reason without a leading repeat of the state's own name: the history records
 * "Avslagen: nyttan motiverar inte …", and the panel already says "Avslagen 2013-05-29".
 */
export function decisionReason(previous: PreviousApplicationDto): string | null {
  const reason = previous.decision_reason?.trim() ?? '';
  if (reason === '') return null;
  const label = stateLabel(previous.state);
  const head = reason.slice(0, label.length);
  if (head.localeCompare(label, 'sv-SE', { sensitivity: 'accent' }) === 0) {
    const rest = reason.slice(label.length).replace(/^\s*[:–—-]\s*/, '');
    if (rest !== reason.slice(label.length) && rest.trim() !== '') return rest.trim();
  }
  return reason;
}

/**
 * What follows the earlier application's title in the panel:
 * "(2013) – Avslagen 2013-05-29: nyttan motiverar inte kostnaden inom årets ram."
 */
export function lineageSummary(previous: PreviousApplicationDto): string {
  const state = stateLabel(previous.state);
  const decision = previous.decided_at
    ? t('lineage.decision', { state, date: formatDate(previous.decided_at) })
    : state;
  const reason = decisionReason(previous);
  const summary = t('lineage.summary', { year: previous.fiscal_year, decision });
  return reason ? t('lineage.with_reason', { summary, reason }) : summary;
}

/** "Förstudie: öppet API för evenemang (2013) – Avslagen": an option of the select. */
export function candidateLabel(candidate: ApplicationSummaryDto): string {
  return t('lineage.option', {
    title: candidate.title,
    year: candidate.fiscal_year,
    state: stateLabel(candidate.state),
  });
}

/**
 * The applications that may be named as the earlier one: the lists for each allowed state
 * together, without the application itself, newest year first, then by title.
 */
export function previousCandidates(
  lists: readonly (readonly ApplicationSummaryDto[])[],
  selfId: string,
): ApplicationSummaryDto[] {
  const seen = new Set<string>();
  const all: ApplicationSummaryDto[] = [];
  for (const list of lists) {
    for (const a of list) {
      if (a.id === selfId || seen.has(a.id)) continue;
      seen.add(a.id);
      all.push(a);
    }
  }
  const collator = new Intl.Collator('sv-SE');
  return all.sort((a, b) => b.fiscal_year - a.fiscal_year || collator.compare(a.title, b.title));
}
