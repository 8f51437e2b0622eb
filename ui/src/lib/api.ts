/**
 * The one transport between the UI and the Rust core. `call(command, args)` reaches the same
 * command set in both places the UI runs:
 *
 * - in the Tauri window, through `invoke('call', { command, args })`;
 * - in an ordinary browser, through the HTTP bridge (`portfolj serve`): `POST /api/call/<command>`
 *   with the arguments as the JSON body and `Authorization: Bearer <token>`. The token arrives
 *   once in the address (`/#token=...`); `captureToken()` moves it to sessionStorage and removes
 *   it from the address bar.
 *
 * Every failure is thrown as an `ApiErrorDto` (`{ code, message, fields }`). Callers switch on
 * `code` and show `message`; they never look at message text.
 */

import { invoke } from '@tauri-apps/api/core';
import type { ApiErrorDto } from '../generated/ApiErrorDto';
import { saveFile } from './attachments';
import { t } from './i18n';

const TOKEN_KEY = 'portfolj.bridge-token';

/** True inside the Tauri window, where commands go through `invoke`. */
export function isTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

/**
 * Reads `#token=...` from the address (first load through the bridge), keeps the token in
 * sessionStorage and removes the fragment from the address bar, so the token is neither
 * bookmarked nor shown. Does nothing when there is no token in the address.
 */
export function captureToken(): void {
  if (typeof window === 'undefined') return;
  const fragment = window.location.hash.replace(/^#/, '');
  if (!fragment.startsWith('token=') && !fragment.includes('&token=')) return;
  const token = new URLSearchParams(fragment).get('token');
  if (token) {
    try {
      window.sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      memoryToken = token;
    }
  }
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', pathname + search);
}

// Fallback when sessionStorage is unavailable; lasts as long as the page.
let memoryToken: string | null = null;

function bridgeToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

/** Type guard for an error in the API's shape. */
export function isApiError(value: unknown): value is ApiErrorDto {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

/** Turns anything thrown into an ApiErrorDto (with a `fields` array, possibly empty). */
export function toApiError(value: unknown): ApiErrorDto {
  if (isApiError(value)) {
    const fields = Array.isArray(value.fields)
      ? value.fields.filter(
          (f): f is { field: string; message: string } =>
            typeof f === 'object' &&
            f !== null &&
            typeof (f as { field?: unknown }).field === 'string' &&
            typeof (f as { message?: unknown }).message === 'string',
        )
      : [];
    return { code: value.code, message: value.message, fields };
  }
  return transportError(typeof value === 'string' && value !== '' ? value : t('error.transport'));
}

function transportError(message: string = t('error.transport')): ApiErrorDto {
  return { code: 'transport', message, fields: [] };
}

/**
 * Saves a file the user asked for. In the desktop window (whose webview ignores Blob
 * downloads) the shell writes it to the Downloads folder and this resolves with the path;
 * in a browser `fallback` starts an ordinary download and this resolves with null.
 */
export async function saveDownload(fileName: string, contentBase64: string, fallback: () => void): Promise<string | null> {
  if (!isTauri()) {
    fallback();
    return null;
  }
  try {
    return await invoke<string>('save_download', { fileName, contentBase64 });
  } catch (error) {
    throw toApiError(error);
  }
}

/**
 * Saves a file the API made (a PDF, an export for Excel) under its own name, through
 * `saveDownload`; in a browser it is an ordinary download of its media type.
 */
export function saveApiFile(file: { file_name: string; media_type: string; content_base64: string }): Promise<string | null> {
  return saveDownload(file.file_name, file.content_base64, () =>
    saveFile({ name: file.file_name, media_type: file.media_type, content_base64: file.content_base64 }),
  );
}

/** Calls one command of the API and resolves with its result, or rejects with an ApiErrorDto. */
export async function call<T>(command: string, args?: unknown): Promise<T> {
  if (isTauri()) {
    try {
      return await invoke<T>('call', { command, args: args ?? {} });
    } catch (error) {
      throw toApiError(error);
    }
  }
  return callBridge<T>(command, args ?? {});
}

async function callBridge<T>(command: string, args: unknown): Promise<T> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  const token = bridgeToken();
  if (token) headers.Authorization = `Bearer ${token}`;

  let response: Response;
  let body: string;
  try {
    response = await fetch(`/api/call/${command}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(args),
      cache: 'no-store',
    });
    body = await response.text();
  } catch {
    throw transportError();
  }

  let parsed: unknown;
  try {
    parsed = body === '' ? null : JSON.parse(body);
  } catch {
    throw transportError(`${t('error.unexpected')} (HTTP ${response.status})`);
  }
  if (!response.ok) {
    if (isApiError(parsed)) throw toApiError(parsed);
    throw transportError(`${t('error.unexpected')} (HTTP ${response.status})`);
  }
  return parsed as T;
}

/** Whether the shell has been told a page is drawn (it times the start only). */
let shellTold = false;

/**
 * Says, on the next frame, that a page has shown its data: `data-rendered` on the document element for tests,
 * and, the first time in the desktop window, the shell logs the time since it started (and,
 * for the start-up benchmark, writes it to `PORTFOLJ_READY_FILE`). Never fails the page.
 */
export function markRendered(page: string): void {
  if (typeof window === 'undefined') return;
  // The frame after the DOM update is the one that shows it.
  window.requestAnimationFrame(() => {
    document.documentElement.dataset.rendered = page;
    if (isTauri() && !shellTold) {
      shellTold = true;
      invoke('rendered', { page, pageMillis: Math.round(performance.now()) }).catch(() => {});
    }
  });
}
