/**
 * PDFs the core makes — the decision memo, a decision notice, an application printout —
 * saved as every other file the API makes is saved (`saveApiFile`: the Downloads folder in
 * the desktop window, an ordinary download in a browser), and what is said once one is saved.
 */

import type { PdfFileDto } from '../generated/PdfFileDto';
import { saveApiFile } from './api';
import { formatNumber } from './format';
import { t } from './i18n';

/** Saves a PDF the API made under its own name; resolves with the path in the desktop window. */
export function savePdf(file: Pick<PdfFileDto, 'file_name' | 'content_base64'>): Promise<string | null> {
  return saveApiFile({ ...file, media_type: 'application/pdf' });
}

/** "1 sida", "12 sidor". */
export function pagesText(pages: number): string {
  return pages === 1 ? t('pdf.pages.one') : t('pdf.pages.other', { count: formatNumber(pages) });
}

/** "Sparat: beslut-skolval.pdf, 2 sidor." */
export function pdfSavedText(file: Pick<PdfFileDto, 'file_name' | 'pages'>): string {
  return t('pdf.saved', { file: file.file_name, pages: pagesText(file.pages) });
}
