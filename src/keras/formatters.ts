import { inspect } from "node:util";
import * as tf from "@tensorflow/tfjs";
import { registerFormatter } from "../display/formatters";
import { historyBundle, historyText } from "../display/history-chart";
import { currentSink } from "../display/scope";
import { summaryBundle } from "../display/summary";
import { keptIndices, tensorBundle, tensorText, type NestedElements, type TensorPreview } from "../display/tensor";
import { History, liveChartOutput } from "./history";
import { Sequential } from "./sequential";

/** Reduces a numeric tensor to the entries its display keeps along each long axis, without reading the rest. */
function gatherKept(tensor: tf.Tensor): NestedElements {
  const view = tf.tidy(() => {
    let reduced = tensor;
    tensor.shape.forEach((size, axis) => {
      const kept = keptIndices(size);
      if (kept.length < size) reduced = tf.gather(reduced, kept, axis);
    });
    return reduced;
  });
  try {
    return view.arraySync() as NestedElements;
  } finally {
    if (view !== tensor) view.dispose();
  }
}

/** Picks the kept entries from nested arrays, for dtypes that tf.gather() does not take (string). */
function pickKept(values: NestedElements, shape: number[], axis = 0): NestedElements {
  if (axis === shape.length || !Array.isArray(values)) return values;
  return keptIndices(shape[axis]).map((i) => pickKept(values[i], shape, axis + 1));
}

/** Pairs real and imaginary parts into "1+2j" strings, NumPy's notation for complex numbers. */
function joinComplex(real: NestedElements, imaginary: NestedElements): NestedElements {
  if (Array.isArray(real) && Array.isArray(imaginary)) return real.map((part, i) => joinComplex(part, imaginary[i]));
  const im = Number(imaginary);
  return `${Number(real)}${im < 0 ? "-" : "+"}${Math.abs(im)}j`;
}

/** Reads what a tensor's display needs. Never disposes the tensor. */
export function previewTensor(tensor: tf.Tensor): TensorPreview {
  const preview: TensorPreview = { dtype: tensor.dtype, shape: [...tensor.shape], disposed: tensor.isDisposed };
  if (tensor.isDisposed) return preview;

  if (tensor.dtype === "string") {
    preview.values = pickKept(tensor.arraySync() as NestedElements, tensor.shape);
  } else if (tensor.dtype === "complex64") {
    const [real, imaginary] = tf.tidy(() => [tf.real(tensor), tf.imag(tensor)]);
    try {
      preview.values = joinComplex(gatherKept(real), gatherKept(imaginary));
    } finally {
      tf.dispose([real, imaginary]);
    }
  } else {
    preview.values = gatherKept(tensor);
  }
  return preview;
}

let registered = false;

/** Registers the displays of models, histories and tensors with the display module, once per process. */
export function registerKerasFormatters(): void {
  if (registered) return;
  registered = true;

  registerFormatter((value) => (value instanceof tf.Tensor ? tensorBundle(previewTensor(value)) : undefined));
  registerFormatter((value) => {
    if (!(value instanceof History)) return undefined;
    // `await model.fit(...)` on a cell's last line: the cell already shows the training chart, so its
    // value adds the one-line summary only. The same history shown in another cell is drawn again.
    if (liveChartOutput(value) !== undefined && liveChartOutput(value) === currentSink()) return { "text/plain": historyText(value) };
    return historyBundle(value);
  });
  registerFormatter((value) => (value instanceof Sequential ? summaryBundle(value.summaryData()) : undefined));

  // console.log and util.inspect show a tensor's values as its display does, not its internal fields.
  Object.defineProperty(tf.Tensor.prototype, inspect.custom, {
    value(this: tf.Tensor) {
      return tensorText(previewTensor(this));
    },
    configurable: true,
  });
}
