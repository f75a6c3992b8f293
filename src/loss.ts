/**
 * The loss and the metric, from logits.
 *
 * Keras writes `SparseCategoricalCrossentropy(from_logits=True)`. TensorFlow.js
 * has no from_logits option: its string loss 'sparseCategoricalCrossentropy'
 * expects probabilities (outputs that already went through softmax). So we
 * write the loss ourselves with tf.losses.softmaxCrossEntropy, which applies
 * softmax to the logits inside the loss, as from_logits=True does.
 *
 * One more tfjs rule: model.fit() checks that the targets have the model's
 * output shape [count, 10] for any loss but its own built-in sparse one. So fit
 * gets one-hot targets (label 1 -> [0,1,0,...,0]) and uses
 * categoricalCrossentropyFromLogits; the number is the same as the sparse loss
 * on the integer labels (the tests check that). Everything outside fit
 * (evaluation, the worked example) uses the sparse versions on integer labels.
 */
import * as tf from '@tensorflow/tfjs';

function checkLogits(logits: tf.Tensor, where: string): void {
  if (logits.rank !== 2) {
    throw new TypeError(`${where}: logits must have shape [count, classes]; got shape [${logits.shape}].`);
  }
}

function sparseLabels(labels: tf.Tensor, count: number, where: string): tf.Tensor1D {
  const flat = labels.rank === 2 && labels.shape[1] === 1 ? labels.reshape([-1]) : labels;
  if (flat.rank !== 1 || flat.shape[0] !== count) {
    throw new TypeError(
      `${where}: labels must be one integer per example, shape [${count}]; got shape [${labels.shape}]. ` +
        'Pass sparse labels such as labelsToTensor(split), not one-hot rows.',
    );
  }
  return flat.toInt() as tf.Tensor1D;
}

/**
 * Per-example loss for one-hot targets and logits: what model.fit() trains with.
 * The same numbers as tf.losses.softmaxCrossEntropy (the tests compare them), in
 * fewer tensor operations, because model.fit() runs it 1,875 times per epoch and
 * each operation costs time however small its tensors are. With m = the row's
 * largest logit (subtracted so exp never overflows):
 *   loss_i = ln(sum_j exp(z_ij - m_i)) - sum_j y_ij (z_ij - m_i)
 * and its gradient, written out instead of traced op by op (nothing flows to the targets):
 *   d loss_i / d z_ij = softmax(z_i)_j - y_ij
 */
export function categoricalCrossentropyFromLogits(oneHotTargets: tf.Tensor, logits: tf.Tensor): tf.Tensor1D {
  checkLogits(logits, 'categoricalCrossentropyFromLogits');
  if (oneHotTargets.rank !== 2 || oneHotTargets.shape[0] !== logits.shape[0] || oneHotTargets.shape[1] !== logits.shape[1]) {
    throw new TypeError(
      `categoricalCrossentropyFromLogits: targets must be one-hot rows shaped like the logits, [${logits.shape}]; ` +
        `got shape [${oneHotTargets.shape}]. Turn integer labels into rows with tf.oneHot(labels, ${logits.shape[1]}).`,
    );
  }
  return tf.tidy(() => {
    const lossOf = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const zt = args[0] as tf.Tensor2D;
      const save = args[1] as tf.GradSaveFunc;
      const targets = oneHotTargets.dtype === 'float32' ? oneHotTargets : oneHotTargets.toFloat();
      const shifted = tf.sub(zt, tf.max(zt, -1, true));
      const exps = tf.exp(shifted);
      const sums = tf.sum(exps, -1, true);
      const loss = tf.sub(tf.log(sums), tf.sum(tf.mul(targets, shifted), -1, true));
      save([exps, sums, targets]);
      return {
        value: tf.reshape(loss, [-1]),
        gradFunc: (dy, saved) => {
          const [e, s, y] = saved;
          return tf.mul(tf.reshape(dy as tf.Tensor, [-1, 1]), tf.sub(tf.div(e, s), y));
        },
      };
    });
    return lossOf(logits) as tf.Tensor1D;
  });
}

/** Per-example loss for integer labels and logits: Keras's SparseCategoricalCrossentropy(from_logits=True). */
export function sparseCategoricalCrossentropyFromLogits(labels: tf.Tensor, logits: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    checkLogits(logits, 'sparseCategoricalCrossentropyFromLogits');
    const ints = sparseLabels(labels, logits.shape[0], 'sparseCategoricalCrossentropyFromLogits');
    const oneHotTargets = tf.oneHot(ints, logits.shape[1]!);
    return tf.losses.softmaxCrossEntropy(oneHotTargets, logits, undefined, 0, tf.Reduction.NONE) as tf.Tensor1D;
  });
}

/**
 * The accuracy metric model.fit() reports. Its targets are one-hot, so the right
 * tfjs metric is categoricalAccuracy (1 when the highest logit sits where the
 * target's 1 is). Named `accuracy` so the history says accuracy / val_accuracy, as Keras does.
 */
export function accuracy(oneHotTargets: tf.Tensor, logits: tf.Tensor): tf.Tensor {
  return tf.metrics.categoricalAccuracy(oneHotTargets, logits);
}

/** Per-example 1 or 0 for integer labels: is the highest logit the label? */
export function sparseCategoricalAccuracy(labels: tf.Tensor, logits: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    checkLogits(logits, 'sparseCategoricalAccuracy');
    const ints = sparseLabels(labels, logits.shape[0], 'sparseCategoricalAccuracy');
    return tf.equal(tf.argMax(logits, -1).toInt(), ints).toFloat() as tf.Tensor1D;
  });
}

/** Softmax of plain numbers, written out: exp(z_i - max) / sum_j exp(z_j - max). */
export function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** The loss of one example by hand: -ln(probability given to the true class). */
export function crossEntropyByHand(logits: readonly number[], label: number): { probabilities: number[]; loss: number } {
  if (!Number.isInteger(label) || label < 0 || label >= logits.length) {
    throw new RangeError(`crossEntropyByHand: label ${label} must be a whole number 0..${logits.length - 1}.`);
  }
  const probabilities = softmax(logits);
  return { probabilities, loss: -Math.log(probabilities[label]) };
}

