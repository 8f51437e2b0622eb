import { afterEach, describe, expect, it } from 'vitest';
import { base64ToBytes } from './attachments';
import {
  BUNDLE_MAX_BYTES,
  bundleBlob,
  bundleKindLabel,
  canSendWorkTo,
  checkBundleFile,
  countKindLabel,
  countLine,
  countsSummary,
  directionLabel,
  importConflictsText,
  parseSinceDate,
  parseValidDays,
  passphraseOrNull,
  passphraseProblem,
  readBundleFile,
  recipientLabel,
  shortHash,
  sortCounts,
  writesSentence,
} from './bundles';
import { setLanguage } from './i18n';

afterEach(() => setLanguage('sv'));

describe('reading and saving bundle files', () => {
  it('reads a chosen file as base64 under its own name', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255, 10]);
    const file = new File([bytes], 'inbjudan.portfolj');
    const read = await readBundleFile(file);
    expect(read.file_name).toBe('inbjudan.portfolj');
    expect(read.content_base64).toBe('AAEC+vv8/f7/Cg==');
    expect(Array.from(base64ToBytes(read.content_base64))).toEqual(Array.from(bytes));
  });

  it('turns a made bundle back into its bytes for a download', async () => {
    const blob = bundleBlob({ file_name: 'x.portfolj', content_base64: 'AAEC+vv8/f7/Cg==' });
    expect(blob.type).toBe('application/octet-stream');
    expect(Array.from(new Uint8Array(await blob.arrayBuffer()))).toEqual([0, 1, 2, 250, 251, 252, 253, 254, 255, 10]);
  });

  it('refuses empty and oversized files before sending them', () => {
    expect(checkBundleFile({ size: 0 })).toBe('empty');
    expect(checkBundleFile({ size: 1 })).toBeNull();
    expect(checkBundleFile({ size: BUNDLE_MAX_BYTES })).toBeNull();
    expect(checkBundleFile({ size: BUNDLE_MAX_BYTES + 1 })).toBe('too_large');
  });
});

describe('what a bundle holds, in words', () => {
  const counts = [
    { kind: 'programme', count: 1 },
    { kind: 'certificate', count: 1 },
    { kind: 'zz_new_kind', count: 2 },
    { kind: 'office_key', count: 1 },
    { kind: 'write', count: 0 },
    { kind: 'revocations', count: 1 },
  ];

  it('names every operation kind, and shows an unknown one as it is', () => {
    expect(countKindLabel('office_key')).toBe('projektkontorets nyckel');
    expect(countKindLabel('rotation')).toBe('byte av projektkontorets nyckel');
    expect(countKindLabel('certificate')).toBe('intyg');
    expect(countKindLabel('revocations')).toBe('återkallade intyg');
    expect(countKindLabel('programme')).toBe('programdata');
    expect(countKindLabel('something')).toBe('something');
  });

  it('orders the counts as a person reads them and leaves out zeros', () => {
    expect(sortCounts(counts).map((c) => c.kind)).toEqual([
      'office_key',
      'certificate',
      'revocations',
      'programme',
      'zz_new_kind',
    ]);
  });

  it('summarises the counts in one phrase, and as lines', () => {
    expect(countsSummary(counts)).toBe(
      'projektkontorets nyckel: 1, intyg: 1, återkallade intyg: 1, programdata: 1, zz_new_kind: 2',
    );
    expect(countsSummary([])).toBe('Inget');
    expect(countLine({ kind: 'certificate', count: 1 })).toBe('Intyg: 1');
    expect(countLine({ kind: 'write', count: 1234 })).toBe('Fältändringar: 1\u00a0234');
  });

  it('names kinds, directions and recipients', () => {
    expect(bundleKindLabel('invitation')).toBe('Inbjudan');
    expect(bundleKindLabel('member')).toBe('Från medlem');
    expect(bundleKindLabel('office')).toBe('Från projektkontoret');
    expect(bundleKindLabel('later')).toBe('later');
    expect(directionLabel('in')).toBe('In');
    expect(directionLabel('out')).toBe('Ut');
    expect(recipientLabel('')).toBe('Alla');
    expect(recipientLabel('*')).toBe('Alla');
    expect(recipientLabel('5DC88981FB6CCF72')).toBe('5DC88981FB6CCF72');
  });

  it('follows the language', () => {
    setLanguage('en');
    expect(countLine({ kind: 'office_key', count: 1 })).toBe('Project office key: 1');
    expect(bundleKindLabel('invitation')).toBe('Invitation');
  });

  it('shortens a hash to its first 16 hex digits', () => {
    const hash = '7a40b55c2c187e631c5959226dd51ec845bd43d11bc06537cc375fb712fc36f6';
    expect(shortHash(hash)).toBe('7a40b55c2c187e63');
    expect(shortHash('abc')).toBe('abc');
  });
});

describe('form values', () => {
  it('asks for the same passphrase twice; none at all is allowed', () => {
    expect(passphraseProblem('', '')).toBeNull();
    expect(passphraseProblem('hemlig fras', 'hemlig fras')).toBeNull();
    expect(passphraseProblem('hemlig fras', 'hemlig Fras')).toBe('mismatch');
    expect(passphraseProblem('hemlig', '')).toBe('mismatch');
    expect(passphraseOrNull('')).toBeNull();
    expect(passphraseOrNull(' x ')).toBe(' x ');
  });

  it('reads the days a certificate is valid', () => {
    expect(parseValidDays('365')).toBe(365);
    expect(parseValidDays(' 30 ')).toBe(30);
    expect(parseValidDays('3650')).toBe(3650);
    expect(parseValidDays('0')).toBeNull();
    expect(parseValidDays('3651')).toBeNull();
    expect(parseValidDays('1,5')).toBeNull();
    expect(parseValidDays('-3')).toBeNull();
    expect(parseValidDays('')).toBeNull();
  });
});

describe('what an incoming bundle\'s field writes would do', () => {
  it('says it in one sentence, singular and plural in Swedish', () => {
    expect(writesSentence({ new_writes: 12, changed_fields: 3, conflicts: 1 })).toBe(
      'Ger 12 nya fältändringar, ändrar 3 fält, 1 konflikt.',
    );
    expect(writesSentence({ new_writes: 1, changed_fields: 1, conflicts: 0 })).toBe(
      'Ger 1 ny fältändring, ändrar 1 fält, inga konflikter.',
    );
    expect(writesSentence({ new_writes: 2, changed_fields: 0, conflicts: 2 })).toBe(
      'Ger 2 nya fältändringar, ändrar inget fält, 2 konflikter.',
    );
    expect(writesSentence({ new_writes: 1234, changed_fields: 1000, conflicts: 0 })).toBe(
      'Ger 1\u00a0234 nya fältändringar, ändrar 1\u00a0000 fält, inga konflikter.',
    );
  });

  it('and in English', () => {
    setLanguage('en');
    expect(writesSentence({ new_writes: 12, changed_fields: 3, conflicts: 1 })).toBe(
      'Brings 12 new field changes, changes 3 fields, 1 conflict.',
    );
    expect(writesSentence({ new_writes: 1, changed_fields: 1, conflicts: 0 })).toBe(
      'Brings 1 new field change, changes 1 field, no conflicts.',
    );
    expect(writesSentence({ new_writes: 3, changed_fields: 0, conflicts: 2 })).toBe(
      'Brings 3 new field changes, changes no field, 2 conflicts.',
    );
  });

  it('counts the conflicts an import left', () => {
    expect(importConflictsText(1)).toBe('Paketet gav 1 konflikt. Välj vilket värde som ska gälla under Konflikter.');
    expect(importConflictsText(3)).toBe('Paketet gav 3 konflikter. Välj vilka värden som ska gälla under Konflikter.');
  });
});

describe('sending work', () => {
  it('reads the date a member\'s export starts from', () => {
    expect(parseSinceDate('')).toEqual({ since: null });
    expect(parseSinceDate('   ')).toEqual({ since: null });
    expect(parseSinceDate('2026-11-01')).toEqual({ since: '2026-11-01' });
    expect(parseSinceDate(' 2024-02-29 ')).toEqual({ since: '2024-02-29' });
    expect(parseSinceDate('2025-02-29')).toBe('invalid');
    expect(parseSinceDate('2026-13-01')).toBe('invalid');
    expect(parseSinceDate('2026-11-1')).toBe('invalid');
    expect(parseSinceDate('1/11/2026')).toBe('invalid');
    expect(parseSinceDate('i går')).toBe('invalid');
  });

  it('sends work only to another laptop whose certificate holds', () => {
    expect(canSendWorkTo({ key_id: '5DC88981FB6CCF72', revoked: false }, '6CC8BF55A0E675BD')).toBe(true);
    expect(canSendWorkTo({ key_id: '5DC88981FB6CCF72', revoked: true }, '6CC8BF55A0E675BD')).toBe(false);
    expect(canSendWorkTo({ key_id: '6CC8BF55A0E675BD', revoked: false }, '6CC8BF55A0E675BD')).toBe(false);
    expect(canSendWorkTo({ key_id: '6cc8bf55a0e675bd', revoked: false }, '6CC8BF55A0E675BD')).toBe(false);
  });
});
