import { loadTfjsSequential } from "./saving";
import { Sequential } from "./sequential";

/**
 * Reads a model that model.save(path) wrote, as keras.models.load_model, and returns it as a Sequential
 * with the saved layer names and weights. Raises ValueError when the folder has no model.json or holds
 * another kind of model.
 * NOTE: the loaded model is not compiled, because save() does not store the optimizer, loss or metrics.
 * Call compile() before fit() or evaluate().
 */
export async function loadModel(path: string): Promise<Sequential> {
  return Sequential.fromTfjsModel(await loadTfjsSequential(path));
}
