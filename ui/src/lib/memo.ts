/**
 * The Beslutsunderlag page's choices as the API's `MemoArgsDto`, and what is said about a
 * made PDF. The memo's text itself is read by memoText.ts.
 */

import type { MemoArgsDto } from '../generated/MemoArgsDto';
import type { MemoFileDto } from '../generated/MemoFileDto';
import type { MemoPreviewDto } from '../generated/MemoPreviewDto';
import { t } from './i18n';
import { pagesText } from './pdf';

export interface MemoChoices {
  year: number;
  /** One portfolio, or null for all five. */
  portfolio: number | null;
  /** The diarienummer as typed; empty for none. */
  caseNumber: string;
  draft: boolean;
}

/** The choices for `memo.preview` and `memo.export`: an empty diarienummer is none (`null`). */
export function memoArgs(choices: MemoChoices): MemoArgsDto {
  const caseNumber = choices.caseNumber.trim();
  return {
    year: choices.year,
    portfolio: choices.portfolio,
    case_number: caseNumber === '' ? null : caseNumber,
    draft: choices.draft,
  };
}

/**
 * Whether two sets of choices build the memo from the same inputs, so that their checksums can
 * be compared: the same year, portfolios and diarienummer. Whether it is a draft is not an
 * input.
 */
export function sameInputs(a: MemoArgsDto, b: MemoArgsDto): boolean {
  return a.year === b.year && a.portfolio === b.portfolio && a.case_number === b.case_number;
}

/**
 * Whether a preview still shows the memo the choices `now` would make: the same inputs, and a
 * draft exactly when it would be one (when asked for, or while a review is incomplete).
 */
export function previewShows(
  preview: { args: MemoArgsDto; result: Pick<MemoPreviewDto, 'draft' | 'incomplete'> },
  now: MemoArgsDto,
): boolean {
  const draft = now.draft || preview.result.incomplete.length > 0;
  return sameInputs(preview.args, now) && draft === preview.result.draft;
}

/** "Beslutsunderlaget är sparat: beslutsunderlag-2014.pdf, 12 sidor." */
export function savedText(file: Pick<MemoFileDto, 'file_name' | 'pages'>): string {
  return t('memo.export.done', { file: file.file_name, pages: pagesText(file.pages) });
}
