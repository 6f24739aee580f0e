// Named app events for the end-to-end tests and the benchmark (after Signal-Desktop's CI bridge): the app
// calls `appEvent('map-ready', …)`; a test calls `window.__voresStedTest.waitFor('map-ready')`. Events that
// happen before anyone waits are queued, so a test never races the app and never sleeps.

export type AppEventName =
  | 'screen-shown'
  | 'map-ready'
  | 'map-context-lost'
  | 'map-context-restored'
  | 'village-opened'
  | 'task-opened'
  | 'story-opened'
  | 'task-highlighted'
  | 'language-changed'
  | 'content-loaded'
  | 'session-reset'
  | 'staff-screen'
  | 'staff-health-shown'
  | 'diagnostic-reported'
  | 'attract-story-shown'
  | 'idle-warning'
  | 'read-aloud'
  | 'read-aloud-announced'
  | 'speech-requested'
  | 'explore'
  | 'narration';

export interface AppEvent {
  name: AppEventName;
  detail: Record<string, unknown>;
  at: number;
}

interface Waiter {
  name: AppEventName;
  resolve: (event: AppEvent) => void;
}

class TestBridge {
  /** Handles the tests and the benchmark may use to look inside (e.g. the map's render stats). */
  readonly debug: Record<string, unknown> = {};
  readonly #queue: AppEvent[] = [];
  readonly #waiters: Waiter[] = [];
  readonly history: AppEvent[] = [];

  emit(name: AppEventName, detail: Record<string, unknown>): void {
    const event: AppEvent = { name, detail, at: performance.now() };
    if (this.history.length > 500) this.history.shift();
    this.history.push(event);
    const waiter = this.#waiters.findIndex((w) => w.name === name);
    if (waiter >= 0) {
      this.#waiters.splice(waiter, 1)[0]?.resolve(event);
      return;
    }
    if (this.#queue.length > 500) this.#queue.shift();
    this.#queue.push(event);
  }

  /** Resolves with the oldest queued event of that name, or the next one to happen. */
  waitFor(name: AppEventName, timeoutMs = 15_000): Promise<AppEvent> {
    const queued = this.#queue.findIndex((e) => e.name === name);
    if (queued >= 0) return Promise.resolve(this.#queue.splice(queued, 1)[0] as AppEvent);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { name, resolve };
      this.#waiters.push(waiter);
      window.setTimeout(() => {
        const index = this.#waiters.indexOf(waiter);
        if (index < 0) return;
        this.#waiters.splice(index, 1);
        reject(new Error(`app event "${name}" did not happen within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }

  /** Forget queued events (e.g. before an action whose own events the test wants). */
  clear(name?: AppEventName): void {
    for (let i = this.#queue.length - 1; i >= 0; i--) if (!name || this.#queue[i]?.name === name) this.#queue.splice(i, 1);
  }
}

const bridge = new TestBridge();

export function appEvent(name: AppEventName, detail: Record<string, unknown> = {}): void {
  bridge.emit(name, detail);
}

export function registerDebugHandle(name: string, handle: unknown): () => void {
  bridge.debug[name] = handle;
  return () => {
    if (bridge.debug[name] === handle) delete bridge.debug[name];
  };
}

/** Exposes the bridge on window; only when the host's config turns the test bridge on. */
export function exposeTestBridge(win: Window): void {
  (win as unknown as { __voresStedTest?: TestBridge }).__voresStedTest = bridge;
}
