import ts from "typescript";
import type { CompiledCell } from "../../runtime/ipc";
import { toCellDiagnostic } from "./checker";
import type { CellDiagnostic } from "./diagnostics";
import { cellTransformer } from "./declarations";

export type CompileResult = { ok: true; cell: CompiledCell } | { ok: false; diagnostics: CellDiagnostic[] };

const compilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  sourceMap: true,
  inlineSources: true,
  esModuleInterop: true,
  experimentalDecorators: false,
};

/**
 * Compiles a cell's TypeScript to JavaScript that runs in the executor.
 * Types are removed, not checked, at this step.
 */
export function compileCell(source: string, executionCount: number): CompileResult {
  const fileName = `cell[${executionCount}].ts`;

  const output = ts.transpileModule(source, {
    compilerOptions,
    fileName,
    reportDiagnostics: true,
    transformers: { before: [cellTransformer(new Set())] },
  });

  const diagnostics = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostics.length > 0) return { ok: false, diagnostics: diagnostics.map((d) => toCellDiagnostic(d, source)) };

  // The cell had imports, so TypeScript ends it with `export {};`; the rewritten cell is a script, not a module.
  const code = output.outputText.replace(/^export \{\};$/m, "").replace(/^\/\/# sourceMappingURL=.*$/m, "");
  return { ok: true, cell: { code, filename: fileName, sourceMap: output.sourceMapText ?? "" } };
}
