import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import type { Split } from '../../src/data';
import { imagesToTensor, labelsToTensor, oneHot, toTensors } from '../../src/preprocess';

before(async () => {
  await tf.setBackend('cpu');
});

/** count images; image n is filled with value (n * 50) except pixel 0, which is 255. */
function split(count: number, labels?: number[]): Split {
  const images = new Uint8Array(count * 784);
  for (let n = 0; n < count; n++) {
    images.fill(n * 50, n * 784, (n + 1) * 784);
    images[n * 784] = 255;
  }
  return { images, labels: Uint8Array.from(labels ?? Array.from({ length: count }, (_, i) => i % 10)), count };
}

test('imagesToTensor gives float32 [count, 28, 28] with the raw 0..255 values', () => {
  const s = split(3);
  const t = imagesToTensor(s);
  assert.deepEqual(t.shape, [3, 28, 28]);
  assert.equal(t.dtype, 'float32');
  const v = t.arraySync();
  assert.equal(v[0][0][0], 255);
  assert.equal(v[1][0][1], 50); // image 1 filled with 1 * 50
  assert.equal(v[2][27][27], 100); // image 2 filled with 2 * 50, last pixel
  t.dispose();
});

test('imagesToTensor with scale divides by 255 (255 -> 1, 50 -> 50/255)', () => {
  const t = imagesToTensor(split(2), { scale: true });
  const v = t.arraySync();
  assert.equal(v[0][0][0], 1);
  assert.ok(Math.abs(v[1][3][4] - 50 / 255) < 1e-7);
  assert.equal(v[0][5][5], 0);
  t.dispose();
});

test('imagesToTensor takes `count` images from `start`', () => {
  const t = imagesToTensor(split(5), { start: 2, count: 2 });
  assert.deepEqual(t.shape, [2, 28, 28]);
  const v = t.arraySync();
  assert.equal(v[0][1][1], 100); // image 2
  assert.equal(v[1][1][1], 150); // image 3
  t.dispose();
});

test('imagesToTensor with only `start` takes the rest of the split', () => {
  const t = imagesToTensor(split(5), { start: 3 });
  assert.deepEqual(t.shape, [2, 28, 28]);
  assert.equal(t.arraySync()[1][9][9], 200); // image 4
  t.dispose();
});

for (const [name, opts] of [
  ['start past the end', { start: 5 }],
  ['count running past the end', { start: 3, count: 3 }],
  ['a negative start', { start: -1, count: 1 }],
  ['count 0', { count: 0 }],
  ['a fractional start', { start: 0.5, count: 1 }],
] as const) {
  test(`imagesToTensor and labelsToTensor: ${name} is a RangeError naming the split's range`, () => {
    const before = tf.memory().numTensors;
    const isRange = (e: unknown) => e instanceof RangeError && /0\.\.4/.test(e.message);
    assert.throws(() => imagesToTensor(split(5), opts), isRange);
    assert.throws(() => labelsToTensor(split(5), opts), isRange);
    assert.equal(tf.memory().numTensors, before);
  });
}

test('labelsToTensor gives int32 [count] labels, sliced the same way', () => {
  const s = split(5, [3, 1, 4, 1, 5]);
  const all = labelsToTensor(s);
  assert.equal(all.dtype, 'int32');
  assert.deepEqual(all.shape, [5]);
  assert.deepEqual(Array.from(all.dataSync()), [3, 1, 4, 1, 5]);
  const part = labelsToTensor(s, { start: 1, count: 3 });
  assert.deepEqual(Array.from(part.dataSync()), [1, 4, 1]);
  tf.dispose([all, part]);
});

test('oneHot turns label 1 into [0,1,0,0,0,0,0,0,0,0], as float32 rows of 10', () => {
  const labels = tf.tensor1d([1, 0, 9], 'int32');
  const before = tf.memory().numTensors;
  const h = oneHot(labels);
  assert.equal(tf.memory().numTensors, before + 1, 'only the result is new');
  assert.deepEqual(h.shape, [3, 10]);
  assert.equal(h.dtype, 'float32');
  assert.deepEqual(h.arraySync(), [
    [0, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
  ]);
  tf.dispose([labels, h]);
});

test('oneHot refuses float labels and one-hot rows with a TypeError', () => {
  const floats = tf.tensor1d([1, 2], 'float32');
  const rows = tf.tensor2d([[0, 1]], [1, 2], 'int32');
  assert.throws(() => oneHot(floats), TypeError);
  assert.throws(() => oneHot(rows as unknown as tf.Tensor1D), TypeError);
  tf.dispose([floats, rows]);
});

test('toTensors builds all four tensors and dispose() releases every one of them', () => {
  const before = tf.memory().numTensors;
  const data = toTensors({ train: split(4, [0, 1, 2, 3]), valid: split(2, [7, 8]) }, { scale: true });
  assert.equal(tf.memory().numTensors, before + 4);
  assert.deepEqual(data.trainX.shape, [4, 28, 28]);
  assert.deepEqual(data.validX.shape, [2, 28, 28]);
  assert.deepEqual(Array.from(data.trainY.dataSync()), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(data.validY.dataSync()), [7, 8]);
  assert.equal(data.trainX.arraySync()[0][0][0], 1, 'scale option is passed on');
  data.dispose();
  assert.equal(tf.memory().numTensors, before);
  assert.ok(data.trainX.isDisposed && data.trainY.isDisposed && data.validX.isDisposed && data.validY.isDisposed);
});
