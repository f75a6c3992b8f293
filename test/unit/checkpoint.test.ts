import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { CheckpointMeta, loadCheckpoint, saveCheckpoint } from '../../src/checkpoint';
import { buildArticleModel, buildHiddenLayerModel } from '../../src/model';
import { listDir, makeTempDir, removeTempDirs } from './helpers/tmp';

before(async () => {
  await tf.setBackend('cpu');
});
after(removeTempDirs);

const META: CheckpointMeta = {
  backend: 'cpu',
  seed: 42,
  epochs: 5,
  scaled: false,
  valAccuracy: 0.8127,
  savedAt: '2024-01-02T03:04:05.000Z',
  history: [
    { epoch: 1, epochs: 2, loss: 0.61, accuracy: 0.79, valLoss: 0.55, valAccuracy: 0.8, seconds: 3.2 },
    { epoch: 2, epochs: 2, loss: 0.48, accuracy: 0.83, valLoss: 0.52, valAccuracy: 0.8127, seconds: 3.1 },
  ],
};

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => ({ shape: w.shape, values: Array.from(w.dataSync()) }));

/** A model whose bias is not all zeros, so the round trip has something to get wrong. */
function modelWithBias(seed: number): tf.Sequential {
  const model = buildArticleModel({ seed });
  const [kernel] = model.layers[1].getWeights();
  const bias = tf.tensor1d([0.5, -1, 2, 0, 0.25, -0.75, 3, 1, -2, 0.125]);
  model.layers[1].setWeights([kernel, bias]);
  bias.dispose();
  return model;
}

test('saveCheckpoint then loadCheckpoint gives back identical weights and meta', async () => {
  const dir = makeTempDir();
  const model = modelWithBias(9);
  const target = await saveCheckpoint(model, 'article-raw', META, dir);
  assert.equal(target, path.join(dir, 'article-raw'));
  assert.deepEqual(listDir(target), ['meta.json', 'model.json', 'weights.bin']);

  const loaded = await loadCheckpoint('article-raw', dir);
  assert.ok(loaded);
  assert.deepEqual(loaded.meta, META);
  assert.deepEqual(weightsOf(loaded.model), weightsOf(model));
  assert.equal(loaded.model.countParams(), 7850);
  assert.deepEqual(loaded.model.layers.map((l) => l.name), ['flatten', 'dense']);
  model.dispose();
  loaded.model.dispose();
});

test('the loaded model predicts exactly what the saved one did', async () => {
  const dir = makeTempDir();
  const model = modelWithBias(4);
  await saveCheckpoint(model, 'check', META, dir);
  const loaded = (await loadCheckpoint('check', dir))!;
  const x = tf.randomUniform([3, 28, 28], 0, 255, 'float32', 1);
  const a = model.predict(x) as tf.Tensor;
  const b = loaded.model.predict(x) as tf.Tensor;
  assert.deepEqual(Array.from(b.dataSync()), Array.from(a.dataSync()));
  tf.dispose([x, a, b]);
  model.dispose();
  loaded.model.dispose();
});

test('a hidden-layer model round-trips too', async () => {
  const dir = makeTempDir();
  const model = buildHiddenLayerModel({ hiddenUnits: 8, seed: 3 });
  await saveCheckpoint(model, 'hidden-8', { ...META, scaled: true }, dir);
  const loaded = (await loadCheckpoint('hidden-8', dir))!;
  assert.equal(loaded.meta.scaled, true);
  assert.deepEqual(weightsOf(loaded.model), weightsOf(model));
  model.dispose();
  loaded.model.dispose();
});

test('saving leaves no temporary folder behind, and saving again replaces the checkpoint', async () => {
  const dir = makeTempDir();
  const first = modelWithBias(1);
  const second = modelWithBias(2);
  await saveCheckpoint(first, 'run', META, dir);
  await saveCheckpoint(second, 'run', { ...META, epochs: 9 }, dir);
  assert.deepEqual(listDir(dir), ['run']);
  assert.ok(!listDir(dir).some((n) => n.includes('.tmp-')));
  const loaded = (await loadCheckpoint('run', dir))!;
  assert.equal(loaded.meta.epochs, 9);
  assert.deepEqual(weightsOf(loaded.model), weightsOf(second));
  assert.notDeepEqual(weightsOf(loaded.model), weightsOf(first));
  first.dispose();
  second.dispose();
  loaded.model.dispose();
});

test('a save that fails half-way leaves no temporary folder and keeps the previous checkpoint', async () => {
  const dir = makeTempDir();
  const first = modelWithBias(1);
  const second = modelWithBias(2);
  await saveCheckpoint(first, 'keep', META, dir);
  // JSON.stringify cannot write a BigInt: the save fails after the model files were written.
  const badMeta = { ...META, seed: 1n } as unknown as CheckpointMeta;
  await assert.rejects(saveCheckpoint(second, 'keep', badMeta, dir), /BigInt/);
  assert.deepEqual(listDir(dir), ['keep']);
  const loaded = (await loadCheckpoint('keep', dir))!;
  assert.deepEqual(weightsOf(loaded.model), weightsOf(first));
  assert.deepEqual(loaded.meta, META);
  first.dispose();
  second.dispose();
  loaded.model.dispose();
});

test('loadCheckpoint of a name that was never saved is null', async () => {
  const dir = makeTempDir();
  assert.equal(await loadCheckpoint('nothing-here', dir), null);
  assert.equal(await loadCheckpoint('nothing-here', path.join(dir, 'no-such-models-dir')), null);
});

test('a corrupt model.json -> an Error that names the folder and says to delete it', async () => {
  const dir = makeTempDir();
  const model = modelWithBias(1);
  await saveCheckpoint(model, 'broken', META, dir);
  const folder = path.join(dir, 'broken');
  writeFileSync(path.join(folder, 'model.json'), '{"modelTopology": ');
  await assert.rejects(loadCheckpoint('broken', dir), (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.ok(e.message.includes(folder), e.message);
    assert.match(e.message, /Delete that folder/);
    return true;
  });
  model.dispose();
});

test('a truncated weights.bin is refused with the same advice', async () => {
  const dir = makeTempDir();
  const model = modelWithBias(1);
  await saveCheckpoint(model, 'short', META, dir);
  writeFileSync(path.join(dir, 'short', 'weights.bin'), Buffer.alloc(100));
  await assert.rejects(loadCheckpoint('short', dir), /Delete that folder/);
  model.dispose();
});

for (const bad of ['Article', 'bad name', '../escape', '-leading-dash', '', 'a/b']) {
  test(`checkpoint name ${JSON.stringify(bad)} is refused by save and load`, async () => {
    const dir = makeTempDir();
    const model = buildArticleModel();
    await assert.rejects(saveCheckpoint(model, bad, META, dir), /lower-case letters, digits and dashes/);
    await assert.rejects(loadCheckpoint(bad, dir), /lower-case letters, digits and dashes/);
    assert.deepEqual(listDir(dir), []);
    assert.ok(!existsSync(path.join(dir, '..', 'escape')));
    model.dispose();
  });
}
