import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** Compiles a Vega-Lite spec with vega-lite 5 and returns the Vega spec and every warning it logged. */
export function compileCapturingWarnings(spec: object): { vegaSpec: vega.Spec; warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    level(): number {
      return vega.Warn;
    },
    error(...args: readonly unknown[]) {
      throw new Error(args.map(String).join(" "));
    },
    warn(...args: readonly unknown[]) {
      warnings.push(args.map(String).join(" "));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  const vegaSpec = compile(spec as TopLevelSpec, { logger: logger as unknown as vega.LoggerInterface }).spec;
  return { vegaSpec, warnings };
}

/** Where vega puts a single-view chart in its SVG: the SVG's size and the plotting area's edges, in pixels. */
export interface ChartLayout {
  width: number;
  height: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Lays out a Vega-Lite spec with vega, as the PNG renderer does, and returns where its plotting area lies. */
export async function layoutOf(spec: object): Promise<ChartLayout> {
  const view = new vega.View(vega.parse(compileCapturingWarnings(spec).vegaSpec), { renderer: "none" });
  try {
    const svg = await view.toSVG();
    const size = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
    if (size === null) throw new Error("no size in the SVG");
    const padding = view.padding() as { left: number; top: number };
    const left = view.origin()[0] + padding.left;
    const top = view.origin()[1] + padding.top;
    return { width: Number(size[1]), height: Number(size[2]), left, top, right: left + view.width(), bottom: top + view.height() };
  } finally {
    view.finalize();
  }
}
