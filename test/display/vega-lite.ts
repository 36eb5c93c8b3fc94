import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export interface CompileResult {
  ok: boolean;
  error?: string;
  warnings: string[];
  svgLength: number;
}

// vega-lite and vega are ESM-only, which jest's CommonJS runtime cannot import, so a child node
// process compiles each spec with vega-lite 5, parses the result with vega and renders it to SVG.
const compileScript = `
import * as vl from "vega-lite";
import * as vega from "vega";
let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const spec of JSON.parse(input)) {
  const warnings = [];
  const logger = {
    level() { return this; },
    error(...args) { throw new Error(args.join(" ")); },
    warn(...args) { warnings.push(args.join(" ")); return this; },
    info() { return this; },
    debug() { return this; },
  };
  try {
    const compiled = vl.compile(spec, { logger });
    const view = new vega.View(vega.parse(compiled.spec), { renderer: "none" });
    const svg = await view.toSVG();
    results.push({ ok: true, warnings, svgLength: svg.length });
  } catch (error) {
    results.push({ ok: false, error: String(error), warnings, svgLength: 0 });
  }
}
process.stdout.write(JSON.stringify(results));
`;

export function compileWithVegaLite(specs: unknown[]): CompileResult[] {
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", compileScript], {
    cwd: resolve(__dirname, "..", ".."),
    input: JSON.stringify(specs),
    encoding: "utf8",
    timeout: 60000,
  });
  if (child.status !== 0) throw new Error(`vega-lite process failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as CompileResult[];
}
