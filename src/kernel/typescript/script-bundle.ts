import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { ambientBody } from "./declaration-bundle";

/**
 * Concatenates TypeScript's library files, starting at lib.<name>.d.ts and following their
 * `/// <reference lib>` directives, into one script, for a program created with noLib. Each file of
 * a program costs time every time a program is created, and the kernel creates one per cell.
 */
export function bundleLibraries(name: string): string {
  const libFolder = dirname(ts.getDefaultLibFilePath({}));
  const texts: string[] = [];
  const visit = (libName: string, seen: Set<string>) => {
    if (seen.has(libName)) return;
    seen.add(libName);
    const fileName = join(libFolder, `lib.${libName}.d.ts`);
    const text = readFileSync(fileName, "utf8");
    for (const reference of ts.preProcessFile(text, true, true).libReferenceDirectives) visit(reference.fileName.toLowerCase(), seen);
    texts.push(withoutDirectives(text));
  };
  visit(name, new Set());
  return texts.join("\n");
}

/**
 * Concatenates a declaration file and the files its `/// <reference path>` directives name, as
 * @types/node is laid out, into one script. A file that is a module goes inside an ambient module
 * declaration of its own, where its imports and its `declare global` blocks keep working.
 */
export function bundleReferencedFiles(entryFile: string): string {
  const texts: string[] = [];
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName) || !existsSync(fileName)) return;
    seen.add(fileName);
    const file = ts.createSourceFile(fileName, readFileSync(fileName, "utf8"), ts.ScriptTarget.ES2022, true);
    file.referencedFiles.forEach((reference) => visit(resolve(dirname(fileName), reference.fileName)));
    texts.push(ts.isExternalModule(file) ? `declare module ${JSON.stringify(`__tskeras_module__${seen.size}`)} {\n${ambientBody(file)}\n}` : withoutDirectives(file.text));
  };
  visit(entryFile);
  return texts.join("\n");
}

function withoutDirectives(text: string): string {
  return text.replace(/^\/\/\/\s*<(reference|amd-module)[^>]*>\s*$/gm, "");
}
