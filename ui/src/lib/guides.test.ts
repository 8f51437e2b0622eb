import { describe, expect, it } from 'vitest';
import { GUIDES, GUIDE_IDS, guideById, guideForRoles, renderGuide } from './guides';
import { sv } from './i18n';

describe('guideForRoles', () => {
  it('gives each role its own guide', () => {
    expect(guideForRoles(['office'])).toBe('office');
    expect(guideForRoles(['valuer'])).toBe('valuer');
    expect(guideForRoles(['reviewer'])).toBe('reviewer');
    expect(guideForRoles(['coach'])).toBe('coach');
    expect(guideForRoles(['applicant'])).toBe('coach');
  });

  it('gives the utvecklingsråd and the stadsdirektör the office guide, with the memo and the decision', () => {
    expect(guideForRoles(['council'])).toBe('office');
    expect(guideForRoles(['decider'])).toBe('office');
  });

  it('lets the office, then the valuer, then the reviewer decide for a person with several roles', () => {
    expect(guideForRoles(['applicant', 'office'])).toBe('office');
    expect(guideForRoles(['reviewer', 'valuer'])).toBe('valuer');
    expect(guideForRoles(['coach', 'reviewer'])).toBe('reviewer');
    expect(guideForRoles(['applicant', 'council'])).toBe('coach');
  });

  it('falls back to the coach and applicant guide for no role', () => {
    expect(guideForRoles([])).toBe('coach');
  });
});

describe('GUIDES', () => {
  it('has the four guides, each with a name in the catalogue', () => {
    expect(GUIDES.map((g) => g.id)).toEqual([...GUIDE_IDS]);
    for (const guide of GUIDES) {
      expect(sv).toHaveProperty(guide.label);
      expect(guideById(guide.id)).toBe(guide);
    }
  });

  it('reads every guide from docs/guide: a Swedish title, steps, and what to do when something goes wrong', () => {
    for (const guide of GUIDES) {
      expect(guide.markdown, guide.file).toMatch(/^# Handledning för /);
      expect(guide.markdown, guide.file).toMatch(/^## Så här /m);
      expect(guide.markdown, guide.file).toMatch(/^1\. /m);
      expect(guide.markdown, guide.file).toMatch(/^## Om något går fel$/m);
    }
  });

  it('keeps raw HTML out of the guides', () => {
    for (const guide of GUIDES) {
      expect(guide.markdown, guide.file).not.toMatch(/<\/?[a-z][^>]*>/i);
    }
  });
});

describe('renderGuide', () => {
  it('moves headings one level down, under the page’s h1', () => {
    const html = renderGuide('# Titel\n\n## Så här gör du\n\n1. Tryck på **Spara**.\n');
    expect(html).toContain('<h2>Titel</h2>');
    expect(html).toContain('<h3>Så här gör du</h3>');
    expect(html).toContain('<ol>');
    expect(html).toContain('<strong>Spara</strong>');
  });

  it('shows raw HTML as text', () => {
    const html = renderGuide('<script>alert(1)</script>\n\nText med <img src=x onerror=alert(1)> i.\n');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('makes only web links into links', () => {
    expect(renderGuide('[Stockholm](https://start.stockholm)')).toContain('<a href="https://start.stockholm">Stockholm</a>');
    const other = renderGuide('[klicka](javascript:alert(1)) och [vardare](vardare.md)');
    expect(other).not.toContain('<a');
    expect(other).toContain('klicka');
    expect(other).toContain('vardare');
  });

  it('renders every guide with its title as an h2', () => {
    expect(renderGuide(guideById('office').markdown)).toContain('<h2>Handledning för projektkontoret</h2>');
    expect(renderGuide(guideById('valuer').markdown)).toContain('<h2>Handledning för nyttovärderare</h2>');
  });
});
