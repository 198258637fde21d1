/**
 * A wake-up signal for live subscriptions: a store calls {@link AppendNotifier.notify}
 * after every committed append, and a subscriber that has caught up waits for a change
 * of {@link AppendNotifier.version} since it last read. Because the version is taken
 * *before* reading, an append that lands during the read is never missed.
 *
 * @example
 * const notifier = new AppendNotifier();
 * const seen = notifier.version;
 * // ... read everything ...
 * await notifier.wait(seen, signal); // resolves at once if anything was appended meanwhile
 */
export class AppendNotifier {
  #version = 0;
  #closed = false;
  readonly #waiters = new Set<() => void>();

  /** Grows by one at every {@link notify}. */
  get version(): number {
    return this.#version;
  }

  /** True once {@link close} was called: waits then end at once. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Announces that new events are readable. */
  notify(): void {
    this.#version++;
    this.#wakeAll();
  }

  /** Wakes every waiter for the last time (the store is closing). */
  close(): void {
    this.#closed = true;
    this.#wakeAll();
  }

  /**
   * Waits until the version moves past `since`; resolves `true` when there is news,
   * `false` when the notifier closed or the signal aborted first.
   */
  wait(since: number, signal?: AbortSignal): Promise<boolean> {
    if (this.#version !== since) return Promise.resolve(true);
    if (this.#closed || signal?.aborted === true) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const wake = (): void => {
        this.#waiters.delete(wake);
        signal?.removeEventListener('abort', wake);
        resolve(this.#version !== since);
      };
      this.#waiters.add(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  #wakeAll(): void {
    if (this.#waiters.size === 0) return;
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const w of waiters) w();
  }
}
