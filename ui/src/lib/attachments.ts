/**
 * Attachments (bilagor) as plain logic: which files the core accepts (checked here first, so
 * an obviously wrong file is never sent), base64 in both directions without building one
 * huge string or argument list, and handing a fetched file to the person.
 *
 * The core checks the same again and more (that the content matches the name, e.g. a text
 * file renamed to .pdf); its refusal arrives as a `validation` error on field `attachment`.
 */

import type { AttachmentContentDto } from '../generated/AttachmentContentDto';

/** portfolj-core `attachment.rs`: one file ≤ 10 MiB, all of an application's ≤ 50 MiB. */
export const ATTACHMENT_LIMITS = {
  fileBytes: 10 * 1024 * 1024,
  totalBytes: 50 * 1024 * 1024,
  nameChars: 200,
} as const;

/** The extensions the core accepts, lower case. */
export const ALLOWED_EXTENSIONS: readonly string[] = [
  'pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'png', 'jpg', 'jpeg', 'txt', 'csv',
];

/** For the file input's `accept`: ".pdf,.docx,…". A hint to the file dialog only. */
export const ACCEPT = ALLOWED_EXTENSIONS.map((e) => `.${e}`).join(',');

/** "Plan.PDF" → "pdf"; "" when the name has no extension. */
export function extensionOf(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 || dot === base.length - 1 ? '' : base.slice(dot + 1).toLowerCase();
}

export type AttachmentProblem =
  | { kind: 'type' }
  | { kind: 'empty' }
  | { kind: 'name' }
  | { kind: 'too_large'; size: number }
  | { kind: 'total'; stored: number };

/**
 * Why a file cannot be attached, checked before anything is sent: its type (by extension),
 * an empty file, a file over 10 MB, or the application's attachments going over 50 MB
 * together with it. `storedBytes` is the size of the attachments already there. Null when
 * the file may be sent (the core still checks its content).
 */
export function checkAttachment(
  file: { name: string; size: number },
  storedBytes: number,
): AttachmentProblem | null {
  const name = file.name.trim();
  if (!ALLOWED_EXTENSIONS.includes(extensionOf(name))) return { kind: 'type' };
  if (name === '' || [...name].length > ATTACHMENT_LIMITS.nameChars) return { kind: 'name' };
  if (file.size <= 0) return { kind: 'empty' };
  if (file.size > ATTACHMENT_LIMITS.fileBytes) return { kind: 'too_large', size: file.size };
  if (storedBytes + file.size > ATTACHMENT_LIMITS.totalBytes) return { kind: 'total', stored: storedBytes };
  return null;
}

/** The sum of the attachments' sizes. */
export function totalSize(attachments: readonly { size: number }[]): number {
  return attachments.reduce((sum, a) => sum + a.size, 0);
}

// 3 bytes become 4 characters, so chunks of a multiple of 3 bytes encode to pieces that
// simply join; each piece goes through String.fromCharCode with a bounded argument list.
const ENCODE_CHUNK = 3 * 8 * 1024;
// 4 characters become 3 bytes, so chunks of a multiple of 4 characters decode on their own.
const DECODE_CHUNK = 4 * 16 * 1024;

/** Bytes → base64, in chunks: a 10 MB file never meets the engine's argument-list limit. */
export function bytesToBase64(bytes: Uint8Array): string {
  const pieces: string[] = [];
  for (let start = 0; start < bytes.length; start += ENCODE_CHUNK) {
    const chunk = bytes.subarray(start, Math.min(start + ENCODE_CHUNK, bytes.length));
    let binary = '';
    const STEP = 4096;
    for (let i = 0; i < chunk.length; i += STEP) {
      binary += String.fromCharCode(...chunk.subarray(i, Math.min(i + STEP, chunk.length)));
    }
    pieces.push(btoa(binary));
  }
  return pieces.join('');
}

/** Base64 → bytes, in chunks. Whitespace is ignored; anything else not base64 throws. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = base64.replace(/\s+/g, '');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array(new ArrayBuffer(Math.max(0, Math.floor((text.length * 3) / 4) - padding)));
  let offset = 0;
  for (let start = 0; start < text.length; start += DECODE_CHUNK) {
    const binary = atob(text.slice(start, start + DECODE_CHUNK));
    for (let i = 0; i < binary.length; i++) out[offset++] = binary.charCodeAt(i);
  }
  return offset === out.length ? out : out.slice(0, offset);
}

/** Reads a chosen file and encodes it for `application.attachments.add`. */
export async function readFileAsBase64(file: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}

/** Whether the webview can show this file itself (images and text), e.g. in the desktop window. */
export function previewKind(mediaType: string): 'image' | 'text' | null {
  if (mediaType === 'image/png' || mediaType === 'image/jpeg') return 'image';
  if (mediaType === 'text/plain' || mediaType === 'text/csv') return 'text';
  return null;
}

/**
 * Hands a fetched attachment to the browser as a download under its own name: a Blob, an
 * object URL and a clicked `<a download>`. The URL is let go a minute later, when the
 * download has long started.
 */
export function saveFile(content: AttachmentContentDto): void {
  const blob = new Blob([base64ToBytes(content.content_base64)], {
    type: content.media_type || 'application/octet-stream',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = content.name;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** The text of a text attachment (UTF-8, which the core requires of .txt and .csv). */
export function decodeText(base64: string): string {
  return new TextDecoder('utf-8').decode(base64ToBytes(base64));
}
