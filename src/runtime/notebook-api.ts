import { inspect } from "node:util";
import { messages } from "../i18n";
import { TYPECHECK_MODES, type TypecheckMode } from "./ipc";

/** Settings of the running kernel that a cell can change. */
export const kernel = {
  /**
   * Sets whether type errors stop a cell ("error", the default), are shown while the cell runs
   * anyway ("warn"), or are not checked ("off"). Applies from the next cell on.
   */
  typecheck(mode: TypecheckMode): void {
    if (!TYPECHECK_MODES.includes(mode)) throw new RangeError(messages().kernel.invalidTypecheckMode(String(mode)));
    // Outside the kernel's executor there is no kernel process to tell.
    process.send?.({ type: "option", name: "typecheck", value: mode });
  },
};

/**
 * Shows the documentation of a function, class or value in the pager: a cell that is only
 * `help(Dense)` or `help(modelo.fit)` gets the signature and documentation that Shift+Tab shows.
 * Called in any other way, it prints the value's text form.
 */
export function help(value: unknown): void {
  console.log(typeof value === "function" ? String(value).split("\n")[0] : inspect(value, { depth: 1 }));
}
