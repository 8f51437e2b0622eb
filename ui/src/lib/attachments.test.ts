import { describe, expect, it } from 'vitest';
import {
  ACCEPT,
  ATTACHMENT_LIMITS,
  base64ToBytes,
  bytesToBase64,
  checkAttachment,
  decodeText,
  extensionOf,
  previewKind,
  totalSize,
} from './attachments';

const MB = 1024 * 1024;

/** Deterministic pseudo-random bytes, so every byte value and chunk boundary is exercised. */
function bytes(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** The plain, slow encoding (one character at a time), to check the chunked one against. */
function referenceBase64(data: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < data.length; i++) binary += String.fromCharCode(data[i] ?? 0);
  return btoa(binary);
}

const utf8 = (text: string) => new TextEncoder().encode(text);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe('base64', () => {
  it.each([0, 1, 2, 3, 4, 5, 255, 256, 24575, 24576, 24577, 65535, 100_003])(
    'round-trips %i bytes and agrees with the plain encoding',
    (length) => {
      const data = bytes(length);
      const encoded = bytesToBase64(data);
      expect(encoded).toBe(referenceBase64(data));
      expect(sameBytes(base64ToBytes(encoded), data)).toBe(true);
    },
  );

  it('encodes and decodes a full 10 MB file without exhausting the stack', () => {
    const data = bytes(ATTACHMENT_LIMITS.fileBytes, 3);
    const encoded = bytesToBase64(data);
    expect(encoded.length).toBe(Math.ceil(data.length / 3) * 4);
    expect(encoded).toBe(referenceBase64(data));
    const decoded = base64ToBytes(encoded);
    expect(decoded.length).toBe(data.length);
    expect(sameBytes(decoded, data)).toBe(true);
  });

  it('encodes every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(Array.from(base64ToBytes(bytesToBase64(all)))).toEqual(Array.from(all));
  });

  it('reads base64 with line breaks and without padding', () => {
    expect(sameBytes(base64ToBytes('SGVq\nc2Fu'), utf8('Hejsan'))).toBe(true);
    expect(sameBytes(base64ToBytes('SGVqcw'), utf8('Hejs'))).toBe(true);
    expect(base64ToBytes('').length).toBe(0);
  });

  it('decodes UTF-8 text', () => {
    expect(decodeText(referenceBase64(utf8('år;belopp\n2014;100')))).toBe('år;belopp\n2014;100');
    expect(bytesToBase64(utf8('Hejsan'))).toBe('SGVqc2Fu');
  });
});

describe('extensionOf', () => {
  it.each([
    ['Förstudie.pdf', 'pdf'],
    ['skiss.PNG', 'png'],
    ['budget.2016.xlsx', 'xlsx'],
    ['C:\\Users\\anna\\plan.txt', 'txt'],
    ['README', ''],
    ['.bashrc', ''],
    ['punkt.', ''],
  ])('%s → %s', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });
});

describe('checkAttachment', () => {
  it('accepts every allowed type within the limits', () => {
    for (const name of ['a.pdf', 'a.docx', 'a.xlsx', 'a.pptx', 'a.odt', 'a.ods', 'a.png', 'a.jpg', 'a.JPEG', 'a.txt', 'a.csv']) {
      expect(checkAttachment({ name, size: 1 }, 0), name).toBeNull();
    }
  });

  it('refuses other types', () => {
    for (const name of ['setup.exe', 'script.js', 'arkiv.zip', 'gammal.doc', 'README', 'bild.gif']) {
      expect(checkAttachment({ name, size: 10 }, 0), name).toEqual({ kind: 'type' });
    }
  });

  it('refuses an empty file', () => {
    expect(checkAttachment({ name: 'tom.txt', size: 0 }, 0)).toEqual({ kind: 'empty' });
  });

  it('allows exactly 10 MB and refuses one byte more', () => {
    expect(checkAttachment({ name: 'stor.pdf', size: 10 * MB }, 0)).toBeNull();
    expect(checkAttachment({ name: 'stor.pdf', size: 10 * MB + 1 }, 0)).toEqual({ kind: 'too_large', size: 10 * MB + 1 });
  });

  it('refuses a file that takes the application over 50 MB in total', () => {
    expect(checkAttachment({ name: 'sista.pdf', size: 10 * MB }, 40 * MB)).toBeNull();
    expect(checkAttachment({ name: 'sista.pdf', size: 10 * MB }, 40 * MB + 1)).toEqual({ kind: 'total', stored: 40 * MB + 1 });
  });

  it('refuses a name longer than the core takes', () => {
    expect(checkAttachment({ name: `${'å'.repeat(196)}.pdf`, size: 1 }, 0)).toBeNull();
    expect(checkAttachment({ name: `${'å'.repeat(197)}.pdf`, size: 1 }, 0)).toEqual({ kind: 'name' });
  });
});

describe('helpers', () => {
  it('sums sizes', () => {
    expect(totalSize([])).toBe(0);
    expect(totalSize([{ size: 3 }, { size: 1024 }])).toBe(1027);
  });

  it('lists the allowed extensions for the file dialog', () => {
    expect(ACCEPT).toBe('.pdf,.docx,.xlsx,.pptx,.odt,.ods,.png,.jpg,.jpeg,.txt,.csv');
  });

  it('knows which files the window can show itself', () => {
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('image/jpeg')).toBe('image');
    expect(previewKind('text/csv')).toBe('text');
    expect(previewKind('application/pdf')).toBeNull();
  });
});
