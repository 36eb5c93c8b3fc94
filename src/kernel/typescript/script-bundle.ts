import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";

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

/** Removes the triple-slash reference directives, which count only at the top of a file. */
export function withoutDirectives(text: string): string {
  return text.replace(/^\/\/\/\s*<(reference|amd-module)[^>]*>\s*$/gm, "");
}
