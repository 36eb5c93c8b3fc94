/** An error found in a cell before it runs, with 1-based line and column in the cell. */
export interface CellDiagnostic {
  line: number;
  column: number;
  code: number;
  message: string;
}

/** TypeScript's "Cannot find module" diagnostic. */
export const MODULE_NOT_FOUND = 2307;
