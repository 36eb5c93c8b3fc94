/** Facade layers for the TF.js layers of a model read from disk, so a loaded Dense is a Dense again. */
import type * as tf from "@tensorflow/tfjs";
import { Conv1D, Conv2D } from "./convolutional";
import { Embedding } from "./embedding";
import { Activation, Dense, type Layer } from "./layers";
import { BatchNormalization, LayerNormalization } from "./normalization";
import { AveragePooling2D, GlobalAveragePooling1D, GlobalAveragePooling2D, MaxPooling1D, MaxPooling2D } from "./pooling";
import { Normalization, Rescaling } from "./preprocessing-layers";
import { Bidirectional, GRU, LSTM, SimpleRNN } from "./recurrent";
import { Dropout, Flatten, Reshape } from "./reshaping";
import { RestoredLayer } from "./saving";

type Config = Record<string, unknown>;

/** A facade class, and the fields of its instances that come from the TF.js layer's config. */
interface Restorer {
  prototype: Layer;
  fields?: (config: Config, tfjsLayer: tf.layers.Layer) => Record<string, unknown>;
}

const units = (config: Config) => ({ units: config.units });

const restorers: Record<string, Restorer> = {
  Dense: { prototype: Dense.prototype, fields: (config) => ({ units: config.units, activation: config.activation }) },
  Activation: { prototype: Activation.prototype, fields: (config) => ({ activation: config.activation }) },
  Conv1D: { prototype: Conv1D.prototype, fields: (config) => ({ filters: config.filters }) },
  Conv2D: { prototype: Conv2D.prototype, fields: (config) => ({ filters: config.filters }) },
  MaxPooling1D: { prototype: MaxPooling1D.prototype },
  MaxPooling2D: { prototype: MaxPooling2D.prototype },
  AveragePooling2D: { prototype: AveragePooling2D.prototype },
  GlobalAveragePooling1D: { prototype: GlobalAveragePooling1D.prototype },
  GlobalAveragePooling2D: { prototype: GlobalAveragePooling2D.prototype },
  BatchNormalization: { prototype: BatchNormalization.prototype },
  LayerNormalization: { prototype: LayerNormalization.prototype },
  Embedding: { prototype: Embedding.prototype, fields: (config) => ({ inputDim: config.inputDim, outputDim: config.outputDim }) },
  SimpleRNN: { prototype: SimpleRNN.prototype, fields: units },
  LSTM: { prototype: LSTM.prototype, fields: units },
  GRU: { prototype: GRU.prototype, fields: units },
  Dropout: { prototype: Dropout.prototype, fields: (config) => ({ rate: config.rate }) },
  Flatten: { prototype: Flatten.prototype },
  Reshape: { prototype: Reshape.prototype, fields: (config) => ({ targetShape: config.targetShape }) },
  Rescaling: { prototype: Rescaling.prototype, fields: (config) => ({ scale: config.scale, offset: config.offset ?? 0 }) },
  Normalization: { prototype: Normalization.prototype },
  Bidirectional: {
    prototype: Bidirectional.prototype,
    fields: (_config, tfjsLayer) => ({ layer: restoreLayer((tfjsLayer as unknown as { forwardLayer: tf.layers.Layer }).forwardLayer) }),
  },
};

/**
 * Returns the facade layer of the class that a TF.js layer read from disk stands for, with its saved
 * name, so `layer instanceof Dense` is true after loadModel(), as in Keras. A class the facade
 * does not have, such as a custom layer, becomes a RestoredLayer.
 */
export function restoreLayer(tfjsLayer: tf.layers.Layer): Layer {
  const restorer = restorers[tfjsLayer.getClassName()];
  if (!restorer) return new RestoredLayer(tfjsLayer);

  const config = tfjsLayer.getConfig() as Config;
  const batchInputShape = config.batchInputShape as Array<number | null> | undefined;
  // The layers' constructors build new TF.js layers, so the instance is made from the prototype and
  // given the fields that a constructor would have set.
  const layer = Object.create(restorer.prototype) as Layer;
  Object.assign(layer, {
    name: tfjsLayer.name,
    inputShape: batchInputShape ? (batchInputShape.slice(1) as number[]) : undefined,
    tfjsLayer,
    ...restorer.fields?.(config, tfjsLayer),
  });
  return layer;
}
