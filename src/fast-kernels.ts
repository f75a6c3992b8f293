/**
 * Faster versions of a few TensorFlow.js kernels that model.fit() leans on.
 *
 * Every training step of model.fit() picks its 32 photos out of the whole
 * training set with a gather, and the gradient of a Dense layer is a matrix
 * product with one side transposed. On the wasm backend (tfjs 4.22) those
 * kernels are slow for no deep reason:
 *   - GatherV2 walks every output number through generic index maths
 *     (~0.8 ms for 32 photos; two per step, for x and y);
 *   - Slice copies the *whole* input out of WebAssembly memory before taking
 *     its part (~100 ms to take 32 rows of the 60,000-photo tensor);
 *   - BatchMatMul with transposeA/transposeB falls back to a plain loop
 *     (~0.25-0.5 ms) where transposing first and using the fast product is ~0.1 ms.
 * On the native backend, Cast always runs a TensorFlow op, even when the
 * tensor already has the asked-for dtype (tfjs-core casts defensively, ~6 times per step).
 *
 * Each replacement handles the common case itself (rows of a tensor; a
 * contiguous slice; a transposed operand; a cast to the same dtype) and hands
 * everything else to the kernel it replaced, so results, shapes, dtypes and
 * error messages stay those of TensorFlow.js (the tests compare them).
 * Registered through tfjs's public kernel registry; installing twice is harmless.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type KernelArgs = Parameters<tf.KernelFunc>[0];
type TensorInfo = tf.TensorInfo;

const ours = new WeakSet<tf.KernelFunc>();

/** Swaps one registered kernel for `make(original)`. Returns false if there is nothing to swap or it is swapped already. */
function replaceKernel(kernelName: string, backendName: string, make: (original: tf.KernelFunc) => tf.KernelFunc): boolean {
  const config = tf.getKernel(kernelName, backendName);
  if (!config || ours.has(config.kernelFunc)) return false;
  const kernelFunc = make(config.kernelFunc);
  ours.add(kernelFunc);
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...config, kernelFunc });
  return true;
}

/** Gather along axis 0 (rows), the only kind model.fit() does: one block copy per index. */
function wasmGather(original: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = args.attrs as { axis: number; batchDims: number };
    const backend = args.backend as BackendWasm;
    const rank = x.shape.length;
    if (rank === 0 || (axis !== 0 && axis !== -rank) || (batchDims ?? 0) !== 0 || x.dtype === 'string' || indices.dtype !== 'int32') {
      return original(args);
    }
    const rows = x.shape[0];
    const index = backend.readSync(indices.dataId) as Int32Array;
    for (let i = 0; i < index.length; i++) {
      if (!(index[i] >= 0 && index[i] < rows)) return original(args); // it throws tfjs's own out-of-range message
    }
    const rowSize = tf.util.sizeFromShape(x.shape.slice(1));
    const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    if (rowSize === 0 || index.length === 0) return out;
    // Views into WebAssembly memory, taken after makeOutput (which may grow, and so move, that memory).
    const from = backend.typedArrayFromHeap(x);
    const to = backend.typedArrayFromHeap(out);
    for (let i = 0; i < index.length; i++) {
      const start = index[i] * rowSize;
      to.set(from.subarray(start, start + rowSize), i * rowSize);
    }
    return out;
  };
}

/** A slice that is one contiguous block (whole rows): copy only that block. */
function wasmSlice(original: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { begin, size: sizes } = args.attrs as { begin: number | number[]; size?: number | number[] };
    const backend = args.backend as BackendWasm;
    if (x.dtype === 'string') return original(args);
    const xt = { shape: x.shape, rank: x.shape.length } as unknown as tf.Tensor;
    let start: number[];
    let lengths: number[];
    try {
      [start, lengths] = tf.slice_util.parseSliceParams(xt, begin, sizes);
    } catch {
      return original(args);
    }
    const inRange = start.every((b, i) => b >= 0 && lengths[i] >= 0 && b + lengths[i] <= x.shape[i]);
    if (!inRange || !tf.slice_util.isSliceContinous(x.shape, start, lengths)) return original(args);
    const offset = tf.slice_util.computeFlatOffset(start, tf.util.computeStrides(x.shape));
    const out = backend.makeOutput(lengths, x.dtype);
    const count = tf.util.sizeFromShape(lengths);
    if (count > 0) backend.typedArrayFromHeap(out).set(backend.typedArrayFromHeap(x).subarray(offset, offset + count));
    return out;
  };
}

/** A product with a transposed operand: transpose it first (wasm's fast path has no transpose). */
function wasmBatchMatMul(original: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = args.attrs as { transposeA: boolean; transposeB: boolean };
    const backend = args.backend as BackendWasm;
    const transpose = tf.getKernel('Transpose', 'wasm')?.kernelFunc;
    const ra = a.shape.length;
    const rb = b.shape.length;
    if ((!transposeA && !transposeB) || !transpose || ra < 2 || rb < 2 || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return original(args);
    }
    const innerA = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
    const innerB = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
    if (innerA !== innerB) return original(args); // it throws tfjs's own message, naming the transposes asked for
    const swapLastTwo = (t: TensorInfo): TensorInfo => {
      const perm = t.shape.map((_, i) => i);
      [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
      return transpose({ inputs: { x: t }, backend, attrs: { perm } }) as TensorInfo;
    };
    const made: TensorInfo[] = [];
    try {
      const a2 = transposeA ? swapLastTwo(a) : a;
      if (transposeA) made.push(a2);
      const b2 = transposeB ? swapLastTwo(b) : b;
      if (transposeB) made.push(b2);
      return original({ ...args, inputs: { a: a2, b: b2 }, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of made) backend.disposeData(t.dataId);
    }
  };
}

/** A cast to the dtype the tensor already has is a copy-free identity. */
function nativeCast(original: tf.KernelFunc): tf.KernelFunc {
  return (args: KernelArgs) => {
    const { x } = args.inputs as { x: TensorInfo };
    const identity = tf.getKernel('Identity', 'tensorflow')?.kernelFunc;
    if (x.dtype !== (args.attrs as { dtype: tf.DataType }).dtype || !identity) return original(args);
    return identity({ inputs: { x }, backend: args.backend, attrs: {} });
  };
}

const REPLACEMENTS: { kernel: string; backend: string; make: (original: tf.KernelFunc) => tf.KernelFunc }[] = [
  { kernel: 'GatherV2', backend: 'wasm', make: wasmGather },
  { kernel: 'Slice', backend: 'wasm', make: wasmSlice },
  { kernel: 'BatchMatMul', backend: 'wasm', make: wasmBatchMatMul },
  { kernel: 'Cast', backend: 'tensorflow', make: nativeCast },
];

/**
 * Installs the faster kernels for every backend that is registered (call it after
 * loading a backend). Returns the "Kernel/backend" names it replaced this time.
 */
export function installFastKernels(): string[] {
  const done: string[] = [];
  for (const r of REPLACEMENTS) {
    if (replaceKernel(r.kernel, r.backend, r.make)) done.push(`${r.kernel}/${r.backend}`);
  }
  return done;
}
