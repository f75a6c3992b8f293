import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  accuracyOf,
  confusionMatrix,
  evaluateModel,
  predictClasses,
  predictWithProbabilities,
  topConfusions,
} from '../../src/evaluate';
import { buildArticleModel } from '../../src/model';

before(async () => {
  await tf.setBackend('cpu');
});

/**
 * The article model with kernel[p][c] = 1 when p === c (p < 10), else 0, and the given biases:
 * its logits for an image are its first 10 pixels plus the biases.
 */
function handModel(biases: number[] = new Array(10).fill(0)): tf.Sequential {
  const model = buildArticleModel();
  const k = new Float32Array(784 * 10);
  for (let c = 0; c < 10; c++) k[c * 10 + c] = 1; // row p = c, column c
  const kernel = tf.tensor2d(k, [784, 10]);
  const bias = tf.tensor1d(biases);
  model.layers[1].setWeights([kernel, bias]);
  tf.dispose([kernel, bias]);
  return model;
}

/** Images whose first 10 pixels are the given logits (the rest 0). */
function imagesWithLogits(rows: number[][]): tf.Tensor3D {
  const x = new Float32Array(rows.length * 784);
  rows.forEach((r, i) => x.set(r, i * 784));
  return tf.tensor3d(x, [rows.length, 28, 28]);
}

const pad = (r: number[]) => [...r, ...new Array(10 - r.length).fill(0)];
const LOGITS = [pad([2, 1, 0.1]), pad([0.5, 2.5, -1]), pad([0, 0, 0, 3]), pad([1, 0, 0, 0, 0, 0, 0, 0, 0, 4])];
const LABELS = [0, 2, 3, 9]; // argmax per row: 0, 1, 3, 9 -> right, wrong, right, right

/** -ln(exp(z_y) / sum_j exp(z_j)) */
const handLoss = (z: number[], y: number) => Math.log(z.reduce((s, v) => s + Math.exp(v), 0)) - z[y];
const handSoftmax = (z: number[]) => {
  const s = z.reduce((a, v) => a + Math.exp(v), 0);
  return z.map((v) => Math.exp(v) / s);
};

test('evaluateModel: mean cross-entropy and accuracy match the hand computation', () => {
  const model = handModel();
  const x = imagesWithLogits(LOGITS);
  const y = tf.tensor1d(LABELS, 'int32');
  const before = tf.memory().numTensors;
  const { loss, accuracy } = evaluateModel(model, x, y);
  assert.equal(tf.memory().numTensors, before, 'evaluateModel leaked tensors');
  const expected = LOGITS.reduce((s, z, i) => s + handLoss(z, LABELS[i]), 0) / 4;
  assert.ok(Math.abs(loss - expected) < 1e-5, `loss ${loss} vs ${expected}`);
  assert.equal(accuracy, 3 / 4);
  tf.dispose([x, y]);
  model.dispose();
});

test('evaluateModel includes the biases in the logits', () => {
  const biases = [0, 0, 3.8, 0, 0, 0, 0, 0, 0, 0]; // lifts class 2 only
  const model = handModel(biases);
  const x = imagesWithLogits(LOGITS);
  const y = tf.tensor1d(LABELS, 'int32');
  const shifted = LOGITS.map((z) => z.map((v, c) => v + biases[c]));
  const { loss, accuracy } = evaluateModel(model, x, y);
  const expected = shifted.reduce((s, z, i) => s + handLoss(z, LABELS[i]), 0) / 4;
  assert.ok(Math.abs(loss - expected) < 1e-5, `loss ${loss} vs ${expected}`);
  // rows become [2, 1, 3.9], [0.5, 2.5, 2.8], [0, 0, 3.8, 3], [1, 0, 3.8, 0.., 4]:
  // argmax 2, 2, 2, 9 against labels 0, 2, 3, 9 -> wrong, right, wrong, right
  assert.equal(accuracy, 2 / 4);
  tf.dispose([x, y]);
  model.dispose();
});

test('evaluateModel refuses a different number of images and labels', () => {
  const model = handModel();
  const x = imagesWithLogits(LOGITS);
  const y = tf.tensor1d([0, 1, 2], 'int32');
  assert.throws(() => evaluateModel(model, x, y), (e: unknown) => e instanceof TypeError && /4 images but 3 labels/.test(e.message));
  tf.dispose([x, y]);
  model.dispose();
});

test('predictClasses returns the argmax of each row, without leaking tensors', () => {
  const model = handModel();
  const x = imagesWithLogits(LOGITS);
  const before = tf.memory().numTensors;
  const classes = predictClasses(model, x);
  assert.equal(tf.memory().numTensors, before);
  assert.ok(classes instanceof Int32Array);
  assert.deepEqual(Array.from(classes), [0, 1, 3, 9]);
  x.dispose();
  model.dispose();
});

test('predictWithProbabilities: softmax probabilities, the guess, names and correct flags', () => {
  const model = handModel();
  const x = imagesWithLogits(LOGITS);
  const before = tf.memory().numTensors;
  const preds = predictWithProbabilities(model, x, LABELS, 100);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(preds.length, 4);
  assert.deepEqual(preds.map((p) => p.index), [100, 101, 102, 103]);
  assert.deepEqual(preds.map((p) => p.predicted), [0, 1, 3, 9]);
  assert.deepEqual(preds.map((p) => p.correct), [true, false, true, true]);
  assert.equal(preds[1].labelName, 'Pullover'); // label 2
  assert.equal(preds[1].predictedName, 'Trouser'); // class 1
  assert.equal(preds[3].predictedName, 'Ankle boot');
  preds.forEach((p, i) => {
    assert.equal(p.probabilities.length, 10);
    const sum = p.probabilities.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-5, `row ${i} sums to ${sum}`);
    const hand = handSoftmax(LOGITS[i]);
    hand.forEach((h, c) => assert.ok(Math.abs(p.probabilities[c] - h) < 1e-5, `row ${i} class ${c}`));
    assert.equal(p.probability, p.probabilities[p.predicted]);
    assert.equal(p.probability, Math.max(...p.probabilities));
  });
  // row 2: logits 0 x 9 and one 3 -> P(class 3) = e^3 / (e^3 + 9) = 0.6906...
  assert.ok(Math.abs(preds[2].probability - Math.exp(3) / (Math.exp(3) + 9)) < 1e-5);
  x.dispose();
  model.dispose();
});

test('predictWithProbabilities refuses a different number of labels, and labels outside 0..9', () => {
  const model = handModel();
  const x = imagesWithLogits(LOGITS);
  const before = tf.memory().numTensors;
  assert.throws(() => predictWithProbabilities(model, x, [0, 1]), TypeError);
  assert.throws(() => predictWithProbabilities(model, x, [0, 1, 2, 10]), RangeError);
  assert.equal(tf.memory().numTensors, before);
  x.dispose();
  model.dispose();
});

test('confusionMatrix counts matrix[actual][predicted] (hand example)', () => {
  const actual = [0, 0, 1, 2, 2, 2];
  const predicted = [0, 1, 1, 2, 0, 0];
  // class 0: once right, once called 1; class 1: right; class 2: once right, twice called 0
  assert.deepEqual(confusionMatrix(actual, predicted, 3), [
    [1, 1, 0],
    [0, 1, 0],
    [2, 0, 1],
  ]);
});

test('confusionMatrix is 10 x 10 by default and its total is the number of examples', () => {
  const m = confusionMatrix([9, 9, 0], Int32Array.from([9, 8, 0]));
  assert.equal(m.length, 10);
  assert.ok(m.every((row) => row.length === 10));
  assert.equal(m[9][9], 1);
  assert.equal(m[9][8], 1);
  assert.equal(m[0][0], 1);
  assert.equal(m.flat().reduce((a, b) => a + b, 0), 3);
});

test('confusionMatrix refuses lists of different lengths and out-of-range labels', () => {
  assert.throws(() => confusionMatrix([0, 1], [0]), TypeError);
  assert.throws(() => confusionMatrix([0, 3], [0, 1], 3), (e: unknown) => e instanceof RangeError && /entry 1/.test(e.message));
  assert.throws(() => confusionMatrix([0, 1], [0, -1], 3), RangeError);
  assert.throws(() => confusionMatrix([0.5], [0], 3), RangeError);
  assert.throws(() => confusionMatrix([10], [0]), RangeError);
});

test('accuracyOf is the share of equal entries', () => {
  assert.equal(accuracyOf([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 0]), 3 / 6);
  assert.equal(accuracyOf([4], [4]), 1);
  assert.equal(accuracyOf([1, 2], [3, 4]), 0);
});

test('accuracyOf refuses different lengths and empty lists', () => {
  assert.throws(() => accuracyOf([1, 2], [1]), TypeError);
  assert.throws(() => accuracyOf([], []), TypeError);
});

test('topConfusions lists off-diagonal cells, biggest first, with the share of the true class', () => {
  const m = [
    [5, 1, 0],
    [0, 9, 0],
    [2, 0, 1],
  ];
  const top = topConfusions(m);
  assert.deepEqual(top, [
    { actual: 2, predicted: 0, count: 2, rate: 2 / 3 }, // row 2 has 3 images
    { actual: 0, predicted: 1, count: 1, rate: 1 / 6 }, // row 0 has 6 images
  ]);
  assert.deepEqual(topConfusions(m, 1).map((c) => [c.actual, c.predicted]), [[2, 0]]);
});

test('topConfusions breaks ties by the true class and skips the diagonal and zeros', () => {
  const m = [
    [50, 0, 3],
    [3, 50, 0],
    [0, 3, 50],
  ];
  assert.deepEqual(topConfusions(m).map((c) => [c.actual, c.predicted, c.count]), [
    [0, 2, 3],
    [1, 0, 3],
    [2, 1, 3],
  ]);
  assert.deepEqual(topConfusions([[4, 0], [0, 7]]), []);
});
