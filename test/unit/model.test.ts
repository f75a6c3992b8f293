import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import {
  ARTICLE_PARAMS,
  buildArticleModel,
  buildHiddenLayerModel,
  denseParams,
  formatCount,
  outputNeuronWeights,
  summaryText,
} from '../../src/model';

before(async () => {
  await tf.setBackend('cpu');
});

/** All weights of a model as plain arrays (copies). */
function weightsOf(model: tf.LayersModel): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

test('the article model has 784 x 10 + 10 = 7850 parameters', () => {
  const model = buildArticleModel();
  assert.equal(model.countParams(), 784 * 10 + 10);
  assert.equal(model.countParams(), 7850);
  model.dispose();
});

test('the article model flattens 28 x 28 to 784 then outputs 10 logits', () => {
  const model = buildArticleModel();
  assert.equal(model.layers.length, 2);
  assert.deepEqual(model.inputs[0].shape, [null, 28, 28]);
  assert.deepEqual(model.layers[0].outputShape, [null, 784]);
  assert.deepEqual(model.layers[1].outputShape, [null, 10]);
  // no activation: the outputs are raw logits, so they can be negative
  assert.equal(model.layers[1].getConfig().activation, 'linear');
  model.dispose();
});

test('the same seed gives identical initial weights', () => {
  const a = buildArticleModel({ seed: 7 });
  const b = buildArticleModel({ seed: 7 });
  assert.deepEqual(weightsOf(a), weightsOf(b));
  a.dispose();
  b.dispose();
});

test('a different seed gives different initial weights', () => {
  const a = buildArticleModel({ seed: 7 });
  const b = buildArticleModel({ seed: 8 });
  const [ka] = weightsOf(a);
  const [kb] = weightsOf(b);
  assert.equal(ka.length, 7840);
  assert.notDeepEqual(ka, kb);
  a.dispose();
  b.dispose();
});

test('initial kernel values lie in the Glorot-uniform range +-sqrt(6 / (784 + 10)), biases start at 0', () => {
  const model = buildArticleModel();
  const [kernel, bias] = weightsOf(model);
  const limit = Math.sqrt(6 / (784 + 10)); // = 0.0869...
  assert.ok(kernel.every((v) => Math.abs(v) <= limit + 1e-7));
  assert.ok(kernel.some((v) => v !== 0));
  assert.deepEqual(bias, new Array(10).fill(0));
  model.dispose();
});

test('buildHiddenLayerModel(16) has 784*16+16 + 16*10+10 parameters', () => {
  const model = buildHiddenLayerModel({ hiddenUnits: 16 });
  assert.equal(model.countParams(), 784 * 16 + 16 + 16 * 10 + 10); // 12544 + 16 + 160 + 10 = 12730
  assert.deepEqual(model.layers[1].outputShape, [null, 16]);
  assert.deepEqual(model.layers[2].outputShape, [null, 10]);
  assert.equal(model.layers[1].getConfig().activation, 'relu');
  model.dispose();
});

test('buildHiddenLayerModel defaults to 128 hidden units and refuses 0 or fractions', () => {
  const model = buildHiddenLayerModel();
  assert.equal(model.countParams(), 784 * 128 + 128 + 128 * 10 + 10);
  model.dispose();
  assert.throws(() => buildHiddenLayerModel({ hiddenUnits: 0 }), RangeError);
  assert.throws(() => buildHiddenLayerModel({ hiddenUnits: 2.5 }), RangeError);
});

test('summaryText shows the layers and "Total params: 7850" with Keras\'s "7,850"', () => {
  const model = buildArticleModel();
  const text = summaryText(model);
  assert.match(text, /Total params: 7850/);
  assert.ok(text.includes('7,850'));
  assert.match(text, /Trainable params: 7850/);
  assert.match(text, /Non-trainable params: 0\s*$/m);
  assert.ok(text.includes('flatten') && text.includes('dense'));
  model.dispose();
});

test('formatCount groups thousands with commas', () => {
  assert.equal(formatCount(7850), '7,850');
  assert.equal(formatCount(999), '999');
  assert.equal(formatCount(1234567), '1,234,567');
  assert.equal(formatCount(0), '0');
});

test('denseParams spells out the parameter arithmetic', () => {
  const d = denseParams(784, 10);
  assert.equal(d.weights, 7840);
  assert.equal(d.biases, 10);
  assert.equal(d.total, 7850);
  assert.equal(d.text, '784 x 10 = 7,840 weights + 10 biases = 7,850 parameters');
  assert.equal(denseParams(784, 128).text, '784 x 128 = 100,352 weights + 128 biases = 100,480 parameters');
  assert.equal(ARTICLE_PARAMS.total, 7850);
});

test('outputNeuronWeights returns one 784-row per class: row c, pixel p = kernel[p][c]', () => {
  const model = buildArticleModel();
  // Set a kernel whose every entry says where it is: kernel[p][c] = p * 10 + c; bias[c] = -c.
  const kernel = tf.tensor2d(Float32Array.from({ length: 7840 }, (_, i) => i), [784, 10]);
  const bias = tf.tensor1d([0, -1, -2, -3, -4, -5, -6, -7, -8, -9]);
  model.layers[1].setWeights([kernel, bias]);
  tf.dispose([kernel, bias]);

  const { weights, biases } = outputNeuronWeights(model);
  assert.equal(weights.length, 10);
  for (const row of weights) assert.equal(row.length, 784);
  assert.equal(weights[0][0], 0); // p 0, c 0
  assert.equal(weights[3][0], 3); // p 0, c 3
  assert.equal(weights[0][1], 10); // p 1, c 0
  assert.equal(weights[9][783], 7839); // p 783, c 9 = 783 * 10 + 9
  assert.equal(weights[4][100], 1004);
  assert.deepEqual(Array.from(biases), [0, -1, -2, -3, -4, -5, -6, -7, -8, -9]);
  model.dispose();
});

test('outputNeuronWeights agrees with the kernel read independently from the layer', () => {
  const model = buildArticleModel({ seed: 3 });
  const k = model.layers[1].getWeights()[0].arraySync() as number[][]; // [784][10]
  const { weights } = outputNeuronWeights(model);
  for (const [p, c] of [[0, 0], [5, 9], [400, 3], [783, 7], [128, 1]]) {
    assert.equal(weights[c][p], k[p][c], `pixel ${p}, class ${c}`);
  }
  model.dispose();
});

test('outputNeuronWeights refuses the hidden-layer model with a TypeError', () => {
  const model = buildHiddenLayerModel({ hiddenUnits: 16 });
  assert.throws(() => outputNeuronWeights(model), (e: unknown) => e instanceof TypeError && /\[16,10\]/.test(e.message));
  model.dispose();
});
