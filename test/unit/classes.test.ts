import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLASS_NAMES, className, IMAGE_SIZE, NUM_CLASSES, PIXELS_PER_IMAGE } from '../../src/classes';

test('there are ten class names, in the published label order', () => {
  assert.equal(CLASS_NAMES.length, 10);
  assert.equal(NUM_CLASSES, 10);
  // zalandoresearch/fashion-mnist README: 0 T-shirt/top ... 9 Ankle boot.
  assert.equal(CLASS_NAMES[0], 'T-shirt/top');
  assert.equal(CLASS_NAMES[7], 'Sneaker');
  assert.equal(new Set(CLASS_NAMES).size, 10, 'names are distinct');
});

test('images are 28 x 28 = 784 pixels', () => {
  assert.equal(IMAGE_SIZE, 28);
  assert.equal(PIXELS_PER_IMAGE, 28 * 28);
});

test('className maps labels to names', () => {
  assert.equal(className(1), 'Trouser');
  assert.equal(className(9), 'Ankle boot');
  assert.equal(className(0), 'T-shirt/top');
});

for (const bad of [10, -1, 1.5, Number.NaN]) {
  test(`className(${bad}) throws a RangeError naming the range 0..9`, () => {
    assert.throws(
      () => className(bad),
      (err: unknown) => err instanceof RangeError && err.message.includes('0..9') && err.message.includes(String(bad)),
    );
  });
}
