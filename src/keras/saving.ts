/**
 * model.save() and loadModel() on the local file system, in the TensorFlow.js layers format: a folder with
 * model.json (topology and weights manifest) and weights.bin (the weights' bytes). TF.js's own file://
 * handler lives in tfjs-node, which the wasm and cpu backends do not load, so this file has its own.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { messages } from "../i18n";
import { ValueError } from "./errors";
import { Layer } from "./layers";

const modelFile = "model.json";
const weightsFile = "weights.bin";

/** Returns the folder of a path given as "my-model", "./models/iris" or "file://models/iris". */
function folderOf(path: string): string {
  return resolve(path.startsWith("file://") ? path.slice("file://".length) : path);
}

/** Joins the weight buffers that TF.js hands over, one ArrayBuffer or several, into one. */
function joinWeightData(data: tf.io.ModelArtifacts["weightData"]): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  return tf.io.CompositeArrayBuffer.join(data);
}

/**
 * Returns a TF.js IOHandler that writes a model to folder (creating it) and reads it back. The model.json
 * it writes has the same fields as TF.js's file:// handler, so tfjs-node and the browser can load it too.
 */
export function fileSystemHandler(folder: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      mkdirSync(folder, { recursive: true });
      const weights = joinWeightData(artifacts.weightData);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as tf.io.ModelJSON["modelTopology"],
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        trainingConfig: artifacts.trainingConfig,
        userDefinedMetadata: artifacts.userDefinedMetadata,
        weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs ?? [] }],
      };
      writeFileSync(join(folder, weightsFile), Buffer.from(weights));
      writeFileSync(join(folder, modelFile), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON({ ...artifacts, weightData: weights }) };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const modelJson = JSON.parse(readFileSync(join(folder, modelFile), "utf8")) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = manifest.flatMap((group) => group.paths.map((path) => readFileSync(join(folder, path))));
        const bytes = Buffer.concat(buffers);
        return [specs, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)];
      });
    },
  };
}

/** Writes a built TF.js model to the folder at path, replacing the files a previous save put there. */
export async function saveTfjsModel(model: tf.LayersModel, path: string): Promise<string> {
  const folder = folderOf(path);
  await model.save(fileSystemHandler(folder));
  return folder;
}

/**
 * Reads the TF.js model that saveTfjsModel() wrote at path. Raises ValueError when the folder has no
 * model.json, or when the model is not a Sequential one.
 */
export async function loadTfjsSequential(path: string): Promise<tf.Sequential> {
  const folder = folderOf(path);
  const text = messages().keras;
  if (!existsSync(join(folder, modelFile))) throw new ValueError(text.modelFileMissing(join(folder, modelFile)));

  const model = await tf.loadLayersModel(fileSystemHandler(folder));
  if (!(model instanceof tf.Sequential)) {
    model.dispose();
    throw new ValueError(text.notASequentialModel(folder, model.getClassName()));
  }
  return model;
}

/**
 * A facade layer around a TF.js layer read from a saved model whose class the facade does not have,
 * such as a custom layer. It keeps the saved name, and its className is TF.js's class name.
 */
export class RestoredLayer extends Layer {
  constructor(tfjsLayer: tf.layers.Layer) {
    super(tfjsLayer.name, undefined, tfjsLayer);
  }

  get className(): string {
    return this.tfjsLayer.getClassName();
  }
}
