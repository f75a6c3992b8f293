import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PNG } from 'pngjs';
import { divergingColor, divergingPng, grayscalePng, pngDataUri } from '../../src/png';

/** Decodes a PNG and returns its size and RGBA pixels. */
function decode(buf: Buffer): { width: number; height: number; data: Buffer } {
  const png = PNG.sync.read(buf);
  return { width: png.width, height: png.height, data: png.data };
}

const rgbAt = (data: Buffer, i: number) => [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]];

test('grayscalePng is a 28 x 28 PNG whose pixels are the given gray values', () => {
  const pixels = Uint8Array.from({ length: 784 }, (_, i) => (i * 3) % 256);
  const { width, height, data } = decode(grayscalePng(pixels));
  assert.equal(width, 28);
  assert.equal(height, 28);
  for (let i = 0; i < 784; i++) {
    assert.deepEqual(rgbAt(data, i), [pixels[i], pixels[i], pixels[i]], `pixel ${i}`);
    assert.equal(data[i * 4 + 3], 255, 'opaque');
  }
});

test('grayscalePng rounds fractions and clips values outside 0..255', () => {
  const { data } = decode(grayscalePng([-20, 300, 12.6, 12.4], 2, 2));
  assert.deepEqual([0, 1, 2, 3].map((i) => data[i * 4]), [0, 255, 13, 12]);
});

test('grayscalePng honours width and height (row-major order)', () => {
  // 3 wide, 2 high: row 0 = 10, 20, 30; row 1 = 40, 50, 60
  const { width, height, data } = decode(grayscalePng([10, 20, 30, 40, 50, 60], 3, 2));
  assert.equal(width, 3);
  assert.equal(height, 2);
  assert.equal(data[(1 * 3 + 2) * 4], 60); // row 1, column 2
});

test('grayscalePng and divergingPng refuse a size mismatch with a RangeError', () => {
  assert.throws(() => grayscalePng(new Uint8Array(783)), (e: unknown) => e instanceof RangeError && /783 values/.test(e.message));
  assert.throws(() => divergingPng(new Float32Array(10), 3, 3), RangeError);
});

test('divergingColor: 0 is white, +max red-ish, -max blue-ish', () => {
  assert.deepEqual(divergingColor(0, 1), [255, 255, 255]);
  const [r, g, b] = divergingColor(1, 1);
  assert.ok(r > b && r > g, `+max is red: ${[r, g, b]}`);
  const [r2, g2, b2] = divergingColor(-1, 1);
  assert.ok(b2 > r2 && b2 > g2, `-max is blue: ${[r2, g2, b2]}`);
});

test('divergingColor fades towards white as |value| shrinks, and clips beyond maxAbs', () => {
  const full = divergingColor(2, 2);
  const half = divergingColor(1, 2);
  // halfway between white (255) and the full colour
  full.forEach((c, i) => assert.ok(Math.abs(half[i] - (255 + c) / 2) <= 0.5, `channel ${i}`));
  assert.deepEqual(divergingColor(10, 2), full);
  assert.deepEqual(divergingColor(-10, 2), divergingColor(-2, 2));
  assert.deepEqual(divergingColor(5, 0), [255, 255, 255], 'all-zero weights are white');
});

test('divergingPng scales by the largest |value|', () => {
  // values -4, 0, 2, 4 -> t = -1, 0, 0.5, 1
  const { data } = decode(divergingPng([-4, 0, 2, 4], 2, 2));
  assert.deepEqual(rgbAt(data, 0), divergingColor(-1, 1));
  assert.deepEqual(rgbAt(data, 1), [255, 255, 255]);
  assert.deepEqual(rgbAt(data, 2), divergingColor(0.5, 1));
  assert.deepEqual(rgbAt(data, 3), divergingColor(1, 1));
});

test('pngDataUri is a base64 data URI of the PNG bytes', () => {
  const png = grayscalePng([0, 255, 0, 255], 2, 2);
  const uri = pngDataUri(png);
  assert.ok(uri.startsWith('data:image/png;base64,'));
  assert.deepEqual(Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64'), png);
});
