import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { isInPackages } from "../../runtime/ipc";


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
  const bundled = (specifier: string) => isInPackages(specifier, scopes);
  const requireFromRoot = createRequire(join(packageRoot, "package.json"));
  const moduleNames = new Set<string>();
  const typeReferences = new Set<string>();
  const blocks: string[] = [];
  const augmentations = new AugmentationMerger();
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
    const bundledName = new Map<ts.StringLiteral, string>();
    for (const literal of moduleSpecifiers(file)) {
      const target = literal.text.startsWith(".") ? moduleNameOf(fileName, literal.text) : literal.text;
      if (!target) continue;
      bundledName.set(literal, target);
      if (bundled(target)) pending.push(target);
      if (target !== literal.text) edits.push({ pos: literal.getStart(file) + 1, end: literal.end - 1, text: target });
    }
    edits.push(...augmentations.take(file, edits, (literal) => bundledName.get(literal) ?? literal.text));
    edits.push(...varianceAnnotations(file, specifier));
    blocks.push(`declare module ${JSON.stringify(specifier)} {\n${ambientBody(file, edits)}\n}`);
  }

  const header = [...typeReferences].map((reference) => `/// <reference types="${reference}" />`);
  return { text: [...header, ...blocks, ...augmentations.blocks(), ""].join("\n"), moduleNames };
}

/**
 * Type parameters that TypeScript 5.9 measures as covariant, by module and class: the bundle declares
 * them `out`. A type checker otherwise measures a generic class's variance the first time it compares
 * two of its instances, by comparing every member, and the kernel creates a checker per cell. Checking
 * `modelo.fit(xs, ys, { epochs: 5 })`, where xs is a Tensor2D, took 21-23 ms, most of it measuring
 * Tensor, TensorBuffer and Variable. With the annotations it took 5-6 ms (one process, median of 50).
 * An annotation that matches the measured variance leaves every assignment's result as it was
 * (test/kernel/declaration-bundle.test.ts compares them).
 */
const COVARIANT_TYPE_PARAMETERS: Record<string, Record<string, readonly string[]>> = {
  "@tensorflow/tfjs-core/dist/tensor": { Tensor: ["R"], TensorBuffer: ["R", "D"], Variable: ["R"] },
};

/** Returns the edits that put `out` before the covariant type parameters of the classes that file declares. */
function varianceAnnotations(file: ts.SourceFile, moduleName: string): TextEdit[] {
  const classes = COVARIANT_TYPE_PARAMETERS[moduleName];
  if (!classes) return [];
  const edits: TextEdit[] = [];
  for (const statement of file.statements) {
    if (!ts.isClassDeclaration(statement) || !statement.name) continue;
    const covariant = classes[statement.name.text] ?? [];
    for (const parameter of statement.typeParameters ?? []) {
      const annotated = ts.getModifiers(parameter)?.some((modifier) => modifier.kind === ts.SyntaxKind.InKeyword || modifier.kind === ts.SyntaxKind.OutKeyword);
      if (covariant.includes(parameter.name.text) && !annotated) edits.push({ pos: parameter.getStart(file), end: parameter.getStart(file), text: "out " });
    }
  }
  return edits;
}

/**
 * Gathers the module augmentations of many files that augment the same module into one.
 *
 * TensorFlow.js adds each chained op (`tensor.add(b)`) to Tensor in a file of its own, 137 augmentations
 * of one module. A type checker merges every augmentation anew, and the kernel creates one per cell:
 * about 0.11 ms of the 0.42 ms it took to create one (TypeScript 5.9, 2 cores). Declared in one block,
 * the interfaces are merged once, when the bundle is bound. A file is gathered when it contains only
 * named imports and augmentations. Its imports must also bind each name as the earlier gathered files
 * did, because the gathered augmentations see the union of those imports.
 */
class AugmentationMerger {
  /** The module and exported name of each local name that the gathered files import. */
  private readonly imports = new Map<string, { module: string; name: string }>();
  /** The bodies of the gathered augmentations, by the module they augment. */
  private readonly bodies = new Map<string, string[]>();

  /** Gathers file's augmentations if it can, and returns the edits that remove them from file's own block. */
  take(file: ts.SourceFile, edits: readonly TextEdit[], bundledName: (literal: ts.StringLiteral) => string): TextEdit[] {
    const augmentations = file.statements.filter(isAugmentation);
    if (augmentations.length === 0) return [];
    const imports: { local: string; module: string; name: string }[] = [];
    for (const statement of file.statements) {
      if (isAugmentation(statement)) continue;
      if (!ts.isImportDeclaration(statement)) return [];
      const bindings = statement.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings) || statement.importClause?.name) return [];
      const module = bundledName(statement.moduleSpecifier as ts.StringLiteral);
      for (const element of bindings.elements) {
        imports.push({ local: element.name.text, module, name: (element.propertyName ?? element.name).text });
      }
    }
    const clashes = imports.some(({ local, module, name }) => {
      const known = this.imports.get(local);
      return known !== undefined && (known.module !== module || known.name !== name);
    });
    if (clashes) return [];

    for (const { local, module, name } of imports) this.imports.set(local, { module, name });
    return augmentations.map((augmentation) => {
      const body = augmentation.body as ts.ModuleBlock;
      const target = bundledName(augmentation.name as ts.StringLiteral);
      const text = applyEdits(file.text, edits, body.getStart(file) + 1, body.end - 1);
      this.bodies.set(target, [...(this.bodies.get(target) ?? []), text]);
      return { pos: augmentation.getStart(file), end: augmentation.end, text: "" };
    });
  }

  /** Returns one ambient module per augmented module, with the union of the gathered imports. */
  blocks(): string[] {
    const byModule = new Map<string, string[]>();
    for (const [local, { module, name }] of this.imports) {
      byModule.set(module, [...(byModule.get(module) ?? []), name === local ? local : `${name} as ${local}`]);
    }
    const importLines = [...byModule].map(([module, names]) => `import { ${names.join(", ")} } from ${JSON.stringify(module)};`);
    return [...this.bodies].map(([target, bodies], index) =>
      [
        `declare module ${JSON.stringify(`__tskeras_augmentations__/${index}`)} {`,
        ...importLines,
        `declare module ${JSON.stringify(target)} {`,
        ...bodies,
        "}",
        "}",
      ].join("\n"),
    );
  }
}

function isAugmentation(statement: ts.Statement): statement is ts.ModuleDeclaration {
  return ts.isModuleDeclaration(statement) && ts.isStringLiteral(statement.name) && statement.body !== undefined && ts.isModuleBlock(statement.body);
}

/**
 * Returns text[start, end) with the edits that fall inside that range applied. An edit nested in an
 * earlier one is dropped, such as a rewritten specifier inside a removed augmentation.
 */
function applyEdits(text: string, edits: readonly TextEdit[], start: number, end: number): string {
  let result = "";
  let last = start;
  for (const edit of [...edits].sort((a, b) => a.pos - b.pos || b.end - a.end)) {
    if (edit.pos < last || edit.end > end) continue;
    result += text.slice(last, edit.pos) + edit.text;
    last = edit.end;
  }
  return result + text.slice(last, end);
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
  const body = applyEdits(text, [...edits, ...removals], 0, text.length);
  return body.replace(/^\/\/\/\s*<(reference|amd-module)[^>]*>\s*$/gm, "");
}

