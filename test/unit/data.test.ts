import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { imageAt, labelCounts, loadFashionMnist, pixelStats, readFashionMnistDir, readFashionMnistDirAsync, readIdxFile, readIdxFileAsync, Split } from '../../src/data';
import { DataFileError, encodeIdx } from '../../src/idx';
import { fixtureFile, makePixels, md5, tinyDataset, writeFixtures } from './helpers/fixtures';
import { makeTempDir, removeTempDirs } from './helpers/tmp';

after(removeTempDirs);

const REAL_DIR = '/usr/share/datasets/fashion-mnist';

function tinyDir(trainLabels?: number[], validLabels?: number[]) {
  const dir = makeTempDir();
  const ds = tinyDataset(trainLabels, validLabels);
  writeFixtures(dir, ds.files);
  return { dir, ...ds };
}

function dataFileError(file: string, what: string | RegExp) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof DataFileError, `expected DataFileError, got ${err}`);
    assert.equal(err.file, file);
    if (typeof what === 'string') assert.ok(err.message.includes(what), err.message);
    else assert.match(err.message, what);
    assert.ok(err.message.includes('npm run data'), `says what to do: ${err.message}`);
    return true;
  };
}

test('readFashionMnistDir reads a tiny dataset: counts, labels and pixels', () => {
  const { dir, manifest, trainPixels, validPixels } = tinyDir([0, 1, 9, 1], [5, 3]);
  const { train, valid } = readFashionMnistDir(dir, manifest);
  assert.equal(train.count, 4);
  assert.equal(valid.count, 2);
  assert.deepEqual(Array.from(train.labels), [0, 1, 9, 1]);
  assert.deepEqual(Array.from(valid.labels), [5, 3]);
  assert.equal(train.images.length, 4 * 784);
  assert.deepEqual(Array.from(train.images), Array.from(trainPixels));
  assert.deepEqual(Array.from(valid.images), Array.from(validPixels));
});

test('readFashionMnistDirAsync (what loadFashionMnist uses) reads exactly what readFashionMnistDir reads', async () => {
  const { dir, manifest } = tinyDir([3, 1, 4], [1, 5]);
  assert.deepEqual(await readFashionMnistDirAsync(dir, manifest), readFashionMnistDir(dir, manifest));
});

test('readIdxFileAsync refuses a damaged gzip file and a failed checksum with the same errors as readIdxFile', async () => {
  const dir = makeTempDir();
  const good = fixtureFile('labels.gz', 'valid', 'labels', [4], Uint8Array.from([1, 2, 3, 4]));
  writeFileSync(path.join(dir, 'labels.gz'), good.gz.subarray(0, good.gz.length - 6)); // cut short
  await assert.rejects(readIdxFileAsync(dir, good.entry), dataFileError(path.join(dir, 'labels.gz'), 'damaged gzip'));
  writeFileSync(path.join(dir, 'labels.gz'), gzipSync(encodeIdx([4], Uint8Array.from([1, 2, 3, 5]))));
  await assert.rejects(readIdxFileAsync(dir, good.entry), dataFileError(path.join(dir, 'labels.gz'), 'MD5'));
  assert.throws(() => readIdxFile(dir, good.entry), dataFileError(path.join(dir, 'labels.gz'), 'MD5'));
});

test('readIdxFile returns the values after the header', () => {
  const dir = makeTempDir();
  const f = fixtureFile('labels.gz', 'train', 'labels', [3], Uint8Array.from([4, 0, 2]));
  writeFixtures(dir, [f]);
  assert.deepEqual(Array.from(readIdxFile(dir, f.entry)), [4, 0, 2]);
});

test('readIdxFile: a missing file says it cannot be read and to run npm run data', () => {
  const dir = makeTempDir();
  const f = fixtureFile('absent.gz', 'train', 'labels', [1], Uint8Array.from([0]));
  assert.throws(() => readIdxFile(dir, f.entry), dataFileError(path.join(dir, 'absent.gz'), 'ENOENT'));
});

test('readIdxFile: content whose MD5 differs from the manifest is refused, naming both MD5s', () => {
  const dir = makeTempDir();
  const f = fixtureFile('labels.gz', 'train', 'labels', [3], Uint8Array.from([4, 0, 2]));
  writeFixtures(dir, [f]);
  const wrong = { ...f.entry, contentMd5: md5(Buffer.from('something else')) };
  assert.throws(
    () => readIdxFile(dir, wrong),
    dataFileError(path.join(dir, 'labels.gz'), new RegExp(`MD5 is ${f.entry.contentMd5}, not the published ${wrong.contentMd5}`)),
  );
});

test('readIdxFile: an altered file (same shape, one label changed) fails the checksum', () => {
  const dir = makeTempDir();
  const good = fixtureFile('labels.gz', 'train', 'labels', [3], Uint8Array.from([4, 0, 2]));
  // Same name and shape, different content, but the manifest keeps the good file's MD5.
  writeFileSync(path.join(dir, 'labels.gz'), gzipSync(encodeIdx([3], Uint8Array.from([4, 0, 3]))));
  assert.throws(() => readIdxFile(dir, good.entry), dataFileError(path.join(dir, 'labels.gz'), 'MD5'));
});

test('readIdxFile: an array of the wrong shape is refused, saying both shapes', () => {
  const dir = makeTempDir();
  // 2 images of 28 x 27 where the manifest expects 28 x 28
  const f = fixtureFile('images.gz', 'train', 'images', [2, 28, 27], new Uint8Array(2 * 28 * 27));
  writeFixtures(dir, [f]);
  const entry = { ...f.entry, shape: [2, 28, 28] };
  assert.throws(() => readIdxFile(dir, entry), dataFileError(path.join(dir, 'images.gz'), /shape 2 x 28 x 27.*must be 2 x 28 x 28/));
});

test('readFashionMnistDir: images and labels of different counts are refused', () => {
  const dir = makeTempDir();
  const ds = tinyDataset([0, 1, 2, 3], [5, 3]);
  // Replace the training images by 3 images (the labels file still has 4 labels).
  const threeImages = fixtureFile('tiny-train-images.gz', 'train', 'images', [3, 28, 28], makePixels(3));
  const files = [threeImages, ...ds.files.slice(1)];
  writeFixtures(dir, files);
  assert.throws(
    () => readFashionMnistDir(dir, files.map((f) => f.entry)),
    dataFileError(path.join(dir, 'tiny-train-images.gz'), /holds 3 images but tiny-train-labels\.gz holds 4 labels/),
  );
});

test('readFashionMnistDir: a label of 10 is refused, naming its position', () => {
  const { dir, manifest } = tinyDir([0, 1, 2, 3], [5, 10]);
  assert.throws(
    () => readFashionMnistDir(dir, manifest),
    dataFileError(path.join(dir, 'tiny-valid-labels.gz'), /label number 1 is 10, outside 0\.\.9/),
  );
});

test('readFashionMnistDir: a manifest without a validation labels entry is a clear error', () => {
  const { dir, manifest } = tinyDir();
  assert.throws(() => readFashionMnistDir(dir, manifest.slice(0, 3)), /no valid images or labels/);
});

test('imageAt returns the 784 pixels of one image', () => {
  const { dir, manifest, trainPixels } = tinyDir([0, 1, 9, 1]);
  const { train } = readFashionMnistDir(dir, manifest);
  const img = imageAt(train, 2);
  assert.equal(img.length, 784);
  // makePixels: pixel i of image n is (n * 7 + i) % 256 -> image 2, pixel 0 = 14, pixel 300 = (14 + 300) % 256 = 58
  assert.equal(img[0], 14);
  assert.equal(img[300], 58);
  assert.deepEqual(Array.from(img), Array.from(trainPixels.subarray(2 * 784, 3 * 784)));
});

for (const bad of [-1, 4, 1.5]) {
  test(`imageAt(split, ${bad}) on a split of 4 images throws a RangeError naming 0..3`, () => {
    const split: Split = { images: makePixels(4), labels: Uint8Array.from([0, 1, 2, 3]), count: 4 };
    assert.throws(() => imageAt(split, bad), (err: unknown) => err instanceof RangeError && /0\.\.3/.test(err.message));
  });
}

test('labelCounts counts each class (index = label), zeros included', () => {
  const split: Split = { images: new Uint8Array(6 * 784), labels: Uint8Array.from([1, 9, 1, 0, 1, 9]), count: 6 };
  // label 0 once, label 1 three times, label 9 twice
  assert.deepEqual(labelCounts(split), [1, 3, 0, 0, 0, 0, 0, 0, 0, 2]);
});

test('pixelStats gives min, max, mean and the share of pure-black pixels', () => {
  const images = new Uint8Array(2 * 784); // 1568 pixels, all 0 ...
  images[0] = 255;
  images[1] = 100;
  images[1567] = 1;
  const stats = pixelStats({ images, labels: Uint8Array.from([0, 1]), count: 2 });
  assert.equal(stats.min, 0);
  assert.equal(stats.max, 255);
  assert.ok(Math.abs(stats.mean - 356 / 1568) < 1e-12); // (255 + 100 + 1) / 1568
  assert.ok(Math.abs(stats.blackShare - 1565 / 1568) < 1e-12); // 3 pixels are not 0
});

test('loadFashionMnist reads a tiny project copy and reports where it came from', async () => {
  const { dir, manifest } = tinyDir([2, 2, 7, 7], [1, 1]);
  const data = await loadFashionMnist({ projectDir: dir, debianDir: makeTempDir(), env: {}, files: manifest });
  assert.equal(data.source.kind, 'project');
  assert.equal(data.source.dir, dir);
  assert.equal(data.train.count, 4);
  assert.deepEqual(Array.from(data.valid.labels), [1, 1]);
});

test('the real Fashion-MNIST (Debian package) loads: 60000/10000, labels 0..9, balanced', { skip: !existsSync(REAL_DIR) }, async () => {
  const data = await loadFashionMnist({ projectDir: makeTempDir(), debianDir: REAL_DIR, env: {} });
  assert.equal(data.source.kind, 'debian');
  assert.equal(data.train.count, 60000);
  assert.equal(data.valid.count, 10000);
  assert.equal(data.train.images.length, 60000 * 784);
  assert.equal(data.valid.images.length, 10000 * 784);
  // The dataset's README: 6,000 of each class in training, 1,000 of each in the test set.
  assert.deepEqual(labelCounts(data.train), new Array(10).fill(6000));
  assert.deepEqual(labelCounts(data.valid), new Array(10).fill(1000));
});
