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
