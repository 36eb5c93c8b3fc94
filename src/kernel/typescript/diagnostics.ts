/** An error found in a cell before it runs, with 1-based line and column in the cell. */
export interface CellDiagnostic {
  line: number;
  column: number;
  code: number;
  message: string;
  /** TypeScript's related notes, such as the property that the expected type comes from. */
  related: string[];
}

/** TypeScript's "Cannot find module" diagnostic. */
export const MODULE_NOT_FOUND = 2307;

/**
 * TypeScript's "Import assignment cannot be used when targeting ECMAScript modules". Cells are checked
 * as ES modules, but the kernel runs `import x = require("m")` through its own module loader.
 */
export const IMPORT_ASSIGNMENT_IN_ES_MODULE = 1202;
