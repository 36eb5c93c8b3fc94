import { CellHistory, CURRENT_SESSION, parseHistoryRequest } from "../../src/kernel/history";

function historyOf(...inputs: string[]): CellHistory {
  const history = new CellHistory();
  inputs.forEach((input, index) => history.record(index + 1, input));
  return history;
}

describe("CellHistory", () => {
  it("returns the last n cells for tail", () => {
    const history = historyOf("1+1", "2+2", "3+3");
    expect(history.query(parseHistoryRequest({ hist_access_type: "tail", n: 2 }))).toEqual([
      [CURRENT_SESSION, 2, "2+2"],
      [CURRENT_SESSION, 3, "3+3"],
    ]);
  });

  it("returns a range of the current session with stop exclusive", () => {
    const history = historyOf("a", "b", "c", "d");
    const lines = (content: Record<string, unknown>) => history.query(parseHistoryRequest(content)).map((entry) => entry[1]);
    expect(lines({ hist_access_type: "range", session: 0, start: 2, stop: 4 })).toEqual([2, 3]);
    expect(lines({ hist_access_type: "range", session: CURRENT_SESSION, start: 3 })).toEqual([3, 4]);
    expect(lines({ hist_access_type: "range", session: 7, start: 1 })).toEqual([]);
  });

  it("searches with patterns, unique and n", () => {
    const history = historyOf("1+1", "1+2", "12", "1+3", "1+1");
    const inputs = (content: Record<string, unknown>) => history.query(parseHistoryRequest(content)).map((entry) => entry[2]);
    expect(inputs({ hist_access_type: "search", pattern: "1?2*" })).toEqual(["1+2"]);
    expect(inputs({ hist_access_type: "search", pattern: "1+*", unique: true })).toEqual(["1+2", "1+3", "1+1"]);
    expect(inputs({ hist_access_type: "search", pattern: "1+*", n: 3 })).toEqual(["1+2", "1+3", "1+1"]);
  });

  it("pairs each input with its result's text when output is requested", () => {
    const history = historyOf("1 + 1", "console.log(1)");
    history.recordOutput(1, { "text/plain": "2" });
    expect(history.query(parseHistoryRequest({ hist_access_type: "tail", n: 5, output: true }))).toEqual([
      [CURRENT_SESSION, 1, ["1 + 1", "2"]],
      [CURRENT_SESSION, 2, ["console.log(1)", null]],
    ]);
  });

  it("rejects an unknown access type and a pattern that is not a string", () => {
    expect(() => parseHistoryRequest({ hist_access_type: "all" })).toThrow(/hist_access_type must be "tail", "range" or "search", got "all"/);
    expect(() => parseHistoryRequest({ hist_access_type: "search", pattern: 3 })).toThrow(/pattern must be a string/);
    expect(() => parseHistoryRequest({ hist_access_type: "tail", n: 1.5 })).toThrow(/n must be an integer, got 1.5/);
  });
});
