import { describe, expect, it } from 'vitest';
import { APPLICATION_STATES, IT_CATEGORIES, catalogues, en, sv, t, setLanguage } from './i18n';

describe('catalogue', () => {
  it('has the same keys in Swedish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('has no empty texts', () => {
    for (const [language, messages] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(sv[key]));
    }
  });

  it('names every application state and IT category', () => {
    for (const state of APPLICATION_STATES) expect(sv).toHaveProperty(`state.${state}`);
    for (const category of IT_CATEGORIES) expect(sv).toHaveProperty(`category.${category}`);
  });
});

describe('t', () => {
  it('is Swedish by default and fills placeholders', () => {
    expect(t('nav.overview')).toBe('Översikt');
    expect(t('applications.count.other', { count: 12 })).toBe('12 ansökningar');
  });

  it('switches language', () => {
    setLanguage('en');
    expect(t('nav.overview')).toBe('Overview');
    setLanguage('sv');
    expect(t('nav.overview')).toBe('Översikt');
  });

  it('leaves unknown placeholders visible', () => {
    expect(t('persona.switched', {})).toBe('Du agerar nu som {name}.');
  });
});
