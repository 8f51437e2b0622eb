/**
 * Follows a long use case while it runs — how far it has come (`progress.get`, read every
 * 300 ms) — and asks it to stop (`progress.cancel`). The core stops at its next step, changes
 * nothing and answers with the code `cancelled`. The import, the memo and the export use it.
 *
 * ```ts
 * const tracked = new Tracked();
 * const file = await tracked.follow(() => exportMemo(args));
 * // meanwhile: <CancelButton {tracked} /> and tracked.progress for the bar
 * ```
 */
import { cancelProgress, getProgress } from './commands';

export const POLL_MS = 300;

export class Tracked {
  /** Steps done of all, once the core has said (null before, and when it is not running). */
  progress = $state<{ done: number; total: number } | null>(null);
  running = $state(false);
  cancelling = $state(false);
  /** Which `follow` is current: an answer to an earlier one's poll is not shown. */
  #run = 0;

  /** Runs `work` (one command), reading its progress until it answers. */
  async follow<T>(work: () => Promise<T>): Promise<T> {
    const run = ++this.#run;
    this.running = true;
    this.cancelling = false;
    this.progress = null;
    const timer = setInterval(async () => {
      try {
        const p = await getProgress();
        // A poll sent before the work answered may come back after it.
        if (run === this.#run && this.running && p.active && p.total > 0) {
          this.progress = { done: p.done, total: p.total };
        }
      } catch {
        // The work's own answer says what went wrong.
      }
    }, POLL_MS);
    try {
      return await work();
    } finally {
      clearInterval(timer);
      this.progress = null;
      this.running = false;
      this.cancelling = false;
    }
  }

  /** Asks the core to stop the work at its next step. */
  async cancel(): Promise<void> {
    this.cancelling = true;
    try {
      // False: the work had already ended; its own answer says how.
      if (!(await cancelProgress())) this.cancelling = false;
    } catch {
      this.cancelling = false;
    }
  }
}
