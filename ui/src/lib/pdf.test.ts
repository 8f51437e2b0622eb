import { describe, expect, it } from 'vitest';
import { setLanguage } from './i18n';
import { pagesText, pdfSavedText } from './pdf';

describe('pagesText', () => {
  it('says one page in the singular and counts the rest', () => {
    expect(pagesText(1)).toBe('1 sida');
    expect(pagesText(2)).toBe('2 sidor');
    expect(pagesText(1234)).toBe('1\u00a0234 sidor');
  });

  it('follows the language', () => {
    setLanguage('en');
    expect(pagesText(1)).toBe('1 page');
    expect(pagesText(3)).toBe('3 pages');
    setLanguage('sv');
  });
});

describe('pdfSavedText', () => {
  it('names the file and its pages', () => {
    expect(pdfSavedText({ file_name: 'beslut-skolval.pdf', pages: 2 })).toBe('Sparat: beslut-skolval.pdf, 2 sidor.');
    expect(pdfSavedText({ file_name: 'ansokan-skolval.pdf', pages: 1 })).toBe('Sparat: ansokan-skolval.pdf, 1 sida.');
  });
});
