/**
 * One benchmark trainer, run in its own process by bench/run.ts: the article's
 * model (Flatten + Dense(10) from logits, Adam defaults, batch 32, shuffled) on
 * one tfjs backend, exactly as the lessons train it (compileModel + fitModel).
 * Prints one JSON line with its measurements on stdout.
 *
 *   node --import tsx bench/train-tfjs.ts --backend wasm [--epochs 5] [--train 60000] [--raw]
 * Exits 3 (with the reason in the JSON) when the backend is not available here.
 */
import * as tf from '@tensorflow/tfjs';
import { parseArgs } from 'node:util';
import { useBestBackend } from '../src/backend';
import { loadFashionMnist } from '../src/data';
import { buildArticleModel } from '../src/model';
import { toTensors } from '../src/preprocess';
import { compileModel, fitModel } from '../src/train';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string' },
      epochs: { type: 'string', default: '5' },
      train: { type: 'string', default: '60000' },
      valid: { type: 'string', default: '10000' },
      raw: { type: 'boolean', default: false },
    },
  });
  const backend = values.backend ?? 'wasm';
  const t0 = performance.now();
  try {
    await useBestBackend({ BRAIN_BACKEND: backend });
  } catch (err) {
    console.log(JSON.stringify({ trainer: `tfjs ${backend}`, skipped: (err as Error).message }));
    return 3;
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  const data = await loadFashionMnist();
  const train = Number(values.train);
  const valid = Number(values.valid);
  const slice = (s: typeof data.train, n: number) => ({ images: s.images.subarray(0, n * 784), labels: s.labels.subarray(0, n), count: n });
  const tensors = toTensors({ train: slice(data.train, train), valid: slice(data.valid, valid) }, { scale: !values.raw });
  const model = buildArticleModel();
  compileModel(model);
  const run = await fitModel(model, tensors, { epochs: Number(values.epochs), batchSize: 32, print: false });
  const last = run.epochs[run.epochs.length - 1];
  console.log(
    JSON.stringify({
      trainer: `tfjs ${backend}`,
      backend: tf.getBackend(),
      tfjsVersion: tf.version.tfjs,
      backendLoadSeconds: loadSeconds,
      epochSeconds: run.epochs.map((e) => e.seconds),
      fitSeconds: run.seconds,
      valAccuracy: last.valAccuracy,
      valLoss: last.valLoss,
      peakRssMB: process.resourceUsage().maxRSS / 1024,
    }),
  );
  tensors.dispose();
  return 0;
}

main().then((code) => process.exit(code));
