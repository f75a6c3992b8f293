/**
 * The proof that `npm run native` worked, run through the course's own code (lib/):
 *   quick: the course's backend choice loads tfjs-node, tf.getBackend() === 'tensorflow',
 *          and a matrix product gives the right numbers;
 *   full:  the same, then the article's model (lesson 6) trained for one epoch on all
 *          60,000 training images, checked on the 10,000 validation images.
 * Usage: node scripts/native-check.js [quick|full]. Exits 1 with the reason on failure,
 * 3 when the data for the full proof is not on this machine and cannot be downloaded.
 */
'use strict';
// As src/backend.ts sets them (it does so too, before it loads tfjs-node).
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
const assert = require('node:assert/strict');
const path = require('node:path');

const mode = process.argv[2] ?? 'full';
const lib = require(path.join(__dirname, '..', 'lib'));
const tf = require('@tensorflow/tfjs');

async function main() {
  const t0 = performance.now();
  const choice = await lib.useBestBackend({ BRAIN_BACKEND: 'tensorflow' });
  const loadSeconds = (performance.now() - t0) / 1000;
  assert.equal(tf.getBackend(), 'tensorflow', `tf.getBackend() is "${tf.getBackend()}"`);
  const tfVersion = tf.backend().binding?.TF_Version ?? '?';

  const product = tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5, 6], [7, 8]]));
  assert.deepEqual(product.arraySync(), [[19, 22], [43, 50]], 'matMul([[1,2],[3,4]], [[5,6],[7,8]])');
  tf.dispose(product);
  console.log(
    `  native: ok: ${choice.name} backend (TensorFlow ${tfVersion}), loaded in ${loadSeconds.toFixed(1)} s; ` +
      '[[1,2],[3,4]] x [[5,6],[7,8]] = [[19,22],[43,50]]',
  );
  if (mode === 'quick') return;

  let data;
  try {
    data = await lib.loadFashionMnist();
  } catch (err) {
    if (err?.name !== 'NoDataError') throw err;
    console.error(`  native check: ${err.message}`);
    process.exit(3);
  }
  const tensors = lib.toTensors(data);
  const model = lib.buildArticleModel();
  lib.compileModel(model);
  const run = await lib.fitModel(model, tensors, { epochs: 1, batchSize: 32, print: false });
  const [epoch] = run.epochs;
  tensors.dispose();
  model.dispose();
  assert.ok(Number.isFinite(epoch.loss), `the training loss is ${epoch.loss}`);
  // Lesson 6's first epoch on raw pixels lands around 0.75-0.80; 0.5 is far above chance (0.1).
  assert.ok(epoch.valAccuracy > 0.5, `validation accuracy after one epoch is only ${epoch.valAccuracy}`);
  console.log(
    `  native: ok: the article's model trained one epoch (60,000 images, batch 32) in ${run.seconds.toFixed(1)} s: ` +
      `loss ${epoch.loss.toFixed(3)}, validation accuracy ${epoch.valAccuracy.toFixed(3)}`,
  );
}

main().catch((err) => {
  console.error(`  native check failed: ${err?.stack ?? err}`);
  process.exit(1);
});
