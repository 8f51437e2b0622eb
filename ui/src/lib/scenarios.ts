/**
 * Scenarios in the UI: a saved scenario's settings back into the Prioritering form (to open
 * it), how a scenario is described in the list, how many may be compared, and a comparison's
 * cell in words. Whether a scenario can be solved, what it chooses and what is adopted are
 * the core's; nothing here chooses.
 */

import type { PrioritiseDto } from '../generated/PrioritiseDto';
import { formatMoney, formatMoneyInput } from './format';
import { t } from './i18n';
import { DEFAULT_SCORE_WEIGHT, OBJECTIVES, type Objective, type Rules } from './prioritisation';

/** What `scenario.compare` takes at the most. */
export const MAX_COMPARED = 6;

/** The Prioritering form as a saved scenario left it. */
export interface OpenedScenario {
  objective: Objective;
  /** The score's share as typed; the default when the scenario has none. */
  weight: string;
  /** The scenario's own frame as typed; blank for the recorded frame. */
  frame: string;
  rules: Rules;
}

function objectiveOf(settings: Pick<PrioritiseDto, 'objective'>): Objective {
  return (OBJECTIVES as readonly string[]).includes(settings.objective) ? (settings.objective as Objective) : 'score';
}

/** A saved scenario's settings as the page's form and choices, to run it again. */
export function openedScenario(settings: PrioritiseDto): OpenedScenario {
  return {
    objective: objectiveOf(settings),
    weight: settings.score_weight_percent === null ? DEFAULT_SCORE_WEIGHT : String(settings.score_weight_percent),
    frame: settings.frame === null ? '' : formatMoneyInput(settings.frame),
    rules: {
      forcedIn: [...settings.forced_in],
      forcedOut: [...settings.forced_out],
      requires: settings.requires.map((p) => ({ ...p })),
      excludes: settings.excludes.map((p) => ({ ...p })),
    },
  };
}

/** What counts as value in a scenario, short: "Medelpoäng", "Vägning, 70 % medelpoäng". */
export function objectiveText(settings: Pick<PrioritiseDto, 'objective' | 'score_weight_percent'>): string {
  const objective = objectiveOf(settings);
  return objective === 'combined'
    ? t('scenario.objective.combined', { weight: settings.score_weight_percent ?? DEFAULT_SCORE_WEIGHT })
    : t(`scenario.objective.${objective}`);
}

/** A scenario's frame: its own in kronor, or "Fastställd ram". */
export function frameText(settings: Pick<PrioritiseDto, 'frame'>): string {
  return settings.frame === null ? t('scenario.frame.recorded') : formatMoney(settings.frame);
}

/** How many conditions a scenario has: forced in or out, "kräver", "utesluter". */
export function rulesCount(settings: Pick<PrioritiseDto, 'forced_in' | 'forced_out' | 'requires' | 'excludes'>): number {
  return settings.forced_in.length + settings.forced_out.length + settings.requires.length + settings.excludes.length;
}

export type CompareProblem = 'none' | 'too_many';

/** Why the ticked scenarios cannot be compared (none, or more than six), or null. */
export function compareProblem(ticked: number): CompareProblem | null {
  if (ticked === 0) return 'none';
  return ticked > MAX_COMPARED ? 'too_many' : null;
}

export type ComparisonCell = 'chosen' | 'not_chosen' | 'refused';

/** One application in one compared scenario: with, without, or the scenario could not be solved. */
export function comparisonCell(chosen: boolean | null): ComparisonCell {
  if (chosen === null) return 'refused';
  return chosen ? 'chosen' : 'not_chosen';
}
