import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProgressDto } from '../generated/ProgressDto';
import { deferred } from '../testing/deferred';

// The shell's answers to `progress.get` and `progress.cancel`, as the core gives them.
const shell = vi.hoisted(() => ({
  progress: { active: false, done: 0, total: 0 } as ProgressDto,
  running: false,
}));
const getProgress = vi.hoisted(() => vi.fn(async () => shell.progress));
vi.mock('./commands', () => ({
  getProgress,
  cancelProgress: async () => shell.running,
}));

const { POLL_MS, Tracked } = await import('./progress.svelte');

describe('Tracked', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    shell.progress = { active: false, done: 0, total: 0 };
    shell.running = false;
  });
  afterEach(() => vi.useRealTimers());

  it('shows how far the work has come while it runs, and nothing after', async () => {
    const tracked = new Tracked();
    const work = deferred<string>();
    const followed = tracked.follow(() => work.promise);
    expect(tracked.running).toBe(true);
    expect(tracked.progress).toBeNull();
    shell.progress = { active: true, done: 2, total: 6 };
    await vi.advanceTimersByTimeAsync(POLL_MS);
    expect(tracked.progress).toEqual({ done: 2, total: 6 });
    work.resolve('beslutsunderlag-2014.pdf');
    expect(await followed).toBe('beslutsunderlag-2014.pdf');
    expect(tracked.running).toBe(false);
    expect(tracked.progress).toBeNull();
    shell.progress = { active: true, done: 3, total: 6 };
    await vi.advanceTimersByTimeAsync(POLL_MS * 3);
    expect(tracked.progress).toBeNull();
  });

  it('shows nothing from a poll that answers after the work has ended', async () => {
    const tracked = new Tracked();
    const work = deferred<string>();
    let answer: (p: ProgressDto) => void = () => {};
    getProgress.mockImplementationOnce(() => new Promise<ProgressDto>((resolve) => (answer = resolve)));
    const followed = tracked.follow(() => work.promise);
    await vi.advanceTimersByTimeAsync(POLL_MS);
    work.resolve('klar');
    await followed;
    answer({ active: true, done: 5, total: 6 });
    await vi.advanceTimersByTimeAsync(0);
    expect(tracked.progress).toBeNull();
  });

  it('says "Avbryter …" until the cancelled work answers, and passes on its refusal', async () => {
    const tracked = new Tracked();
    const work = deferred<string>();
    const followed = tracked.follow(() => work.promise);
    shell.running = true;
    await tracked.cancel();
    expect(tracked.cancelling).toBe(true);
    const refusal = { code: 'cancelled', message: 'Exporten avbröts.', fields: [] };
    work.reject(refusal);
    await expect(followed).rejects.toBe(refusal);
    expect(tracked.cancelling).toBe(false);
    expect(tracked.running).toBe(false);
  });

  it('stops saying "Avbryter …" when the work had already ended', async () => {
    const tracked = new Tracked();
    shell.running = false;
    await tracked.cancel();
    expect(tracked.cancelling).toBe(false);
  });
});
