import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Split } from '../../src/data';
import { argmax, denseLayer } from '../../src/neuron';
import { classMeanImages, nearestMeanLayer } from '../../src/templates';

/** One image per class c filled with value 10 * c, plus a second class-0 image filled with 40. */
function splitWithEveryClass(): Split {
  const labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0];
  const images = new Uint8Array(labels.length * 784);
  labels.forEach((c, i) => images.fill(i === 10 ? 40 : 10 * c, i * 784, (i + 1) * 784));
  return { images, labels: Uint8Array.from(labels), count: labels.length };
}

test('classMeanImages averages the images of each class', () => {
  const means = classMeanImages(splitWithEveryClass());
  assert.equal(means.length, 10);
  for (const m of means) assert.equal(m.length, 784);
  assert.equal(means[0][0], 20); // (0 + 40) / 2
  assert.equal(means[0][783], 20);
  assert.equal(means[3][500], 30);
  assert.equal(means[9][0], 90);
});

test('classMeanImages averages pixel by pixel', () => {
  const s = splitWithEveryClass();
  s.images[0 * 784 + 5] = 100; // class 0, first image, pixel 5: 100 instead of 0
  const means = classMeanImages(s);
  assert.equal(means[0][5], 70); // (100 + 40) / 2
  assert.equal(means[0][6], 20);
});

test('classMeanImages refuses a split that lacks a class', () => {
  const s: Split = { images: new Uint8Array(2 * 784), labels: Uint8Array.from([0, 1]), count: 2 };
  assert.throws(() => classMeanImages(s), (e: unknown) => e instanceof RangeError && /class 2/.test(e.message));
});

test('nearestMeanLayer: the weights are the means and each bias is -|mean|^2 / 2', () => {
  const means = [Float32Array.from([1, 2]), Float32Array.from([3, 0])];
  const { weights, biases } = nearestMeanLayer(means);
  assert.deepEqual(weights.map((w) => Array.from(w)), [[1, 2], [3, 0]]);
  assert.deepEqual(biases, [-(1 + 4) / 2, -(9 + 0) / 2]);
  weights[0][0] = 99;
  assert.equal(means[0][0], 1, 'the weights are copies');
});

test('a Dense layer with nearestMeanLayer weights picks the class whose mean is nearest', () => {
  const means = [Float32Array.from([0, 0]), Float32Array.from([10, 0]), Float32Array.from([0, 10]), Float32Array.from([6, 6])];
  const { weights, biases } = nearestMeanLayer(means);
  const nearest = (x: number[]) => argmax(means.map((m) => -((x[0] - m[0]) ** 2 + (x[1] - m[1]) ** 2)));
  for (const x of [[1, 1], [9, 1], [1, 8], [5, 5], [7, 3], [3, 7], [-4, 2], [12, 12]]) {
    assert.equal(argmax(denseLayer(x, weights, biases)), nearest(x), `point ${x}`);
  }
});
