import { inspect } from "node:util";
import type { MimeBundle } from "./mime";

/** Returns a MIME bundle for values it knows, undefined for the rest. */
export type Formatter = (value: unknown) => MimeBundle | undefined;

const formatters: Formatter[] = [];

/** Adds a formatter; later registrations are tried first, so a specific one can shadow a general one. */
export function registerFormatter(formatter: Formatter): void {
  formatters.unshift(formatter);
}

// Objects may describe their own display, the convention Deno's Jupyter kernel uses.
const displaySymbol = Symbol.for("Jupyter.display");

/** Turns any value into a MIME bundle; every bundle has text/plain. */
export function formatValue(value: unknown): MimeBundle {
  const own = ownDisplay(value);
  if (own) return withPlainText(own, value);

  for (const formatter of formatters) {
    const bundle = formatter(value);
    if (bundle) return withPlainText(bundle, value);
  }

  return { "text/plain": plainText(value) };
}

/** Formats a value as text the way Node's REPL does, with colours off so notebooks stay clean. */
export function plainText(value: unknown): string {
  if (typeof value === "string") return inspect(value);
  return inspect(value, { depth: 4, colors: false, maxArrayLength: 100, breakLength: 100 });
}

function ownDisplay(value: unknown): MimeBundle | undefined {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return undefined;
  const method = (value as Record<symbol, unknown>)[displaySymbol];
  if (typeof method !== "function") return undefined;
  const bundle = method.call(value);
  return bundle && typeof bundle === "object" ? (bundle as MimeBundle) : undefined;
}

function withPlainText(bundle: MimeBundle, value: unknown): MimeBundle {
  return "text/plain" in bundle ? bundle : { ...bundle, "text/plain": plainText(value) };
}
