import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ChartRenderError, chartRendererRunning, renderChart, stopChartRenderer } from "../../src/display/chart-render";
import { isInk, readPng } from "./png-reader";
import { layoutOfSvg } from "./vega-helpers";

const lineSpec = {
  $schema: "https://vega.github.io/schema/vega-lite/v5.json",
  title: "Pérdida por época",
  width: 300,
  height: 200,
  data: { values: [1, 2, 3, 4, 5].map((epoch) => ({ epoch, loss: 1 / epoch })) },
  mark: "line",
  encoding: {
    x: { field: "epoch", type: "quantitative" },
    y: { field: "loss", type: "quantitative" },
  },
  config: { font: "DejaVu Sans, sans-serif" },
};

afterAll(async () => {
  await stopChartRenderer();
});

describe("renderChart()", () => {
  it("returns a PNG of the size of vega's SVG", () => {
    const rendered = renderChart(lineSpec);
    const png = readPng(rendered.png);
    const layout = layoutOfSvg(rendered.svg, lineSpec);
    expect(png.width).toBe(layout.width);
    expect(png.height).toBe(layout.height);
    expect(rendered.width).toBe(png.width);
    expect(rendered.height).toBe(png.height);
    expect(rendered.warnings).toEqual([]);
  });

  it("draws the axes over a white background", () => {
    const rendered = renderChart(lineSpec);
    const png = readPng(rendered.png);
    const layout = layoutOfSvg(rendered.svg, lineSpec);
    const near = (check: (offset: number) => boolean) => [-1, 0, 1].some(check);

    // The y axis runs down the left edge of the plotting area, the x axis along its bottom edge.
    for (let y = Math.ceil(layout.top) + 2; y < layout.bottom - 2; y += 5) {
      expect(near((dx) => isInk(png, Math.round(layout.left) + dx, y))).toBe(true);
    }
    for (let x = Math.ceil(layout.left) + 2; x < layout.right - 2; x += 5) {
      expect(near((dy) => isInk(png, x, Math.round(layout.bottom) + dy))).toBe(true);
    }
    expect(isInk(png, png.width - 1, png.height - 1)).toBe(false);
    expect(isInk(png, 0, 0)).toBe(false);
  });

  it("draws the title's text above the plotting area", () => {
    const rendered = renderChart(lineSpec);
    const png = readPng(rendered.png);
    const layout = layoutOfSvg(rendered.svg, lineSpec);
    let inked = 0;
    for (let y = 0; y < layout.top - 1; y++) for (let x = 0; x < png.width; x++) if (isInk(png, x, y)) inked++;
    expect(inked).toBeGreaterThan(50);
  });

  it("raises ChartRenderError for an invalid spec", () => {
    expect(() => renderChart({ mark: "pie-chart", data: { values: [] } })).toThrow(ChartRenderError);
  });

  it("raises ChartRenderError for a spec that cannot be copied", () => {
    expect(() => renderChart({ mark: "point", data: { values: [{ f: () => 1 }] } })).toThrow(ChartRenderError);
  });

  it("loads data from a file URL", () => {
    const folder = mkdtempSync(join(tmpdir(), "tskeras-chart-"));
    try {
      const file = join(folder, "losses.json");
      writeFileSync(file, JSON.stringify([{ epoch: 1, loss: 0.9 }, { epoch: 2, loss: 0.4 }]));
      const spec = { ...lineSpec, data: { url: pathToFileURL(file).href } };
      const rendered = renderChart(spec);
      expect(rendered.svg).toContain("<path");
      expect(readPng(rendered.png).width).toBeGreaterThan(300);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("raises ChartRenderError when data cannot be fetched", async () => {
    // A port that a server of this test held and released has no listener, so the connection is refused.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const spec = { ...lineSpec, data: { url: `http://127.0.0.1:${port}/losses.json` } };
    expect(() => renderChart(spec)).toThrow(ChartRenderError);
  });

  it("starts a new worker after stopChartRenderer()", async () => {
    await stopChartRenderer();
    expect(readPng(renderChart(lineSpec).png).width).toBeGreaterThan(300);
  });

  it("ends the worker a minute after its last chart", async () => {
    jest.useFakeTimers({ doNotFake: ["Date", "nextTick", "setImmediate", "queueMicrotask"] });
    try {
      renderChart(lineSpec);
      jest.advanceTimersByTime(59_000);
      expect(chartRendererRunning()).toBe(true);
      renderChart(lineSpec);
      jest.advanceTimersByTime(59_000);
      expect(chartRendererRunning()).toBe(true);
      jest.advanceTimersByTime(1_000);
      expect(chartRendererRunning()).toBe(false);
    } finally {
      jest.useRealTimers();
    }
    expect(readPng(renderChart(lineSpec).png).width).toBeGreaterThan(300);
  });
});
