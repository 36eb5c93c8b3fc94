import ts from "typescript";
import type { CompiledCell } from "../../runtime/ipc";
import type { CellDiagnostic } from "./diagnostics";
import { cellTransformer } from "./declarations";
import { messages } from "../../i18n";

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
  const fileName = cellFileName(executionCount);
  let mayBlock = true;

  const output = ts.transpileModule(source, {
    compilerOptions,
    fileName,
    reportDiagnostics: true,
    transformers: { before: [blockingObserver((found) => (mayBlock = found)), cellTransformer(new Set())] },
  });

  const diagnostics = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostics.length > 0) return { ok: false, diagnostics: diagnostics.map((d) => toCellDiagnostic(d, source)) };
  return { ok: true, cell: compiledCell(output.outputText, output.sourceMapText ?? "", executionCount, mayBlock) };
}

/**
 * Compiles a cell that the type checker's program contains, with the same rewriting as compileCell().
 * Emitting from that program saves transpileModule's own parse and program, about 1.5 ms a cell here.
 */
export function emitCell(program: ts.Program, cell: ts.SourceFile, executionCount: number): CompiledCell {
  let code = "";
  let sourceMap = "";
  program.emit(
    cell,
    (fileName, text) => {
      if (fileName.endsWith(".js")) code = text;
      else if (fileName.endsWith(".js.map")) sourceMap = text;
    },
    undefined,
    false,
    { before: [cellTransformer(new Set())] },
  );
  return compiledCell(code, sourceMap, executionCount, mayBlock(cell));
}

function compiledCell(outputText: string, sourceMap: string, executionCount: number, blocking: boolean): CompiledCell {
  // A cell that is a module ends with `export {};` in TypeScript's output; the rewritten cell is a script.
  const code = outputText.replace(/^export \{\};$/m, "").replace(/^\/\/# sourceMappingURL=.*$/m, "");
  return { code, filename: cellFileName(executionCount), sourceMap, mayBlock: blocking };
}

/** Returns the file name under which a cell's code runs and its tracebacks name it. */
export function cellFileName(executionCount: number): string {
  return `cell[${executionCount}].ts`;
}

/** Node kinds that run code of unknown length as the statement that contains them runs. */
const BLOCKING_KINDS = new Set([
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.TaggedTemplateExpression,
  ts.SyntaxKind.Decorator,
  // Spreading an iterable, or a rest element in array destructuring, drains an iterator that may not end.
  ts.SyntaxKind.SpreadElement,
  ts.SyntaxKind.ImportDeclaration,
  ts.SyntaxKind.ImportEqualsDeclaration,
]);

/**
 * Returns whether running a cell's top level can take unbounded time: it contains a loop, a call, a
 * constructor, an iterator drained by a spread or an import.
 *
 * The bodies of functions, methods and arrows it defines are skipped, as they run only when called.
 * Arming SIGINT for a cell's synchronous part starts and joins a watchdog thread, which took 0.1 ms
 * and, in about a quarter of the cells, 3-4 ms in the executor. So a cell such as `model` or `1 + 1`
 * runs without it.
 * NOTE: a getter, valueOf() or toString() reached through property access or an operator can still
 * loop without end in such a cell, and then only restarting the kernel stops it.
 */
export function mayBlock(file: ts.SourceFile): boolean {
  const visit = (node: ts.Node): boolean => {
    if (BLOCKING_KINDS.has(node.kind)) return true;
    if (ts.isBindingElement(node) && node.dotDotDotToken && ts.isArrayBindingPattern(node.parent)) return true;
    if (ts.isFunctionLike(node) && !ts.isClassStaticBlockDeclaration(node)) return false;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(file);
}

/** Returns a transformer that passes mayBlock() of each file to report and leaves the file unchanged. */
function blockingObserver(report: (found: boolean) => void): ts.TransformerFactory<ts.SourceFile> {
  return () => (file) => {
    report(mayBlock(file));
    return file;
  };
}

/**
 * Notes that only point at a declaration: "'x' is declared here.", "'x' was also declared
 * here." and "and here.". Outside the cell, in the history or a library, they point at nothing the learner wrote.
 */
const DECLARED_HERE_NOTES = new Set([2728, 6203, 6204]);

/**
 * Converts a TypeScript diagnostic in a cell to the cell's 1-based line and column. toSource maps an
 * offset in the checked text to one in source. A note in the cell gets its line and column.
 */
export function toCellDiagnostic(diagnostic: ts.Diagnostic, source: string, toSource: (offset: number) => number = (offset) => offset): CellDiagnostic {
  const related: string[] = [];
  for (const note of diagnostic.relatedInformation ?? []) {
    const message = ts.flattenDiagnosticMessageText(note.messageText, "\n");
    const inCell = note.file !== undefined && note.file === diagnostic.file && note.start !== undefined;
    if (inCell) {
      const position = cellPosition(source, toSource(note.start!));
      related.push(`${message} ${messages().kernel.notePosition(position.line, position.column)}`);
    } else if (!DECLARED_HERE_NOTES.has(note.code)) {
      related.push(message);
    }
  }
  return { ...cellPosition(source, toSource(diagnostic.start ?? 0)), code: diagnostic.code, message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"), related };
}

/** Returns the 1-based line and column of a UTF-16 offset into a cell's source, the column in code points as Jupyter counts. */
export function cellPosition(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, Math.min(offset, source.length)).split("\n");
  return { line: before.length, column: [...before[before.length - 1]].length + 1 };
}
