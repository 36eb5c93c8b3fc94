import { readInteger } from "./options";
import { seededRandom } from "./random";

// The generator that the JavaScript engine installed, kept so that tests can put it back.
const engineRandom = Math.random;

/**
 * Seeds every random choice of the facade, as keras.utils.set_random_seed: weight initialisation,
 * fit()'s shuffling, Dropout's masks and random tensors such as tf.randomNormal() without a seed. Two runs
 * of the same cells after the same setRandomSeed(n) give the same weights and the same losses.
 *
 * TF.js 4.22 draws from Math.random() in each of these places: an initializer or random op without a
 * seed seeds its own generator from Math.random(), and fit() shuffles with tf.util.shuffle(), which calls
 * Math.random(). So this replaces Math.random with a seeded generator. Notebook cells run in the same
 * realm, so their own Math.random() calls follow the seed too, as Python's random does after Keras's call.
 * NOTE: the results repeat only for the same backend and the same order of calls. tfjs-node runs ops in
 * libtensorflow, whose multi-threaded sums may round differently from run to run, which was not checked.
 */
export function setRandomSeed(seed: number): void {
  Math.random = seededRandom(readInteger("setRandomSeed()", "seed", seed));
}

/** Puts back the engine's unseeded Math.random, undoing setRandomSeed(). */
export function clearRandomSeed(): void {
  Math.random = engineRandom;
}
