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

/**
 * TypeScript's diagnostics that noImplicitAny adds: a parameter, variable, member, return type, index
 * access or untyped module "implicitly has an 'any' type" (TypeScript 5.9's 7005-7055). The checker
 * turns noImplicitAny on for its inference of empty arrays and of `let x;`, which then take the types
 * of what the cell assigns. Without it, `const xs = []` is a never[], and `xs.push(1)` is an error. The
 * diagnostics themselves are dropped, because notebook code often leaves parameters unannotated.
 */
export const IMPLICIT_ANY_DIAGNOSTICS: ReadonlySet<number> = new Set([
  7005, 7006, 7008, 7009, 7010, 7011, 7013, 7014, 7015, 7016, 7017, 7018, 7019, 7020, 7022, 7023, 7024, 7025, 7031, 7032, 7033,
  7034, 7039, 7051, 7052, 7053, 7055,
]);
