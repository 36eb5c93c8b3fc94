import ts from "typescript";

/** Module specifier of the preloaded API, resolved to the package's own declarations. */
const PRELOADED_MODULE = "tskeras";

/**
 * Generates the prelude: a module that declares every export of "tskeras" as a global, as the
 * executor defines them. It is read from the package's declarations, so it lists exactly what the
 * executor makes global.
 */
export function buildPrelude(options: ts.CompilerOptions, host: ts.CompilerHost): string {
  const probePath = "/__tskeras_prelude_probe__.ts";
  const probe = ts.createSourceFile(probePath, `import * as preloaded from "${PRELOADED_MODULE}";\n`, ts.ScriptTarget.ES2022, true);
  const probeHost: ts.CompilerHost = {
    ...host,
    getSourceFile: (fileName, languageVersion, onError) =>
      fileName === probePath ? probe : host.getSourceFile(fileName, languageVersion, onError),
    fileExists: (fileName) => fileName === probePath || host.fileExists(fileName),
  };
  const program = ts.createProgram({ rootNames: [probePath], options, host: probeHost });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation((probe.statements[0] as ts.ImportDeclaration).moduleSpecifier);
  if (!moduleSymbol) throw new Error(`Cannot resolve the declarations of "${PRELOADED_MODULE}"; run npm run build first.`);

  // An import alias carries every meaning of the export: value, type, generic type and namespace (tf.Tensor).
  // An import-equals and not a namespace import, because with esModuleInterop the first use of a
  // namespace import makes each new type checker resolve every export of the module. That took most
  // of a completion request's time. The form is an error in an ES module, but the kernel never reads
  // the prelude's own diagnostics.
  const lines = checker.getExportsOfModule(moduleSymbol).map((exported) => `export import ${exported.name} = __preloaded.${exported.name};`);
  return [`import __preloaded = require("${PRELOADED_MODULE}");`, "export {};", "declare global {", ...lines.map((l) => "  " + l), "}", ""].join("\n");
}
