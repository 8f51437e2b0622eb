/**
 * Uppföljning's "Exportera data" as plain logic: what can be exported and in which formats,
 * the choices as the API's `ExportArgsDto` (a CSV file holds one table, so "Alla tabeller"
 * is always a workbook), and what is said once the file is saved.
 */

import type { ExportArgsDto } from '../generated/ExportArgsDto';
import type { ExportFileDto } from '../generated/ExportFileDto';
import type { ExportFormatDto } from '../generated/ExportFormatDto';
import type { ExportWhatDto } from '../generated/ExportWhatDto';
import { formatNumber } from './format';
import { t } from './i18n';

/** The tables, in the order of the programme's workflow, then all of them in one workbook. */
export const EXPORT_WHATS: readonly ExportWhatDto[] = [
  'applications',
  'valuations',
  'scores',
  'decisions',
  'status_reports',
  'final_reports',
  'follow_ups',
  'all',
];

/** The formats, the default (XLSX) first. */
export const EXPORT_FORMATS: readonly ExportFormatDto[] = ['xlsx', 'csv'];

export interface ExportChoices {
  what: ExportWhatDto;
  /** The format chosen; see `effectiveFormat` for the one that is used. */
  format: ExportFormatDto;
  /** One budget year, or null for every year. */
  year: number | null;
  /** One portfolio, or null for all five. */
  portfolio: number | null;
}

/** Whether `format` can hold `what`: a CSV file holds one table, so not "Alla tabeller". */
export function formatAllowed(what: ExportWhatDto, format: ExportFormatDto): boolean {
  return !(what === 'all' && format === 'csv');
}

/** The format the file is made in: the one chosen, or XLSX where the choice cannot hold it. */
export function effectiveFormat(what: ExportWhatDto, format: ExportFormatDto): ExportFormatDto {
  return formatAllowed(what, format) ? format : 'xlsx';
}

/** The choices for `export.file`; never the combination the core refuses (all tables as CSV). */
export function exportArgs(choices: ExportChoices): ExportArgsDto {
  return {
    what: choices.what,
    format: effectiveFormat(choices.what, choices.format),
    year: choices.year,
    portfolio: choices.portfolio,
  };
}

/** "Ansökningar", "Alla tabeller (en arbetsbok)". */
export const exportWhatLabel = (what: ExportWhatDto): string => t(`followup.export.what.${what}`);

/** "Excel (XLSX)", "CSV för Excel (semikolon, decimalkomma)". */
export const exportFormatLabel = (format: ExportFormatDto): string => t(`followup.export.format.${format}`);

/** "1 rad", "1 234 rader". */
export function rowsText(rows: number): string {
  return rows === 1 ? t('followup.export.rows.one') : t('followup.export.rows.other', { count: formatNumber(rows) });
}

/** "Sparat: ansokningar-2014.xlsx, 123 rader." */
export function exportSavedText(file: Pick<ExportFileDto, 'file_name' | 'rows'>): string {
  return t('followup.export.saved', { file: file.file_name, rows: rowsText(file.rows) });
}
