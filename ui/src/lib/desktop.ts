/**
 * What only the desktop shell does, beside the API: the .portfolj file the app was opened
 * with (or handed by a second start), and the data directory. In a browser there is none of
 * it: the file is null and the data directory is the bridge's `--db`.
 */

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { BundleFileDto } from '../generated/BundleFileDto';
import type { DataDirDto } from '../generated/DataDirDto';
import { isTauri, toApiError } from './api';

async function shell<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  }
}

/** The .portfolj file the desktop app was opened with, given once; null in a browser. */
export async function openedFile(): Promise<BundleFileDto | null> {
  return isTauri() ? shell<BundleFileDto | null>('opened_file') : null;
}

/**
 * Calls `onFile` whenever a second start of the desktop app hands over a file (the window is
 * already brought forward); `openedFile` then gives it. Returns the function that stops it.
 */
export async function onOpenedFile(onFile: () => void): Promise<() => void> {
  if (!isTauri()) return () => {};
  return listen('opened-file', onFile);
}

/** The data directory in use, from the next start, and the default; null in a browser. */
export async function dataDir(): Promise<DataDirDto | null> {
  return isTauri() ? shell<DataDirDto>('data_dir') : null;
}

/** Chooses the data directory for the next start; empty for the default. */
export const chooseDataDir = (dir: string) => shell<DataDirDto>('choose_data_dir', { dir });

/** Starts the desktop app again (on the data directory chosen). */
export const restartApp = () => shell<void>('restart');
