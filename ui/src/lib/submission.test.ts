import { describe, expect, it, vi } from 'vitest';
import type { ApiErrorDto } from '../generated/ApiErrorDto';
import { Submission } from './submission.svelte';
import { deferred } from '../testing/deferred';

const refusal: ApiErrorDto = {
  code: 'validation',
  message: 'Motivering saknas.',
  fields: [{ field: 'motivation', message: 'Skriv en motivering.' }],
};

describe('Submission', () => {
  it('is busy while the work runs and keeps the status it sets', async () => {
    const submission = new Submission();
    const done = deferred();
    const event = new Event('submit', { cancelable: true });
    const result = submission.submit(event, async () => {
      await done.promise;
      submission.status = 'Sparat.';
    });
    expect(event.defaultPrevented).toBe(true);
    expect(submission.busy).toBe(true);
    done.resolve();
    await expect(result).resolves.toBe(true);
    expect(submission.busy).toBe(false);
    expect(submission.error).toBeNull();
    expect(submission.status).toBe('Sparat.');
  });

  it("keeps the core's refusal as the error, and says so before it is no longer busy", async () => {
    const submission = new Submission();
    const seen: { error: ApiErrorDto; busy: boolean }[] = [];
    const result = await submission.run(() => Promise.reject(refusal), {
      onError: (error) => void seen.push({ error, busy: submission.busy }),
    });
    expect(result).toBe(false);
    expect(submission.error).toEqual(refusal);
    expect(seen).toEqual([{ error: refusal, busy: true }]);
    expect(submission.busy).toBe(false);
  });

  it('waits for onError (e.g. focusing the message) before it is no longer busy', async () => {
    const submission = new Submission();
    const focused = deferred();
    const result = submission.run(() => Promise.reject(refusal), { onError: () => focused.promise });
    await vi.waitFor(() => expect(submission.error).not.toBeNull());
    expect(submission.busy).toBe(true);
    focused.resolve();
    await result;
    expect(submission.busy).toBe(false);
  });

  it('turns anything else thrown into a transport error', async () => {
    const submission = new Submission();
    await submission.run(() => Promise.reject('Anslutningen bröts.'));
    expect(submission.error?.code).toBe('transport');
    expect(submission.error?.message).toBe('Anslutningen bröts.');
  });

  it('clears the last error and status when it starts again', async () => {
    const submission = new Submission();
    await submission.run(() => Promise.reject(refusal));
    submission.status = 'Gammalt besked.';
    const done = deferred();
    const result = submission.run(() => done.promise);
    expect(submission.error).toBeNull();
    expect(submission.status).toBe('');
    done.resolve();
    await expect(result).resolves.toBe(true);
  });

  it('does nothing while the work is under way', async () => {
    const submission = new Submission();
    const done = deferred();
    const first = submission.run(() => done.promise);
    const work = vi.fn(() => Promise.resolve());
    await expect(submission.run(work)).resolves.toBe(false);
    expect(work).not.toHaveBeenCalled();
    done.resolve();
    await expect(first).resolves.toBe(true);
  });

  it('sends nothing when the check fails, but clears the last error first', async () => {
    const submission = new Submission();
    await submission.run(() => Promise.reject(refusal));
    const work = vi.fn(() => Promise.resolve());
    const check = vi.fn(() => {
      expect(submission.error).toBeNull();
      return false;
    });
    await expect(submission.run(work, { check })).resolves.toBe(false);
    expect(check).toHaveBeenCalledTimes(1);
    expect(work).not.toHaveBeenCalled();
    expect(submission.busy).toBe(false);
    expect(submission.error).toBeNull();
  });
});
