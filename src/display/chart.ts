import { inspect } from "node:util";
import { messages } from "../i18n";
import { chartFontFamily, ChartRenderError, renderChart } from "./chart-render";
import type { MimeBundle } from "./mime";

/** MIME type of Vega-Lite 5 specs, which JupyterLab 4 and VS Code render. */
export const vegaLiteMimeType = "application/vnd.vegalite.v5+json";

/** Schema URL that every chart names, so validators and renderers pick Vega-Lite 5. */
export const vegaLiteSchema = "https://vega.github.io/schema/vega-lite/v5.json";

/** A Vega-Lite 5 spec as plain JSON. */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * Returns the Vega-Lite config of the charts that tskeras builds, a new object each time. The PNG
 * renderer has only the DejaVu fonts. Naming DejaVu Sans first makes the browser's chart use the same
 * font where the browser has it, and sans-serif where it does not.
 */
export function chartConfig(): { font: string } {
  return { font: `${chartFontFamily}, sans-serif` };
}

/** Options of chartBundle(). */
export interface ChartBundleOptions {
  /** Adds the PNG image. Default: true. false skips the rendering, for a chart redrawn many times a second. */
  image?: boolean;
}

/**
 * Renders a spec to PNG and returns it as base64, or undefined when it cannot be drawn. The failure is
 * printed as a warning, in the learner's language, because the chart still shows where Vega-Lite is drawn.
 */
export function chartImage(spec: VegaLiteSpec): string | undefined {
  try {
    return Buffer.from(renderChart(spec).png).toString("base64");
  } catch (error) {
    if (!(error instanceof ChartRenderError)) throw error;
    console.warn(messages().plot.chartImageFailed(error.message));
    return undefined;
  }
}

/** Builds the MIME bundle of a chart: the Vega-Lite spec, its PNG image and its text form. */
export function chartBundle(spec: VegaLiteSpec, text: string, options: ChartBundleOptions = {}): MimeBundle {
  const bundle: MimeBundle = { [vegaLiteMimeType]: spec };
  const image = options.image === false ? undefined : chartImage(spec);
  if (image !== undefined) bundle["image/png"] = image;
  bundle["text/plain"] = text;
  return bundle;
}

const displaySymbol = Symbol.for("Jupyter.display");

/**
 * A chart that shows itself in the notebook as a Vega-Lite chart (JupyterLab, VS Code), a PNG image
 * (GitHub, nbviewer, nbconvert) and a line of text (consoles).
 */
export class Chart {
  /**
   * The chart's Vega-Lite 5 spec, with its data inline. Changes made to it before the chart is shown
   * appear in the chart, so a learner can adjust what a helper does not offer as an option.
   */
  readonly spec: VegaLiteSpec;
  /** The chart's text form, for consoles and front ends that draw neither Vega-Lite nor PNG. */
  readonly text: string;

  constructor(spec: VegaLiteSpec, text: string) {
    this.spec = spec;
    this.text = text;
  }

  /** Renders the chart as PNG bytes, as the notebook shows it where Vega-Lite is not drawn. */
  toPNG(): Uint8Array {
    return renderChart(this.spec).png;
  }

  /** Renders the chart as SVG text, which the PNG is drawn from. */
  toSVG(): string {
    return renderChart(this.spec).svg;
  }

  /** Returns the Vega-Lite spec, so JSON.stringify(chart) writes a spec that other tools can draw. */
  toJSON(): VegaLiteSpec {
    return this.spec;
  }

  [displaySymbol](): MimeBundle {
    return chartBundle(this.spec, this.text);
  }

  [inspect.custom](): string {
    return this.text;
  }
}
