/**
 * Which row's confirm step is open (ConfirmStep.svelte), with focus where a keyboard user
 * expects it: on "Ja, …" when the step opens, back on the row's button when it is cancelled.
 * The ids follow one prefix: `<prefix>-<row>` is the row's button, `<prefix>-confirm-<row>`
 * the step's "Ja, …".
 */
import { tick } from 'svelte';

export class Confirmation {
  /** The row whose step is open, or null. */
  open = $state<string | null>(null);
  readonly #prefix: string;

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  buttonId(row: string): string {
    return `${this.#prefix}-${row}`;
  }

  yesId(row: string): string {
    return `${this.#prefix}-confirm-${row}`;
  }

  /** Opens the row's step and moves focus to its "Ja, …". */
  async ask(row: string): Promise<void> {
    this.open = row;
    await tick();
    globalThis.document?.getElementById(this.yesId(row))?.focus();
  }

  /** "Avbryt": closes the step and gives focus back to the row's button. */
  async cancel(row: string): Promise<void> {
    this.open = null;
    await tick();
    globalThis.document?.getElementById(this.buttonId(row))?.focus();
  }

  /** Closes the step after its action is done. */
  close(): void {
    this.open = null;
  }
}
