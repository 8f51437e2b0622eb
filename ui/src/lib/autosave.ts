/**
 * Autosave for the application form and the score form, kept free of Svelte and the DOM
 * (the page's events come in through `flushOnLeave`'s targets) so it can be tested.
 *
 * - `Autosaver` debounces changes (a save ~800 ms after typing stops), saves at once on
 *   `flush()` (blur, page hidden, before submitting), never runs two saves at the same time,
 *   and always ends by saving the latest value: a change made while a save is under way is
 *   saved right after it.
 * - `flushOnLeave` saves at once when the page is hidden or left, and once more (then stops
 *   the autosaver) when the form goes away.
 * - `LocalDrafts` keeps an unsaved copy per application in localStorage from the moment
 *   something is typed until the server has confirmed it, so nothing typed is lost when the
 *   window closes, the connection drops or a save is refused. On reopening, a copy newer
 *   than the server's working copy is offered back (`restorable`).
 */

export type SaveStatus<E> =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; error: E };

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AutosaverOptions<T, R, E> {
  /** Sends one value; resolves with the server's answer or rejects with an error. */
  save: (value: T) => Promise<R>;
  /** Called after each successful save; `settled` is true when no newer change waits. */
  onSaved?: (result: R, value: T, settled: boolean) => void;
  onError?: (error: E, value: T) => void;
  onStatus?: (status: SaveStatus<E>) => void;
  /** Turns whatever `save` rejected with into the error type shown. */
  toError: (thrown: unknown) => E;
  delay?: number;
  timers?: Timers;
  now?: () => Date;
}

export const AUTOSAVE_DELAY_MS = 800;

export class Autosaver<T, R, E> {
  private readonly options: AutosaverOptions<T, R, E>;
  private readonly timers: Timers;
  private readonly delay: number;
  private timer: unknown = null;
  /** The latest value not yet handed to `save`, if any. */
  private waiting: { value: T } | null = null;
  private running: Promise<void> | null = null;
  private failed = false;
  private disposed = false;
  status: SaveStatus<E> = { kind: 'idle' };

  constructor(options: AutosaverOptions<T, R, E>) {
    this.options = options;
    this.timers = options.timers ?? realTimers;
    this.delay = options.delay ?? AUTOSAVE_DELAY_MS;
  }

  /** True while a change has not been confirmed by the server. */
  get dirty(): boolean {
    return this.waiting !== null || this.running !== null || this.failed;
  }

  /** Records a new value and saves it when typing has paused. */
  change(value: T): void {
    if (this.disposed) return;
    this.waiting = { value };
    this.failed = false;
    if (!this.running) this.setStatus({ kind: 'pending' });
    this.cancelTimer();
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.run();
    }, this.delay);
  }

  /**
   * Saves the waiting value now and resolves when every change so far has been saved:
   * true if all went well, false if a save failed (the status says why).
   */
  async flush(): Promise<boolean> {
    this.cancelTimer();
    if (this.running) await this.running;
    if (this.waiting) await this.run();
    return !this.failed && this.waiting === null;
  }

  /** Tries the last failed value again (e.g. after the connection came back). */
  retry(value: T): Promise<boolean> {
    this.waiting = { value };
    this.failed = false;
    return this.flush();
  }

  /** Stops the timer; a save under way finishes, nothing new starts. */
  dispose(): void {
    this.cancelTimer();
    this.disposed = true;
  }

  private cancelTimer() {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
  }

  private setStatus(status: SaveStatus<E>) {
    this.status = status;
    this.options.onStatus?.(status);
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      while (this.waiting) {
        const { value } = this.waiting;
        this.waiting = null;
        this.setStatus({ kind: 'saving' });
        try {
          const result = await this.options.save(value);
          const settled = this.waiting === null;
          this.options.onSaved?.(result, value, settled);
          if (settled) this.setStatus({ kind: 'saved', at: (this.options.now ?? (() => new Date()))() });
        } catch (thrown) {
          const error = this.options.toError(thrown);
          if (this.waiting === null) {
            // Nothing newer to try: keep the failure until the next change.
            this.failed = true;
            this.options.onError?.(error, value);
            this.setStatus({ kind: 'error', error });
          }
          // Otherwise a newer value is waiting; it may well fix the problem, so save it.
        }
      }
    })();
    const done = this.running;
    void done.finally(() => {
      if (this.running === done) this.running = null;
    });
    return done;
  }
}

/** The part of an `Autosaver` that `flushOnLeave` and `flushSoon` use. */
export interface Flushable {
  readonly dirty: boolean;
  flush(): Promise<boolean>;
  dispose(): void;
}

/** Starts saving whatever waits, without waiting for it (focus leaving a field, the page hidden). */
export function flushSoon(autosaver: Pick<Flushable, 'dirty' | 'flush'>): void {
  if (autosaver.dirty) void autosaver.flush();
}

/** Where `flushOnLeave` listens: the browser's document and window, or stand-ins in tests. */
export interface LeaveTargets {
  document: { readonly visibilityState: string } & ListenerTarget;
  window: ListenerTarget;
}

interface ListenerTarget {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

/**
 * Saves what waits when the page is hidden (`visibilitychange`) or left (`pagehide`). Returns
 * the cleanup for when the form goes away: it stops listening, saves what waits once more and
 * disposes the autosaver. Made for `onMount(() => flushOnLeave(autosaver))`.
 */
export function flushOnLeave(autosaver: Flushable, targets: LeaveTargets = { document, window }): () => void {
  const onHide = () => flushSoon(autosaver);
  const onVisibility = () => {
    if (targets.document.visibilityState === 'hidden') onHide();
  };
  targets.document.addEventListener('visibilitychange', onVisibility);
  targets.window.addEventListener('pagehide', onHide);
  return () => {
    targets.document.removeEventListener('visibilitychange', onVisibility);
    targets.window.removeEventListener('pagehide', onHide);
    flushSoon(autosaver);
    autosaver.dispose();
  };
}

/** The parts of `Storage` used here, so tests can pass a Map-backed stand-in. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface LocalDraft<T> {
  /** When the person last changed it (ISO). */
  changedAt: string;
  form: T;
}

const PREFIX = 'portfolj.unsaved-application.';

/** Unsaved copies of application forms in localStorage, one per application id. */
export class LocalDrafts<T> {
  private readonly store: KeyValueStore | null;

  constructor(store: KeyValueStore | null) {
    this.store = store;
  }

  key(id: string): string {
    return PREFIX + id;
  }

  /** Keeps `form` as the unsaved copy. Storage being full or unavailable is not an error. */
  put(id: string, form: T, changedAt: Date): void {
    try {
      const draft: LocalDraft<T> = { changedAt: changedAt.toISOString(), form };
      this.store?.setItem(this.key(id), JSON.stringify(draft));
    } catch {
      // Nothing more to do: the server save is the primary copy.
    }
  }

  get(id: string): LocalDraft<T> | null {
    try {
      const text = this.store?.getItem(this.key(id));
      if (!text) return null;
      const parsed = JSON.parse(text) as Partial<LocalDraft<T>>;
      if (typeof parsed.changedAt !== 'string' || Number.isNaN(Date.parse(parsed.changedAt))) return null;
      if (typeof parsed.form !== 'object' || parsed.form === null) return null;
      return { changedAt: parsed.changedAt, form: parsed.form };
    } catch {
      return null;
    }
  }

  remove(id: string): void {
    try {
      this.store?.removeItem(this.key(id));
    } catch {
      // As in put.
    }
  }

  /**
   * The unsaved copy to bring back when the application is opened: only one changed after
   * the server's working copy was last saved, and different from it. Any other copy is
   * stale and removed.
   */
  restorable(id: string, serverUpdatedAt: string, serverForm: T, same: (a: T, b: T) => boolean): LocalDraft<T> | null {
    const draft = this.get(id);
    if (!draft) return null;
    const newer = Date.parse(draft.changedAt) > Date.parse(serverUpdatedAt);
    if (!newer || same(draft.form, serverForm)) {
      this.remove(id);
      return null;
    }
    return draft;
  }
}

/** The browser's localStorage, or null where it is unavailable. */
export function browserStore(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
