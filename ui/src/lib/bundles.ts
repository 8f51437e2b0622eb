/**
 * `.portfolj` bundles as plain logic: reading a chosen file into the API's `BundleFileDto`
 * (base64, via the chunked encoder in attachments.ts), handing a made bundle to the person as
 * a download, and the Swedish names of what a bundle holds ("intyg: 1, programdata: 1"), its
 * kind, direction and recipient, and what an incoming bundle's field writes would do ("Ger 12
 * nya fältändringar, ändrar 3 fält, 1 konflikt."). docs/bundle-format.md describes the format
 * and the checks.
 */

import type { BundleFileDto } from '../generated/BundleFileDto';
import type { BundlePreviewDto } from '../generated/BundlePreviewDto';
import type { CertificateDto } from '../generated/CertificateDto';
import type { CountDto } from '../generated/CountDto';
import { base64ToBytes, readFileAsBase64 } from './attachments';
import { formatNumber } from './format';
import { t, type MessageKey } from './i18n';

/** For the file input's `accept`; a hint to the file dialog only, the core checks the content. */
export const BUNDLE_ACCEPT = '.portfolj';

/** The receiver's limit on a whole file (bundle-format.md, "What the receiver checks", 1). */
export const BUNDLE_MAX_BYTES = 512 * 1024 * 1024;

export type BundleFileProblem = 'empty' | 'too_large';

/** Why a chosen file is not even sent for checking: empty, or above the core's limit. */
export function checkBundleFile(file: { size: number }): BundleFileProblem | null {
  if (file.size <= 0) return 'empty';
  if (file.size > BUNDLE_MAX_BYTES) return 'too_large';
  return null;
}

/** Reads a chosen file for `bundle.inspect` and `bundle.import`. */
export async function readBundleFile(file: File): Promise<BundleFileDto> {
  return { file_name: file.name, content_base64: await readFileAsBase64(file) };
}

/** A made bundle's bytes, for an object URL behind an `<a download>`. */
export function bundleBlob(file: BundleFileDto): Blob {
  return new Blob([base64ToBytes(file.content_base64)], { type: 'application/octet-stream' });
}

/** The kinds of operation a bundle counts, in the order a person reads them. */
export const COUNT_KINDS = [
  'office_key',
  'rotation',
  'certificate',
  'revocations',
  'programme',
  'application',
  'write',
  'review_round',
  'score',
  'jav',
] as const;
export type CountKind = (typeof COUNT_KINDS)[number];

function isCountKind(kind: string): kind is CountKind {
  return (COUNT_KINDS as readonly string[]).includes(kind);
}

/** "certificate" → "intyg"; an unknown kind is shown as it is. */
export function countKindLabel(kind: string): string {
  return isCountKind(kind) ? t(`bundle.count.${kind}`) : kind;
}

/** The counts in COUNT_KINDS order, unknown kinds last (alphabetically); zeros left out. */
export function sortCounts(counts: readonly CountDto[]): CountDto[] {
  const rank = (kind: string) => (isCountKind(kind) ? COUNT_KINDS.indexOf(kind) : COUNT_KINDS.length);
  return counts
    .filter((c) => c.count > 0)
    .sort((a, b) => rank(a.kind) - rank(b.kind) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** One count as a line of its own: "Intyg: 1" (first letter upper case). */
export function countLine(count: CountDto): string {
  const label = countKindLabel(count.kind);
  const capitalised = label.charAt(0).toLocaleUpperCase('sv-SE') + label.slice(1);
  return t('bundle.count.line', { label: capitalised, count: formatNumber(count.count) });
}

/** All counts in one phrase: "projektkontorets nyckel: 1, intyg: 1, programdata: 1". */
export function countsSummary(counts: readonly CountDto[]): string {
  const sorted = sortCounts(counts);
  if (sorted.length === 0) return t('bundle.counts.none');
  return sorted
    .map((c) => t('bundle.count.line', { label: countKindLabel(c.kind), count: formatNumber(c.count) }))
    .join(', ');
}

export const BUNDLE_KINDS = ['invitation', 'member', 'office'] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

/** "invitation" → "inbjudan", "member" → "från medlem", "office" → "från projektkontoret". */
export function bundleKindLabel(kind: string): string {
  return (BUNDLE_KINDS as readonly string[]).includes(kind) ? t(`bundle.kind.${kind as BundleKind}`) : kind;
}

/** The bundle log's direction: "in" → "In", "out" → "Ut". */
export function directionLabel(direction: string): string {
  if (direction === 'in') return t('bundle.direction.in');
  if (direction === 'out') return t('bundle.direction.out');
  return direction;
}

/** A recipient key id, or "alla" for a bundle to everyone (empty in a preview, `*` in the log). */
export function recipientLabel(recipient: string): string {
  return recipient === '' || recipient === '*' ? t('bundle.recipient.everyone') : recipient;
}

/** The first 16 hex digits of a SHA-256, enough to tell bundles apart when reading. */
export function shortHash(hash: string, length = 16): string {
  return hash.length > length ? hash.slice(0, length) : hash;
}

/**
 * Why a new passphrase cannot be used: the repetition differs. Both empty means no
 * passphrase, which is allowed.
 */
export function passphraseProblem(passphrase: string, repeat: string): 'mismatch' | null {
  return passphrase === repeat ? null : 'mismatch';
}

/** An empty passphrase field means none: the API's `null`. */
export function passphraseOrNull(passphrase: string): string | null {
  return passphrase === '' ? null : passphrase;
}

/** How long an invitation's certificate holds: a whole number of days, 1–3650; else null. */
export function parseValidDays(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,4}$/.test(trimmed)) return null;
  const days = Number(trimmed);
  return days >= 1 && days <= 3650 ? days : null;
}

/** A count in words, singular or plural: `key.one` for 1, `key.none` (where given) for 0. */
function counted(
  count: number,
  keys: { none?: MessageKey; one: MessageKey; other: MessageKey },
): string {
  if (count === 0 && keys.none) return t(keys.none);
  if (count === 1) return t(keys.one);
  return t(keys.other, { count: formatNumber(count) });
}

/**
 * What an incoming bundle's field writes would do, in one sentence: "Ger 12 nya
 * fältändringar, ändrar 3 fält, 1 konflikt." Only meaningful when `new_writes` > 0.
 */
export function writesSentence(
  preview: Pick<BundlePreviewDto, 'new_writes' | 'changed_fields' | 'conflicts'>,
): string {
  return t('preview.writes.sentence', {
    writes: counted(preview.new_writes, { one: 'preview.writes.new.one', other: 'preview.writes.new.other' }),
    fields: counted(preview.changed_fields, {
      none: 'preview.writes.fields.none',
      one: 'preview.writes.fields.one',
      other: 'preview.writes.fields.other',
    }),
    conflicts: counted(preview.conflicts, {
      none: 'preview.writes.conflicts.none',
      one: 'preview.writes.conflicts.one',
      other: 'preview.writes.conflicts.other',
    }),
  });
}

/** After an import that left conflicts: "Paketet gav 1 konflikt. …" */
export function importConflictsText(conflicts: number): string {
  return counted(conflicts, { one: 'import.conflicts.one', other: 'import.conflicts.other' });
}

/**
 * The "sedan datum" of a member's export: empty means since the last bundle (`null`); a
 * calendar date written YYYY-MM-DD is sent as it is; anything else is `invalid`.
 */
export function parseSinceDate(text: string): { since: string | null } | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return { since: null };
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (!match) return 'invalid';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? { since: trimmed } : 'invalid';
}

/**
 * Whether the projektkontor can send work to the laptop of `certificate`: it is not revoked,
 * and it is not this (the office's own) laptop.
 */
export function canSendWorkTo(certificate: Pick<CertificateDto, 'key_id' | 'revoked'>, ownKeyId: string): boolean {
  return !certificate.revoked && certificate.key_id.toUpperCase() !== ownKeyId.toUpperCase();
}
