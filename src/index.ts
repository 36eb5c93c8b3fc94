/**
 * The public surface of tskeras: what a notebook gets as globals and through `import ... from "tskeras"`.
 */
import * as tf from "@tensorflow/tfjs";
import { registerValueFormatters } from "./display/values";

export { tf };
export * from "./keras";
export * from "./eda";
export { clearOutput, display, displayBundle, type ClearOutputOptions, type DisplayHandle, type DisplayOptions } from "./display/display";
export { registerFormatter, type Formatter } from "./display/formatters";
export type { MimeBundle } from "./display/mime";
export * as plot from "./plot";
export { comms, help, input, kernel, type PromptOptions } from "./runtime/notebook-api";
export type { Comm, CommData, CommMessage } from "./runtime/comms";

registerValueFormatters();
