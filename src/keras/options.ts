import { messages } from "../i18n";
import { describeValue, ValueError } from "./errors";
import { closestName } from "./suggest";

/** Converts a Keras snake_case name to TF.js camelCase: input_shape becomes inputShape. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

/** Converts a TF.js camelCase name to Keras snake_case: inputShape becomes input_shape, MSE becomes mse. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/** Lists option names for a message, with the Keras spelling beside the TF.js one where they differ. */
function describeKnownOptions(known: readonly string[]): string[] {
  return known.map((name) => (snakeCase(name) === name ? name : `${name} (${snakeCase(name)})`));
}

/**
 * Returns the options with every key in camelCase, accepting Keras's snake_case and TF.js's camelCase.
 * Keys whose value is undefined are dropped. Raises ValueError for a key not in `known` (with the
 * closest known key as a suggestion) and for an option given in both spellings.
 */
export function normalizeOptions(owner: string, options: unknown, known: readonly string[]): Record<string, unknown> {
  const text = messages().keras;
  if (options === undefined || options === null) return {};
  if (typeof options !== "object" || Array.isArray(options)) {
    throw new ValueError(text.invalidOptionType(owner, "options", describeValue(options), "options"));
  }

  const result: Record<string, unknown> = {};
  const spelling: Record<string, string> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const name = camelCase(key);
    if (!known.includes(name)) {
      const closest = closestName(name, known);
      const suggestion = closest !== undefined && key.includes("_") ? snakeCase(closest) : closest;
      throw new ValueError(text.unknownOption(owner, key, describeKnownOptions(known), suggestion));
    }
    if (name in result) throw new ValueError(text.optionGivenTwice(owner, spelling[name], key));
    result[name] = value;
    spelling[name] = key;
  }
  return result;
}

/** Returns value if it is a positive integer, else raises ValueError naming the option. */
export function readPositiveInteger(owner: string, key: string, value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  throw new ValueError(messages().keras.invalidPositiveInteger(owner, key, describeValue(value)));
}

/** Returns value if it is an integer (0 and negatives too), else raises ValueError naming the option. */
export function readInteger(owner: string, key: string, value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "integer"));
}

/** Returns value if it lies in [0, 1) when allowZero, or in (0, 1) otherwise. Raises ValueError for any other value. */
export function readFraction(owner: string, key: string, value: unknown, allowZero: boolean): number {
  const valid = typeof value === "number" && value < 1 && (allowZero ? value >= 0 : value > 0);
  if (valid) return value;
  throw new ValueError(messages().keras.invalidFraction(owner, key, describeValue(value), allowZero));
}

/** Returns value if it is a finite number greater than 0, such as an epsilon, else raises ValueError naming the option. */
export function readPositiveNumber(owner: string, key: string, value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "positiveNumber"));
}

/** Returns value if it lies in [0, 1], such as a momentum, else raises ValueError naming the option. */
export function readClosedFraction(owner: string, key: string, value: unknown): number {
  if (typeof value === "number" && value >= 0 && value <= 1) return value;
  throw new ValueError(messages().keras.invalidFraction(owner, key, describeValue(value), true));
}

/** Returns value if it is a boolean, else raises ValueError naming the option. */
export function readBoolean(owner: string, key: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "boolean"));
}

/** Returns value if it is a string, else raises ValueError naming the option. */
export function readString(owner: string, key: string, value: unknown): string {
  if (typeof value === "string") return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "string"));
}

/** Returns value if it is a non-empty array of positive integers, such as [4] or [28, 28], else raises ValueError. */
export function readShape(owner: string, key: string, value: unknown): number[] {
  const valid =
    Array.isArray(value) && value.length > 0 && value.every((size) => typeof size === "number" && Number.isInteger(size) && size > 0);
  if (valid) return [...(value as number[])];
  throw new ValueError(messages().keras.invalidShape(owner, key, describeValue(value)));
}
