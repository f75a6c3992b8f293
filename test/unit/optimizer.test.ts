import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { KerasAdam, kerasAdam } from '../../src/optimizer';

before(async () => {
  await tf.setBackend('cpu');
});

// A small problem with a known gradient: loss = sum(c * w + w^2), so dloss/dw = c + 2w.
const START = [0.5, -1, 2, 0, 0.25, -0.75];
const C = [1, -2, 0.5, 0, 3, -1];

function lossOf(w: tf.Variable, c: tf.Tensor): () => tf.Scalar {
  return () => tf.sum(tf.add(tf.mul(c, w), tf.square(w))) as tf.Scalar;
}

/** Keras's Adam update written out in float64, one weight at a time. */
function kerasReference(steps: number, lr = 0.001, b1 = 0.9, b2 = 0.999, eps = 1e-7): number[] {
  const w = [...START];
  const m = w.map(() => 0);
  const v = w.map(() => 0);
  for (let t = 1; t <= steps; t++) {
    const alpha = (lr * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (let i = 0; i < w.length; i++) {
      const g = C[i] + 2 * w[i];
      m[i] += (g - m[i]) * (1 - b1);
      v[i] += (g * g - v[i]) * (1 - b2);
      w[i] -= (alpha * m[i]) / (Math.sqrt(v[i]) + eps);
    }
  }
  return w;
}

function run(optimizer: tf.Optimizer, steps: number): { w: tf.Variable; c: tf.Tensor } {
  const w = tf.tidy(() => tf.variable(tf.tensor2d(START, [2, 3])));
  const c = tf.tensor2d(C, [2, 3]);
  for (let i = 0; i < steps; i++) optimizer.minimize(lossOf(w, c), false, [w]);
  return { w, c };
}

test('KerasAdam follows Keras\'s update rule step by step (checked against a float64 loop)', () => {
  for (const [steps, lr] of [[1, 0.001], [3, 0.001], [25, 0.05]] as const) {
    const optimizer = new KerasAdam(lr);
    const { w, c } = run(optimizer, steps);
    const expected = kerasReference(steps, lr);
    Array.from(w.dataSync()).forEach((got, i) => assert.ok(Math.abs(got - expected[i]) < 1e-6, `step ${steps} weight ${i}: ${got} vs ${expected[i]}`));
    assert.equal(optimizer.iterations, steps);
    optimizer.dispose();
    tf.dispose([w, c]);
  }
  // One step of Adam moves every weight with a non-zero gradient by about the learning rate, against the gradient.
  const [w1] = [kerasReference(1)];
  START.forEach((w0, i) => {
    const g = C[i] + 2 * w0;
    if (g !== 0) assert.ok(Math.abs(Math.abs(w1[i] - w0) - 0.001) < 1e-6 && Math.sign(w0 - w1[i]) === Math.sign(g));
  });
});

test('KerasAdam and tf.train.adam agree to 1e-5 over 50 steps (only epsilon\'s place differs)', () => {
  const ours = run(new KerasAdam(0.01), 50);
  const theirs = run(tf.train.adam(0.01), 50);
  const a = Array.from(ours.w.dataSync());
  const b = Array.from(theirs.w.dataSync());
  a.forEach((x, i) => assert.ok(Math.abs(x - b[i]) < 1e-5, `weight ${i}: ${x} vs ${b[i]}`));
  assert.ok(a.some((x, i) => x !== START[i]), 'the weights moved');
  tf.dispose([ours.w, ours.c, theirs.w, theirs.c]);
});

test('KerasAdam leaks no tensors per step, and dispose frees its m and v', () => {
  const before = tf.memory().numTensors;
  const optimizer = kerasAdam();
  const { w, c } = run(optimizer, 1);
  const afterOne = tf.memory().numTensors;
  assert.equal(afterOne, before + 2 + 2, 'w, c, and one m and one v');
  for (let i = 0; i < 5; i++) optimizer.minimize(lossOf(w, c), false, [w]);
  assert.equal(tf.memory().numTensors, afterOne, 'steps leaked tensors');
  optimizer.dispose();
  tf.dispose([w, c]);
  assert.equal(tf.memory().numTensors, before);
});

test('KerasAdam state saved with getWeights and restored with setWeights continues the same run', async () => {
  const straight = new KerasAdam(0.01);
  const a = run(straight, 6);
  const first = new KerasAdam(0.01);
  const b = run(first, 3);
  const state = await first.getWeights();
  assert.deepEqual(state.map((s) => s.name.replace(/^.*\//, '')), ['iter', 'm', 'v']);
  const second = new KerasAdam(0.01);
  await second.setWeights(state);
  assert.equal(second.iterations, 3);
  for (let i = 0; i < 3; i++) second.minimize(lossOf(b.w, b.c), false, [b.w]);
  const x = Array.from(a.w.dataSync());
  Array.from(b.w.dataSync()).forEach((y, i) => assert.ok(Math.abs(y - x[i]) < 1e-6, `weight ${i}: ${y} vs ${x[i]}`));
  tf.dispose(state.map((s) => s.tensor));
  [straight, first, second].forEach((o) => o.dispose());
  tf.dispose([a.w, a.c, b.w, b.c]);
});

test('KerasAdam rejects impossible hyperparameters with a RangeError naming the one at fault', () => {
  assert.throws(() => new KerasAdam(0), /learningRate must be a number > 0.*got 0/);
  assert.throws(() => new KerasAdam(0.001, 1), /beta1 must be in \[0, 1\).*got 1/);
  assert.throws(() => new KerasAdam(0.001, 0.9, -0.1), /beta2 must be in \[0, 1\)/);
  assert.throws(() => new KerasAdam(0.001, 0.9, 0.999, Number.NaN), /epsilon must be a number > 0/);
});

test('KerasAdam is registered for (de)serialisation with its config', () => {
  const optimizer = new KerasAdam(0.02, 0.8, 0.99, 1e-6);
  const config = optimizer.getConfig();
  assert.deepEqual(config, { learningRate: 0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-6 });
  const registered = tf.serialization.SerializationMap.getMap().classNameMap[optimizer.getClassName()];
  assert.ok(registered, 'registered under its class name');
  const [cls, fromConfig] = registered;
  const copy = fromConfig(cls, config) as KerasAdam;
  assert.ok(copy instanceof KerasAdam);
  assert.deepEqual(copy.getConfig(), config);
});
