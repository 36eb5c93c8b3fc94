import { readFileSync } from "node:fs";
import Module from "node:module";
import { dirname } from "node:path";

/**
 * A change to typescript.js that lets V8's young-generation collections free a cell's type checker.
 *
 * In Node.js 20, an object literal with getters created inside a function kept that function's
 * variables alive through every young-generation collection until the next full collection (seen with
 * --trace-gc-nvp). TypeScript 5.9 makes such an object once per type checker (`noIterationTypes` in
 * createTypeChecker) and once per emit (the transformation context of transformNodes, whose variables
 * contain the emit resolver and so the checker). About 0.4 MB of each cell's checker was therefore
 * copied twice and promoted to the old generation (bench/README.md).
 */
export interface SourcePatch {
  name: string;
  apply(source: string): string | undefined;
}

export const TYPESCRIPT_PATCHES: readonly SourcePatch[] = [
  {
    // The object's getters only fail, so one object made at load time serves every checker.
    name: "noIterationTypes made once",
    apply(source) {
      const declaration = /^ {2}var noIterationTypes = (\{\n(?: {4}.*\n)+? {2}\});\n/m.exec(source);
      const checkerStart = source.indexOf("\nfunction createTypeChecker(host) {\n");
      if (!declaration || checkerStart < 0 || declaration.index < checkerStart || countOf(source, declaration[0]) !== 1) return undefined;
      const withoutLiteral = source.replace(declaration[0], "  var noIterationTypes = sharedNoIterationTypes;\n");
      return withoutLiteral.replace("\nfunction createTypeChecker(host) {\n", `\nvar sharedNoIterationTypes = ${declaration[1]};\nfunction createTypeChecker(host) {\n`);
    },
  },
  {
    // The transformation hooks become plain properties that the context's own functions read.
    // NOTE: TypeScript's assertions that no hook is set after the transformers were initialised go
    // with the setters. The kernel's own transformer sets no hook.
    name: "transformation hooks as data properties",
    apply(source) {
      const start = source.indexOf("\n    get onSubstituteNode() {\n");
      const end = source.indexOf("\n    addDiagnostic(diag2) {\n", start);
      const substitute = "return node && isSubstitutionEnabled(node) && onSubstituteNode(hint, node) || node;";
      const notify = "\n        onEmitNode(hint, node, emitCallback);\n";
      if (start < 0 || end < 0 || end - start > 1000 || countOf(source, substitute) !== 1 || countOf(source, notify) !== 1) return undefined;
      return (source.slice(0, start) + "\n    onSubstituteNode: noEmitSubstitution,\n    onEmitNode: noEmitNotification," + source.slice(end))
        .replace(substitute, "return node && isSubstitutionEnabled(node) && context.onSubstituteNode(hint, node) || node;")
        .replace(notify, "\n        context.onEmitNode(hint, node, emitCallback);\n");
    },
  },
];

/** The typescript modules that loadTypeScript() compiled, as opposed to ones that `require` loaded first. */
const patchedModules = new WeakSet<object>();

/**
 * Loads the typescript package with TYPESCRIPT_PATCHES applied, and registers it as the package's module,
 * so every later `require("typescript")` of this process gets it. A patch whose text is not found,
 * as after an upgrade of TypeScript, is skipped and returned in `skipped`, and so is every patch when
 * the package was loaded before. The compiler then runs unchanged and only collects its garbage more slowly.
 */
export function loadTypeScript(): { typescript: typeof import("typescript"); skipped: string[] } {
  const path = require.resolve("typescript");
  const loaded = require.cache[path];
  if (loaded) {
    const typescript = loaded.exports as typeof import("typescript");
    return { typescript, skipped: patchedModules.has(typescript) ? [] : TYPESCRIPT_PATCHES.map((patch) => patch.name) };
  }

  let source = readFileSync(path, "utf8");
  const skipped: string[] = [];
  for (const patch of TYPESCRIPT_PATCHES) {
    const patched = patch.apply(source);
    if (patched === undefined) skipped.push(patch.name);
    else source = patched;
  }

  // The same steps as Node.js's CommonJS loader, with the patched text in place of the file's.
  const module = new Module(path, require.main);
  module.filename = path;
  module.paths = (Module as unknown as { _nodeModulePaths(folder: string): string[] })._nodeModulePaths(dirname(path));
  require.cache[path] = module;
  try {
    (module as unknown as { _compile(text: string, file: string): void })._compile(source, path);
  } catch (error) {
    delete require.cache[path];
    throw error;
  }
  module.loaded = true;
  patchedModules.add(module.exports as object);
  return { typescript: module.exports as typeof import("typescript"), skipped };
}

function countOf(text: string, part: string): number {
  return text.split(part).length - 1;
}
