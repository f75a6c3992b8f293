/**
 * Reading the IDX format that (Fashion-)MNIST ships in.
 *
 * An IDX file is a 4-byte magic number (two zero bytes, a type code, and the
 * number of dimensions), then one big-endian uint32 per dimension, then the
 * values themselves, row by row. Fashion-MNIST uses type 0x08 (unsigned byte):
 * images are 3-D (count x 28 x 28), labels 1-D (count).
 */
import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

export interface IdxArray {
  /** The size of each dimension, e.g. [60000, 28, 28]. */
  shape: number[];
  /** The values, as unsigned bytes, in row-major order. */
  data: Uint8Array;
}

const UBYTE = 0x08;

/** A problem with a data file: it names the file, what is wrong and what to do. */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    fix: string,
  ) {
    super(`${file}: ${problem}. ${fix}`);
    this.name = 'DataFileError';
  }
}

const REFETCH = 'Delete the file and run `npm run data` to fetch a good copy.';

/** Parses an uncompressed IDX buffer of unsigned bytes. `file` names it in errors. */
export function parseIdx(bytes: Uint8Array, file = 'IDX data'): IdxArray {
  if (bytes.length < 4) {
    throw new DataFileError(file, `is ${bytes.length} bytes long, too short to be an IDX file`, REFETCH);
  }
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataFileError(
      file,
      `does not start with an IDX magic number (first bytes ${hex(bytes.subarray(0, 4))})`,
      REFETCH,
    );
  }
  if (bytes[2] !== UBYTE) {
    throw new DataFileError(
      file,
      `holds IDX type 0x${bytes[2].toString(16).padStart(2, '0')}, but Fashion-MNIST files hold unsigned bytes (0x08)`,
      REFETCH,
    );
  }
  const rank = bytes[3];
  if (rank === 0) {
    throw new DataFileError(file, 'declares 0 dimensions', REFETCH);
  }
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    throw new DataFileError(file, `ends inside its header (${bytes.length} of ${headerLength} bytes)`, REFETCH);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) shape.push(view.getUint32(4 + 4 * i, false));
  const expected = shape.reduce((a, b) => a * b, 1);
  const actual = bytes.length - headerLength;
  if (actual !== expected) {
    throw new DataFileError(
      file,
      `its header promises ${shape.join(' x ')} = ${expected} values but it holds ${actual}`,
      REFETCH,
    );
  }
  return { shape, data: bytes.subarray(headerLength) };
}

function checkGzipMagic(gz: Uint8Array, file: string): void {
  if (gz.length < 2 || gz[0] !== 0x1f || gz[1] !== 0x8b) {
    const start = Buffer.from(gz.subarray(0, 15)).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
    throw new DataFileError(file, `is not a gzip file (it starts with "${start}")`, REFETCH);
  }
}

function damaged(file: string, err: unknown): DataFileError {
  return new DataFileError(file, `is a damaged gzip file (${(err as Error).message})`, REFETCH);
}

/** Gunzips an IDX file's bytes, with readable errors for files that are not gzip or are damaged. */
export function gunzipIdx(gz: Uint8Array, file = 'IDX data'): Buffer {
  checkGzipMagic(gz, file);
  try {
    return gunzipSync(gz);
  } catch (err) {
    throw damaged(file, err);
  }
}

/** gunzipIdx off the main thread (zlib's thread pool), so several files inflate at once. */
export async function gunzipIdxAsync(gz: Uint8Array, file = 'IDX data'): Promise<Buffer> {
  checkGzipMagic(gz, file);
  try {
    return await gunzipAsync(gz, { chunkSize: 4 << 20 }); // big chunks: a few thread-pool trips per file, not thousands
  } catch (err) {
    throw damaged(file, err);
  }
}

/** Gunzips then parses an IDX file's bytes. */
export function parseGzippedIdx(gz: Uint8Array, file = 'IDX data'): IdxArray {
  return parseIdx(gunzipIdx(gz, file), file);
}

/** Builds IDX bytes (used by the tests to make small files, and handy for experiments). */
export function encodeIdx(shape: readonly number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * shape.length);
  header[2] = UBYTE;
  header[3] = shape.length;
  const view = new DataView(header.buffer);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
