/**
 * Where the Fashion-MNIST files come from, in this order:
 *   1. data/fashion-mnist/ in the project, if all four files are there;
 *   2. the folder named by the FASHION_MNIST_DIR environment variable;
 *   3. Debian's dataset-fashion-mnist package (/usr/share/datasets/fashion-mnist);
 *   4. a download from the dataset's official location into data/fashion-mnist/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { DOWNLOAD_BASE_URL, FASHION_MNIST_FILES, FashionMnistFile } from './fashion-mnist-files';
import { DownloadError, downloadFile } from './download';
import { DEBIAN_DATA_DIR, PROJECT_DATA_DIR } from './paths';

export type DataSourceKind = 'project' | 'env' | 'debian' | 'download';

export interface DataSource {
  kind: DataSourceKind;
  /** The folder holding the four .gz files. */
  dir: string;
  /** One sentence for the learner: where the data came from. */
  description: string;
}

export interface LocateOptions {
  projectDir?: string;
  debianDir?: string;
  env?: NodeJS.ProcessEnv;
  files?: readonly FashionMnistFile[];
}

export class NoDataError extends Error {
  constructor(detail: string) {
    super(
      `Fashion-MNIST is not on this machine and could not be downloaded (${detail}).\n` +
        'Any one of these fixes it:\n' +
        '  - install Debian\'s package:   sudo apt-get install dataset-fashion-mnist\n' +
        '  - point at a folder that has the four .gz files:   export FASHION_MNIST_DIR=/path/to/folder\n' +
        `  - copy the four .gz files into ${PROJECT_DATA_DIR}\n` +
        `  - connect to the internet and run:   npm run data   (downloads from ${DOWNLOAD_BASE_URL})`,
    );
    this.name = 'NoDataError';
  }
}

function hasAll(dir: string, files: readonly FashionMnistFile[]): boolean {
  return files.every((f) => existsSync(path.join(dir, f.name)));
}

/** The first local folder that has all four files, or null. Never touches the network. */
export function findLocalData(options: LocateOptions = {}): DataSource | null {
  const files = options.files ?? FASHION_MNIST_FILES;
  const projectDir = options.projectDir ?? PROJECT_DATA_DIR;
  const debianDir = options.debianDir ?? DEBIAN_DATA_DIR;
  const env = options.env ?? process.env;

  if (hasAll(projectDir, files)) {
    return { kind: 'project', dir: projectDir, description: `the project's own copy in ${projectDir}` };
  }
  const envDir = env.FASHION_MNIST_DIR;
  if (envDir) {
    const missing = files.filter((f) => !existsSync(path.join(envDir, f.name))).map((f) => f.name);
    if (missing.length > 0) {
      throw new NoDataError(
        `FASHION_MNIST_DIR is set to ${envDir}, but it lacks ${missing.join(', ')}; fix the path or unset it`,
      );
    }
    return { kind: 'env', dir: envDir, description: `the folder named by FASHION_MNIST_DIR (${envDir})` };
  }
  if (hasAll(debianDir, files)) {
    return { kind: 'debian', dir: debianDir, description: `Debian's dataset-fashion-mnist package (${debianDir})` };
  }
  return null;
}

export interface EnsureOptions extends LocateOptions {
  /** Download base URL; the official one unless a test serves its own. */
  baseUrl?: string;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** Finds the data locally or downloads the missing files into the project folder. */
export async function ensureFashionMnist(options: EnsureOptions = {}): Promise<DataSource> {
  const local = findLocalData(options);
  if (local) return local;

  const files = options.files ?? FASHION_MNIST_FILES;
  const projectDir = options.projectDir ?? PROJECT_DATA_DIR;
  const baseUrl = options.baseUrl ?? DOWNLOAD_BASE_URL;
  const log = options.log ?? (() => undefined);
  mkdirSync(projectDir, { recursive: true });
  for (const file of files) {
    const dest = path.join(projectDir, file.name);
    if (existsSync(dest)) continue;
    const url = new URL(file.name, baseUrl).toString();
    log(`downloading ${url}`);
    try {
      await downloadFile(url, dest, {
        maxBytes: file.maxDownloadBytes,
        expectedMd5: file.gzMd5,
        timeoutMs: options.timeoutMs,
      });
    } catch (err) {
      if (err instanceof DownloadError) throw new NoDataError(err.message);
      throw err;
    }
  }
  return { kind: 'download', dir: projectDir, description: `a fresh download from ${baseUrl} into ${projectDir}` };
}
