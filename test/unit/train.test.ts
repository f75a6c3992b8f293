import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { evaluateModel } from '../../src/evaluate';
import { buildArticleModel } from '../../src/model';
import type { TensorData } from '../../src/preprocess';
import type { EpochLog } from '../../src/progress';
import { compileModel, fitModel } from '../../src/train';
import { KerasAdam } from '../../src/optimizer';

before(async () => {
  await tf.setBackend('cpu');
});

/**
 * n images, 28 x 28, scaled 0..1: image i has one bright 14 x 14 quadrant (label = quadrant 0..3,
 * out of the 10 classes) on a faint background that varies a little from image to image.
 */
function quadrantImages(n: number, offset: number): { x: Float32Array; y: Int32Array } {
  const x = new Float32Array(n * 784);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const q = (i + offset) % 4;
    y[i] = q;
    for (let r = 0; r < 28; r++) {
      for (let c = 0; c < 28; c++) {
        const inQuadrant = (r < 14 ? 0 : 2) + (c < 14 ? 0 : 1) === q;
        x[i * 784 + r * 28 + c] = inQuadrant ? 1 : ((i * 31 + r * 7 + c) % 10) / 50;
      }
    }
  }
  return { x, y };
}

function tinyData(): TensorData {
  const train = quadrantImages(64, 0);
  const valid = quadrantImages(16, 1);
  const trainX = tf.tensor3d(train.x, [64, 28, 28]);
  const trainY = tf.tensor1d(train.y, 'int32');
  const validX = tf.tensor3d(valid.x, [16, 28, 28]);
  const validY = tf.tensor1d(valid.y, 'int32');
  return { trainX, trainY, validX, validY, dispose: () => tf.dispose([trainX, trainY, validX, validY]) };
}

async function run(modelSeed: number, fitSeed: number, onEpochEnd?: (log: EpochLog) => void) {
  const data = tinyData();
  const model = buildArticleModel({ seed: modelSeed });
  compileModel(model, { learningRate: 0.01 });
  const result = await fitModel(model, data, { epochs: 3, batchSize: 16, seed: fitSeed, print: false, onEpochEnd });
  return { model, data, result };
}

const numbers = (logs: EpochLog[]) => logs.map((l) => [l.loss, l.accuracy, l.valLoss, l.valAccuracy]);

test('fitModel for 3 epochs returns 3 epoch logs with finite loss and accuracy numbers', async () => {
  const { model, data, result } = await run(1, 1);
  assert.equal(result.epochs.length, 3);
  assert.deepEqual(result.epochs.map((l) => l.epoch), [1, 2, 3]);
  for (const l of result.epochs) {
    assert.equal(l.epochs, 3);
    // The metric is reported under "accuracy"/"val_accuracy": if the keys were missing these would be NaN.
    for (const v of [l.loss, l.accuracy, l.valLoss, l.valAccuracy, l.seconds]) assert.ok(Number.isFinite(v), `${v} in ${JSON.stringify(l)}`);
    assert.ok(l.accuracy >= 0 && l.accuracy <= 1 && l.valAccuracy >= 0 && l.valAccuracy <= 1);
    assert.ok(l.loss > 0);
    // accuracies are shares of 0/1 hits: of 64 training (4 equal batches) and 16 validation images
    assert.ok(Math.abs(l.accuracy * 64 - Math.round(l.accuracy * 64)) < 1e-3, `accuracy ${l.accuracy}`);
    assert.ok(Math.abs(l.valAccuracy * 16 - Math.round(l.valAccuracy * 16)) < 1e-3, `val_accuracy ${l.valAccuracy}`);
  }
  assert.equal(result.finalValAccuracy, result.epochs[2].valAccuracy);
  assert.ok(result.seconds >= 0);
  model.dispose();
  data.dispose();
});

test('training learns the quadrant task: the loss goes down', async () => {
  const { model, data, result } = await run(1, 1);
  const [first, , last] = result.epochs;
  assert.ok(last.loss < first.loss, `loss ${first.loss} -> ${last.loss}`);
  assert.ok(last.valLoss < first.valLoss, `val_loss ${first.valLoss} -> ${last.valLoss}`);
  model.dispose();
  data.dispose();
});

test('the reported val_loss / val_accuracy agree with evaluateModel on the validation set afterwards', async () => {
  const { model, data, result } = await run(2, 2);
  const { loss, accuracy } = evaluateModel(model, data.validX, data.validY);
  const last = result.epochs[2];
  assert.ok(Math.abs(last.valLoss - loss) < 1e-4, `fit said ${last.valLoss}, evaluate says ${loss}`);
  assert.ok(Math.abs(last.valAccuracy - accuracy) < 1e-6);
  model.dispose();
  data.dispose();
});

test('two runs with the same seeds on the cpu backend give identical numbers', async () => {
  const a = await run(5, 11);
  const b = await run(5, 11);
  assert.deepEqual(numbers(b.result.epochs), numbers(a.result.epochs));
  for (const r of [a, b]) {
    r.model.dispose();
    r.data.dispose();
  }
});

test('a different shuffle seed (same initial weights) gives different losses', async () => {
  const a = await run(5, 11);
  const b = await run(5, 12);
  assert.notDeepEqual(b.result.epochs.map((l) => l.loss), a.result.epochs.map((l) => l.loss));
  for (const r of [a, b]) {
    r.model.dispose();
    r.data.dispose();
  }
});

test('a different model seed gives different losses', async () => {
  const a = await run(5, 11);
  const b = await run(6, 11);
  assert.notDeepEqual(b.result.epochs.map((l) => l.loss), a.result.epochs.map((l) => l.loss));
  for (const r of [a, b]) {
    r.model.dispose();
    r.data.dispose();
  }
});

test('over 5 epochs onEpochEnd gets every epoch log, and the tensor count does not grow between epochs', async () => {
  const seen: EpochLog[] = [];
  const counts: number[] = [];
  const data = tinyData();
  const model = buildArticleModel({ seed: 1 });
  compileModel(model, { learningRate: 0.01 });
  const result = await fitModel(model, data, {
    epochs: 5,
    batchSize: 16,
    seed: 1,
    print: false,
    onEpochEnd: (log) => {
      seen.push(log);
      counts.push(tf.memory().numTensors);
    },
  });
  assert.deepEqual(seen, result.epochs);
  assert.equal(counts.length, 5);
  assert.deepEqual(counts, new Array(5).fill(counts[0]), `tensors at each epoch end: ${counts}`);
  model.dispose();
  data.dispose();
});

test('fitModel leaves no tensors behind: a second fit on the same model ends with the same count', async () => {
  const data = tinyData();
  const model = buildArticleModel({ seed: 1 });
  compileModel(model);
  await fitModel(model, data, { epochs: 1, batchSize: 32, print: false });
  const afterFirst = tf.memory().numTensors; // includes Adam's slots, created on the first step
  await fitModel(model, data, { epochs: 1, batchSize: 32, print: false });
  assert.equal(tf.memory().numTensors, afterFirst);
  model.dispose();
  data.dispose();
});

test('fitModel prints one formatted line per epoch unless print is false', async (t) => {
  const data = tinyData();
  const model = buildArticleModel({ seed: 1 });
  compileModel(model);
  const logSpy = t.mock.method(console, 'log', () => undefined);
  await fitModel(model, data, { epochs: 2, batchSize: 32 });
  const lines = logSpy.mock.calls.map((c) => String(c.arguments[0]));
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^Epoch 1\/2 - \d+\.\d s - loss \d+\.\d{4} - accuracy \d\.\d{4} - val_loss \d+\.\d{4} - val_accuracy \d\.\d{4}$/);
  assert.match(lines[1], /^Epoch 2\/2 - /);
  await fitModel(model, data, { epochs: 1, batchSize: 32, print: false });
  assert.equal(logSpy.mock.calls.length, 2, 'print: false prints nothing');
  model.dispose();
  data.dispose();
});

test('fitModel on an uncompiled model throws a clear Error', async () => {
  const data = tinyData();
  const model = buildArticleModel();
  await assert.rejects(fitModel(model, data, { print: false }), /not compiled yet; call compileModel/);
  model.dispose();
  data.dispose();
});

test('fitModel refuses epochs 0 and a batch size of 0 with a RangeError, before touching tensors', async () => {
  const data = tinyData();
  const model = buildArticleModel();
  compileModel(model);
  const before = tf.memory().numTensors;
  await assert.rejects(fitModel(model, data, { epochs: 0, print: false }), (e: unknown) => e instanceof RangeError && /epochs/.test(e.message));
  await assert.rejects(fitModel(model, data, { epochs: 1.5, print: false }), RangeError);
  await assert.rejects(fitModel(model, data, { batchSize: 0, print: false }), (e: unknown) => e instanceof RangeError && /batchSize/.test(e.message));
  assert.equal(tf.memory().numTensors, before);
  model.dispose();
  data.dispose();
});

test('compileModel uses Adam, Keras\'s formula, with the given learning rate', () => {
  const model = buildArticleModel();
  compileModel(model, { learningRate: 0.05 });
  const config = model.optimizer.getConfig();
  assert.ok(model.optimizer instanceof KerasAdam);
  assert.equal(config.learningRate, 0.05);
  const other = buildArticleModel();
  compileModel(other);
  assert.equal(other.optimizer.getConfig().learningRate, 0.001);
  model.dispose();
  other.dispose();
});
