/**
 * From typed arrays to tensors. The article trains on raw pixels (0..255);
 * lesson 8 scales them to 0..1, a first piece of feature engineering.
 */
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, NUM_CLASSES, PIXELS_PER_IMAGE } from './classes';
import type { Split } from './data';

export interface ImageTensorOptions {
  /** Divide by 255 so pixels run 0..1 (default false: raw 0..255, as the article trains). */
  scale?: boolean;
  /** First image to take (default 0). */
  start?: number;
  /** How many images (default: all from `start`). */
  count?: number;
}

function range(split: Split, start = 0, count?: number): [number, number] {
  const n = count ?? split.count - start;
  if (!Number.isInteger(start) || !Number.isInteger(n) || start < 0 || n < 1 || start + n > split.count) {
    throw new RangeError(
      `Asked for images ${start}..${start + n - 1}, but the split has images 0..${split.count - 1}; pick a start and count inside it.`,
    );
  }
  return [start, n];
}

/** The pixels of images start..start+count-1 as float32 numbers, image after image (raw 0..255, or 0..1 if scaled). */
export function imagesToFloat32(split: Split, options: ImageTensorOptions = {}): Float32Array {
  const [start, n] = range(split, options.start, options.count);
  const pixels = split.images.subarray(start * PIXELS_PER_IMAGE, (start + n) * PIXELS_PER_IMAGE);
  const values = new Float32Array(pixels); // the typed-array copy converts each byte to a float, natively
  if (options.scale) {
    const factor = 1 / 255;
    for (let i = 0; i < values.length; i++) values[i] *= factor;
  }
  return values;
}

/** Images as a float32 tensor of shape [count, 28, 28]. */
export function imagesToTensor(split: Split, options: ImageTensorOptions = {}): tf.Tensor3D {
  const values = imagesToFloat32(split, options);
  return tf.tensor3d(values, [values.length / PIXELS_PER_IMAGE, IMAGE_SIZE, IMAGE_SIZE], 'float32');
}

/** Labels as an int32 tensor of shape [count], each 0..9 ("sparse" labels). */
export function labelsToTensor(split: Split, options: Omit<ImageTensorOptions, 'scale'> = {}): tf.Tensor1D {
  const [start, n] = range(split, options.start, options.count);
  return tf.tensor1d(Int32Array.from(split.labels.subarray(start, start + n)), 'int32');
}

/** Sparse labels [count] -> one-hot rows [count, 10]: label 1 becomes [0,1,0,0,0,0,0,0,0,0]. */
export function oneHot(labels: tf.Tensor1D): tf.Tensor2D {
  if (labels.rank !== 1 || labels.dtype !== 'int32') {
    throw new TypeError(`oneHot expects int32 labels of shape [count]; got ${labels.dtype} of shape [${labels.shape}].`);
  }
  return tf.tidy(() => tf.oneHot(labels, NUM_CLASSES).toFloat() as tf.Tensor2D);
}

/** Everything a lesson trains on, as tensors. Call dispose() when done with them. */
export interface TensorData {
  trainX: tf.Tensor3D;
  trainY: tf.Tensor1D;
  validX: tf.Tensor3D;
  validY: tf.Tensor1D;
  dispose(): void;
}

export function toTensors(data: { train: Split; valid: Split }, options: { scale?: boolean } = {}): TensorData {
  const trainX = imagesToTensor(data.train, options);
  const trainY = labelsToTensor(data.train);
  const validX = imagesToTensor(data.valid, options);
  const validY = labelsToTensor(data.valid);
  return {
    trainX,
    trainY,
    validX,
    validY,
    dispose: () => tf.dispose([trainX, trainY, validX, validY]),
  };
}
