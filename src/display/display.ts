import { randomUUID } from "node:crypto";
import { htmlBundle, jsonBundle, markdownBundle, pngBundle, svgBundle, vegaLiteBundle } from "./bundles";
import { formatValue } from "./formatters";
import type { MimeBundle } from "./mime";
import { currentSink } from "./scope";

/** Options of display(). */
export interface DisplayOptions {
  /** Id to update this output through later; a fresh one is made when omitted. */
  id?: string;
  /** Extra metadata for the output, keyed by MIME type as Jupyter expects. */
  metadata?: Record<string, unknown>;
}

/** An output already shown, which can be replaced in place. */
export interface DisplayHandle {
  readonly id: string;
  /** Replaces the shown output with value, formatted like display() does. */
  update(value: unknown): void;
}

/** Marks display handles, which a cell's value shows nothing for, as IPython's display() returns None. */
const handleMarker = Symbol.for("tskeras.DisplayHandle");

/** Returns whether value is a handle that display() returned. */
export function isDisplayHandle(value: unknown): value is DisplayHandle {
  return typeof value === "object" && value !== null && handleMarker in value;
}

function createHandle(id: string, update: (next: unknown) => void): DisplayHandle {
  const handle = { id, update };
  Object.defineProperty(handle, handleMarker, { value: true });
  return handle;
}

/** Shows value in the notebook through the formatters and returns a handle to update it. */
function displayValue(value: unknown, options: DisplayOptions = {}): DisplayHandle {
  const id = options.id ?? randomUUID();
  const metadata = options.metadata ?? {};
  publish("display", formatValue(value), metadata, id);
  return createHandle(id, (next: unknown) => publish("update", formatValue(next), metadata, id));
}

/** Shows a ready MIME bundle as it is, for callers that built their own. */
export function displayBundle(data: MimeBundle, options: DisplayOptions = {}): DisplayHandle {
  const id = options.id ?? randomUUID();
  const metadata = options.metadata ?? {};
  publish("display", data, metadata, id);
  return createHandle(id, (next: unknown) => publish("update", isBundle(next) ? next : formatValue(next), metadata, id));
}

/** Options of clearOutput(). */
export interface ClearOutputOptions {
  /** Clear only when the next output arrives, so an output redrawn in a loop does not flicker. Default false. */
  wait?: boolean;
}

/** Clears the outputs of the running cell, as Jupyter's clear_output does. */
export function clearOutput(options: ClearOutputOptions = {}): void {
  currentSink()?.clear?.(options.wait === true);
}

/**
 * Shows a value in the notebook through the formatters and returns a handle to update it in place;
 * display.html(), .markdown(), .json(), .png(), .svg() and .vegalite() show content of one MIME type.
 */
export const display = Object.assign(displayValue, {
  /** Shows HTML. */
  html: (html: string, options?: DisplayOptions) => displayBundle(htmlBundle(html), options),
  /** Shows Markdown, rendered by the front end. */
  markdown: (markdown: string, options?: DisplayOptions) => displayBundle(markdownBundle(markdown), options),
  /** Shows a value as JSON, which JupyterLab draws as a tree. */
  json: (value: unknown, options?: DisplayOptions) => displayBundle(jsonBundle(value), options),
  /** Shows a PNG image, given as its bytes or as base64 text. */
  png: (image: Uint8Array | string, options?: DisplayOptions) => displayBundle(pngBundle(image), options),
  /** Shows an SVG image, given as its text. */
  svg: (svg: string, options?: DisplayOptions) => displayBundle(svgBundle(svg), options),
  /** Shows a Vega-Lite 5 chart from its spec. */
  vegalite: (spec: Record<string, unknown>, options?: DisplayOptions) => displayBundle(vegaLiteBundle(spec), options),
});

function publish(kind: "display" | "update", data: MimeBundle, metadata: Record<string, unknown>, displayId: string): void {
  const sink = currentSink();
  if (sink) {
    sink.display({ kind, data, metadata, displayId });
    return;
  }

  // Outside a cell (a plain Node script using the library) the text form is all there is to show.
  if (kind === "display") console.log(String(data["text/plain"] ?? ""));
}

/** True for a MIME bundle: a plain object whose keys are all MIME types, such as { "text/html": ... }. */
function isBundle(value: unknown): value is MimeBundle {
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => /^[a-z]+\/[\w.+-]+$/i.test(key));
}
