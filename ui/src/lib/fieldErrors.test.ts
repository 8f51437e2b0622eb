import { describe, expect, it } from 'vitest';
import { describedBy, errorBesides, fieldProblem, messagesByField, otherMessages } from './fieldErrors';

const errors = [
  { field: 'key', message: 'Nyckeln ska vara 2–80 tecken.' },
  { field: 'name', message: 'Ange vad nyttomålet heter.' },
  { field: 'key', message: 'Nyckeln finns redan.' },
  { field: 'format', message: 'Okänt format.' },
];

describe('field errors', () => {
  it('groups the messages per field, in order', () => {
    expect(messagesByField(errors)).toEqual({
      key: ['Nyckeln ska vara 2–80 tecken.', 'Nyckeln finns redan.'],
      name: ['Ange vad nyttomålet heter.'],
      format: ['Okänt format.'],
    });
    expect(messagesByField([])).toEqual({});
  });

  it('keeps the messages of fields the form does not show', () => {
    expect(otherMessages(errors, ['key', 'name', 'unit'])).toEqual(['Okänt format.']);
    expect(otherMessages(errors, ['key', 'name', 'format'])).toEqual([]);
  });

  it('leaves out of the notice what is shown at the fields', () => {
    const refusal = { code: 'validation', message: 'Uppgifterna behöver rättas.', fields: errors };
    expect(errorBesides(refusal, ['key', 'name'])).toEqual({
      code: 'validation',
      message: 'Uppgifterna behöver rättas.',
      fields: [{ field: 'format', message: 'Okänt format.' }],
    });
    expect(errorBesides(null, ['key'])).toBeNull();
  });

  it('joins the describing ids that apply', () => {
    expect(describedBy('a-hint', false, 'a-error')).toBe('a-hint a-error');
    expect(describedBy(null, undefined, '')).toBeUndefined();
  });
});

describe('one field’s problem', () => {
  it('joins the core’s messages for the field into one line, and is null without any', () => {
    const error = { code: 'validation', message: 'Rätta fälten.', fields: errors };
    expect(fieldProblem(error, 'key')).toBe('Nyckeln ska vara 2–80 tecken. Nyckeln finns redan.');
    expect(fieldProblem(error, 'comment')).toBeNull();
    expect(fieldProblem(null, 'key')).toBeNull();
  });
});
