import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, LocalDrafts, flushOnLeave, type KeyValueStore, type SaveStatus } from './autosave';
import { deferred, type Deferred } from '../testing/deferred';

/** An Autosaver whose saves wait until the test resolves them. */
function harness() {
  const calls: { value: string; done: Deferred<string> }[] = [];
  const statuses: SaveStatus<string>[] = [];
  const saved: { result: string; settled: boolean }[] = [];
  const errors: string[] = [];
  const saver = new Autosaver<string, string, string>({
    save: (value) => {
      const done = deferred<string>();
      calls.push({ value, done });
      return done.promise;
    },
    toError: (e) => String(e),
    onStatus: (s) => statuses.push(s),
    onSaved: (result, _value, settled) => saved.push({ result, settled }),
    onError: (e) => errors.push(e),
    delay: 800,
    now: () => new Date('2026-11-25T10:15:00Z'),
  });
  return { saver, calls, statuses, saved, errors };
}

const settle = () => Promise.resolve();

describe('Autosaver', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('saves once, 800 ms after the last change', async () => {
    const h = harness();
    h.saver.change('a');
    vi.advanceTimersByTime(500);
    h.saver.change('ab');
    vi.advanceTimersByTime(799);
    expect(h.calls).toHaveLength(0);
    expect(h.saver.status).toEqual({ kind: 'pending' });
    vi.advanceTimersByTime(1);
    expect(h.calls.map((c) => c.value)).toEqual(['ab']);
    expect(h.saver.status).toEqual({ kind: 'saving' });
    h.calls[0]!.done.resolve('ok');
    await vi.waitFor(() => expect(h.saver.status.kind).toBe('saved'));
    expect(h.saved).toEqual([{ result: 'ok', settled: true }]);
    expect(h.saver.dirty).toBe(false);
  });

  it('never runs two saves at once, and saves the latest value last', async () => {
    const h = harness();
    h.saver.change('a');
    vi.advanceTimersByTime(800);
    expect(h.calls).toHaveLength(1);
    h.saver.change('ab');
    h.saver.change('abc');
    vi.advanceTimersByTime(800);
    // The first save is still under way: nothing new is sent yet.
    expect(h.calls).toHaveLength(1);
    h.calls[0]!.done.resolve('first');
    await vi.waitFor(() => expect(h.calls).toHaveLength(2));
    expect(h.calls[1]!.value).toBe('abc');
    expect(h.saved).toEqual([{ result: 'first', settled: false }]);
    expect(h.saver.status.kind).toBe('saving');
    h.calls[1]!.done.resolve('second');
    await vi.waitFor(() => expect(h.saver.status.kind).toBe('saved'));
    expect(h.saved.at(-1)).toEqual({ result: 'second', settled: true });
  });

  it('flush saves at once and resolves when everything is saved', async () => {
    const h = harness();
    h.saver.change('typed');
    const flushed = h.saver.flush();
    expect(h.calls.map((c) => c.value)).toEqual(['typed']);
    h.calls[0]!.done.resolve('ok');
    await expect(flushed).resolves.toBe(true);
    // The debounce timer was cancelled: no second save.
    vi.advanceTimersByTime(2000);
    expect(h.calls).toHaveLength(1);
  });

  it('flush with nothing to save resolves true without saving', async () => {
    const h = harness();
    await expect(h.saver.flush()).resolves.toBe(true);
    expect(h.calls).toHaveLength(0);
  });

  it('keeps a failure until the next change, and then saves again', async () => {
    const h = harness();
    h.saver.change('bad');
    const flushed = h.saver.flush();
    h.calls[0]!.done.reject('validation');
    await expect(flushed).resolves.toBe(false);
    expect(h.saver.status).toEqual({ kind: 'error', error: 'validation' });
    expect(h.errors).toEqual(['validation']);
    expect(h.saver.dirty).toBe(true);
    await expect(h.saver.flush()).resolves.toBe(false);

    h.saver.change('good');
    vi.advanceTimersByTime(800);
    h.calls[1]!.done.resolve('ok');
    await vi.waitFor(() => expect(h.saver.status.kind).toBe('saved'));
    expect(h.saver.dirty).toBe(false);
  });

  it('a failed save followed by a newer change saves the newer value without reporting', async () => {
    const h = harness();
    h.saver.change('a');
    vi.advanceTimersByTime(800);
    h.saver.change('ab');
    h.calls[0]!.done.reject('transport');
    await vi.waitFor(() => expect(h.calls).toHaveLength(2));
    expect(h.errors).toEqual([]);
    h.calls[1]!.done.resolve('ok');
    await vi.waitFor(() => expect(h.saver.status.kind).toBe('saved'));
  });

  it('retry sends the value again', async () => {
    const h = harness();
    h.saver.change('x');
    const first = h.saver.flush();
    h.calls[0]!.done.reject('transport');
    await first;
    const second = h.saver.retry('x');
    h.calls[1]!.done.resolve('ok');
    await expect(second).resolves.toBe(true);
  });

  it('does nothing after dispose', async () => {
    const h = harness();
    h.saver.dispose();
    h.saver.change('late');
    vi.advanceTimersByTime(2000);
    await settle();
    expect(h.calls).toHaveLength(0);
  });
});

describe('flushOnLeave', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  /** A document and a window that the test fires events on. */
  function page() {
    const document = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const window = new EventTarget();
    return { document, window };
  }

  it('saves at once when the page is hidden or left, and not when it is shown', async () => {
    const h = harness();
    const targets = page();
    flushOnLeave(h.saver, targets);
    h.saver.change('typed');
    targets.document.dispatchEvent(new Event('visibilitychange'));
    expect(h.calls).toHaveLength(0);
    targets.document.visibilityState = 'hidden';
    targets.document.dispatchEvent(new Event('visibilitychange'));
    expect(h.calls.map((c) => c.value)).toEqual(['typed']);

    h.calls[0]!.done.resolve('ok');
    h.saver.change('typed more');
    targets.window.dispatchEvent(new Event('pagehide'));
    await vi.waitFor(() => expect(h.calls.map((c) => c.value)).toEqual(['typed', 'typed more']));
  });

  it('with nothing waiting, saves nothing', () => {
    const h = harness();
    const targets = page();
    flushOnLeave(h.saver, targets);
    targets.window.dispatchEvent(new Event('pagehide'));
    expect(h.calls).toHaveLength(0);
  });

  it('the cleanup stops listening, saves what waits and disposes the autosaver', () => {
    const saver = { dirty: true, flush: vi.fn(() => Promise.resolve(true)), dispose: vi.fn() };
    const targets = page();
    const cleanup = flushOnLeave(saver, targets);
    targets.window.dispatchEvent(new Event('pagehide'));
    expect(saver.flush).toHaveBeenCalledTimes(1);
    cleanup();
    expect(saver.flush).toHaveBeenCalledTimes(2);
    expect(saver.dispose).toHaveBeenCalledTimes(1);
    // The page's events no longer reach it.
    targets.document.visibilityState = 'hidden';
    targets.document.dispatchEvent(new Event('visibilitychange'));
    targets.window.dispatchEvent(new Event('pagehide'));
    expect(saver.flush).toHaveBeenCalledTimes(2);
  });
});

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('LocalDrafts', () => {
  const same = (a: { text: string }, b: { text: string }) => a.text === b.text;

  it('keeps one copy per application until removed', () => {
    const store = memoryStore();
    const drafts = new LocalDrafts<{ text: string }>(store);
    drafts.put('a', { text: 'one' }, new Date('2026-11-25T10:00:00Z'));
    drafts.put('b', { text: 'two' }, new Date('2026-11-25T10:00:00Z'));
    drafts.put('a', { text: 'one more' }, new Date('2026-11-25T10:01:00Z'));
    expect(drafts.get('a')).toEqual({ changedAt: '2026-11-25T10:01:00.000Z', form: { text: 'one more' } });
    drafts.remove('a');
    expect(drafts.get('a')).toBeNull();
    expect(drafts.get('b')?.form.text).toBe('two');
  });

  it('restores a copy changed after the server last saved', () => {
    const store = memoryStore();
    const drafts = new LocalDrafts<{ text: string }>(store);
    drafts.put('a', { text: 'typed offline' }, new Date('2026-11-25T10:05:00Z'));
    const restored = drafts.restorable('a', '2026-11-25T10:00:00Z', { text: 'on server' }, same);
    expect(restored?.form.text).toBe('typed offline');
    // Still kept until the server confirms.
    expect(drafts.get('a')).not.toBeNull();
  });

  it('drops a copy older than the server, or equal to it', () => {
    const store = memoryStore();
    const drafts = new LocalDrafts<{ text: string }>(store);
    drafts.put('a', { text: 'old' }, new Date('2026-11-25T09:00:00Z'));
    expect(drafts.restorable('a', '2026-11-25T10:00:00Z', { text: 'newer on server' }, same)).toBeNull();
    expect(drafts.get('a')).toBeNull();

    drafts.put('b', { text: 'same' }, new Date('2026-11-25T11:00:00Z'));
    expect(drafts.restorable('b', '2026-11-25T10:00:00Z', { text: 'same' }, same)).toBeNull();
    expect(drafts.get('b')).toBeNull();
  });

  it('ignores damaged copies and missing storage', () => {
    const store = memoryStore();
    store.setItem('portfolj.unsaved-application.a', '{not json');
    store.setItem('portfolj.unsaved-application.b', JSON.stringify({ changedAt: 'yesterday', form: {} }));
    const drafts = new LocalDrafts<{ text: string }>(store);
    expect(drafts.get('a')).toBeNull();
    expect(drafts.get('b')).toBeNull();
    const none = new LocalDrafts<{ text: string }>(null);
    none.put('a', { text: 'x' }, new Date());
    expect(none.get('a')).toBeNull();
  });

  it('survives a full storage', () => {
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(() => new LocalDrafts<{ text: string }>(full).put('a', { text: 'x' }, new Date())).not.toThrow();
  });
});
