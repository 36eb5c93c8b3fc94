/**
 * A table-driven way to define a facade layer over a TF.js layer: positional arguments in Keras's order,
 * options in either spelling, each option checked by a reader, and Keras's defaults where TF.js's differ.
 */
import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { describeValue, ValueError } from "./errors";
import { baseOptionNames, readBaseSettings } from "./layers";
import { resolveActivation, resolveInitializer } from "./names";
import {
  normalizeOptions,
  readBoolean,
  readClosedFraction,
  readFraction,
  readPositiveInteger,
  readPositiveNumber,
  readShape,
} from "./options";

/** Checks one option's value and returns it as TF.js takes it. Raises ValueError naming owner and key. */
export type OptionReader = (owner: string, key: string, value: unknown) => unknown;

/** How to build one kind of facade layer. */
export interface LayerDefinition {
  /** Keras's class name, such as "Conv2D", which messages and summaries show. */
  className: string;
  /** Stem of automatic names, such as "conv2d" for conv2d, conv2d_1... */
  namePrefix: string;
  /** Options that may also come as positional arguments, in Keras's order: ["filters", "kernelSize"]. */
  positional: readonly string[];
  /** Options that must be given, by position or by name. */
  required: readonly string[];
  /** Code shown when a required option is missing, such as "new Conv2D(32, 3)". */
  example: string;
  /** The layer's own options (beside name, inputShape and trainable), in camelCase, with their readers. */
  options: Record<string, OptionReader>;
  /** TF.js config values used when the option is not given, where Keras's default differs from TF.js's. */
  kerasDefaults?: Record<string, unknown>;
  /** Raises ValueError for a combination of options that TF.js cannot build, after each option was read. */
  check?: (config: Record<string, unknown>) => void;
  /** Creates the TF.js layer from the checked config. */
  create: (config: Record<string, unknown>) => tf.layers.Layer;
}

/** Result of buildLayer(): the arguments of the Layer constructor, and the config that built the TF.js layer. */
export interface BuiltLayer {
  name: string;
  inputShape: number[] | undefined;
  tfjsLayer: tf.layers.Layer;
  config: Record<string, unknown>;
}

function isOptionsObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Builds a TF.js layer from a constructor's arguments: the positional values of definition.positional,
 * then at most one options object, or the options object alone. Raises ValueError for a missing required
 * option, an unknown option (with a suggestion), an option given twice, or a value its reader rejects.
 */
export function buildLayer(definition: LayerDefinition, args: readonly unknown[]): BuiltLayer {
  const owner = definition.className;

  // 1. Split the arguments into positional values and the options object.
  const positionalValues: Record<string, unknown> = {};
  let index = 0;
  while (index < args.length && index < definition.positional.length && !isOptionsObject(args[index])) {
    if (args[index] !== undefined) positionalValues[definition.positional[index]] = args[index];
    index += 1;
  }
  const rest = args.slice(index).filter((arg) => arg !== undefined);
  if (rest.length > 1 || (rest.length === 1 && !isOptionsObject(rest[0]))) {
    throw new ValueError(messages().keras.invalidOptionType(owner, "options", describeValue(rest[0]), "options"));
  }

  // 2. Normalize the option names and merge in the positional values.
  const known = [...Object.keys(definition.options), ...baseOptionNames];
  const options = normalizeOptions(owner, rest[0], known);
  for (const [key, value] of Object.entries(positionalValues)) {
    if (key in options) throw new ValueError(messages().keras.optionGivenTwice(owner, key, key));
    options[key] = value;
  }
  for (const key of definition.required) {
    if (options[key] === undefined) throw new ValueError(messages().keras.missingArgument(owner, key, definition.example));
  }

  // 3. Read each option, starting from Keras's defaults where they differ from TF.js's.
  const base = readBaseSettings(owner, definition.namePrefix, options);
  const config: Record<string, unknown> = { ...definition.kerasDefaults };
  for (const [key, read] of Object.entries(definition.options)) {
    if (options[key] !== undefined) config[key] = read(owner, key, options[key]);
  }
  definition.check?.(config);

  // 4. Create the TF.js layer.
  const tfjsLayer = definition.create({ ...config, name: base.name, trainable: base.trainable, inputShape: base.inputShape });
  return { name: base.name, inputShape: base.inputShape, tfjsLayer, config };
}

/** Reads a positive integer, such as filters or units. */
export const positiveInteger: OptionReader = readPositiveInteger;

/** Reads true or false. */
export const boolean: OptionReader = readBoolean;

/** Reads a fraction in [0, 1), such as a dropout rate. */
export const fraction: OptionReader = (owner, key, value) => readFraction(owner, key, value, true);

/** Reads an array of positive integers, such as a target shape. */
export const shape: OptionReader = readShape;

/** Reads an activation name in either spelling and returns TF.js's name. */
export const activation: OptionReader = (_owner, _key, value) => resolveActivation(value);

/** Reads an initializer name in either spelling, or an initializer object. */
export const initializer: OptionReader = (_owner, _key, value) => resolveInitializer(value);

/** Reads a number greater than 0, such as epsilon. */
export const positiveNumber: OptionReader = readPositiveNumber;

/** Reads a fraction in [0, 1], such as a momentum. */
export const closedFraction: OptionReader = readClosedFraction;

/** Reads an axis or a list of axes, negative ones counting from the end. */
export const axis: OptionReader = (owner, key, value) => {
  const isInteger = (item: unknown) => typeof item === "number" && Number.isInteger(item);
  if (isInteger(value) || (Array.isArray(value) && value.length > 0 && value.every(isInteger))) return value;
  throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "axis"));
};

/** Returns a reader of one size, or of one size per spatial axis: 3 or [3, 3] for a 2-D kernel. */
export function sizes(axes: number): OptionReader {
  return (owner, key, value) => {
    const isSize = (item: unknown) => typeof item === "number" && Number.isInteger(item) && item > 0;
    if (isSize(value)) return value;
    if (Array.isArray(value) && value.length === axes && value.every(isSize)) return axes === 1 ? value[0] : [...value];
    throw new ValueError(messages().keras.invalidOptionType(owner, key, describeValue(value), "sizeOrSizes"));
  };
}

/** Returns a reader of one of the given strings, each mapped to the TF.js value. Keys are Keras's spellings. */
export function choice(values: Record<string, string>): OptionReader {
  return (owner, key, value) => {
    if (typeof value === "string") {
      const match = Object.entries(values).find(([keras, tfjs]) => value === keras || value === tfjs);
      if (match) return match[1];
    }
    const quoted = Object.keys(values).map((name) => JSON.stringify(name));
    throw new ValueError(messages().keras.invalidChoice(owner, key, describeValue(value), quoted));
  };
}

/** Reads padding "valid" or "same". */
export const padding = choice({ valid: "valid", same: "same" });

/** Reads data_format in Keras's spelling ("channels_last") or TF.js's ("channelsLast"). */
export const dataFormat = choice({ channels_last: "channelsLast", channels_first: "channelsFirst" });
