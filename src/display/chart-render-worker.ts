import type { MessagePort } from "node:worker_threads";
import type { LoggerInterface } from "vega";
import type { CharacterWidths } from "./font-metrics";

/** Settings that the rendering worker receives when it starts. */
export interface RenderWorkerData {
  /** Absolute paths of the CommonJS entry points of vega-lite, vega and @resvg/resvg-js. */
  modules: { vegaLite: string; vega: string; resvg: string };
  /** Font files that resvg loads. No system font is used, so a chart renders alike on every machine. */
  fontFiles: string[];
  /** Font family for text whose own family is not among fontFiles. */
  defaultFontFamily: string;
  /** Time a fetch of a chart's data by URL may take, in milliseconds. */
  httpTimeoutMs: number;
  /** Character widths of the regular and bold default font, with which vega measures text to lay out a chart. */
  textWidths: { regular: CharacterWidths; bold: CharacterWidths };
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
  | { id: number; png: Uint8Array; svg: string; width: number; height: number; warnings: string[] }
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

  // Without a canvas, vega estimates every character as 0.8 em wide, which leaves wide gaps beside
  // long labels. vega calls a textMetrics.width set from outside instead, so this one measures text
  // with the character widths of the font that resvg draws.
  if (modules !== undefined) {
    // vega-scenegraph's textMetrics, which vega exports but vega-typings does not declare.
    type TextItem = { fontSize?: number; fontWeight?: string | number };
    const metrics = (modules.vega as unknown as { textMetrics: { width: (item: TextItem, text?: unknown) => number; height: (item: TextItem) => number } }).textMetrics;
    const { regular, bold } = settings.textWidths;
    metrics.width = (item, text) => {
      const weight = item.fontWeight;
      const table = weight === "bold" || weight === "bolder" || Number(weight) >= 600 ? bold : regular;
      let ems = 0;
      for (const character of text === null || text === undefined ? "" : String(text).trim()) {
        const code = character.codePointAt(0) ?? 0;
        ems += (code < table.widths.length ? table.widths[code] : 0) || table.missing;
      }
      return ems * metrics.height(item);
    };
  }

  // Keeps vega-lite's and vega's messages for the reply. Errors are kept too, because a logger that
  // throws inside vega's dataflow would leave the View half evaluated, so render() raises them afterwards.
  // Closures and not a class, because vega calls some of these methods without their object.
  const collectingLogger = (warnings: string[], errors: string[]): LoggerInterface => {
    let current = 0;
    const text = (args: readonly unknown[]) => args.map(String).join(" ");
    const logger = {
      level: (value?: number) => {
        if (value === undefined) return current;
        current = value;
        return logger;
      },
      error: (...args: readonly unknown[]) => {
        errors.push(text(args));
        return logger;
      },
      warn: (...args: readonly unknown[]) => {
        // vega reports a data URL that fails to load or parse as a warning, and then draws empty axes.
        const failedData = args[0] === "Loading failed" || args[0] === "Data ingestion failed";
        (failedData ? errors : warnings).push(text(args));
        return logger;
      },
      info: () => logger,
      debug: () => logger,
    };
    return logger as LoggerInterface;
  };

  const render = async (spec: object, warnings: string[]) => {
    if (modules === undefined) throw new Error(loadError);
    const { vegaLite, vega, resvg } = modules;
    const errors: string[] = [];
    const logger = collectingLogger(warnings, errors);

    const compiled = vegaLite.compile(spec as Parameters<typeof vegaLite.compile>[0], { logger }).spec;
    // Data given by URL loads as vega's Node loader does it: a relative path from the notebook's folder,
    // the kernel's working directory, and http(s) with fetch. A fetch on a machine without network
    // gives up after httpTimeoutMs, before the caller's own timeout ends the wait.
    const loader = vega.loader({ http: { signal: AbortSignal.timeout(settings.httpTimeoutMs) } as RequestInit });
    const view = new vega.View(vega.parse(compiled), { renderer: "none", loader, logger, logLevel: vega.Warn });
    let svg: string;
    try {
      svg = await view.toSVG();
    } finally {
      view.finalize();
    }
    if (errors.length > 0) throw new Error(errors.join("\n"));

    const font = {
      loadSystemFonts: false,
      fontFiles: settings.fontFiles,
      defaultFontFamily: settings.defaultFontFamily,
      sansSerifFamily: settings.defaultFontFamily,
    };
    const image = new resvg.Resvg(svg, { font }).render();
    return { png: image.asPng(), svg, width: image.width, height: image.height };
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
