import type { DisplayHandle } from "../../src/display/display";
import type { MimeBundle } from "../../src/display/mime";
import { ThrottledDisplay } from "../../src/display/throttle";
import { FakeClock } from "./fake-clock";

function recorder() {
  const sent: Array<{ kind: string; text: unknown }> = [];
  const open = (bundle: MimeBundle): DisplayHandle => {
    sent.push({ kind: "display", text: bundle["text/plain"] });
    return { id: "d1", update: (next) => sent.push({ kind: "update", text: (next as MimeBundle)["text/plain"] }) };
  };
  return { sent, open };
}

/**
 * A clock whose timers fire a millisecond before they are due. Node runs timers by its own monotonic
 * clock, which can differ from Date.now() by a millisecond of rounding.
 */
class EarlyClock extends FakeClock {
  override setTimeout(callback: () => void, milliseconds: number): unknown {
    return super.setTimeout(callback, milliseconds - 1);
  }
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

  it("keeps the interval when its timer runs late", () => {
    const clock = new FakeClock();
    const { sent, open } = recorder();
    const display = new ThrottledDisplay(open, 200, clock);
    display.update(bundle("1"));
    clock.advance(50);
    display.update(bundle("2"));
    // A busy event loop: time passes the deferred update's due time without running its timer.
    clock.time += 180;
    display.update(bundle("3"));
    display.update(bundle("4"));
    expect(sent.map((entry) => entry.text)).toEqual(["1", "3"]);
    // The late timer now runs: "4" still waits for 200 ms after "3".
    clock.advance(20);
    expect(sent).toHaveLength(2);
    clock.advance(180);
    expect(sent.map((entry) => entry.text)).toEqual(["1", "3", "4"]);
  });

  it("checks the interval again when its timer fires early", () => {
    const clock = new EarlyClock();
    const { sent, open } = recorder();
    const display = new ThrottledDisplay(open, 200, clock);
    display.update(bundle("1"));
    clock.advance(50);
    display.update(bundle("2"));
    clock.advance(149);
    expect(sent).toHaveLength(1);
    clock.advance(1);
    expect(sent.map((entry) => entry.text)).toEqual(["1", "2"]);
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
