/**
 * The sending state of a form (or button) that sends one command at a time and shows the
 * core's answer: `busy` while it is under way (the disabled button and its "…" label),
 * `error` when the core refused (for ErrorNotice) and `status`, a line for the form's live
 * region that the work sets when it is done.
 *
 * ```ts
 * const submission = new Submission();
 * const submit = (event: SubmitEvent) =>
 *   submission.submit(event, async () => {
 *     onRound(await addReviewMember(roundId, person));
 *     submission.status = t('review.member.done_plain');
 *   });
 * ```
 */
import type { ApiErrorDto } from '../generated/ApiErrorDto';
import { toApiError } from './api';

export interface SubmissionOptions {
  /**
   * Runs after the last error and status are cleared and before anything is sent; false
   * stops there without sending (a field the form checks itself, with focus moved to it).
   */
  check?: () => boolean;
  /** Runs after a refusal is in `error`, before `busy` clears: e.g. to move focus to it. */
  onError?: (error: ApiErrorDto) => void | Promise<void>;
}

export class Submission {
  busy = $state(false);
  error = $state<ApiErrorDto | null>(null);
  status = $state('');

  /** Forgets the last refusal and status line (e.g. when the form is opened again). */
  clear(): void {
    this.error = null;
    this.status = '';
  }

  /** `run` for a form's submit event, which it keeps from reloading the page. */
  submit(event: Event, work: () => Promise<void>, options: SubmissionOptions = {}): Promise<boolean> {
    event.preventDefault();
    return this.run(work, options);
  }

  /**
   * Does `work` unless it is already under way: clears the last error and status, is busy
   * until the work ends, and keeps what it threw as `error`. Resolves true when the work
   * succeeded, false when it was refused, not started or already under way.
   */
  async run(work: () => Promise<void>, options: SubmissionOptions = {}): Promise<boolean> {
    if (this.busy) return false;
    this.clear();
    if (options.check && !options.check()) return false;
    this.busy = true;
    try {
      await work();
      return true;
    } catch (thrown) {
      const error = toApiError(thrown);
      this.error = error;
      await options.onError?.(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
