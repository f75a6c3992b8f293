/**
 * The native backend (tfjs-node on TensorFlow's C++ library, built by `npm run native`)
 * and the wasm backend compute the same brain: the article's model, from the same
 * initial weights, trained 20 Adam steps on the same 20 batches of 32 Fashion-MNIST
 * images (pixels scaled to 0..1), has losses within 1e-3 (relative) of each other at
 * every step, and then predicts the same class for at least 99 of 100 validation images.
 *
 * Skips, saying why, when the native backend is not built here (unless BRAIN_BACKEND=tensorflow
 * asks for it) or the data is missing. About 2 s.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { readFashionMnistDir, type Split } from '../../src/data';
import { findLocalData } from '../../src/data-source';
import { buildArticleModel } from '../../src/model';
import { imagesToTensor, labelsToTensor, oneHot } from '../../src/preprocess';
import { compileModel } from '../../src/train';

const STEPS = 20;
const BATCH = 32;
const PREDICTED = 100;
const LOSS_RTOL = 1e-3;
const MIN_SAME_CLASSES = 99;

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}

/**
 * Why the test cannot run here, or false when it can. Loads tfjs-node (which registers 'tensorflow'),
 * with TensorFlow's start-up settings of src/backend.ts. Under BRAIN_BACKEND=tensorflow (as CI sets
 * once `npm run native` worked) a native backend that does not load is a failure, not a skip.
 */
function skipReason(): string | false {
  try {
    process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
    process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
    require('@tensorflow/tfjs-backend-wasm');
    require('@tensorflow/tfjs-node');
  } catch (err) {
    if (process.env.BRAIN_BACKEND?.trim() === 'tensorflow') return false; // the test then fails, saying why
    return `the native backend is not built here (npm run native builds it; see "Which backend runs" in the README): ${firstLine(err)}`;
  }
  try {
    if (!findLocalData()) return 'Fashion-MNIST is not on this machine (npm run data fetches it)';
  } catch (err) {
    return firstLine(err);
  }
  return false;
}
const SKIP = skipReason();

interface Run {
  losses: number[];
  classes: number[];
}

type Weights = { values: Float32Array; shape: number[] }[];

/** Trains the article's model from `initial` on `backend`, batch after batch, then predicts. */
async function trainOn(backend: 'tensorflow' | 'wasm', initial: Weights, train: Split, valid: Split): Promise<Run> {
  assert.ok(await tf.setBackend(backend), `tf.setBackend('${backend}') failed`);
  await tf.ready();
  assert.equal(tf.getBackend(), backend);
  const model = buildArticleModel();
  model.setWeights(initial.map((w) => tf.tensor(w.values, w.shape)));
  compileModel(model);
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) {
    const range = { start: step * BATCH, count: BATCH };
    const x = imagesToTensor(train, { ...range, scale: true });
    const labels = labelsToTensor(train, range);
    const y = oneHot(labels);
    const result = await model.trainOnBatch(x, y); // [loss, accuracy]
    losses.push(Array.isArray(result) ? result[0] : result);
    tf.dispose([x, labels, y]);
  }
  const images = imagesToTensor(valid, { count: PREDICTED, scale: true });
  const predicted = tf.tidy(() => (model.predict(images) as tf.Tensor).argMax(-1));
  const classes = Array.from(await predicted.data());
  tf.dispose([images, predicted]);
  model.dispose();
  return { losses, classes };
}

test(
  `native and wasm agree: ${STEPS} training steps within ${LOSS_RTOL} (relative), ${MIN_SAME_CLASSES} of ${PREDICTED} predictions the same`,
  { skip: SKIP },
  async () => {
    require('@tensorflow/tfjs-node'); // throws the reason if BRAIN_BACKEND=tensorflow and it did not load
    const source = findLocalData();
    assert.ok(source);
    const { train, valid } = readFashionMnistDir(source.dir);

    // One set of initial weights (the course's seeded initializer), made once and given to both.
    assert.ok(await tf.setBackend('wasm'));
    const seedModel = buildArticleModel();
    const initial: Weights = seedModel.getWeights().map((w) => ({ values: w.dataSync() as Float32Array, shape: w.shape }));
    seedModel.dispose();

    const native = await trainOn('tensorflow', initial, train, valid);
    const wasm = await trainOn('wasm', initial, train, valid);

    const relative = native.losses.map((n, i) => Math.abs(n - wasm.losses[i]) / Math.max(Math.abs(n), Math.abs(wasm.losses[i])));
    const worst = Math.max(...relative);
    const same = native.classes.filter((c, i) => c === wasm.classes[i]).length;
    console.log(
      `losses, native vs wasm: step 1 ${native.losses[0].toFixed(5)} vs ${wasm.losses[0].toFixed(5)}, ` +
        `step ${STEPS} ${native.losses[STEPS - 1].toFixed(5)} vs ${wasm.losses[STEPS - 1].toFixed(5)}; ` +
        `largest relative difference ${worst.toExponential(1)}; same class for ${same} of ${PREDICTED} images`,
    );
    relative.forEach((r, i) =>
      assert.ok(r <= LOSS_RTOL, `step ${i + 1}: native loss ${native.losses[i]} vs wasm ${wasm.losses[i]} (relative ${r})`),
    );
    assert.ok(native.losses[STEPS - 1] < native.losses[0], `the loss did not fall: ${native.losses.join(', ')}`);
    assert.ok(same >= MIN_SAME_CLASSES, `only ${same} of ${PREDICTED} predicted classes agree`);
  },
);
