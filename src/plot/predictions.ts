import type { Chart } from "../display/chart";
import { messages } from "../i18n";
import { checkSameLength, readNumbers, type DataRecord } from "./data";
import { chartOptionKinds, readOptions, type ChartOptions } from "./options";
import { buildSpec, makeChart, squareSize } from "./spec";
import type * as tf from "@tensorflow/tfjs";

/** Values as plot.predictionsVsActual() takes them: one number per sample. */
export type SampleValues = tf.Tensor | readonly number[] | readonly (readonly number[])[];

/** Options of plot.predictionsVsActual(). */
export interface PredictionsVsActualOptions extends ChartOptions {
  /** Title of the x axis. Default: "actual value" in the learner's language. */
  xTitle?: string;
  /** Title of the y axis. Default: "predicted value" in the learner's language. */
  yTitle?: string;
}

/**
 * Draws predicted values against actual values, one point per sample, with the diagonal where a
 * perfect model's points would lie. Both axes share one scale. yTrue and yPred take one number per
 * sample: an array, or a tensor of shape [n] or [n, 1] such as the output of model.predict() for a
 * regression. Raises ValueError for empty data, values that are not numbers, other shapes (use
 * plot.confusionMatrix() for class probabilities) and different lengths.
 *
 * @example plot.predictionsVsActual(yTest, model.predict(xTest))
 */
export function predictionsVsActual(yTrue: SampleValues, yPred: SampleValues, options: PredictionsVsActualOptions = {}): Chart {
  const owner = "plot.predictionsVsActual()";
  const text = messages().plot;
  const read = readOptions<PredictionsVsActualOptions>(owner, options, { ...chartOptionKinds, xTitle: "string", yTitle: "string" });
  const actual = readNumbers(owner, "yTrue", yTrue);
  const predicted = readNumbers(owner, "yPred", yPred);
  checkSameLength(owner, "yTrue", actual.length, "yPred", predicted.length);

  const actualField = text.actualValueTitle();
  const predictedField = text.predictedValueTitle();
  const records: DataRecord[] = actual.map((value, sample) => ({ [actualField]: value, [predictedField]: predicted[sample] }));

  // One domain for both axes, so the diagonal runs corner to corner and distances read the same on each.
  const finite = [...actual, ...predicted].filter((value): value is number => value !== null && Number.isFinite(value));
  let low = finite.length > 0 ? Math.min(...finite) : 0;
  let high = finite.length > 0 ? Math.max(...finite) : 1;
  if (low === high) {
    low -= 1;
    high += 1;
  }
  const scale = { domain: [low, high], zero: false, nice: false };

  const spec = buildSpec(
    read,
    squareSize,
    records,
    {
      encoding: {
        x: { field: actualField, type: "quantitative", title: read.xTitle ?? actualField, scale },
        y: { field: predictedField, type: "quantitative", title: read.yTitle ?? predictedField, scale },
      },
      layer: [
        {
          data: { values: [{ [actualField]: low, [predictedField]: low }, { [actualField]: high, [predictedField]: high }] },
          mark: { type: "line", color: "#888888", strokeDash: [4, 4] },
        },
        { mark: { type: "point", filled: true, tooltip: true } },
      ],
    },
    text.predictionsVsActualTitle(),
  );
  return makeChart("predictionsVsActual", spec, records.length, read);
}
