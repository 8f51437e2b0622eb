/**
 * Beredning in the UI: the small pure helpers the review pages share — the heat class of a
 * total, the text of a matrix cell, the status of an item on the scoring screen, sorting the
 * matrix, the level a digit key means, and the score form as the API takes it. Every figure (totals, means, spreads, ranks, leniency, completeness,
 * jäv) comes from the core; nothing here adds up or decides anything, it only chooses how a
 * value the API sent is shown.
 */

import type { CellDto } from '../generated/CellDto';
import type { CriterionDto } from '../generated/CriterionDto';
import type { CriterionScoreDto } from '../generated/CriterionScoreDto';
import type { DraftCriterionDto } from '../generated/DraftCriterionDto';
import type { MyItemDto } from '../generated/MyItemDto';
import type { RoundDto } from '../generated/RoundDto';
import type { RoundMemberDto } from '../generated/RoundMemberDto';
import type { RubricDto } from '../generated/RubricDto';
import type { RubricLevelDto } from '../generated/RubricLevelDto';
import type { ScoreVersionDto } from '../generated/ScoreVersionDto';
import type { SummaryRowDto } from '../generated/SummaryRowDto';
import { compareDecimal, parseDecimal } from './decimal';
import { formatDecimal } from './format';
import { t, type MessageKey } from './i18n';

// ---- The round ----------------------------------------------------------------------------

/** "open" → "Öppen", "closed" → "Stängd"; an unknown state as it is. */
export function roundStateLabel(state: string): string {
  if (state === 'open') return t('review.state.open');
  if (state === 'closed') return t('review.state.closed');
  return state;
}

export function isMember(round: RoundDto, personId: string): boolean {
  return round.members.some((m) => m.person.id === personId);
}

// ---- The matrix ---------------------------------------------------------------------------

/** How many colour steps the heat scale has (heat-1 … heat-5 in app.css). */
export const HEAT_STEPS = 5;

/**
 * The heat class of a total on the rubric's scale: "heat-1" at the bottom … "heat-5" at the
 * top, in equal steps; null when there is no total. The colour only supports the figure,
 * which is always shown as text too.
 */
export function heatClass(total: string | null, scaleMin: number, scaleMax: number): string | null {
  if (total === null || parseDecimal(total) === null || scaleMax <= scaleMin) return null;
  // A number only to choose a colour band, never to show or add a figure.
  const share = (Number(total) - scaleMin) / (scaleMax - scaleMin);
  const step = Math.min(HEAT_STEPS, Math.max(1, Math.floor(share * HEAT_STEPS) + 1));
  return `heat-${step}`;
}

export const CELL_STATES = ['scored', 'missing', 'jav', 'absent', 'not_assigned', 'hidden'] as const;
export type CellState = (typeof CELL_STATES)[number];

const CELL_TEXT: Record<Exclude<CellState, 'scored'>, MessageKey> = {
  missing: 'review.cell.missing',
  jav: 'review.cell.jav',
  absent: 'review.cell.absent',
  not_assigned: 'review.cell.not_assigned',
  hidden: 'review.cell.hidden',
};

/**
 * What a matrix cell says: the member's total with two decimals ("3,45") when scored,
 * otherwise the word for the state ("Jäv", "Saknas", "Frånvarande", "–", "Dold"). `spoken`
 * is the text for a screen reader where the visible text is only a sign.
 */
export function cellText(cell: CellDto): { text: string; spoken: string | null } {
  if (cell.state === 'scored') {
    return cell.total !== null ? { text: formatDecimal(cell.total, 2), spoken: null } : { text: '–', spoken: null };
  }
  const key = CELL_TEXT[cell.state as Exclude<CellState, 'scored'>];
  if (!key) return { text: cell.state, spoken: null };
  // "–" alone reads as nothing; a screen reader hears "Inte tilldelad".
  const spoken = cell.state === 'not_assigned' ? t('review.cell.not_assigned_spoken') : null;
  return { text: t(key), spoken };
}

/** The cell of one member in a row (cells come in the round's member order; found by id). */
export function cellOf(row: SummaryRowDto, personId: string): CellDto | undefined {
  return row.cells.find((c) => c.person_id === personId);
}

/** A decimal with two decimals, or "–" when the API has none. */
export function figure(value: string | null, places = 2): string {
  return value === null ? '–' : formatDecimal(value, places);
}

/** A signed decimal for leniency: "+0,25", "−0,40", "0,00". */
export function signedFigure(value: string, places = 2): string {
  const text = formatDecimal(value, places);
  const d = parseDecimal(value);
  if (!d || d.negative || /^[0,\s]*$/.test(text)) return text;
  return '+' + text;
}

export const SORT_KEYS = [
  'title',
  'mean',
  'median',
  'spread',
  'std_dev',
  'scores',
  'normalised_mean',
  'raw_rank',
  'normalised_rank',
  'rank_move',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'ascending' | 'descending';

function sortValue(row: SummaryRowDto, key: SortKey): string | number | null {
  return row[key];
}

function compareValues(a: string | number, b: string | number, key: SortKey): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (key === 'title') return String(a).localeCompare(String(b), 'sv-SE');
  return compareDecimal(String(a), String(b));
}

/**
 * The rows sorted by one column. Rows without a value (no scores yet, hidden) come last in
 * either direction; ties keep the API's order.
 */
export function sortRows(rows: readonly SummaryRowDto[], key: SortKey, direction: SortDirection): SummaryRowDto[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      const a = sortValue(x.row, key);
      const b = sortValue(y.row, key);
      if (a === null && b === null) return x.index - y.index;
      if (a === null) return 1;
      if (b === null) return -1;
      return sign * compareValues(a, b, key) || x.index - y.index;
    })
    .map((e) => e.row);
}

/** The rows that have a range to draw (at least one visible score). */
export function rowsWithRange(rows: readonly SummaryRowDto[]): SummaryRowDto[] {
  return rows.filter((r) => r.min !== null && r.max !== null);
}

/** The applications a member has, read from the matrix: every cell but "not_assigned". */
export function assignedApplicationIds(rows: readonly SummaryRowDto[], personId: string): string[] {
  return rows.filter((r) => (cellOf(r, personId)?.state ?? 'not_assigned') !== 'not_assigned').map((r) => r.application_id);
}

/** The members whose cell in a row is "missing": the ones the office may mark absent. */
export function missingMembers(row: SummaryRowDto, members: readonly RoundMemberDto[]): RoundMemberDto[] {
  return members.filter((m) => cellOf(row, m.person.id)?.state === 'missing');
}

export const RECOMMENDATION_KINDS = ['support', 'support_with_conditions', 'oppose', 'supplement'] as const;
export type RecommendationKind = (typeof RECOMMENDATION_KINDS)[number];

/** A recommendation's kind in the UI's language; the core's Swedish name for an unknown one. */
export function recommendationLabel(kind: string, kindSv: string): string {
  return (RECOMMENDATION_KINDS as readonly string[]).includes(kind)
    ? t(`review.recommendation.${kind as RecommendationKind}`)
    : kindSv;
}

/** The kinds of jäv a person declares; the core finds same_unit and co_benefiting_unit itself. */
export const JAV_KINDS = ['personal_relation', 'economic_interest', 'other'] as const;
export type JavKind = (typeof JAV_KINDS)[number];
const ALL_JAV_KINDS = ['same_unit', 'co_benefiting_unit', ...JAV_KINDS] as const;

/** A jäv's kind in the UI's language; the core's Swedish name for an unknown one. */
export function javKindLabel(kind: string, kindSv: string): string {
  return (ALL_JAV_KINDS as readonly string[]).includes(kind)
    ? t(`review.jav.kind.${kind as (typeof ALL_JAV_KINDS)[number]}`)
    : kindSv;
}

// ---- Score history ------------------------------------------------------------------------

export interface LevelChange {
  key: string;
  /** The level in the member's previous version; null in their first. */
  from: number | null;
  to: number;
}

/**
 * For each version in the history (same order), the criteria whose level differs from the
 * same member's previous version — "who changed which score". A first version lists none.
 */
export function historyChanges(history: readonly ScoreVersionDto[]): LevelChange[][] {
  const ordered = history
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.version - b.entry.version);
  const previous = new Map<string, ScoreVersionDto>();
  const out: LevelChange[][] = history.map(() => []);
  for (const { entry, index } of ordered) {
    const before = previous.get(entry.person_id);
    if (before) {
      const changes: LevelChange[] = [];
      for (const [key, score] of Object.entries(entry.criteria)) {
        if (!score) continue;
        const old = before.criteria[key];
        if (!old || old.level !== score.level) changes.push({ key, from: old ? old.level : null, to: score.level });
      }
      out[index] = changes;
    }
    previous.set(entry.person_id, entry);
  }
  return out;
}

// ---- Min bedömning ------------------------------------------------------------------------

export type ItemStatus =
  | { kind: 'jav' }
  | { kind: 'draft'; version: number | null }
  | { kind: 'scored'; version: number }
  | { kind: 'not_started' };

/** Where a member stands with one application: jävig, draft (newer than any score), scored, not started. */
export function itemStatus(item: MyItemDto): ItemStatus {
  if (item.jav.length > 0) return { kind: 'jav' };
  if (item.draft !== null) return { kind: 'draft', version: item.version };
  if (item.version !== null) return { kind: 'scored', version: item.version };
  return { kind: 'not_started' };
}

/** "Bedömd v2", "Utkast", "Utkast (bedömd v1)", "Ej påbörjad", "Jävig". */
export function itemStatusText(status: ItemStatus): string {
  switch (status.kind) {
    case 'jav':
      return t('review.item.jav');
    case 'draft':
      return status.version === null ? t('review.item.draft') : t('review.item.draft_after', { version: status.version });
    case 'scored':
      return t('review.item.scored', { version: status.version });
    case 'not_started':
      return t('review.item.not_started');
  }
}

/** The scoring form: a level (or none yet) and a comment per criterion key. */
export type ScoreForm = Record<string, DraftCriterionDto>;

/** The form for an item: its draft if there is one, else its newest score, else empty. */
export function formFromItem(item: MyItemDto, rubric: RubricDto): ScoreForm {
  const form: ScoreForm = {};
  for (const criterion of rubric.criteria) {
    const draft = item.draft?.[criterion.key];
    const score = item.score?.[criterion.key];
    form[criterion.key] = draft
      ? { level: draft.level, comment: draft.comment }
      : score
        ? { level: score.level, comment: score.comment }
        : { level: null, comment: '' };
  }
  return form;
}

/**
 * The form as `review.score` takes it: criteria without a level are left out, so the core
 * answers with what is still to be scored.
 */
export function scoreCriteria(form: ScoreForm): Record<string, CriterionScoreDto> {
  const out: Record<string, CriterionScoreDto> = {};
  for (const [key, value] of Object.entries(form)) {
    if (value.level !== null) out[key] = { level: value.level, comment: value.comment };
  }
  return out;
}

/**
 * The level a key press means on a scale: "1"–"9" as themselves, "0" as 10 on a scale that
 * reaches 10; null for any other key or a level outside the scale.
 */
export function levelForKey(key: string, scaleMin: number, scaleMax: number): number | null {
  if (!/^[0-9]$/.test(key)) return null;
  const digit = Number(key);
  const level = digit === 0 && scaleMax >= 10 ? 10 : digit;
  return level >= scaleMin && level <= scaleMax ? level : null;
}

// ---- The group ----------------------------------------------------------------------------

/** Reads the optional cap typed: "" → null, "4" → 4; anything but a whole number → "invalid". */
export function parseCap(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,6}$/.test(trimmed)) return 'invalid';
  return Number(trimmed);
}

/** The levels of a criterion for a new scale, keeping the anchor of each level still on it. */
export function resizeLevels(levels: readonly RubricLevelDto[], scaleMin: number, scaleMax: number): RubricLevelDto[] {
  const out: RubricLevelDto[] = [];
  for (let value = scaleMin; value <= scaleMax; value++) {
    out.push({ value, anchor: levels.find((l) => l.value === value)?.anchor ?? '' });
  }
  return out;
}

/** A key for a new criterion that no other criterion has: "criterion_1", "criterion_2", … */
export function newCriterionKey(criteria: readonly CriterionDto[]): string {
  let n = criteria.length + 1;
  while (criteria.some((c) => c.key === `criterion_${n}`)) n += 1;
  return `criterion_${n}`;
}

/** A copy of a rubric to edit, so the round's own stays as the API sent it. */
export function copyRubric(rubric: RubricDto): RubricDto {
  return {
    scale_min: rubric.scale_min,
    scale_max: rubric.scale_max,
    criteria: rubric.criteria.map((c) => ({ ...c, levels: c.levels.map((l) => ({ ...l })) })),
  };
}
