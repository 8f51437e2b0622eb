import { describe, expect, it } from 'vitest';
import {
  EXPORT_FORMATS,
  EXPORT_WHATS,
  effectiveFormat,
  exportArgs,
  exportFormatLabel,
  exportSavedText,
  exportWhatLabel,
  formatAllowed,
  rowsText,
} from './export';
import { setLanguage } from './i18n';

describe('the format of an export', () => {
  it('offers XLSX first, as the default', () => {
    expect(EXPORT_FORMATS[0]).toBe('xlsx');
  });

  it('allows CSV for one table but not for all tables, which only a workbook holds', () => {
    for (const what of EXPORT_WHATS) {
      expect(formatAllowed(what, 'xlsx'), what).toBe(true);
      expect(formatAllowed(what, 'csv'), what).toBe(what !== 'all');
    }
  });

  it('makes all tables a workbook even where CSV was chosen, and keeps the choice otherwise', () => {
    expect(effectiveFormat('all', 'csv')).toBe('xlsx');
    expect(effectiveFormat('all', 'xlsx')).toBe('xlsx');
    expect(effectiveFormat('decisions', 'csv')).toBe('csv');
    expect(effectiveFormat('applications', 'xlsx')).toBe('xlsx');
  });
});

describe('exportArgs', () => {
  it('sends the choices as they are, null meaning every year and all five portfolios', () => {
    expect(exportArgs({ what: 'decisions', format: 'csv', year: 2014, portfolio: null })).toEqual({
      what: 'decisions',
      format: 'csv',
      year: 2014,
      portfolio: null,
    });
    expect(exportArgs({ what: 'scores', format: 'xlsx', year: null, portfolio: 3 })).toEqual({
      what: 'scores',
      format: 'xlsx',
      year: null,
      portfolio: 3,
    });
  });

  it('never asks for all tables as CSV, which the core refuses', () => {
    expect(exportArgs({ what: 'all', format: 'csv', year: null, portfolio: null }).format).toBe('xlsx');
  });
});

describe('labels', () => {
  it('names every table and format in Swedish', () => {
    expect(EXPORT_WHATS.map(exportWhatLabel)).toEqual([
      'Ansökningar',
      'Nyttovärderingar',
      'Poäng',
      'Beslut',
      'Statusrapporter',
      'Slutrapporter',
      'Effekthemtagningar',
      'Alla tabeller (en arbetsbok)',
    ]);
    expect(EXPORT_FORMATS.map(exportFormatLabel)).toEqual(['Excel (XLSX)', 'CSV för Excel (semikolon, decimalkomma)']);
  });
});

describe('exportSavedText', () => {
  it('names the file and counts its rows the Swedish way', () => {
    expect(exportSavedText({ file_name: 'ansokningar-2014.xlsx', rows: 123 })).toBe('Sparat: ansokningar-2014.xlsx, 123 rader.');
    expect(exportSavedText({ file_name: 'beslut.csv', rows: 1 })).toBe('Sparat: beslut.csv, 1 rad.');
    expect(exportSavedText({ file_name: 'beslut.csv', rows: 0 })).toBe('Sparat: beslut.csv, 0 rader.');
    expect(rowsText(12345)).toBe('12\u00a0345 rader');
  });

  it('follows the language', () => {
    setLanguage('en');
    expect(exportSavedText({ file_name: 'portfolj.xlsx', rows: 1 })).toBe('Saved: portfolj.xlsx, 1 row.');
    expect(rowsText(2)).toBe('2 rows');
    setLanguage('sv');
  });
});
