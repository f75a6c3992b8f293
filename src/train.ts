/**
 * Compile and fit, the way the article does, with the tfjs details handled:
 * the loss from logits, one-hot targets for fit(), a seeded shuffle, and a
 * progress line after every epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { accuracy, categoricalCrossentropyFromLogits } from './loss';
import { kerasAdam } from './optimizer';
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
    optimizer: kerasAdam(options.learningRate ?? 0.001),
    loss: categoricalCrossentropyFromLogits,
    metrics: [accuracy],
  });
}

/**
 * How many validation photos are checked at once. tfjs's own validationData
 * option would check them in batches of the *training* batch size (32; it has no
 * option like Keras's validation_batch_size): 313 small steps per epoch instead
 * of 10, for the same numbers.
 */
export const VALIDATION_BATCH_SIZE = 1000;

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
 * by a check on the validation set. Under the hood this is
 *   model.fit(trainX, oneHot(trainY), {epochs, batchSize, shuffle: true})
 * with model.evaluate(validX, oneHot(validY), {batchSize: VALIDATION_BATCH_SIZE})
 * at the end of every epoch: what fit's validationData option does, in bigger batches.
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
  const validate = (): { loss: number; accuracy: number } => {
    const [loss, acc] = model.evaluate(data.validX, validTargets, { batchSize: VALIDATION_BATCH_SIZE }) as tf.Scalar[];
    const result = { loss: loss.dataSync()[0], accuracy: acc.dataSync()[0] };
    tf.dispose([loss, acc]);
    return result;
  };
  try {
    await withSeededRandom(options.seed ?? DEFAULT_SEED, () =>
      model.fit(data.trainX, trainTargets, {
        epochs,
        batchSize,
        shuffle: true,
        verbose: 0,
        callbacks: {
          onEpochBegin: async () => {
            epochStart = performance.now();
          },
          onEpochEnd: async (epoch, logs_) => {
            const valid = validate();
            const log: EpochLog = {
              epoch: epoch + 1,
              epochs,
              loss: logs_?.loss ?? NaN,
              accuracy: logs_?.accuracy ?? NaN,
              valLoss: valid.loss,
              valAccuracy: valid.accuracy,
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
