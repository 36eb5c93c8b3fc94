import type { DisplayHandle } from "../../src/display/display";
import type { MimeBundle } from "../../src/display/mime";
import { ThrottledDisplay, type Clock } from "../../src/display/throttle";

/** A clock whose time moves only when the test advances it, with timers that fire as it passes. */
class FakeClock implements Clock {
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

function recorder() {
  const sent: Array<{ kind: string; text: unknown }> = [];
  const open = (bundle: MimeBundle): DisplayHandle => {
    sent.push({ kind: "display", text: bundle["text/plain"] });
    return { id: "d1", update: (next) => sent.push({ kind: "update", text: (next as MimeBundle)["text/plain"] }) };
  };
  return { sent, open };
}

const bundle = (text: string): MimeBundle => ({ "text/plain": text });

describe("ThrottledDisplay", () => {
  it("shows the first bundle at once", () => {
    const clock = new FakeClock();
    const { sent, open } = recorder();
    const display = new ThrottledDisplay(open, 200, clock);
    display.update(bundle("a"));
    expect(sent).toEqual([{ kind: "display", text: "a" }]);
    expect(display.shown).toBe(true);
  });

  it("sends at most one update per interval", () => {
    const clock = new FakeClock();
    const { sent, open } = recorder();
    const display = new ThrottledDisplay(open, 200, clock);
    display.update(bundle("1"));
    for (let i = 2; i <= 50; i++) {
      clock.advance(10);
      display.update(bundle(String(i)));
    }
    // 490 ms went by: the first display plus one update at 200 ms and one at 400 ms.
    expect(sent.map((entry) => entry.kind)).toEqual(["display", "update", "update"]);
  });

  it("sends a deferred update after the interval", () => {
    const clock = new FakeClock();
    const { sent, open } = recorder();
    const display = new ThrottledDisplay(open, 200, clock);
    display.update(bundle("1"));
    clock.advance(50);
    display.update(bundle("2"));
    clock.advance(50);
    display.update(bundle("3"));
    expect(sent).toHaveLength(1);
    clock.advance(100);
    expect(sent[1]).toEqual({ kind: "update", text: "3" });
  });

  it("sends the final state at once and exactly once", () => {
    const clock = new FakeClock();
    const { sent, open } = recorder();
    const display = new ThrottledDisplay(open, 200, clock);
    display.update(bundle("1"));
    clock.advance(10);
    display.update(bundle("2"));
    display.finish(bundle("final"));
    expect(sent.map((entry) => entry.text)).toEqual(["1", "final"]);
    expect(clock.pendingTimers).toBe(0);

    display.update(bundle("late"));
    display.finish(bundle("again"));
    clock.advance(1000);
    expect(sent.map((entry) => entry.text)).toEqual(["1", "final"]);
  });

  it("shows a display that finishes before any update", () => {
    const clock = new FakeClock();
    const { sent, open } = recorder();
    new ThrottledDisplay(open, 200, clock).finish(bundle("only"));
    expect(sent).toEqual([{ kind: "display", text: "only" }]);
  });
});
