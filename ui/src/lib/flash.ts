/**
 * A one-time message carried across a navigation, e.g. "Ansökan är sparad." shown on the
 * detail page right after the create form saved. Read once, then gone.
 */

let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

export function takeFlash(): string | null {
  const message = pending;
  pending = null;
  return message;
}
