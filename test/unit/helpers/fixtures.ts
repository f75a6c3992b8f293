/**
 * Tiny Fashion-MNIST look-alikes: a few 28 x 28 images and their labels, as
 * gzipped IDX files with a matching manifest (FashionMnistFile entries whose
 * checksums are computed here with node:crypto, independently of src/data.ts).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FashionMnistFile, SplitName } from '../../../src/fashion-mnist-files';
import { encodeIdx } from '../../../src/idx';

export const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

/** count images whose pixel i of image n is (n * 7 + i) % 256: every image different, every value known. */
export function makePixels(count: number): Uint8Array {
  const out = new Uint8Array(count * 784);
  for (let n = 0; n < count; n++) for (let i = 0; i < 784; i++) out[n * 784 + i] = (n * 7 + i) % 256;
  return out;
}

export interface FixtureFile {
  entry: FashionMnistFile;
  /** The uncompressed IDX bytes. */
  raw: Uint8Array;
  /** The .gz bytes as written/served. */
  gz: Buffer;
}

export function fixtureFile(
  name: string,
  split: SplitName,
  kind: 'images' | 'labels',
  shape: number[],
  data: Uint8Array,
): FixtureFile {
  const raw = encodeIdx(shape, data);
  const gz = gzipSync(raw);
  return {
    entry: { name, split, kind, gzMd5: md5(gz), contentMd5: md5(raw), maxDownloadBytes: gz.length + 100, shape },
    raw,
    gz,
  };
}

/** A complete tiny dataset: 4 training and 2 validation images, labels as given. */
export function tinyDataset(
  trainLabels: number[] = [0, 1, 9, 1],
  validLabels: number[] = [5, 3],
): { files: FixtureFile[]; manifest: FashionMnistFile[]; trainPixels: Uint8Array; validPixels: Uint8Array } {
  const trainPixels = makePixels(trainLabels.length);
  const validPixels = makePixels(validLabels.length).map((v) => 255 - v);
  const files = [
    fixtureFile('tiny-train-images.gz', 'train', 'images', [trainLabels.length, 28, 28], trainPixels),
    fixtureFile('tiny-train-labels.gz', 'train', 'labels', [trainLabels.length], Uint8Array.from(trainLabels)),
    fixtureFile('tiny-valid-images.gz', 'valid', 'images', [validLabels.length, 28, 28], validPixels),
    fixtureFile('tiny-valid-labels.gz', 'valid', 'labels', [validLabels.length], Uint8Array.from(validLabels)),
  ];
  return { files, manifest: files.map((f) => f.entry), trainPixels, validPixels };
}

export function writeFixtures(dir: string, files: readonly FixtureFile[]): void {
  for (const f of files) writeFileSync(path.join(dir, f.entry.name), f.gz);
}
