/**
 * useBestBackend keeps its choice in module state, so these tests run in order and build on each other.
 * (node:test runs the tests of a file one after another, in a process of their own.)
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { nativeBuilt } from './helpers/native';
import { PROJECT_ROOT } from '../../src/paths';
import { BACKEND_ORDER, describeBackend, useBestBackend } from '../../src/backend';

const NATIVE = nativeBuilt();
let nativeHint = '';

before(async () => {
  await tf.setBackend('cpu');
});

test('the preference order is wasm, tensorflow, cpu', () => {
  assert.deepEqual([...BACKEND_ORDER], ['wasm', 'tensorflow', 'cpu']);
});

test('BRAIN_BACKEND=bogus throws, naming the allowed values', async () => {
  await assert.rejects(useBestBackend({ BRAIN_BACKEND: 'bogus' }), (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, /"bogus"/);
    assert.match(e.message, /wasm, tensorflow, cpu/);
    return true;
  });
});

test('BRAIN_BACKEND=cpu picks cpu and says why', async () => {
  const choice = await useBestBackend({ BRAIN_BACKEND: ' cpu ' });
  assert.equal(choice.name, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.match(choice.reason, /BRAIN_BACKEND=cpu/);
  assert.deepEqual(choice.skipped, []);
});

test('calling it again keeps the same choice without switching (safe to re-run a cell)', async () => {
  const first = await useBestBackend({ BRAIN_BACKEND: 'cpu' });
  const again = await useBestBackend({}); // with no preference it would otherwise try tensorflow, then wasm
  assert.equal(again, first);
  assert.equal(tf.getBackend(), 'cpu');
});

test('describeBackend names the backend, the tfjs version and the reason', () => {
  const text = describeBackend({ name: 'cpu', reason: 'BRAIN_BACKEND=cpu asked for it', skipped: [] });
  assert.match(text, /"cpu" backend/);
  assert.ok(text.includes(tf.version.tfjs));
  assert.ok(text.includes('BRAIN_BACKEND=cpu asked for it'));
});

test('BRAIN_BACKEND=tensorflow without the native binding is an error that says how to get it', { skip: NATIVE && 'tfjs-node is installed here' }, async () => {
  require('@tensorflow/tfjs-backend-wasm');
  assert.ok(await tf.setBackend('wasm')); // moves off the remembered cpu choice, so useBestBackend looks again
  await assert.rejects(useBestBackend({ BRAIN_BACKEND: 'tensorflow' }), (e: unknown) => {
    assert.match(String((e as Error).message), /BRAIN_BACKEND=tensorflow was asked for, but it did not load: .*native binding is not installed/);
    nativeHint = (e as Error).message;
    return true;
  });
});

test(
  'the native-binding hint points to the README, and any npm script it names exists',
  { skip: NATIVE && 'tfjs-node is installed here' },
  () => {
    assert.match(nativeHint, /README/);
    const scripts = Object.keys((JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: object }).scripts);
    const named = [...nativeHint.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    for (const n of named) assert.ok(scripts.includes(n), `npm run ${n} is not in package.json (${scripts.join(', ')})`);
  },
);

test('with no preference it picks wasm, the fastest for these models, skipping nothing', async () => {
  require('@tensorflow/tfjs-backend-wasm');
  // Off the remembered cpu choice (cpu itself would just return that choice again).
  assert.ok(await tf.setBackend('wasm'));
  const choice = await useBestBackend({});
  assert.equal(choice.name, 'wasm');
  assert.equal(tf.getBackend(), 'wasm');
  assert.deepEqual(choice.skipped, []);
  assert.match(describeBackend(choice), /"wasm" backend: it is the fastest backend for these small models/);
  // and the wasm backend really computes, with the faster kernels in place: rows 2 and 0 of a matrix
  const picked = tf.gather(tf.tensor2d([[1, 2], [3, 4], [5, 6]]), tf.tensor1d([2, 0], 'int32'));
  assert.deepEqual(Array.from(picked.dataSync()), [5, 6, 1, 2]);
  await tf.setBackend('cpu');
});
