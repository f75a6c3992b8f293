import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  accuracy,
  categoricalCrossentropyFromLogits,
  crossEntropyByHand,
  softmax,
  sparseCategoricalAccuracy,
  sparseCategoricalCrossentropyFromLogits,
} from '../../src/loss';

before(async () => {
  await tf.setBackend('cpu');
});

const LOGITS = [
  [2, 1, 0.1],
  [0.5, 2.5, -1],
  [0, 0, 0],
];
const LABELS = [0, 2, 1];

/** -ln(exp(z_y) / sum_j exp(z_j)), straight from the definition. */
function handLoss(z: number[], y: number): number {
  const sum = z.reduce((s, v) => s + Math.exp(v), 0);
  return -Math.log(Math.exp(z[y]) / sum);
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  assert.equal(actual.length, expected.length, `lengths ${actual.length} vs ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol, `index ${i}: ${actual[i]} vs ${expected[i]}`);
  }
}

/** Runs fn, disposes what it returns, and checks that no tensor was left behind. */
function noLeak<T>(fn: () => T, cleanup: (out: T) => void): T {
  const before = tf.memory().numTensors;
  const out = fn();
  cleanup(out);
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  return out;
}

test('sparse cross-entropy from logits equals -ln(softmax) of the true class, example by example', () => {
  const logits = tf.tensor2d(LOGITS);
  const labels = tf.tensor1d(LABELS, 'int32');
  const values = noLeak(
    () => {
      const t = sparseCategoricalCrossentropyFromLogits(labels, logits);
      assert.deepEqual(t.shape, [3]);
      return { t, v: t.dataSync() };
    },
    ({ t }) => t.dispose(),
  ).v;
  // row 2 is all zeros: each class gets 1/3, so its loss is ln 3 = 1.0986...
  assertClose(values, [handLoss(LOGITS[0], 0), handLoss(LOGITS[1], 2), Math.log(3)]);
  tf.dispose([logits, labels]);
});

test('the sparse loss equals the categorical loss on the one-hot form of the labels', () => {
  const logits = tf.tensor2d(LOGITS);
  const labels = tf.tensor1d(LABELS, 'int32');
  // one-hot written out by hand: 0 -> [1,0,0], 2 -> [0,0,1], 1 -> [0,1,0]
  const oneHot = tf.tensor2d([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
  const before = tf.memory().numTensors;
  const sparse = sparseCategoricalCrossentropyFromLogits(labels, logits);
  const categorical = categoricalCrossentropyFromLogits(oneHot, logits);
  assertClose(categorical.dataSync(), sparse.dataSync(), 1e-6);
  assertClose(categorical.dataSync(), LOGITS.map((z, i) => handLoss(z, LABELS[i])));
  tf.dispose([sparse, categorical]);
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  tf.dispose([logits, labels, oneHot]);
});

test('the fit loss equals tf.losses.softmaxCrossEntropy, values and gradient, even for huge logits', () => {
  const logits = tf.tensor2d([[2, -1, 0.5, 3], [1000, 0, -1000, 5], [0, 0, 0, 0], [-3, 7, 7, 1]]);
  const targets = tf.oneHot(tf.tensor1d([3, 0, 2, 1], 'int32'), 4).toFloat();
  const before = tf.memory().numTensors;
  const reference = (z: tf.Tensor) => tf.losses.softmaxCrossEntropy(targets, z, undefined, 0, tf.Reduction.NONE);
  const ours = categoricalCrossentropyFromLogits(targets, logits);
  const theirs = reference(logits);
  assert.ok(Array.from(ours.dataSync()).every(Number.isFinite), 'a logit of 1000 must not overflow');
  assertClose(ours.dataSync(), theirs.dataSync(), 1e-5);
  // The gradient is written out by hand (softmax - one-hot), so check it against tfjs tracing the reference.
  const weights = tf.tensor1d([1, 0.5, 2, -1]); // a weighted sum, so each row's gradient is scaled differently
  const ourGrad = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(categoricalCrossentropyFromLogits(targets, z), weights)))(logits);
  const theirGrad = tf.grad((z: tf.Tensor) => tf.sum(tf.mul(reference(z), weights)))(logits);
  assertClose(ourGrad.dataSync(), theirGrad.dataSync(), 1e-5);
  // Row 3 by hand: softmax of [0,0,0,0] is 1/4 each; minus the one-hot at 2; times its weight 2.
  assertClose(Array.from(ourGrad.dataSync()).slice(8, 12), [0.5, 0.5, -1.5, 0.5], 1e-6);
  tf.dispose([ours, theirs, ourGrad, theirGrad, weights]);
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  tf.dispose([logits, targets]);
});

test('the fit loss rejects targets that are not one-hot rows like the logits, saying how to make them', () => {
  const logits = tf.tensor2d(LOGITS);
  const labels = tf.tensor1d(LABELS, 'int32');
  const before = tf.memory().numTensors;
  assert.throws(
    () => categoricalCrossentropyFromLogits(labels, logits),
    (e: unknown) => e instanceof TypeError && /\[3,3\]; got shape \[3\]/.test(e.message) && /tf\.oneHot\(labels, 3\)/.test(e.message),
  );
  assert.equal(tf.memory().numTensors, before, 'the failed call leaked tensors');
  tf.dispose([logits, labels]);
});

test('the sparse loss accepts labels of shape [n, 1] and float labels', () => {
  const logits = tf.tensor2d(LOGITS);
  const column = tf.tensor2d(LABELS.map((l) => [l]), [3, 1], 'int32');
  const floats = tf.tensor1d(LABELS, 'float32');
  const before = tf.memory().numTensors;
  const a = sparseCategoricalCrossentropyFromLogits(column, logits);
  const b = sparseCategoricalCrossentropyFromLogits(floats, logits);
  const expected = LOGITS.map((z, i) => handLoss(z, LABELS[i]));
  assertClose(a.dataSync(), expected);
  assertClose(b.dataSync(), expected);
  tf.dispose([a, b]);
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  tf.dispose([logits, column, floats]);
});

test('the sparse loss rejects one-hot labels with a TypeError that says to pass sparse labels', () => {
  const logits = tf.tensor2d(LOGITS);
  const oneHot = tf.tensor2d([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
  const before = tf.memory().numTensors;
  assert.throws(
    () => sparseCategoricalCrossentropyFromLogits(oneHot, logits),
    (e: unknown) => e instanceof TypeError && /shape \[3\]; got shape \[3,3\]/.test(e.message) && /not one-hot/.test(e.message),
  );
  assert.equal(tf.memory().numTensors, before, 'the failed call leaked tensors');
  tf.dispose([logits, oneHot]);
});

test('the sparse loss rejects a label count that differs from the logits rows', () => {
  const logits = tf.tensor2d(LOGITS);
  const labels = tf.tensor1d([0, 1], 'int32');
  assert.throws(() => sparseCategoricalCrossentropyFromLogits(labels, logits), TypeError);
  assert.throws(() => sparseCategoricalAccuracy(labels, logits), TypeError);
  tf.dispose([logits, labels]);
});

test('rank-1 logits are rejected with a TypeError by every logits helper', () => {
  const logits = tf.tensor1d([1, 2, 3]);
  const labels = tf.tensor1d([2], 'int32');
  const target = tf.tensor1d([0, 0, 1]);
  const before = tf.memory().numTensors;
  const isShapeError = (e: unknown) => e instanceof TypeError && /shape \[count, classes\]; got shape \[3\]/.test(e.message);
  assert.throws(() => sparseCategoricalCrossentropyFromLogits(labels, logits), isShapeError);
  assert.throws(() => categoricalCrossentropyFromLogits(target, logits), isShapeError);
  assert.throws(() => sparseCategoricalAccuracy(labels, logits), isShapeError);
  assert.equal(tf.memory().numTensors, before, 'the failed calls leaked tensors');
  tf.dispose([logits, labels, target]);
});

test('softmax matches exp(z_i) / sum exp(z_j) and sums to 1', () => {
  const p = softmax([1, 2, 3]);
  const s = Math.exp(1) + Math.exp(2) + Math.exp(3);
  assertClose(p, [Math.exp(1) / s, Math.exp(2) / s, Math.exp(3) / s], 1e-12);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  // 0.0900, 0.2447, 0.6652 to 4 places
  assertClose(p, [0.0900, 0.2447, 0.6652], 1e-4);
});

test('softmax of equal logits is uniform, and huge logits do not overflow', () => {
  assertClose(softmax([0, 0, 0, 0]), [0.25, 0.25, 0.25, 0.25], 1e-12);
  const big = softmax([1000, 1000]);
  assertClose(big, [0.5, 0.5], 1e-12); // exp(1000) alone would be Infinity
  const shifted = softmax([1001, 1002, 1003]);
  assertClose(shifted, softmax([1, 2, 3]), 1e-12); // softmax ignores adding a constant
});

test('crossEntropyByHand returns the softmax and -ln of the true class probability', () => {
  const { probabilities, loss } = crossEntropyByHand([2, 1, 0.1], 0);
  const s = Math.exp(2) + Math.exp(1) + Math.exp(0.1);
  assertClose(probabilities, [Math.exp(2) / s, Math.exp(1) / s, Math.exp(0.1) / s], 1e-12);
  assert.ok(Math.abs(loss - -Math.log(Math.exp(2) / s)) < 1e-12);
  // a sure, right answer costs almost nothing; a sure, wrong one costs a lot
  assert.ok(crossEntropyByHand([20, 0], 0).loss < 1e-6);
  assert.ok(crossEntropyByHand([20, 0], 1).loss > 19);
});

test('crossEntropyByHand refuses a label outside the logits', () => {
  assert.throws(() => crossEntropyByHand([1, 2, 3], 3), (e: unknown) => e instanceof RangeError && /0\.\.2/.test(e.message));
  assert.throws(() => crossEntropyByHand([1, 2, 3], -1), RangeError);
  assert.throws(() => crossEntropyByHand([1, 2, 3], 0.5), RangeError);
});

test('sparseCategoricalAccuracy is 1 where the highest logit is the label, else 0', () => {
  // argmax of each row: 1, 0, 2, 1; labels 1, 2, 2, 0 -> right, wrong, right, wrong
  const logits = tf.tensor2d([[0.1, 0.9, 0], [3, 1, 2], [-1, -2, 0], [0, 5, 4]]);
  const labels = tf.tensor1d([1, 2, 2, 0], 'int32');
  const acc = noLeak(
    () => {
      const t = sparseCategoricalAccuracy(labels, logits);
      return { t, v: Array.from(t.dataSync()) };
    },
    ({ t }) => t.dispose(),
  ).v;
  assert.deepEqual(acc, [1, 0, 1, 0]);
  tf.dispose([logits, labels]);
});

test('`accuracy` (categorical, on one-hot targets) agrees with sparse accuracy on the labels', () => {
  const logits = tf.tensor2d([[0.1, 0.9, 0], [3, 1, 2], [-1, -2, 0], [0, 5, 4]]);
  const labels = tf.tensor1d([1, 2, 2, 0], 'int32');
  const oneHot = tf.tensor2d([[0, 1, 0], [0, 0, 1], [0, 0, 1], [1, 0, 0]]);
  const before = tf.memory().numTensors;
  const cat = accuracy(oneHot, logits);
  const sparse = sparseCategoricalAccuracy(labels, logits);
  assert.deepEqual(Array.from(cat.dataSync()), [1, 0, 1, 0]);
  assert.deepEqual(Array.from(cat.dataSync()), Array.from(sparse.dataSync()));
  tf.dispose([cat, sparse]);
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  tf.dispose([logits, labels, oneHot]);
});

test('the trap: tf.metrics.categoricalAccuracy fed integer labels [n,1] gives a wrong answer', () => {
  // argmax of each row: 1, 0, 2 and the labels are 1, 0, 2: every prediction is right.
  const logits = tf.tensor2d([[0, 5, 1], [4, 1, 2], [0, 1, 3]]);
  const column = tf.tensor2d([[1], [0], [2]], [3, 1], 'int32');
  const [sparseMean, wrongMean] = tf.tidy(() => [
    sparseCategoricalAccuracy(column, logits).mean().dataSync()[0],
    tf.metrics.categoricalAccuracy(column, logits).mean().dataSync()[0],
  ]);
  assert.equal(sparseMean, 1);
  // argMax of a one-column label is always 0, so categoricalAccuracy only counts rows predicted
  // as class 0: 1 row of 3.
  assert.ok(Math.abs(wrongMean - 1 / 3) < 1e-6, `categoricalAccuracy gave ${wrongMean}`);
  assert.notEqual(wrongMean, sparseMean);
  tf.dispose([logits, column]);
});
