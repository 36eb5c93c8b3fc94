import type { MessagePort } from "node:worker_threads";
import type { LoggerInterface } from "vega";

/** Settings that the rendering worker receives when it starts. */
export interface RenderWorkerData {
  /** Absolute paths of the CommonJS entry points of vega-lite, vega and @resvg/resvg-js. */
  modules: { vegaLite: string; vega: string; resvg: string };
  /** Font files that resvg loads. No system font is used, so a chart renders alike on every machine. */
  fontFiles: string[];
  /** Font family for text whose own family is not among fontFiles. */
  defaultFontFamily: string;
  /** Port on which replies go out, read synchronously by the caller with receiveMessageOnPort(). */
  replies: MessagePort;
  /** One Int32 that the worker sets to 1 and notifies after each reply, to wake a caller in Atomics.wait(). */
  signal: SharedArrayBuffer;
}

/** One chart to render: a Vega-Lite 5 spec and an id that its reply repeats. */
export interface RenderRequest {
  id: number;
  spec: object;
}

/** The reply to one RenderRequest: the PNG and its size in pixels, or the error that stopped it. */
export type RenderReply =
  | { id: number; png: Uint8Array; width: number; height: number; warnings: string[] }
  | { id: number; error: string; warnings: string[] };

/**
 * Runs the chart-rendering worker thread: for each request, it compiles the Vega-Lite spec with
 * vega-lite, renders SVG with a headless vega View and turns the SVG into PNG with resvg. Warnings of
 * vega-lite and vega are returned with the reply instead of being printed.
 *
 * The worker runs this function from its source text (see chart-render.ts), so the body uses nothing
 * from this module's scope: modules come from require() and settings from workerData.
 */
export function runChartRenderWorker(): void {
  const { parentPort, workerData } = require("node:worker_threads") as typeof import("node:worker_threads");
  const settings = workerData as RenderWorkerData;
  const signal = new Int32Array(settings.signal);

  // A module that fails to load (such as resvg's native binary on an unsupported platform) makes
  // every reply an error, so the caller learns it at once instead of waiting for a timeout.
  let modules:
    | { vegaLite: typeof import("vega-lite"); vega: typeof import("vega"); resvg: typeof import("@resvg/resvg-js") }
    | undefined;
  let loadError = "";
  try {
    modules = {
      vegaLite: require(settings.modules.vegaLite),
      vega: require(settings.modules.vega),
      resvg: require(settings.modules.resvg),
    };
  } catch (error) {
    loadError = error instanceof Error ? error.message : String(error);
  }

  // Keeps vega-lite's and vega's messages for the reply. Errors are kept too, because a logger that
  // throws inside vega's dataflow would leave the View half evaluated, so render() raises them afterwards.
  class CollectingLogger implements LoggerInterface {
    readonly errors: string[] = [];
    private current = 0;

    constructor(private readonly warnings: string[]) {}

    level(): number;
    level(value: number): this;
    level(value?: number): number | this {
      if (value === undefined) return this.current;
      this.current = value;
      return this;
    }

    error(...args: readonly unknown[]): this {
      this.errors.push(args.map(String).join(" "));
      return this;
    }

    warn(...args: readonly unknown[]): this {
      this.warnings.push(args.map(String).join(" "));
      return this;
    }

    info(): this {
      return this;
    }

    debug(): this {
      return this;
    }
  }

  const render = async (spec: object, warnings: string[]) => {
    if (modules === undefined) throw new Error(loadError);
    const { vegaLite, vega, resvg } = modules;
    const logger = new CollectingLogger(warnings);

    const compiled = vegaLite.compile(spec as Parameters<typeof vegaLite.compile>[0], { logger }).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: "none", logger, logLevel: vega.Warn });
    let svg: string;
    try {
      svg = await view.toSVG();
    } finally {
      view.finalize();
    }
    if (logger.errors.length > 0) throw new Error(logger.errors.join("\n"));

    const font = {
      loadSystemFonts: false,
      fontFiles: settings.fontFiles,
      defaultFontFamily: settings.defaultFontFamily,
      sansSerifFamily: settings.defaultFontFamily,
    };
    const image = new resvg.Resvg(svg, { font }).render();
    return { png: image.asPng(), width: image.width, height: image.height };
  };

  parentPort?.on("message", async (request: RenderRequest) => {
    const warnings: string[] = [];
    let reply: RenderReply;
    try {
      reply = { id: request.id, ...(await render(request.spec, warnings)), warnings };
    } catch (error) {
      reply = { id: request.id, error: error instanceof Error ? error.message : String(error), warnings };
    }
    settings.replies.postMessage(reply);
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}
