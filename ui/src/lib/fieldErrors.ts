/**
 * A refusal's field errors (`{field, message}` from the core) as the small forms show them:
 * the messages of each field next to it, and the messages of fields the form has no place for
 * in a list of their own, so nothing the core said is lost.
 */

import { tick } from 'svelte';
import type { ApiErrorDto } from '../generated/ApiErrorDto';
import type { FieldErrorDto } from '../generated/FieldErrorDto';

export type FieldMessages = Partial<Record<string, string[]>>;

/** The messages per field, in the order the core gave them. */
export function messagesByField(errors: readonly FieldErrorDto[]): FieldMessages {
  const grouped: FieldMessages = {};
  for (const e of errors) (grouped[e.field] ??= []).push(e.message);
  return grouped;
}

/** The messages of the fields not in `known`. */
export function otherMessages(errors: readonly FieldErrorDto[], known: readonly string[]): string[] {
  return errors.filter((e) => !known.includes(e.field)).map((e) => e.message);
}

/**
 * A refusal as the notice above a form shows it: without the messages of the fields the form
 * shows at the fields themselves (`known`). Null when there is no refusal.
 */
export function errorBesides(error: ApiErrorDto | null, known: readonly string[]): ApiErrorDto | null {
  return error ? { ...error, fields: error.fields.filter((f) => !known.includes(f.field)) } : null;
}

/** An aria-describedby value from the ids that apply; undefined when none does. */
export function describedBy(...ids: readonly (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return present.length > 0 ? present.join(' ') : undefined;
}

/** The core's messages for one field as one line, or null when it has none. */
export function fieldProblem(error: ApiErrorDto | null, field: string): string | null {
  const messages = messagesByField(error?.fields ?? [])[field];
  return messages ? messages.join(' ') : null;
}

/**
 * After a refusal, once the messages are on the page: focus the first control marked invalid
 * in `container` (a radio group, which cannot carry aria-invalid, by its fieldset's
 * `has-error`), or else the element matching `fallback` (the notice above the form, for
 * messages that belong to no field).
 */
export async function focusFirstProblem(container: HTMLElement | null, fallback: string): Promise<void> {
  await tick();
  const invalid = container?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset.has-error input');
  (invalid ?? container?.querySelector<HTMLElement>(fallback))?.focus();
}
