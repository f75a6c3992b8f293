import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { DataFileError, encodeIdx, gunzipIdx, parseGzippedIdx, parseIdx } from '../../src/idx';

const FILE = 'some/dir/train-labels-idx1-ubyte.gz';

/** Asserts a DataFileError that names FILE, contains `what`, and tells the reader what to do. */
function isDataFileError(what: string | RegExp) {
  return (err: unknown): boolean => {
    assert.ok(err instanceof DataFileError, `expected a DataFileError, got ${err}`);
    assert.equal(err.file, FILE);
    assert.ok(err.message.startsWith(FILE), `message names the file: ${err.message}`);
    if (typeof what === 'string') assert.ok(err.message.includes(what), `message mentions "${what}": ${err.message}`);
    else assert.match(err.message, what);
    assert.ok(err.message.includes('npm run data'), `message says what to do: ${err.message}`);
    return true;
  };
}

test('encodeIdx writes the documented header: 0, 0, type 0x08, rank, big-endian dims', () => {
  const bytes = encodeIdx([2, 3], Uint8Array.from([1, 2, 3, 4, 5, 6]));
  // 4 magic bytes + 2 dims * 4 bytes + 6 values = 18 bytes
  assert.deepEqual(
    Array.from(bytes),
    [0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6],
  );
});

test('parseIdx reads back what encodeIdx wrote (3-D, like the images)', () => {
  const data = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => (i * 11) % 256);
  const parsed = parseIdx(encodeIdx([2, 3, 4], data));
  assert.deepEqual(parsed.shape, [2, 3, 4]);
  assert.deepEqual(Array.from(parsed.data), Array.from(data));
});

test('parseIdx handles dimensions above 255 (big-endian uint32)', () => {
  const data = new Uint8Array(300).fill(7);
  const parsed = parseIdx(encodeIdx([300], data));
  assert.deepEqual(parsed.shape, [300]);
  assert.equal(parsed.data.length, 300);
});

test('parseIdx works on a Buffer slice that does not start at offset 0', () => {
  const idx = encodeIdx([3], Uint8Array.from([9, 8, 7]));
  const big = Buffer.alloc(idx.length + 5);
  big.set(idx, 5);
  const parsed = parseIdx(big.subarray(5));
  assert.deepEqual(parsed.shape, [3]);
  assert.deepEqual(Array.from(parsed.data), [9, 8, 7]);
});

test('parseIdx: fewer than 4 bytes is "too short"', () => {
  assert.throws(() => parseIdx(Uint8Array.from([0, 0, 8]), FILE), isDataFileError('too short'));
});

test('parseIdx: a file not starting with 0, 0 has the wrong magic number', () => {
  const bytes = encodeIdx([1], Uint8Array.from([1]));
  bytes[0] = 0x50; // 'P', as in a PK zip
  assert.throws(() => parseIdx(bytes, FILE), isDataFileError('magic number'));
});

test('parseIdx: a type byte other than 0x08 (unsigned byte) is refused', () => {
  const bytes = encodeIdx([1], Uint8Array.from([1]));
  bytes[2] = 0x0d; // float
  assert.throws(() => parseIdx(bytes, FILE), isDataFileError('0x0d'));
});

test('parseIdx: 0 dimensions is refused', () => {
  assert.throws(() => parseIdx(Uint8Array.from([0, 0, 8, 0]), FILE), isDataFileError('0 dimensions'));
});

test('parseIdx: a header cut short is refused', () => {
  // rank 3 needs 4 + 3 * 4 = 16 header bytes; give it 10.
  const bytes = encodeIdx([2, 28, 28], new Uint8Array(0)).subarray(0, 10);
  assert.throws(() => parseIdx(bytes, FILE), isDataFileError('10 of 16'));
});

test('parseIdx: fewer values than the header promises is refused', () => {
  const bytes = encodeIdx([2, 3], Uint8Array.from([1, 2, 3, 4, 5])); // 2 x 3 = 6 promised, 5 present
  assert.throws(() => parseIdx(bytes, FILE), isDataFileError(/2 x 3 = 6 values but it holds 5/));
});

test('parseIdx: more values than the header promises is refused too', () => {
  const bytes = encodeIdx([2], Uint8Array.from([1, 2, 3]));
  assert.throws(() => parseIdx(bytes, FILE), isDataFileError(/2 values but it holds 3/));
});

test('gunzipIdx: an HTML error page instead of gzip says "is not a gzip file" and shows its start', () => {
  const html = Buffer.from('<html>403 Forbidden</html>');
  assert.throws(() => gunzipIdx(html, FILE), isDataFileError('is not a gzip file'));
  assert.throws(() => gunzipIdx(html, FILE), /<html>403 Forbi/);
});

test('gunzipIdx: an empty buffer is not a gzip file', () => {
  assert.throws(() => gunzipIdx(new Uint8Array(0), FILE), isDataFileError('is not a gzip file'));
});

test('gunzipIdx: a truncated gzip says "damaged gzip"', () => {
  const gz = gzipSync(encodeIdx([100], new Uint8Array(100).map((_, i) => i)));
  assert.throws(() => gunzipIdx(gz.subarray(0, gz.length - 10), FILE), isDataFileError('damaged gzip'));
});

test('gunzipIdx + parseGzippedIdx round-trip a gzipped IDX file', () => {
  const raw = encodeIdx([2, 2], Uint8Array.from([10, 20, 30, 40]));
  const gz = gzipSync(raw);
  assert.deepEqual(Array.from(gunzipIdx(gz)), Array.from(raw));
  const parsed = parseGzippedIdx(gz);
  assert.deepEqual(parsed.shape, [2, 2]);
  assert.deepEqual(Array.from(parsed.data), [10, 20, 30, 40]);
});
