import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SEED, withSeededRandom } from '../../src/seed';

const draw = (n: number) => Array.from({ length: n }, () => Math.random());

test('the same seed gives the same Math.random sequence', async () => {
  const a = await withSeededRandom(123, async () => draw(5));
  const b = await withSeededRandom(123, async () => draw(5));
  assert.deepEqual(a, b);
  assert.ok(a.every((v) => v >= 0 && v < 1));
  assert.equal(new Set(a).size, 5, 'the values are not all the same');
});

test('different seeds give different sequences', async () => {
  const a = await withSeededRandom(1, async () => draw(5));
  const b = await withSeededRandom(2, async () => draw(5));
  assert.notDeepEqual(a, b);
});

test('the generator is seeded afresh on each call (not continued)', async () => {
  const first = await withSeededRandom(DEFAULT_SEED, async () => draw(3));
  await withSeededRandom(DEFAULT_SEED, async () => draw(10));
  const again = await withSeededRandom(DEFAULT_SEED, async () => draw(3));
  assert.deepEqual(again, first);
});

test('Math.random is restored afterwards', async () => {
  const original = Math.random;
  const result = await withSeededRandom(5, async () => {
    assert.notEqual(Math.random, original, 'swapped in during the call');
    return 'done';
  });
  assert.equal(result, 'done');
  assert.equal(Math.random, original);
});

test('Math.random is restored even when fn throws, and the error comes through', async () => {
  const original = Math.random;
  await assert.rejects(
    withSeededRandom(5, async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal(Math.random, original);
});

test('the seeded generator stays in place across awaits inside fn', async () => {
  const direct = await withSeededRandom(9, async () => draw(4));
  const withAwaits = await withSeededRandom(9, async () => {
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 1));
      out.push(Math.random());
    }
    return out;
  });
  assert.deepEqual(withAwaits, direct);
});
