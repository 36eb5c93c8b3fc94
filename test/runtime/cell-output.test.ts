import { CellOutput } from "../../src/runtime/cell-output";
import type { ExecutorEvent } from "../../src/runtime/ipc";

function recorder() {
  const events: ExecutorEvent[] = [];
  const output = new CellOutput("request-1", (event) => events.push(event));
  const streams = () => events.filter((event): event is Extract<ExecutorEvent, { type: "stream" }> => event.type === "stream");
  return { events, output, streams };
}

describe("CellOutput", () => {
  beforeEach(() => {
    process.env.TSKERAS_LANG = "en";
  });

  it("coalesces many writes into one message per stream", () => {
    const { output, streams } = recorder();
    for (let i = 0; i < 100; i++) output.write("stdout", `line ${i}\n`);
    output.write("stderr", "warning\n");
    output.finish();
    expect(streams().map((event) => event.name)).toEqual(["stdout", "stderr"]);
    expect(streams()[0].text.split("\n")).toHaveLength(101);
  });

  it("keeps head and tail of huge output", () => {
    const { output, streams } = recorder();
    for (let i = 0; i < 200_000; i++) output.write("stdout", `época ${i}\n`);
    output.finish();

    const texts = streams().map((event) => event.text);
    expect(texts.length).toBeLessThanOrEqual(3);
    const all = texts.join("");
    expect(all).toContain("época 0\n");
    expect(all).toContain("época 999\n");
    expect(all).not.toContain("época 1000\n");
    expect(all).toContain("... 198000 lines omitted ...");
    expect(all).toContain("época 199000\n");
    expect(all).toContain("época 199999\n");
    expect(all.split("\n").length).toBeLessThan(2_010);
  });

  it("joins a line split across writes in the kept tail", () => {
    const { output, streams } = recorder();
    for (let i = 0; i < 1_000; i++) output.write("stdout", "x\n");
    output.write("stdout", "par");
    output.write("stdout", "tial\n");
    output.finish();
    expect(streams().map((event) => event.text).join("")).toMatch(/x\npartial\n$/);
  });

  it("runs deferred tasks when the cell finishes, and at once after that", () => {
    const { output, streams } = recorder();
    const ran: string[] = [];
    output.defer(() => ran.push("first"));
    output.defer(() => {
      throw new Error("render failed");
    });
    output.defer(() => ran.push("third"));
    expect(ran).toEqual([]);
    output.finish();
    expect(ran).toEqual(["first", "third"]);
    expect(streams().map((event) => event.text).join("")).toContain("render failed");
    output.defer(() => ran.push("late"));
    expect(ran).toEqual(["first", "third", "late"]);
  });

  it("sends output written after the cell finished", () => {
    jest.useFakeTimers();
    try {
      const { output, streams } = recorder();
      output.finish();
      output.write("stdout", "tarde\n");
      jest.advanceTimersByTime(100);
      expect(streams()).toEqual([{ type: "stream", requestId: "request-1", name: "stdout", text: "tarde\n" }]);
    } finally {
      jest.useRealTimers();
    }
  });

  it("sends buffered text before a display, so the order holds", () => {
    const { output, events } = recorder();
    output.write("stdout", "before\n");
    output.display({ kind: "display", data: { "text/plain": "chart" }, metadata: {} });
    expect(events.map((event) => event.type)).toEqual(["stream", "display"]);
  });
});
