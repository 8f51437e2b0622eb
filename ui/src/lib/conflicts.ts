/**
 * Open conflicts (`conflicts.list`, docs/bundle-format.md "Field writes, merge and
 * conflicts") as a person reads them: a field's written values in order, the current one
 * first, and each value as text. A value arrives as JSON text (`"\"Coachens text\""`); a
 * string is shown without its quotes and through `fieldValue` (a unit's name for a unit id,
 * "Förstudie" for `pre_study`), an empty one as "Inte ifyllt", and any other JSON as it is.
 */

import type { ConflictDto } from '../generated/ConflictDto';
import type { ProgrammeDto } from '../generated/ProgrammeDto';
import type { WrittenValueDto } from '../generated/WrittenValueDto';
import { fieldValue } from './fieldLabels';
import { t } from './i18n';

export interface ConflictValue extends WrittenValueDto {
  /** The value that holds now (the newest write). */
  current: boolean;
}

/** The current value first, then the others as the API lists them. */
export function conflictValues(conflict: Pick<ConflictDto, 'current' | 'others'>): ConflictValue[] {
  return [{ ...conflict.current, current: true }, ...conflict.others.map((o) => ({ ...o, current: false }))];
}

/** One conflict's identity on the page: an application's field. */
export function conflictKey(conflict: Pick<ConflictDto, 'application_id' | 'field'>): string {
  return `${conflict.application_id}|${conflict.field}`;
}

export interface ValueText {
  text: string;
  /** Nothing written (an empty string or null): the text is "Inte ifyllt". */
  blank: boolean;
}

/**
 * A written value as text: `"\"Coachens text\""` → "Coachens text"; `"\"\""` and `"null"` →
 * "Inte ifyllt"; `"\"pre_study\""` for `details.project_kind` → "Förstudie"; a number through
 * `fieldValue` as well; lists and objects (and text that is not JSON) as they are.
 */
export function writtenValueText(field: string, value: string, programme: ProgrammeDto | null): ValueText {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { text: value, blank: value.trim() === '' };
  }
  if (parsed === null || (typeof parsed === 'string' && parsed.trim() === '')) {
    return { text: t('view.blank'), blank: true };
  }
  if (typeof parsed === 'string') return { text: fieldValue(field, parsed, programme), blank: false };
  if (typeof parsed === 'number' || typeof parsed === 'boolean') {
    return { text: fieldValue(field, String(parsed), programme), blank: false };
  }
  return { text: value, blank: false };
}
