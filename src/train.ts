/**
 * Compile and fit, the way the article does, with the tfjs details handled:
 * the loss from logits, one-hot targets for fit(), a seeded shuffle, and a
 * progress line after every epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { accuracy, categoricalCrossentropyFromLogits } from './loss';
import { oneHot, TensorData } from './preprocess';
import { DEFAULT_SEED, withSeededRandom } from './seed';
import { EpochLog, formatEpoch } from './progress';

export interface CompileOptions {
  /** Adam's step size (default 0.001, Keras's and tfjs's default). */
  learningRate?: number;
}

/** compile(): Adam, cross-entropy from logits, and accuracy. */
export function compileModel(model: tf.LayersModel, options: CompileOptions = {}): void {
  model.compile({
    optimizer: tf.train.adam(options.learningRate ?? 0.001),
    loss: categoricalCrossentropyFromLogits,
    metrics: [accuracy],
  });
}

export interface FitOptions {
  epochs?: number;
  batchSize?: number;
  seed?: number;
  /** Called after every epoch with its numbers (e.g. to print or chart them). */
  onEpochEnd?: (log: EpochLog) => void;
  /** Print a progress line per epoch (default true). */
  print?: boolean;
}

export interface TrainingRun {
  epochs: EpochLog[];
  seconds: number;
  /** The last epoch's validation accuracy. */
  finalValAccuracy: number;
}

/**
 * fit(): `epochs` passes over the training set, shuffled (seeded), each followed
 * by a check on the validation set. Under the hood this is exactly
 * model.fit(trainX, oneHot(trainY), {epochs, batchSize, shuffle: true, validationData}).
 */
export async function fitModel(model: tf.LayersModel, data: TensorData, options: FitOptions = {}): Promise<TrainingRun> {
  const epochs = options.epochs ?? 5;
  const batchSize = options.batchSize ?? 32;
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`fitModel: epochs must be a whole number >= 1; got ${epochs}.`);
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`fitModel: batchSize must be a whole number >= 1; got ${batchSize}.`);
  }
  if (!model.optimizer) throw new Error('fitModel: the model is not compiled yet; call compileModel(model) first.');
  const trainTargets = oneHot(data.trainY);
  const validTargets = oneHot(data.validY);
  const logs: EpochLog[] = [];
  const start = performance.now();
  let epochStart = start;
  try {
    await withSeededRandom(options.seed ?? DEFAULT_SEED, () =>
      model.fit(data.trainX, trainTargets, {
        epochs,
        batchSize,
        shuffle: true,
        validationData: [data.validX, validTargets],
        verbose: 0,
        callbacks: {
          onEpochBegin: async () => {
            epochStart = performance.now();
          },
          onEpochEnd: async (epoch, logs_) => {
            const log: EpochLog = {
              epoch: epoch + 1,
              epochs,
              loss: logs_?.loss ?? NaN,
              accuracy: logs_?.accuracy ?? NaN,
              valLoss: logs_?.val_loss ?? NaN,
              valAccuracy: logs_?.val_accuracy ?? NaN,
              seconds: (performance.now() - epochStart) / 1000,
            };
            logs.push(log);
            if (options.print ?? true) console.log(formatEpoch(log));
            options.onEpochEnd?.(log);
          },
        },
      }),
    );
  } finally {
    tf.dispose([trainTargets, validTargets]);
  }
  return {
    epochs: logs,
    seconds: (performance.now() - start) / 1000,
    finalValAccuracy: logs[logs.length - 1].valAccuracy,
  };
}
