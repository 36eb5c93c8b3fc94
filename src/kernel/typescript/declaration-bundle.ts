import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";


/** One file of declarations that stands for many, and the module names it declares. */
export interface DeclarationBundle {
  text: string;
  moduleNames: Set<string>;
}

/**
 * Merges the declaration files of the packages in scopes (such as "@tensorflow/") that entryModule
 * reaches into one file of ambient module declarations,
 * `declare module "@tensorflow/tfjs-core/dist/ops/add" { ... }`, one per file, with relative imports
 * rewritten to those names.
 *
 * A TypeScript program pays a cost per file each time it is created, and the kernel creates one per
 * cell. Measured here (TypeScript 5.9, 2 cores): checking `1 + 1` against the 781 files that the
 * preloaded API reaches took about 5.5 ms; against the 160 files of the libraries and @types/node
 * alone, about 2 ms. The module resolver then reports these names as unresolved, so the
 * type checker takes them from the bundle instead of loading the files.
 */
export function bundleDeclarations(packageRoot: string, entryModule: string, scopes: readonly string[]): DeclarationBundle {
  const bundled = (specifier: string) => scopes.some((scope) => specifier === scope || specifier.startsWith(scope.endsWith("/") ? scope : scope + "/"));
  const requireFromRoot = createRequire(join(packageRoot, "package.json"));
  const moduleNames = new Set<string>();
  const typeReferences = new Set<string>();
  const blocks: string[] = [];
  const pending: string[] = [entryModule];
  // The first name a file is reached by; other names of the same file re-export it.
  const canonicalNames = new Map<string, string>();

  while (pending.length > 0) {
    const specifier = pending.pop()!;
    if (moduleNames.has(specifier)) continue;
    const fileName = resolveDeclarationFile(requireFromRoot, specifier);
    if (!fileName) continue;
    moduleNames.add(specifier);

    const text = readFileSync(fileName, "utf8");
    const canonical = canonicalNames.get(fileName);
    if (canonical) {
      blocks.push(aliasBlock(specifier, canonical, text));
      continue;
    }
    canonicalNames.set(fileName, specifier);

    const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
    file.typeReferenceDirectives.forEach((reference) => typeReferences.add(reference.fileName));

    // Rewrite each relative specifier to the bundled name of the file it points to.
    const edits: TextEdit[] = [];
    for (const literal of moduleSpecifiers(file)) {
      const target = literal.text.startsWith(".") ? moduleNameOf(fileName, literal.text) : literal.text;
      if (!target) continue;
      if (bundled(target)) pending.push(target);
      if (target !== literal.text) edits.push({ pos: literal.getStart(file) + 1, end: literal.end - 1, text: target });
    }
    blocks.push(`declare module ${JSON.stringify(specifier)} {\n${ambientBody(file, edits)}\n}`);
  }

  const header = [...typeReferences].map((reference) => `/// <reference types="${reference}" />`);
  return { text: [...header, ...blocks, ""].join("\n"), moduleNames };
}

export interface TextEdit {
  pos: number;
  end: number;
  text: string;
}

/** Returns the string literals that name modules in a declaration file: imports, exports, import types and augmentations. */
function moduleSpecifiers(file: ts.SourceFile): ts.StringLiteral[] {
  const literals: ts.StringLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      literals.push(node.moduleSpecifier);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      literals.push(node.argument.literal);
    } else if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) {
      literals.push(node.expression);
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      // A module augmentation, such as the chained ops that add methods to Tensor.
      literals.push(node.name);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return literals;
}

/** Declares a second name for an already bundled file, with its default export if it has one. */
function aliasBlock(alias: string, canonical: string, text: string): string {
  const lines = [`export * from ${JSON.stringify(canonical)};`];
  if (/\bexport\s+default\b|\bexport\s*\{[^}]*\bdefault\b/.test(text)) lines.push(`export { default } from ${JSON.stringify(canonical)};`);
  return `declare module ${JSON.stringify(alias)} {
  ${lines.join("\n  ")}
}`;
}

/** Finds the declaration file of a bundled module name, which is a package or a file inside one. */
function resolveDeclarationFile(requireFromRoot: NodeRequire, specifier: string): string | undefined {
  const parts = specifier.split("/");
  const nameParts = specifier.startsWith("@") ? 2 : 1;
  const packageName = parts.slice(0, nameParts).join("/");
  const subpath = parts.slice(nameParts).join("/");
  let manifestPath: string;
  try {
    manifestPath = requireFromRoot.resolve(`${packageName}/package.json`);
  } catch {
    return undefined;
  }
  const packageFolder = dirname(manifestPath);
  if (subpath === "") {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { types?: string; typings?: string };
    const entry = manifest.types ?? manifest.typings;
    return entry ? resolve(packageFolder, entry) : undefined;
  }
  for (const candidate of [`${subpath}.d.ts`, `${subpath}/index.d.ts`]) {
    const fileName = join(packageFolder, candidate);
    if (existsSync(fileName)) return fileName;
  }
  return undefined;
}

/**
 * Returns the bundled module name of a relative import in a file: package name plus path, no extension.
 * A specifier ending in ".js", as ES module packages such as arquero write them, names the .d.ts beside it.
 */
function moduleNameOf(fromFile: string, relativeSpecifier: string): string | undefined {
  const target = resolve(dirname(fromFile), relativeSpecifier);
  const candidates = [`${target}.d.ts`, join(target, "index.d.ts")];
  if (target.endsWith(".js")) candidates.push(`${target.slice(0, -".js".length)}.d.ts`);
  const fileName = candidates.find(existsSync);
  if (!fileName) return undefined;
  const marker = `${join("node_modules")}/`;
  const index = fileName.lastIndexOf(marker);
  if (index < 0) return undefined;
  const withinNodeModules = fileName.slice(index + marker.length).replace(/\.d\.ts$/, "");
  return withinNodeModules.split("\\").join("/");
}

/**
 * Turns a declaration file's text into the body of an ambient module: specifiers rewritten, and the
 * `declare` modifiers and `export as namespace` statements removed, which an ambient context rejects.
 */
export function ambientBody(file: ts.SourceFile, edits: TextEdit[] = []): string {
  const text = file.text;
  const removals: TextEdit[] = [];
  for (const statement of file.statements) {
    if (ts.isNamespaceExportDeclaration(statement)) {
      removals.push({ pos: statement.getStart(file), end: statement.end, text: "" });
      continue;
    }
    const declare = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.find((modifier) => modifier.kind === ts.SyntaxKind.DeclareKeyword)
      : undefined;
    if (declare) removals.push({ pos: declare.getStart(file), end: declare.end, text: "" });
  }

  // Triple-slash directives only count at the top of a file; the bundle states them once there.
  let body = "";
  let last = 0;
  for (const edit of [...edits, ...removals].sort((a, b) => a.pos - b.pos)) {
    body += text.slice(last, edit.pos) + edit.text;
    last = edit.end;
  }
  body += text.slice(last);
  return body.replace(/^\/\/\/\s*<(reference|amd-module)[^>]*>\s*$/gm, "");
}

