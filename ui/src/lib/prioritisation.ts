/**
 * Prioritering in the UI: the office's choices as plain data — what is forced in or out, which
 * application requires or excludes which — and the form turned into `prioritise.run`'s
 * arguments. The selection, its value and every reason are the core's; nothing here chooses
 * or adds up, it only keeps the choices and says how a figure the API sent is shown.
 */

import type { FrameDto } from '../generated/FrameDto';
import type { PairDto } from '../generated/PairDto';
import type { PrioritiseDto } from '../generated/PrioritiseDto';
import type { PriorityRowDto } from '../generated/PriorityRowDto';
import { formatDecimal, formatMoney, parseMoneyInput } from './format';

// ---- The objective ------------------------------------------------------------------------

/** What counts as value: the group's mean score, the NPV, or a weighted combination. */
export const OBJECTIVES = ['score', 'npv', 'combined'] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** The score's share of a combined value when the office has not said otherwise (the core's default). */
export const DEFAULT_SCORE_WEIGHT = '50';

/** The frontier's step, in percent of the frame (0, 10, …, 150 %). */
export const FRONTIER_STEP = 10;

/**
 * A value by the objective as it is shown: NPV in whole kronor ("1 234 567 kr"), a sum of mean
 * scores with two decimals ("17,65"), a combined value (each application 0–1) with three.
 */
export function valueText(objective: string, value: string): string {
  if (objective === 'npv') return formatMoney(value);
  return formatDecimal(value, objective === 'combined' ? 3 : 2);
}

// ---- The office's choices -----------------------------------------------------------------

export type PairKind = 'requires' | 'excludes';
export type Forcing = 'in' | 'out';

/** Everything the office has chosen besides the objective: the rules of the next run. */
export interface Rules {
  forcedIn: string[];
  forcedOut: string[];
  requires: PairDto[];
  excludes: PairDto[];
}

export const NO_RULES: Rules = { forcedIn: [], forcedOut: [], requires: [], excludes: [] };

export function hasRules(rules: Rules): boolean {
  return rules.forcedIn.length + rules.forcedOut.length + rules.requires.length + rules.excludes.length > 0;
}

/** Whether an application is forced in, forced out, or left to the optimisation. */
export function forcingOf(rules: Rules, id: string): Forcing | null {
  if (rules.forcedIn.includes(id)) return 'in';
  if (rules.forcedOut.includes(id)) return 'out';
  return null;
}

/**
 * Presses a row's "Tvinga in" or "Välj bort": pressing the one that is on turns it off,
 * pressing the other moves the application over (it is never both).
 */
export function toggleForced(rules: Rules, id: string, forcing: Forcing): Rules {
  const on = forcingOf(rules, id) === forcing;
  const forcedIn = rules.forcedIn.filter((x) => x !== id);
  const forcedOut = rules.forcedOut.filter((x) => x !== id);
  if (!on) (forcing === 'in' ? forcedIn : forcedOut).push(id);
  return { ...rules, forcedIn, forcedOut };
}

/** The same pair: "A kräver B" is not "B kräver A"; "A utesluter B" is "B utesluter A". */
function samePair(kind: PairKind, a: PairDto, b: PairDto): boolean {
  if (a.application_id === b.application_id && a.other_id === b.other_id) return true;
  return kind === 'excludes' && a.application_id === b.other_id && a.other_id === b.application_id;
}

export type PairProblem = 'missing' | 'same' | 'duplicate';

/** Adds "A kräver B" or "A utesluter B", or says why not. */
export function addPair(rules: Rules, kind: PairKind, pair: PairDto): { rules: Rules } | { problem: PairProblem } {
  if (pair.application_id === '' || pair.other_id === '') return { problem: 'missing' };
  if (pair.application_id === pair.other_id) return { problem: 'same' };
  if (rules[kind].some((p) => samePair(kind, p, pair))) return { problem: 'duplicate' };
  return { rules: { ...rules, [kind]: [...rules[kind], { ...pair }] } };
}

export function removePair(rules: Rules, kind: PairKind, pair: PairDto): Rules {
  return {
    ...rules,
    [kind]: rules[kind].filter((p) => !(p.application_id === pair.application_id && p.other_id === pair.other_id)),
  };
}

/** Forgets the forcing of one application (from the list of choices). */
export function unforce(rules: Rules, id: string): Rules {
  return { ...rules, forcedIn: rules.forcedIn.filter((x) => x !== id), forcedOut: rules.forcedOut.filter((x) => x !== id) };
}

// ---- The form -----------------------------------------------------------------------------

export interface RunForm {
  portfolio: number;
  year: number;
  objective: Objective;
  /** The score's share in percent, as typed; read only for `combined`. */
  weight: string;
  /** A scenario's own frame in kronor, as typed; blank for the recorded frame. */
  frame: string;
}

export type RunProblem = 'weight' | 'frame';

/** A whole percentage 0–100 as typed ("50", " 75 %"), or null. */
export function parseWeight(text: string): number | null {
  const match = /^(\d{1,3})$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!match) return null;
  const value = Number(match[1]);
  return value <= 100 ? value : null;
}

/**
 * The form and the rules as `prioritise.run` takes them, or the fields that cannot be read
 * (a weight that is not a whole percentage, a scenario frame that is not an amount).
 */
export function prioritiseArgs(form: RunForm, rules: Rules): { args: PrioritiseDto } | { problems: RunProblem[] } {
  const problems: RunProblem[] = [];
  const weight = form.objective === 'combined' ? parseWeight(form.weight) : null;
  if (form.objective === 'combined' && weight === null) problems.push('weight');
  let frame: string | null = null;
  if (form.frame.trim() !== '') {
    frame = parseMoneyInput(form.frame);
    if (frame === null || frame.startsWith('-')) problems.push('frame');
  }
  if (problems.length > 0) return { problems };
  return {
    args: {
      portfolio: form.portfolio,
      year: form.year,
      objective: form.objective,
      score_weight_percent: weight,
      frame,
      forced_in: [...rules.forcedIn],
      forced_out: [...rules.forcedOut],
      requires: rules.requires.map((p) => ({ ...p })),
      excludes: rules.excludes.map((p) => ({ ...p })),
      frontier_step: FRONTIER_STEP,
    },
  };
}

/**
 * The year a portfolio's prioritisation starts on: the latest with a frame, or null when none
 * has one. For `null` (all portfolios, as in the decision memo) the latest year any has a frame.
 */
export function latestFrameYear(frames: readonly FrameDto[], portfolio: number | null): number | null {
  const years = frames.filter((f) => portfolio === null || f.portfolio === portfolio).map((f) => f.year);
  return years.length > 0 ? Math.max(...years) : null;
}

// ---- The candidates -----------------------------------------------------------------------

export interface Candidate {
  id: string;
  title: string;
}

/** The applications of a result, in title order, for the pair editor's lists. */
export function candidatesOf(rows: readonly PriorityRowDto[]): Candidate[] {
  return rows
    .map((r) => ({ id: r.application_id, title: r.title }))
    .sort((a, b) => a.title.localeCompare(b.title, 'sv'));
}

/** An application's title among the candidates; its id when it is not one of them. */
export function titleOf(candidates: readonly Candidate[], id: string): string {
  return candidates.find((c) => c.id === id)?.title ?? id;
}
