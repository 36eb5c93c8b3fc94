import { inspect } from "node:util";
import type * as tf from "@tensorflow/tfjs";
import type { MimeBundle } from "../display/mime";
import { encodePng, type ChannelCount } from "../display/png";
import { messages } from "../i18n";
import { describeValue, ValueError } from "../keras/errors";
import { readNested, shapeText } from "./data";
import { readOptions } from "./options";

/** Pixel values as plot.image() takes them: a tensor or nested arrays of shape [height, width] or [height, width, channels]. */
export type ImageInput = tf.Tensor | readonly (readonly number[])[] | readonly (readonly (readonly number[])[])[];

/** Options of plot.image(). */
export interface ImageOptions {
  /**
   * Values that become black and white (0 and 255 in the PNG); values outside are clipped. Default:
   * [0, 1] when every value lies in [0, 1], as for normalized images; [0, 255] when every value lies
   * in [0, 255]; else the smallest and the largest value.
   */
  valueRange?: [number, number];
  /**
   * Screen pixels per image pixel along each side, so that small images such as 28 x 28 digits can be
   * seen. Default: the largest whole number that keeps the longer side at most 200 pixels, and at least 1.
   */
  zoom?: number;
}

// The longer side, in pixels, that the default zoom enlarges small images up to.
const defaultLongerSide = 200;

const displaySymbol = Symbol.for("Jupyter.display");

/** An image made from a tensor, which shows itself in the notebook as a PNG image and a line of text. */
export class TensorImage {
  /** The PNG file's bytes, with the zoom applied. */
  readonly png: Uint8Array;
  /** Size of the image in image pixels, before the zoom. */
  readonly width: number;
  readonly height: number;
  /** Channels per pixel: 1 (grayscale), 3 (RGB) or 4 (RGBA). */
  readonly channels: ChannelCount;
  /** The text form, for consoles and front ends that show no images. */
  readonly text: string;

  constructor(png: Uint8Array, width: number, height: number, channels: ChannelCount, text: string) {
    this.png = png;
    this.width = width;
    this.height = height;
    this.channels = channels;
    this.text = text;
  }

  [displaySymbol](): MimeBundle {
    return { "image/png": Buffer.from(this.png).toString("base64"), "text/plain": this.text };
  }

  [inspect.custom](): string {
    return this.text;
  }
}

function fail(message: string): never {
  throw new ValueError(message);
}

/** Returns the value range that maps to black and white, given or chosen from the values as ImageOptions describes. */
function valueRangeOf(owner: string, values: number[], given: unknown): [number, number] {
  if (given !== undefined) {
    const valid = Array.isArray(given) && given.length === 2 && given.every(Number.isFinite) && given[0] < given[1];
    if (!valid) fail(messages().plot.invalidValueRange(owner, describeValue(given)));
    return given as [number, number];
  }

  let low = Infinity;
  let high = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  // The tolerance admits rounding errors of float32 arithmetic, such as 1.000005 from tf.linspace(0, 1, 784).
  if (low >= 0 && high <= 1 + 1e-3) return [0, 1];
  if (low >= 0 && high <= 255) return [0, 255];
  if (!(low < high)) return [low, low + 1];
  return [low, high];
}

/**
 * Draws a tensor as an image: shape [height, width] is grayscale, and [height, width, channels] has
 * 1 (grayscale), 3 (RGB) or 4 (RGBA) channels, row 0 at the top. See ImageOptions for how values
 * become brightness. Raises ValueError for other shapes, such as a batch [n, height, width, channels]
 * (pass images.gather(0) for its first image), and for empty or disposed tensors.
 *
 * @example plot.image(xTrain.gather(0))
 */
export function image(pixels: ImageInput, options: ImageOptions = {}): TensorImage {
  const owner = "plot.image()";
  const text = messages().plot;
  const read = readOptions<ImageOptions>(owner, options, { valueRange: "other", zoom: "positiveInteger" });
  const { shape, values } = readNested(owner, "image", pixels, "image");

  // 1. Check the shape: [height, width] or [height, width, 1 | 3 | 4].
  const channels = shape.length === 2 ? 1 : shape[2];
  const validShape = (shape.length === 2 || shape.length === 3) && [1, 3, 4].includes(channels);
  if (!validShape) fail(text.imageShape(owner, shapeText(shape)));
  const [height, width] = shape;
  if (height === 0 || width === 0) fail(text.emptyData(owner, "image"));

  // 2. Map values to bytes: the value range to 0..255, clipped; NaN becomes 0.
  const [low, high] = valueRangeOf(owner, values, read.valueRange);
  const bytes = Uint8Array.from(values, (value) => {
    const scaled = Math.round(((value - low) / (high - low)) * 255);
    return Number.isNaN(scaled) ? 0 : Math.min(255, Math.max(0, scaled));
  });

  // 3. Enlarge by repeating each pixel zoom times across and down, then encode.
  const zoom = read.zoom ?? Math.max(1, Math.floor(defaultLongerSide / Math.max(height, width)));
  const zoomed = new Uint8Array(height * zoom * width * zoom * channels);
  const rowLength = width * zoom * channels;
  for (let y = 0; y < height; y++) {
    const row = zoomed.subarray(y * zoom * rowLength, (y * zoom + 1) * rowLength);
    for (let x = 0; x < width; x++) {
      const pixel = bytes.subarray((y * width + x) * channels, (y * width + x + 1) * channels);
      for (let repeat = 0; repeat < zoom; repeat++) row.set(pixel, (x * zoom + repeat) * channels);
    }
    for (let repeat = 1; repeat < zoom; repeat++) zoomed.copyWithin((y * zoom + repeat) * rowLength, y * zoom * rowLength, (y * zoom + 1) * rowLength);
  }

  const png = encodePng(zoomed, width * zoom, height * zoom, channels as ChannelCount);
  return new TensorImage(png, width, height, channels as ChannelCount, text.imageText(width, height, channels));
}
