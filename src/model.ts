/**
 * The brains. The article's model is Flatten (28 x 28 -> 784) followed by one
 * Dense layer of 10 neurons with no activation: it outputs 10 raw scores
 * ("logits"), one per class. Lesson 8 adds a hidden layer.
 */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, NUM_CLASSES, PIXELS_PER_IMAGE } from './classes';
import { DEFAULT_SEED } from './seed';

export interface ModelOptions {
  /** Seed for the initial weights (default: the course's seed). */
  seed?: number;
}

function kernel(seed: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed });
}

/** The article's model: Flatten + Dense(10), 7,850 parameters. */
export function buildArticleModel(options: ModelOptions = {}): tf.Sequential {
  const seed = options.seed ?? DEFAULT_SEED;
  return tf.sequential({
    name: 'article',
    layers: [
      tf.layers.flatten({ inputShape: [IMAGE_SIZE, IMAGE_SIZE], name: 'flatten' }),
      tf.layers.dense({ units: NUM_CLASSES, kernelInitializer: kernel(seed), name: 'dense' }),
    ],
  });
}

/** Lesson 8: Flatten + Dense(hiddenUnits, relu) + Dense(10). */
export function buildHiddenLayerModel(options: ModelOptions & { hiddenUnits?: number } = {}): tf.Sequential {
  const seed = options.seed ?? DEFAULT_SEED;
  const hiddenUnits = options.hiddenUnits ?? 128;
  if (!Number.isInteger(hiddenUnits) || hiddenUnits < 1) {
    throw new RangeError(`buildHiddenLayerModel: hiddenUnits must be a whole number >= 1; got ${hiddenUnits}.`);
  }
  return tf.sequential({
    name: 'hidden',
    layers: [
      tf.layers.flatten({ inputShape: [IMAGE_SIZE, IMAGE_SIZE], name: 'flatten' }),
      tf.layers.dense({ units: hiddenUnits, activation: 'relu', kernelInitializer: kernel(seed), name: 'hidden' }),
      tf.layers.dense({ units: NUM_CLASSES, kernelInitializer: kernel(seed + 1), name: 'output' }),
    ],
  });
}

/** model.summary() as text (tfjs prints "Total params: 7850"; we add Keras's "7,850" beside it). */
export function summaryText(model: tf.LayersModel): string {
  const lines: string[] = [];
  model.summary(100, undefined, (...parts: unknown[]) => lines.push(parts.join(' ')));
  return lines
    .map((line) => line.replace(/^((?:Total|Trainable|Non-trainable) params: )(\d+)\s*$/, (_m, label: string, n: string) => {
      const keras = formatCount(Number(n));
      return keras === n ? `${label}${n}` : `${label}${n}   (Keras prints ${keras})`;
    }))
    .join('\n');
}

/** 7850 -> "7,850", the way Keras prints counts. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export interface DenseArithmetic {
  inputs: number;
  units: number;
  weights: number;
  biases: number;
  total: number;
  /** e.g. "784 x 10 = 7,840 weights + 10 biases = 7,850 parameters" */
  text: string;
}

/** The parameter count of a Dense layer, spelled out. */
export function denseParams(inputs: number, units: number): DenseArithmetic {
  const weights = inputs * units;
  const total = weights + units;
  return {
    inputs,
    units,
    weights,
    biases: units,
    total,
    text: `${formatCount(inputs)} x ${formatCount(units)} = ${formatCount(weights)} weights + ${formatCount(units)} biases = ${formatCount(total)} parameters`,
  };
}

/** The article's model's arithmetic: 784 x 10 + 10 = 7,850. */
export const ARTICLE_PARAMS = denseParams(PIXELS_PER_IMAGE, NUM_CLASSES);

/** The output layer's weights as 10 rows of 784 (one 28 x 28 picture per class) and its 10 biases. */
export function outputNeuronWeights(model: tf.LayersModel): { weights: Float32Array[]; biases: Float32Array } {
  const last = model.layers[model.layers.length - 1];
  const [kernelT, biasT] = last.getWeights();
  if (!kernelT || !biasT || kernelT.shape[0] !== PIXELS_PER_IMAGE || kernelT.shape[1] !== NUM_CLASSES) {
    throw new TypeError(
      `outputNeuronWeights needs a model whose last layer maps 784 pixels to 10 classes (the article's model); ` +
        `this one's last layer has kernel shape [${kernelT?.shape}].`,
    );
  }
  const k = kernelT.dataSync() as Float32Array; // [784, 10], row-major: k[p * 10 + c]
  const weights: Float32Array[] = [];
  for (let c = 0; c < NUM_CLASSES; c++) {
    const row = new Float32Array(PIXELS_PER_IMAGE);
    for (let p = 0; p < PIXELS_PER_IMAGE; p++) row[p] = k[p * NUM_CLASSES + c];
    weights.push(row);
  }
  return { weights, biases: Float32Array.from(biasT.dataSync()) };
}
