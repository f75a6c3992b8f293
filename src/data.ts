/**
 * Loading Fashion-MNIST into memory: gunzip, parse, check against the published
 * checksums and the expected shapes. The result is plain typed arrays; turning
 * them into tensors is the job of preprocess.ts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { NUM_CLASSES, PIXELS_PER_IMAGE } from './classes';
import { DataSource, EnsureOptions, ensureFashionMnist } from './data-source';
import { FASHION_MNIST_FILES, FashionMnistFile, SplitName } from './fashion-mnist-files';
import { DataFileError, gunzipIdx, gunzipIdxAsync, parseIdx } from './idx';

export interface Split {
  /** count x 784 pixel values, 0 (black) .. 255 (white), image after image. */
  images: Uint8Array;
  /** count labels, each 0..9 (see CLASS_NAMES). */
  labels: Uint8Array;
  count: number;
}

export interface FashionMnist {
  train: Split;
  valid: Split;
  source: DataSource;
}

function readGz(full: string): Buffer {
  try {
    return readFileSync(full);
  } catch (err) {
    throw new DataFileError(full, `cannot be read (${(err as NodeJS.ErrnoException).code ?? err})`, 'Run `npm run data`.');
  }
}

/** Parses gunzipped IDX bytes and checks them against the file's manifest entry (shape, content MD5). */
function checkIdx(full: string, file: FashionMnistFile, raw: Buffer): Uint8Array {
  const idx = parseIdx(raw, full);
  if (idx.shape.join('x') !== file.shape.join('x')) {
    throw new DataFileError(
      full,
      `holds an array of shape ${idx.shape.join(' x ')}, but ${file.kind} of this split must be ${file.shape.join(' x ')}`,
      'Delete the file and run `npm run data` to fetch a good copy.',
    );
  }
  const content = createHash('md5').update(raw).digest('hex');
  if (content !== file.contentMd5) {
    throw new DataFileError(
      full,
      `its content's MD5 is ${content}, not the published ${file.contentMd5} (the file is altered or from another dataset)`,
      'Delete the file and run `npm run data` to fetch a good copy.',
    );
  }
  return idx.data;
}

/** Reads and checks one .gz file against its manifest entry. */
export function readIdxFile(dir: string, file: FashionMnistFile): Uint8Array {
  const full = path.join(dir, file.name);
  return checkIdx(full, file, gunzipIdx(readGz(full), full));
}

/** readIdxFile with the gunzip off the main thread. */
export async function readIdxFileAsync(dir: string, file: FashionMnistFile): Promise<Uint8Array> {
  const full = path.join(dir, file.name);
  return checkIdx(full, file, await gunzipIdxAsync(readGz(full), full));
}

type SplitFiles = Record<SplitName, { images: FashionMnistFile; labels: FashionMnistFile }>;

function splitFiles(files: readonly FashionMnistFile[]): SplitFiles {
  const pick = (name: SplitName) => {
    const images = files.find((f) => f.split === name && f.kind === 'images');
    const labels = files.find((f) => f.split === name && f.kind === 'labels');
    if (!images || !labels) throw new Error(`The file list has no ${name} images or labels.`);
    return { images, labels };
  };
  return { train: pick('train'), valid: pick('valid') };
}

/** Checks that a split's images and labels agree with each other. */
function makeSplit(dir: string, files: SplitFiles[SplitName], images: Uint8Array, labels: Uint8Array): Split {
  const count = labels.length;
  if (images.length !== count * PIXELS_PER_IMAGE) {
    throw new DataFileError(
      path.join(dir, files.images.name),
      `holds ${images.length / PIXELS_PER_IMAGE} images but ${files.labels.name} holds ${count} labels`,
      'The two files come from different downloads; delete both and run `npm run data`.',
    );
  }
  const bad = labels.findIndex((l) => l >= NUM_CLASSES);
  if (bad >= 0) {
    throw new DataFileError(
      path.join(dir, files.labels.name),
      `label number ${bad} is ${labels[bad]}, outside 0..${NUM_CLASSES - 1}`,
      'Delete the file and run `npm run data` to fetch a good copy.',
    );
  }
  return { images, labels, count };
}

/** Reads both splits from `dir` and checks that they agree with each other. */
export function readFashionMnistDir(
  dir: string,
  files: readonly FashionMnistFile[] = FASHION_MNIST_FILES,
): { train: Split; valid: Split } {
  const f = splitFiles(files);
  const split = (name: SplitName) => makeSplit(dir, f[name], readIdxFile(dir, f[name].images), readIdxFile(dir, f[name].labels));
  return { train: split('train'), valid: split('valid') };
}

/** readFashionMnistDir with the four files gunzipped at once, off the main thread (what the lessons use). */
export async function readFashionMnistDirAsync(
  dir: string,
  files: readonly FashionMnistFile[] = FASHION_MNIST_FILES,
): Promise<{ train: Split; valid: Split }> {
  const f = splitFiles(files);
  const [trainImages, trainLabels, validImages, validLabels] = await Promise.all(
    [f.train.images, f.train.labels, f.valid.images, f.valid.labels].map((file) => readIdxFileAsync(dir, file)),
  );
  return { train: makeSplit(dir, f.train, trainImages, trainLabels), valid: makeSplit(dir, f.valid, validImages, validLabels) };
}

/** Finds (or downloads) Fashion-MNIST, then reads and checks all four files. */
export async function loadFashionMnist(options: EnsureOptions = {}): Promise<FashionMnist> {
  const source = await ensureFashionMnist(options);
  const { train, valid } = await readFashionMnistDirAsync(source.dir, options.files);
  return { train, valid, source };
}

/** The pixels of image `index` of a split, as a 784-long view (no copy). */
export function imageAt(split: Split, index: number): Uint8Array {
  if (!Number.isInteger(index) || index < 0 || index >= split.count) {
    throw new RangeError(`imageAt: index ${index} is outside 0..${split.count - 1}.`);
  }
  return split.images.subarray(index * PIXELS_PER_IMAGE, (index + 1) * PIXELS_PER_IMAGE);
}

/** How many images of each class a split has (index = label). */
export function labelCounts(split: Split): number[] {
  const counts = new Array<number>(NUM_CLASSES).fill(0);
  for (const l of split.labels) counts[l]++;
  return counts;
}

export interface PixelStats {
  min: number;
  max: number;
  mean: number;
  /** Share of pixels that are exactly 0 (pure black background). */
  blackShare: number;
}

/** Smallest, largest and mean pixel value of a split, and how much of it is pure black (from its value counts). */
export function pixelStats(split: Split): PixelStats {
  const counts = pixelValueCounts(split);
  const n = split.images.length;
  let sum = 0;
  counts.forEach((c, v) => (sum += c * v));
  return {
    min: counts.findIndex((c) => c > 0),
    max: counts.length - 1 - [...counts].reverse().findIndex((c) => c > 0),
    mean: sum / n,
    blackShare: counts[0] / n,
  };
}

/** How many pixels of a split have each value: counts[v] for v = 0..255. */
export function pixelValueCounts(split: Split): number[] {
  const counts = new Array<number>(256).fill(0);
  for (const v of split.images) counts[v]++;
  return counts;
}
