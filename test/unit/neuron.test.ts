import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argmax, denseLayer, fires, line, neuron, neuronWorking } from '../../src/neuron';

test('line computes m * x + b', () => {
  assert.equal(line(2, 3, 1), 7); // 2*3 + 1
  assert.equal(line(-0.5, 4, 0), -2); // -0.5*4 + 0
  assert.equal(line(0, 123, 5), 5);
});

test('neuron is the weighted sum plus the bias', () => {
  assert.equal(neuron([2, 3], [0.5, -1], 0.25), -1.75); // 0.5*2 + -1*3 + 0.25 = 1 - 3 + 0.25
  assert.equal(neuron([1, 2, 3], [4, 5, 6], 0), 32); // 4 + 10 + 18
  assert.equal(neuron([], [], 7), 7); // no inputs: just the bias
  assert.equal(neuron(Float32Array.from([10]), Float32Array.from([0.5]), -1), 4); // typed arrays work: 5 - 1
});

test('neuronWorking writes the sum out term by term with its result', () => {
  assert.equal(neuronWorking([2, 3], [0.5, -1], 0.25), '0.5*2 + -1*3 + 0.25 = -1.75');
  assert.equal(neuronWorking([4], [2], 1), '2*4 + 1 = 9');
});

test('fires gives 1 only when the sum passes (is above) the threshold', () => {
  // sum = 1*1 + 2*1 = 3
  assert.equal(fires([1, 1], [1, 2], 2.9), 1);
  assert.equal(fires([1, 1], [1, 2], 3), 0);
  assert.equal(fires([1, 1], [1, 2], 10), 0);
  assert.equal(fires([1, 1], [-1, -2], -4), 1); // -3 > -4
});

test('denseLayer is one neuron per weight row, side by side on the same inputs', () => {
  const inputs = [1, 2];
  const weights = [[1, 0], [0, 1], [1, 1]];
  const biases = [0, 0, 10];
  // row 0: 1*1 + 0*2 + 0 = 1; row 1: 0*1 + 1*2 + 0 = 2; row 2: 1 + 2 + 10 = 13
  assert.deepEqual(denseLayer(inputs, weights, biases), [1, 2, 13]);
  assert.deepEqual(
    denseLayer(inputs, weights, biases),
    weights.map((w, u) => neuron(inputs, w, biases[u])),
  );
});

test('argmax returns the index of the largest value', () => {
  assert.equal(argmax([0.1, 0.7, 0.2]), 1);
  assert.equal(argmax([-5, -2, -9]), 1);
  assert.equal(argmax([3]), 0);
  assert.equal(argmax(Float32Array.from([0, 0, 0, 5])), 3);
});

test('argmax: on a tie the first maximum wins', () => {
  assert.equal(argmax([1, 3, 3, 2]), 1);
  assert.equal(argmax([7, 7]), 0);
});

test('argmax of nothing is a RangeError', () => {
  assert.throws(() => argmax([]), RangeError);
});

test('neuron, neuronWorking and fires refuse a different number of inputs and weights', () => {
  const msg = /2 inputs but 1 weights/;
  assert.throws(() => neuron([1, 2], [1], 0), (e: unknown) => e instanceof RangeError && msg.test(e.message));
  assert.throws(() => neuronWorking([1, 2], [1], 0), (e: unknown) => e instanceof RangeError && msg.test(e.message));
  assert.throws(() => fires([1, 2], [1], 0), RangeError);
});

test('denseLayer refuses a weight row of the wrong length and a bias count that differs from the rows', () => {
  assert.throws(() => denseLayer([1, 2], [[1, 2], [3]], [0, 0]), /2 inputs but 1 weights/);
  assert.throws(
    () => denseLayer([1, 2], [[1, 2], [3, 4]], [0, 0, 0]),
    (e: unknown) => e instanceof RangeError && /2 weight rows but 3 biases/.test(e.message),
  );
});
