import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { runChartRenderWorker, type RenderReply, type RenderWorkerData } from "./chart-render-worker";
import { readCharacterWidths } from "./font-metrics";

/** A chart drawn as a PNG image, with the SVG it was drawn from. */
export interface RenderedChart {
  png: Uint8Array;
  svg: string;
  /** Size of the image in pixels, the size that vega gives the chart's SVG. */
  width: number;
  height: number;
  /** Warnings of vega-lite and vega while compiling and rendering, such as an ignored encoding. */
  warnings: string[];
}

/** Error for a chart that could not be drawn as PNG: an invalid spec, a renderer that failed to load, or a timeout. */
export class ChartRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ChartRenderError";
  }
}

/**
 * Time one render may take before the caller gives up on it, the first start of the worker included.
 * Loading vega, vega-lite and resvg took about 0.3 s on a 2-core machine, and a chart of a few thousand
 * points renders in tens of milliseconds, so the limit leaves room for a busy machine and large charts.
 */
const renderTimeoutMs = 30_000;

/** Font family of the chart specs that tskeras builds, and the one that text of any other family falls back to. */
export const chartFontFamily = "DejaVu Sans";

// DejaVu ships in the dejavu-fonts-ttf package, so every machine renders the same glyphs.
const fontFileNames = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"];

function fontFile(name: string): string {
  return join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf", name);
}

/**
 * A worker thread that renders charts, and the channel it replies on. Vega renders SVG only
 * asynchronously, but formatters must return their MIME bundle synchronously, so the caller posts a
 * request and blocks in Atomics.wait() until the worker signals its reply.
 */
class RenderWorker {
  private readonly worker: Worker;
  private readonly replies: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 1;
  /** Set when the thread has ended, so the next render starts a new one. */
  exited = false;

  constructor() {
    const channel = new MessageChannel();
    this.replies = channel.port1;
    const workerData: RenderWorkerData = {
      modules: {
        vegaLite: require.resolve("vega-lite"),
        vega: require.resolve("vega"),
        resvg: require.resolve("@resvg/resvg-js"),
      },
      fontFiles: fontFileNames.map(fontFile),
      defaultFontFamily: chartFontFamily,
      httpTimeoutMs: 10_000,
      textWidths: {
        regular: readCharacterWidths(readFileSync(fontFile("DejaVuSans.ttf"))),
        bold: readCharacterWidths(readFileSync(fontFile("DejaVuSans-Bold.ttf"))),
      },
      replies: channel.port2,
      signal: this.signal.buffer as SharedArrayBuffer,
    };

    // The worker runs the function's source text, so no compiled file has to sit beside this module:
    // the same code runs from dist/ and, under ts-jest, from src/.
    this.worker = new Worker(`(${runChartRenderWorker.toString()})();`, {
      eval: true,
      workerData,
      transferList: [channel.port2],
    });
    // An idle renderer must not keep a finished Node script alive.
    this.worker.unref();
    this.replies.unref();
    this.worker.on("exit", () => {
      this.exited = true;
    });
    this.worker.on("error", () => {
      this.exited = true;
    });
  }

  /** Renders one spec and waits for its reply. Raises ChartRenderError on failure or after renderTimeoutMs. */
  render(spec: object): RenderedChart {
    const id = this.nextId++;
    Atomics.store(this.signal, 0, 0);
    try {
      this.worker.postMessage({ id, spec });
    } catch (error) {
      // A spec that structured clone cannot copy, such as one with a function inside.
      throw new ChartRenderError((error as Error).message);
    }

    const deadline = Date.now() + renderTimeoutMs;
    for (;;) {
      const reply = this.takeReply(id);
      if (reply !== undefined) {
        if ("error" in reply) throw new ChartRenderError(reply.error);
        return { png: reply.png, svg: reply.svg, width: reply.width, height: reply.height, warnings: reply.warnings };
      }

      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        this.stop();
        throw new ChartRenderError(`rendering timed out after ${renderTimeoutMs / 1000} s`);
      }
      // Sleeps until the worker signals a reply, unless it has signalled since the last reset.
      Atomics.wait(this.signal, 0, 0, remaining);
      Atomics.store(this.signal, 0, 0);
    }
  }

  /** Ends the thread. A render that timed out leaves it busy, so it is replaced instead of reused. */
  stop(): Promise<number> {
    this.exited = true;
    this.replies.close();
    return this.worker.terminate();
  }

  /** Returns the reply to request id, dropping late replies to requests that timed out before. */
  private takeReply(id: number): RenderReply | undefined {
    for (let received = receiveMessageOnPort(this.replies); received; received = receiveMessageOnPort(this.replies)) {
      const reply = received.message as RenderReply;
      if (reply.id === id) return reply;
    }
    return undefined;
  }
}

let renderer: RenderWorker | undefined;

/**
 * How long the rendering worker stays after its last chart. Its copy of vega, vega-lite, resvg and
 * the fonts takes about 40 MiB, which the idle kernels of a workshop give back. A chart after that
 * waits about 0.5 s for a new worker.
 */
const idleWorkerMs = 60_000;
let idleTimer: NodeJS.Timeout | undefined;

/**
 * Renders a Vega-Lite 5 spec to SVG and PNG, synchronously. The first call starts the rendering worker.
 * Raises ChartRenderError when the spec is invalid, the renderer cannot load, or rendering times out.
 */
export function renderChart(spec: object): RenderedChart {
  if (renderer === undefined || renderer.exited) renderer = new RenderWorker();
  clearTimeout(idleTimer);
  try {
    return renderer.render(spec);
  } finally {
    idleTimer = setTimeout(() => void stopChartRenderer(), idleWorkerMs);
    idleTimer.unref();
  }
}

/** Returns whether a rendering worker is running. */
export function chartRendererRunning(): boolean {
  return renderer !== undefined && !renderer.exited;
}

/** Ends the rendering worker, if one runs; the next render starts a new one. */
export async function stopChartRenderer(): Promise<void> {
  clearTimeout(idleTimer);
  const running = renderer;
  renderer = undefined;
  if (running !== undefined && !running.exited) await running.stop();
}
