import { runInNewContext } from "node:vm";
import { IdleCollector } from "../../src/kernel/idle-collector";

describe("IdleCollector", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("collects once after a quiet spell", () => {
    const collect = jest.fn();
    const collector = new IdleCollector(collect, 2000);

    collector.touch();
    jest.advanceTimersByTime(1999);
    expect(collect).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);

    jest.advanceTimersByTime(60_000);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("waits while requests keep arriving", () => {
    const collect = jest.fn();
    const collector = new IdleCollector(collect, 2000);

    for (let i = 0; i < 10; i++) {
      collector.touch();
      jest.advanceTimersByTime(1500);
    }
    expect(collect).not.toHaveBeenCalled();
    jest.advanceTimersByTime(500);
    expect(collect).toHaveBeenCalledTimes(1);
  });

  it("collects nothing after stop", () => {
    const collect = jest.fn();
    const collector = new IdleCollector(collect, 2000);

    collector.touch();
    collector.stop();
    jest.advanceTimersByTime(10_000);
    expect(collect).not.toHaveBeenCalled();
  });

  it("exposes V8's gc() for its default collection", () => {
    new IdleCollector().stop();
    expect(runInNewContext("typeof gc")).toBe("function");
  });
});
