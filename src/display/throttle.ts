import type { DisplayHandle } from "./display";
import type { MimeBundle } from "./mime";

/** Timer functions behind ThrottledDisplay, replaceable in tests. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, milliseconds: number): unknown;
  clearTimeout(timer: unknown): void;
}

/** The real clock, whose timers do not keep Node running. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, milliseconds) => {
    const timer = setTimeout(callback, milliseconds);
    // A pending refresh of the display must not keep a finished Node script alive.
    timer.unref();
    return timer;
  },
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/** Default minimum time between two updates of one display: at most 5 updates a second. */
export const defaultMinIntervalMs = 200;

/**
 * An output that is shown on its first update and refreshed in place afterwards, at most once per
 * interval. An update that arrives too early is deferred until the interval ends, and a newer
 * deferred update replaces it. finish() sends the final state at once, whatever the interval, and
 * ignores later updates.
 */
export class ThrottledDisplay {
  private handle: DisplayHandle | undefined;
  private lastSentAt = -Infinity;
  private pending: MimeBundle | undefined;
  private timer: unknown;
  private finished = false;

  /**
   * @param open shows the first bundle and returns its handle, for example `displayBundle`.
   * @param minIntervalMs minimum time between two sends, in milliseconds.
   */
  constructor(
    private readonly open: (bundle: MimeBundle) => DisplayHandle,
    private readonly minIntervalMs = defaultMinIntervalMs,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Shows the bundle now, or defers it until the interval since the last send has passed. */
  update(bundle: MimeBundle): void {
    if (this.finished) return;

    const wait = this.lastSentAt + this.minIntervalMs - this.clock.now();
    if (wait <= 0) {
      this.send(bundle);
      return;
    }

    this.pending = bundle;
    if (this.timer === undefined) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        // Going through update() checks the interval again, in case the timer fired early.
        const deferred = this.pending;
        if (deferred !== undefined) this.update(deferred);
      }, wait);
    }
  }

  /** Sends the final bundle at once and stops. Deferred updates are dropped and later ones ignored. */
  finish(bundle: MimeBundle): void {
    if (this.finished) return;
    this.send(bundle);
    this.finished = true;
  }

  /** Replaces the final bundle, after finish(), with one that adds to it, such as a PNG image. */
  amend(bundle: MimeBundle): void {
    if (this.finished && this.handle !== undefined) this.handle.update(bundle);
  }

  /** True once the first bundle has been shown. */
  get shown(): boolean {
    return this.handle !== undefined;
  }

  private send(bundle: MimeBundle): void {
    // A send replaces whatever was deferred. Its timer goes too: it would fire before the next interval
    // ends when an update came in after the timer was due, but before a busy event loop ran it.
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    this.lastSentAt = this.clock.now();
    if (this.handle === undefined) {
      this.handle = this.open(bundle);
    } else {
      this.handle.update(bundle);
    }
  }
}
