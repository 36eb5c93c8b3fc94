/**
 * ModelCheckpoint's filepath templates, such as "models/epoch-{epoch:02d}-{val_loss:.2f}", filled the way
 * Python's str.format() fills them in Keras. The format specs follow Python's format mini-language:
 * [[fill]align][sign][0][width][,|_][.precision][type] with type d, f, F, e, E, g, G, % or none.
 * NOTE: the "#" flag and the types b, c, n, o, s, x and X are not implemented and raise at parse time.
 */
import { messages } from "../i18n";
import { ValueError } from "./errors";

/** One replacement field of a template: the log name and its parsed format spec. */
interface Field {
  name: string;
  spec: FormatSpec;
  /** The field as written, such as "{val_loss:.2f}", for messages. */
  source: string;
}

interface FormatSpec {
  fill: string;
  align: "<" | ">" | "=" | "^" | undefined;
  sign: "+" | "-" | " ";
  zero: boolean;
  width: number;
  grouping: "," | "_" | undefined;
  precision: number | undefined;
  type: string | undefined;
}

/** A template split into literal text and fields, alternating: text, field, text, ..., text. */
export interface PathTemplate {
  source: string;
  texts: string[];
  fields: Field[];
}

const specPattern = /^(?:(.)?([<>=^]))?([+\- ])?(0)?(\d+)?([,_])?(?:\.(\d+))?([dfFeEgG%])?$/s;

/**
 * Parses a template. Raises ValueError for an unclosed brace, an empty field name, or a format spec
 * outside the subset that this file implements, so that a mistake shows before training starts.
 */
export function parsePathTemplate(source: string): PathTemplate {
  const texts: string[] = [];
  const fields: Field[] = [];
  let text = "";
  let i = 0;
  while (i < source.length) {
    const char = source[i];

    // "{{" and "}}" stand for literal braces, as in Python.
    if ((char === "{" || char === "}") && source[i + 1] === char) {
      text += char;
      i += 2;
      continue;
    }
    if (char === "}") throw new ValueError(messages().keras.checkpointPathInvalid(source, "}"));
    if (char !== "{") {
      text += char;
      i += 1;
      continue;
    }

    const end = source.indexOf("}", i);
    if (end < 0) throw new ValueError(messages().keras.checkpointPathInvalid(source, source.slice(i)));
    const fieldSource = source.slice(i, end + 1);
    const body = fieldSource.slice(1, -1);
    const colon = body.indexOf(":");
    const name = colon < 0 ? body : body.slice(0, colon);
    if (name === "") throw new ValueError(messages().keras.checkpointPathInvalid(source, fieldSource));
    const spec = parseSpec(colon < 0 ? "" : body.slice(colon + 1));
    if (spec === undefined) throw new ValueError(messages().keras.checkpointPathInvalid(source, fieldSource));

    texts.push(text);
    fields.push({ name, spec, source: fieldSource });
    text = "";
    i = end + 1;
  }
  texts.push(text);
  return { source, texts, fields };
}

/**
 * Fills a template from values such as { epoch: 3, val_loss: 0.4123 }. Raises ValueError for a field
 * whose name is not among the values, and for the type d applied to a value that is not an integer.
 */
export function fillPathTemplate(template: PathTemplate, values: Record<string, number>): string {
  let result = template.texts[0];
  template.fields.forEach((field, i) => {
    const value = values[field.name];
    if (value === undefined) {
      throw new ValueError(messages().keras.checkpointFieldMissing(template.source, field.source, Object.keys(values)));
    }
    const formatted = formatNumber(value, field.spec);
    if (formatted === undefined) throw new ValueError(messages().keras.checkpointPathInvalid(template.source, field.source));
    result += formatted + template.texts[i + 1];
  });
  return result;
}

function parseSpec(spec: string): FormatSpec | undefined {
  const match = specPattern.exec(spec);
  if (!match) return undefined;
  const [, fill, align, sign, zero, width, grouping, precision, type] = match;
  return {
    fill: fill ?? (zero && !align ? "0" : " "),
    align: (align as FormatSpec["align"]) ?? (zero ? "=" : undefined),
    sign: (sign as FormatSpec["sign"]) ?? "-",
    zero: zero !== undefined,
    width: width === undefined ? 0 : Number(width),
    grouping: grouping as FormatSpec["grouping"],
    precision: precision === undefined ? undefined : Number(precision),
    type,
  };
}

/** Formats a number as Python's format(value, spec) does, or returns undefined where Python raises. */
function formatNumber(value: number, spec: FormatSpec): string | undefined {
  if (spec.type === "d" && (!Number.isInteger(value) || spec.precision !== undefined)) return undefined;

  const negative = value < 0 || Object.is(value, -0);
  let digits = formatMagnitude(Math.abs(value), spec);
  if (spec.grouping !== undefined) digits = groupThousands(digits, spec.grouping);

  let sign = "";
  if (negative) sign = "-";
  else if (spec.sign === "+") sign = "+";
  else if (spec.sign === " ") sign = " ";

  return pad(sign, digits, spec);
}

function formatMagnitude(magnitude: number, spec: FormatSpec): string {
  if (Number.isNaN(magnitude)) return spec.type === "F" || spec.type === "E" || spec.type === "G" ? "NAN" : "nan";
  if (!Number.isFinite(magnitude)) return spec.type === "F" || spec.type === "E" || spec.type === "G" ? "INF" : "inf";

  switch (spec.type) {
    case "d":
      return String(magnitude);
    case "f":
    case "F":
      return magnitude.toFixed(spec.precision ?? 6);
    case "e":
    case "E": {
      const text = exponential(magnitude, spec.precision ?? 6);
      return spec.type === "E" ? text.toUpperCase() : text;
    }
    case "g":
    case "G": {
      const text = general(magnitude, spec.precision ?? 6);
      return spec.type === "G" ? text.toUpperCase() : text;
    }
    case "%":
      return (magnitude * 100).toFixed(spec.precision ?? 6) + "%";
    default:
      // No type: integers print as integers, other numbers as the shortest text that reads back the same.
      if (spec.precision !== undefined) return general(magnitude, spec.precision, true);
      return Number.isInteger(magnitude) ? String(magnitude) : shortest(magnitude);
  }
}

/** Python writes the exponent with a sign and at least two digits: 1.5e-05, where JavaScript writes 1.5e-5. */
function exponential(magnitude: number, precision: number): string {
  const [mantissa, exponent] = magnitude.toExponential(precision).split("e");
  const exponentValue = Number(exponent);
  const exponentDigits = String(Math.abs(exponentValue)).padStart(2, "0");
  return `${mantissa}e${exponentValue < 0 ? "-" : "+"}${exponentDigits}`;
}

// Python's "g": fixed-point when the exponent lies in [-4, precision), else exponential, without trailing zeros.
function general(magnitude: number, precision: number, keepPoint = false): string {
  const significant = precision === 0 ? 1 : precision;
  if (magnitude === 0) return keepPoint ? "0.0" : "0";
  const exponent = Number(magnitude.toExponential(significant - 1).split("e")[1]);
  let text: string;
  if (exponent >= -4 && exponent < significant) {
    text = stripZeros(magnitude.toFixed(significant - 1 - exponent));
    // Without a type, Python keeps one decimal on a number written in fixed point, such as 3.0.
    if (keepPoint && !text.includes(".")) text += ".0";
  } else {
    const [mantissa, rest] = exponential(magnitude, significant - 1).split("e");
    text = `${stripZeros(mantissa)}e${rest}`;
  }
  return text;
}

function stripZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

// Python's repr of a float uses exponential form from 1e16 and below 1e-4, where JavaScript switches at 1e21 and 1e-7.
function shortest(magnitude: number): string {
  if (magnitude >= 1e16 || magnitude < 1e-4) {
    const [mantissa, exponent] = magnitude.toExponential().split("e");
    const exponentValue = Number(exponent);
    return `${mantissa}e${exponentValue < 0 ? "-" : "+"}${String(Math.abs(exponentValue)).padStart(2, "0")}`;
  }
  return String(magnitude);
}

function groupThousands(digits: string, separator: string): string {
  const match = /^(\d+)(.*)$/s.exec(digits);
  if (!match) return digits;
  const [, integer, rest] = match;
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, separator) + rest;
}

function pad(sign: string, digits: string, spec: FormatSpec): string {
  const length = sign.length + digits.length;
  if (length >= spec.width) return sign + digits;
  const padding = spec.fill.repeat(spec.width - length);

  // Numbers align right by default; "=" puts the padding between the sign and the digits.
  switch (spec.align ?? ">") {
    case "<":
      return sign + digits + padding;
    case "^": {
      const left = padding.slice(0, Math.floor(padding.length / 2));
      return left + sign + digits + padding.slice(left.length);
    }
    case "=":
      return sign + padding + digits;
    default:
      return padding + sign + digits;
  }
}
