import { describe, expect, it } from 'vitest';
import { memoArgs, previewShows, sameInputs, savedText } from './memo';

describe('memoArgs', () => {
  it('sends an empty diarienummer as none and trims the rest', () => {
    expect(memoArgs({ year: 2014, portfolio: null, caseNumber: '  ', draft: false })).toEqual({
      year: 2014,
      portfolio: null,
      case_number: null,
      draft: false,
    });
    expect(memoArgs({ year: 2018, portfolio: 1, caseNumber: ' KS 2018/1234 ', draft: true })).toEqual({
      year: 2018,
      portfolio: 1,
      case_number: 'KS 2018/1234',
      draft: true,
    });
  });
});

describe('sameInputs and previewShows', () => {
  const asked = memoArgs({ year: 2014, portfolio: null, caseNumber: '', draft: false });

  it('compares what the checksum is made of, not whether it is a draft', () => {
    expect(sameInputs(asked, { ...asked, draft: true })).toBe(true);
    expect(sameInputs(asked, { ...asked, year: 2015 })).toBe(false);
    expect(sameInputs(asked, { ...asked, portfolio: 1 })).toBe(false);
    expect(sameInputs(asked, { ...asked, case_number: 'KS 1' })).toBe(false);
  });

  it('says a preview is out of date when the memo it shows would differ', () => {
    const complete = { args: asked, result: { draft: false, incomplete: [] } };
    expect(previewShows(complete, asked)).toBe(true);
    expect(previewShows(complete, { ...asked, draft: true })).toBe(false);
    expect(previewShows(complete, { ...asked, portfolio: 2 })).toBe(false);
    // A memo with an incomplete review is a draft either way: ticking Utkast changes nothing.
    const incomplete = { args: asked, result: { draft: true, incomplete: ['Skolval'] } };
    expect(previewShows(incomplete, { ...asked, draft: true })).toBe(true);
    expect(previewShows(incomplete, asked)).toBe(true);
  });
});

describe('savedText', () => {
  it('names the file and counts the pages', () => {
    expect(savedText({ file_name: 'beslutsunderlag-2014.pdf', pages: 12 })).toBe(
      'Beslutsunderlaget är sparat: beslutsunderlag-2014.pdf, 12 sidor.',
    );
    expect(savedText({ file_name: 'a.pdf', pages: 1 })).toBe('Beslutsunderlaget är sparat: a.pdf, 1 sida.');
  });
});
