import { inspect } from "node:util";
import { messages } from "../i18n";
import { TYPECHECK_MODES, type TypecheckMode } from "./ipc";
import { commRegistry, type Comm, type CommData, type CommMessage } from "./comms";
import { requestInput } from "./stdin";

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

/** Options of input(): how the front end requests the text. */
export interface PromptOptions {
  /** Hide what the user types, for passwords and keys. Default false. */
  password?: boolean;
}

/**
 * Asks the user for a line of text in the notebook, as Python's input() does, and resolves with it:
 * `const name = await input("Nombre: ")`. Rejects when the front end accepts no input, as when a
 * notebook runs headlessly with nbconvert or tskeras run.
 */
export function input(prompt = "", options: PromptOptions = {}): Promise<string> {
  return requestInput(prompt, options.password === true);
}

/**
 * Jupyter comms: channels between notebook code and front-end code, on which widget libraries are
 * built. `comms.open("target", data)` opens one to a front-end target; `comms.registerTarget(name,
 * (comm, message) => ...)` accepts the ones the front end opens.
 */
export const comms = {
  open: (targetName: string, data?: CommData, metadata?: CommData): Comm => commRegistry().open(targetName, data, metadata),
  registerTarget: (targetName: string, handler: (comm: Comm, message: CommMessage) => void): void =>
    commRegistry().registerTarget(targetName, handler),
};
