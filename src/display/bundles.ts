import { inspect } from "node:util";
import { messages } from "../i18n";
import { chartBundle } from "./chart";
import type { MimeBundle } from "./mime";

/** Builds the bundle of HTML, with its text stripped of tags for consoles. */
export function htmlBundle(html: string): MimeBundle {
  return { "text/html": html, "text/plain": textOfHtml(html) };
}

export function markdownBundle(markdown: string): MimeBundle {
  return { "text/markdown": markdown, "text/plain": markdown };
}

/** Builds the bundle of JSON that JupyterLab shows as a tree; the text form is Node's inspect() output. */
export function jsonBundle(value: unknown): MimeBundle {
  return { "application/json": value, "text/plain": inspect(value, { depth: 4, colors: false }) };
}

/** Builds the bundle of a PNG image, given as its bytes or as base64 text. */
export function pngBundle(image: Uint8Array | string): MimeBundle {
  const base64 = typeof image === "string" ? image : Buffer.from(image).toString("base64");
  return { "image/png": base64, "text/plain": "<PNG image>" };
}

export function svgBundle(svg: string): MimeBundle {
  return { "image/svg+xml": svg, "text/plain": "<SVG image>" };
}

/**
 * Builds the bundle of a Vega-Lite 5 chart, which JupyterLab and VS Code draw, with its PNG image for
 * the front ends that do not. The text form names the chart's title.
 */
export function vegaLiteBundle(spec: Record<string, unknown>): MimeBundle {
  const title = chartTitle(spec.title);
  return chartBundle(spec, messages().plot.vegaLiteText(title));
}

function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

/** Returns a Vega-Lite title as text: the title itself, or the text of a title object. */
function chartTitle(title: unknown): string {
  if (typeof title === "string") return title;
  const text = (title as { text?: unknown } | undefined)?.text;
  return typeof text === "string" ? text : "";
}
