/** A MIME bundle as Jupyter's display_data content carries it: MIME type to data. */
export type MimeBundle = { [mimeType: string]: unknown };

/** One output that user code or the Keras facade sends to the front end to show. */
export interface DisplayOutput {
  /** "display" adds an output; "update" replaces the outputs shown earlier with the same displayId. */
  kind: "display" | "update";
  data: MimeBundle;
  metadata: Record<string, unknown>;
  /** Id that later updates refer to; required when kind is "update". */
  displayId?: string;
}

/** The destination of one cell's outputs. The runtime hands one in per execution. */
export interface OutputSink {
  display(output: DisplayOutput): void;
  /** Clears the cell's outputs; with wait, only when the next output arrives, so the cell does not flicker. */
  clear?(wait: boolean): void;
  /** Runs task once the cell's code has finished, before the cell ends; for work its code need not wait for. */
  defer?(task: () => void): void;
}
