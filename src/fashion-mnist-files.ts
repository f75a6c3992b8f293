/**
 * The four Fashion-MNIST files, where to download them, and the checksums that
 * the dataset's authors publish for them (zalandoresearch/fashion-mnist README).
 *
 * Two MD5s per file: of the .gz as published, and of the IDX content inside.
 * Debian's `dataset-fashion-mnist` package recompresses the files, so its .gz
 * bytes differ from the published ones while the content is identical; we
 * therefore check the content (after gunzip), which every source must match,
 * and check the .gz MD5 on a fresh download before it is kept.
 */
export type SplitName = 'train' | 'valid';

export interface FashionMnistFile {
  name: string;
  split: SplitName;
  kind: 'images' | 'labels';
  /** MD5 of the .gz file as published. */
  gzMd5: string;
  /** MD5 of the uncompressed IDX file as published. */
  contentMd5: string;
  /** A download larger than this (a little over the published size) is refused. */
  maxDownloadBytes: number;
  /** The IDX shape the content must have. */
  shape: number[];
}

/** The official HTTPS location: the data folder of the dataset's own repository. */
export const DOWNLOAD_BASE_URL =
  'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/';

export const FASHION_MNIST_FILES: readonly FashionMnistFile[] = [
  {
    name: 'train-images-idx3-ubyte.gz',
    split: 'train',
    kind: 'images',
    gzMd5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d',
    contentMd5: 'f4a8712d7a061bf5bd6d2ca38dc4d50a',
    maxDownloadBytes: 30_000_000,
    shape: [60000, 28, 28],
  },
  {
    name: 'train-labels-idx1-ubyte.gz',
    split: 'train',
    kind: 'labels',
    gzMd5: '25c81989df183df01b3e8a0aad5dffbe',
    contentMd5: '9018921c3c673c538a1fc5bad174d6f9',
    maxDownloadBytes: 64_000,
    shape: [60000],
  },
  {
    name: 't10k-images-idx3-ubyte.gz',
    split: 'valid',
    kind: 'images',
    gzMd5: 'bef4ecab320f06d8554ea6380940ec79',
    contentMd5: '8181f5470baa50b63fa0f6fddb340f0a',
    maxDownloadBytes: 6_000_000,
    shape: [10000, 28, 28],
  },
  {
    name: 't10k-labels-idx1-ubyte.gz',
    split: 'valid',
    kind: 'labels',
    gzMd5: 'bb300cfdad3c16e7a12a480ee83cd310',
    contentMd5: '15d484375f8d13e6eb1aabb0c3f46965',
    maxDownloadBytes: 16_000,
    shape: [10000],
  },
];
