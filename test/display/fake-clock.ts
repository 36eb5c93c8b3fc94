import type { Clock } from "../../src/display/throttle";

/** A clock whose time moves only when the test advances it, with timers that fire as it passes. */
export class FakeClock implements Clock {
  time = 0;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, milliseconds: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + milliseconds, callback, id });
    return id;
  }

  clearTimeout(timer: unknown): void {
    this.timers = this.timers.filter((entry) => entry.id !== timer);
  }

  advance(milliseconds: number): void {
    this.time += milliseconds;
    const due = this.timers.filter((entry) => entry.at <= this.time);
    this.timers = this.timers.filter((entry) => entry.at > this.time);
    for (const entry of due) entry.callback();
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}
