/** Resolves after `ms`, or early (without throwing) when `signal` aborts: callers re-check their own state. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A wake-up that can be triggered before anyone waits for it, so no notification is lost. */
export class Signal {
  #pending = false;
  #waiters: Array<() => void> = [];

  notify(): void {
    this.#pending = true;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }

  async wait(ms: number, abort?: AbortSignal): Promise<void> {
    if (this.#pending || abort?.aborted) {
      this.#pending = false;
      return;
    }
    const controller = new AbortController();
    const onAbort = () => controller.abort();
    abort?.addEventListener('abort', onAbort, { once: true });
    this.#waiters.push(onAbort);
    await sleep(ms, controller.signal);
    abort?.removeEventListener('abort', onAbort);
    this.#waiters = this.#waiters.filter((w) => w !== onAbort);
    this.#pending = false;
  }
}
