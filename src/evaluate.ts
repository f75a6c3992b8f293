/**
 * Grading a trained brain: loss and accuracy on a whole set, predictions with
 * their probabilities, and the confusion matrix (which clothes it mixes up).
 */
import * as tf from '@tensorflow/tfjs';
import { className, NUM_CLASSES } from './classes';
import { sparseCategoricalAccuracy, sparseCategoricalCrossentropyFromLogits } from './loss';

/**
 * Inference batch size. On the wasm backend, predict() with a small batch on a
 * big tensor copies the whole input out of wasm memory for every batch (60,000
 * images at batch 32 took minutes); 1,000 at a time keeps it to a fraction of a second.
 */
export const PREDICT_BATCH_SIZE = 1000;

function logitsOf(model: tf.LayersModel, x: tf.Tensor): tf.Tensor2D {
  return model.predict(x, { batchSize: PREDICT_BATCH_SIZE }) as tf.Tensor2D;
}

/** Mean sparse cross-entropy (from logits) and accuracy over a whole set. */
export function evaluateModel(model: tf.LayersModel, x: tf.Tensor, labels: tf.Tensor1D): { loss: number; accuracy: number } {
  if (x.shape[0] !== labels.shape[0]) {
    throw new TypeError(`evaluateModel: ${x.shape[0]} images but ${labels.shape[0]} labels; pass the same split for both.`);
  }
  const [loss, acc] = tf.tidy(() => {
    const logits = logitsOf(model, x);
    return [
      sparseCategoricalCrossentropyFromLogits(labels, logits).mean(),
      sparseCategoricalAccuracy(labels, logits).mean(),
    ];
  });
  const result = { loss: loss.dataSync()[0], accuracy: acc.dataSync()[0] };
  tf.dispose([loss, acc]);
  return result;
}

/** The predicted class (0..9) of every image. */
export function predictClasses(model: tf.LayersModel, x: tf.Tensor): Int32Array {
  const classes = tf.tidy(() => logitsOf(model, x).argMax(-1));
  const out = Int32Array.from(classes.dataSync());
  classes.dispose();
  return out;
}

export interface Prediction {
  /** Position of the image in its split. */
  index: number;
  label: number;
  labelName: string;
  predicted: number;
  predictedName: string;
  /** The probability the brain gives its own guess (0..1). */
  probability: number;
  /** All ten probabilities (softmax of the logits). */
  probabilities: number[];
  correct: boolean;
}

/** Predictions for the images `x` (rows of a split starting at `firstIndex`) with their true labels. */
export function predictWithProbabilities(
  model: tf.LayersModel,
  x: tf.Tensor,
  labels: ArrayLike<number>,
  firstIndex = 0,
): Prediction[] {
  if (x.shape[0] !== labels.length) {
    throw new TypeError(`predictWithProbabilities: ${x.shape[0]} images but ${labels.length} labels.`);
  }
  const probs = tf.tidy(() => tf.softmax(logitsOf(model, x)));
  const flat = probs.dataSync();
  probs.dispose();
  const out: Prediction[] = [];
  for (let i = 0; i < labels.length; i++) {
    const probabilities = Array.from(flat.subarray(i * NUM_CLASSES, (i + 1) * NUM_CLASSES));
    const predicted = probabilities.indexOf(Math.max(...probabilities));
    const label = labels[i];
    out.push({
      index: firstIndex + i,
      label,
      labelName: className(label),
      predicted,
      predictedName: className(predicted),
      probability: probabilities[predicted],
      probabilities,
      correct: predicted === label,
    });
  }
  return out;
}

/** matrix[actual][predicted] = how many images of class `actual` were called `predicted`. */
export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, numClasses: number = NUM_CLASSES): number[][] {
  if (actual.length !== predicted.length) {
    throw new TypeError(`confusionMatrix: ${actual.length} true labels but ${predicted.length} predictions.`);
  }
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const p = predicted[i];
    if (!(a >= 0 && a < numClasses && p >= 0 && p < numClasses && Number.isInteger(a) && Number.isInteger(p))) {
      throw new RangeError(`confusionMatrix: entry ${i} has label ${a} and prediction ${p}; both must be 0..${numClasses - 1}.`);
    }
    m[a][p]++;
  }
  return m;
}

/** Fraction of predictions equal to the labels. */
export function accuracyOf(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  if (actual.length !== predicted.length || actual.length === 0) {
    throw new TypeError(`accuracyOf: needs two equally long, non-empty lists; got ${actual.length} and ${predicted.length}.`);
  }
  let right = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) right++;
  return right / actual.length;
}

export interface Confusion {
  actual: number;
  predicted: number;
  count: number;
  /** Share of the actual class that went to `predicted`. */
  rate: number;
}

/** The k biggest off-diagonal cells: the mix-ups that happen most. */
export function topConfusions(matrix: number[][], k = 5): Confusion[] {
  const cells: Confusion[] = [];
  matrix.forEach((row, a) => {
    const total = row.reduce((x, y) => x + y, 0);
    row.forEach((count, p) => {
      if (a !== p && count > 0) cells.push({ actual: a, predicted: p, count, rate: count / total });
    });
  });
  return cells.sort((x, y) => y.count - x.count || x.actual - y.actual).slice(0, k);
}
