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

/** Where vega put a single-view chart in its SVG: the SVG's size and the plotting area's edges, in pixels. */
export interface ChartLayout {
  width: number;
  height: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Reads the layout of a single-view chart from the SVG that vega rendered for it: the size from the
 * root element, and the plotting area's corner from the translation of the first group, which contains
 * the view. The plotting area's size is the spec's width and height.
 */
export function layoutOfSvg(svg: string, spec: { width: number; height: number }): ChartLayout {
  const size = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  const corner = /<g[^>]* transform="translate\(([\d.]+),([\d.]+)\)"/.exec(svg);
  if (size === null || corner === null) throw new Error("the SVG has no size or no translated group");
  const left = Number(corner[1]);
  const top = Number(corner[2]);
  return { width: Number(size[1]), height: Number(size[2]), left, top, right: left + spec.width, bottom: top + spec.height };
}

/** What compiling, parsing and rendering one spec gave: an error or none, the warnings, the SVG's length. */
export interface RenderCheck {
  ok: boolean;
  error?: string;
  warnings: string[];
  svgLength: number;
}

/** Compiles each Vega-Lite spec with vega-lite 5, parses the result with vega and renders it to SVG. */
export async function renderWithVega(specs: readonly object[]): Promise<RenderCheck[]> {
  const results: RenderCheck[] = [];
  for (const spec of specs) {
    let warnings: string[] = [];
    try {
      const compiled = compileCapturingWarnings(spec);
      warnings = compiled.warnings;
      const view = new vega.View(vega.parse(compiled.vegaSpec), { renderer: "none" });
      const svg = await view.toSVG();
      view.finalize();
      results.push({ ok: true, warnings, svgLength: svg.length });
    } catch (error) {
      results.push({ ok: false, error: String(error), warnings, svgLength: 0 });
    }
  }
  return results;
}
