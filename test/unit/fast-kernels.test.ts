/**
 * The faster kernels must give exactly what the kernels they replace give. Every case
 * runs twice on the wasm backend: first with tfjs's own kernels, then with ours.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { nativeBuilt } from './helpers/native';
import '@tensorflow/tfjs-backend-wasm';
import { installFastKernels } from '../../src/fast-kernels';

type Outcome = { shape: number[]; dtype: string; values: number[] } | { error: string };

/** Runs f and describes what came out (or the error), leaving no tensors behind. */
function outcome(f: () => tf.Tensor): Outcome {
  const before = tf.memory().numTensors;
  try {
    const t = f();
    const result = { shape: t.shape, dtype: t.dtype, values: Array.from(t.dataSync()) };
    t.dispose();
    return result;
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    assert.equal(tf.memory().numTensors, before, 'a kernel leaked tensors');
  }
}

const x3 = () => tf.tensor3d(Array.from({ length: 60 }, (_, i) => i * 0.5 - 7), [5, 4, 3]);
const rows = () => tf.tensor2d(Array.from({ length: 40 }, (_, i) => i), [10, 4], 'int32');
const idx = (v: number[], shape?: number[]) => tf.tensor(v, shape ?? [v.length], 'int32');
const rand = (shape: number[], seed: number) => tf.randomUniform(shape, -1, 1, 'float32', seed);

const CASES: Record<string, () => tf.Tensor> = {
  'gather rows, repeated and unordered': () => tf.gather(x3(), idx([4, 0, 4, 2])),
  'gather rows with 2-D indices': () => tf.gather(x3(), idx([1, 2, 3, 0, 0, 4], [2, 3])),
  'gather rows, negative axis': () => tf.gather(rows(), idx([9, 3]), -2),
  'gather int32 and bool rows': () => tf.gather(tf.cast(tf.gather(rows(), idx([1, 0])), 'bool'), idx([1, 1, 0])),
  'gather zero rows': () => tf.gather(x3(), idx([])),
  'gather along axis 1 (handed back)': () => tf.gather(x3(), idx([3, 0]), 1),
  'gather with float indices': () => tf.gather(x3(), tf.tensor1d([1, 2])),
  'gather an index out of range (the error)': () => tf.gather(x3(), idx([0, 5])),
  'gather a negative index (the error)': () => tf.gather(x3(), idx([-1])),
  'slice whole rows': () => tf.slice(x3(), [1, 0, 0], [3, 4, 3]),
  'slice rows with size -1': () => tf.slice(rows(), [7], [-1]),
  'slice within one row': () => tf.slice(x3(), [2, 1, 0], [1, 2, 3]),
  'slice columns (not contiguous, handed back)': () => tf.slice(rows(), [0, 1], [10, 2]),
  'slice nothing': () => tf.slice(x3(), [2, 0, 0], [0, 4, 3]),
  'matMul a.b': () => tf.matMul(rand([32, 20], 1), rand([20, 10], 2)),
  'matMul aT.b': () => tf.matMul(rand([20, 32], 3), rand([20, 10], 4), true, false),
  'matMul a.bT': () => tf.matMul(rand([32, 10], 5), rand([20, 10], 6), false, true),
  'matMul aT.bT': () => tf.matMul(rand([10, 7], 7), rand([3, 10], 8), true, true),
  'matMul batched and broadcast, aT': () => tf.matMul(rand([2, 5, 4], 9), rand([1, 5, 6], 10), true, false),
  'matMul mismatched inner sizes (the error)': () => tf.matMul(rand([3, 4], 11), rand([5, 2], 12), true, false),
};

const original = new Map<string, Outcome>();
let replaced: string[] = [];

before(async () => {
  assert.ok(await tf.setBackend('wasm'));
  await tf.ready();
  for (const [name, f] of Object.entries(CASES)) original.set(name, outcome(() => tf.tidy(f)));
  replaced = installFastKernels();
});

test('installFastKernels replaces the wasm GatherV2, Slice and BatchMatMul kernels once', () => {
  for (const k of ['GatherV2/wasm', 'Slice/wasm', 'BatchMatMul/wasm']) assert.ok(replaced.includes(k), `${k} in ${replaced}`);
  assert.deepEqual(installFastKernels(), [], 'a second call replaces nothing');
});

for (const name of Object.keys(CASES)) {
  test(`same result as tfjs's kernel: ${name}`, () => {
    const ours = outcome(() => tf.tidy(CASES[name]));
    const theirs = original.get(name)!;
    if ('error' in theirs) {
      assert.ok('error' in ours, `tfjs threw "${theirs.error}", ours did not`);
      assert.equal(ours.error, theirs.error);
      return;
    }
    assert.ok(!('error' in ours), `ours threw: ${'error' in ours ? ours.error : ''}`);
    assert.deepEqual(ours.shape, theirs.shape);
    assert.equal(ours.dtype, theirs.dtype);
    if (name.startsWith('matMul')) {
      // A product may add in another order: equal up to float32 rounding.
      ours.values.forEach((v, i) => assert.ok(Math.abs(v - theirs.values[i]) < 1e-5, `element ${i}: ${v} vs ${theirs.values[i]}`));
    } else {
      assert.deepEqual(ours.values, theirs.values);
    }
  });
}

test('a gather reads the right rows far into a 188 MB tensor', () => {
  // 60,000 x 784 floats, like the training set: row i holds the number i everywhere.
  const big = tf.tidy(() => tf.add(tf.range(0, 60000).reshape([60000, 1]), tf.zeros([60000, 784])));
  const picked = tf.gather(big, idx([59999, 0, 31337]));
  const values = picked.dataSync();
  assert.deepEqual([values[0], values[783], values[784], values[1568]], [59999, 59999, 0, 31337]);
  tf.dispose([big, picked]);
});

test('on the native backend, a cast to the same dtype is an identity that survives its input', { skip: !nativeBuilt() && 'the native backend is not built here' }, async () => {
  require('@tensorflow/tfjs-node');
  assert.ok(installFastKernels().includes('Cast/tensorflow'));
  assert.ok(await tf.setBackend('tensorflow'));
  const x = tf.tensor1d([1.5, -2, 3]);
  const same = tf.cast(x, 'float32');
  const ints = tf.cast(x, 'int32');
  x.dispose();
  assert.deepEqual(Array.from(same.dataSync()), [1.5, -2, 3]);
  assert.deepEqual([ints.dtype, ...Array.from(ints.dataSync())], ['int32', 1, -2, 3]);
  tf.dispose([same, ints]);
});
