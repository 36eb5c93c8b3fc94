/** Options of one command: each flag either takes a value or stands alone. */
export interface OptionSpec {
  withValue: readonly string[];
  flags: readonly string[];
}

export interface ParsedArguments {
  positional: string[];
  values: Map<string, string>;
  flags: Set<string>;
}

/** A command line that names an unknown option or leaves out an option's value. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * Parses `--name value`, `--name=value` and bare flags. An unknown option, or an option whose
 * value is missing or is another option, is a UsageError, so a typo never falls back to a default.
 */
export function parseArguments(args: readonly string[], spec: OptionSpec, describe: (problem: "unknown" | "missing", option: string) => string): ParsedArguments {
  const parsed: ParsedArguments = { positional: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      parsed.positional.push(arg);
      continue;
    }

    const [name, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (spec.flags.includes(name) && inline === undefined) {
      parsed.flags.add(name);
      continue;
    }
    if (!spec.withValue.includes(name)) throw new UsageError(describe("unknown", name));

    const value = inline ?? args[i + 1];
    if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) throw new UsageError(describe("missing", name));
    if (inline === undefined) i++;
    parsed.values.set(name, value);
  }
  return parsed;
}
