import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import ts from "typescript";
import { ambientBody } from "./declaration-bundle";
import { withoutDirectives } from "./script-bundle";

/** One file of @types/node as it goes into a program, with the modules it declares and imports. */
export interface NodeTypesFile {
  /** Its place in @types/node's order of files. */
  index: number;
  text: string;
  /** Ambient module names it declares, such as "fs" and "node:fs". */
  modules: string[];
  /** Module names its import and export declarations name. */
  imports: string[];
  /** Whether it declares globals, which every cell may use without an import. */
  global: boolean;
  loaded: boolean;
}

/**
 * The declarations of @types/node that a notebook needs so far.
 *
 * The files that declare globals (Buffer, process, console, timers, URL...) and the files their imports
 * reach are always loaded. The others, such as path, os, zlib, http2, inspector and test, are loaded
 * when a cell imports one of their modules. A module not loaded yet is declared without a body, so it
 * still completes inside an import's string. At start this leaves out 0.7 of the 2.2 MB of @types/node:
 * the kernel's heap was 92 MB instead of 105 after 30 cells.
 *
 * An `import("fs")` type does not bring a file in: TypeScript types what an unresolved import type names
 * as any, in declaration files that are not checked. A base class comes only through an import
 * declaration, which does.
 */
export class NodeTypes {
  private readonly files: NodeTypesFile[] = [];
  private readonly fileOfModule = new Map<string, NodeTypesFile>();

  /** Reads index.d.ts of @types/node and the files its `/// <reference path>` directives name. */
  constructor(entryFile: string) {
    const seen = new Set<string>();
    const visit = (fileName: string) => {
      if (seen.has(fileName) || !existsSync(fileName)) return;
      seen.add(fileName);
      const source = ts.createSourceFile(fileName, readFileSync(fileName, "utf8"), ts.ScriptTarget.ES2022, true);
      source.referencedFiles.forEach((reference) => visit(resolve(dirname(fileName), reference.fileName)));
      this.files.push(describe(source, seen.size));
    };
    visit(entryFile);

    for (const file of this.files) file.modules.forEach((module) => this.fileOfModule.set(module, file));
    this.loadFiles(this.files.filter((file) => file.global));
  }

  /** Loads the files that declare the named modules, and returns whether any was new. */
  load(moduleNames: Iterable<string>): boolean {
    const files: NodeTypesFile[] = [];
    for (const name of moduleNames) {
      const file = this.fileOfModule.get(name);
      if (file && !file.loaded) files.push(file);
    }
    return this.loadFiles(files);
  }

  /** Returns whether name is a module of @types/node that is not loaded yet. */
  isUnloadedModule(name: string): boolean {
    const file = this.fileOfModule.get(name);
    return file !== undefined && !file.loaded;
  }

  /** Returns the loaded files in @types/node's order. */
  loadedFiles(): NodeTypesFile[] {
    return this.files.filter((file) => file.loaded);
  }

  /** Returns a bodiless declaration of each module not loaded yet, which types its imports as any. */
  pendingModules(): string {
    return this.files
      .filter((file) => !file.loaded)
      .flatMap((file) => file.modules.map((module) => `declare module ${JSON.stringify(module)};`))
      .join("\n");
  }

  private loadFiles(files: NodeTypesFile[]): boolean {
    let added = false;
    const pending = [...files];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (file.loaded) continue;
      file.loaded = true;
      added = true;
      for (const name of file.imports) {
        const imported = this.fileOfModule.get(name);
        if (imported && !imported.loaded) pending.push(imported);
      }
    }
    return added;
  }
}

/** Describes one file of @types/node. A file that is a module goes inside an ambient module of its own, numbered index. */
function describe(source: ts.SourceFile, index: number): NodeTypesFile {
  const isModule = ts.isExternalModule(source);
  const file: NodeTypesFile = {
    index,
    // Inside an ambient module, its imports and its `declare global` blocks keep working.
    text: isModule ? `declare module ${JSON.stringify(`__tskeras_module__${index}`)} {\n${ambientBody(source)}\n}` : withoutDirectives(source.text),
    modules: [],
    imports: [],
    global: isModule || source.statements.some((statement) => !isAmbientModule(statement)),
    loaded: false,
  };

  const visit = (node: ts.Node): void => {
    if (isAmbientModule(node)) file.modules.push(node.name.text);
    if (ts.isModuleDeclaration(node) && node.flags & ts.NodeFlags.GlobalAugmentation) file.global = true;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      file.imports.push(node.moduleSpecifier.text);
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      file.imports.push(node.moduleReference.expression.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return file;
}

function isAmbientModule(node: ts.Node): node is ts.ModuleDeclaration & { name: ts.StringLiteral } {
  return ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name);
}
