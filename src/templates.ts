/**
 * A brain whose weights are set by hand instead of learned (lesson 2): each of
 * the 10 neurons holds the average image of its class as its 784 weights.
 *
 * With weights w_c = mean image of class c and bias b_c = -|w_c|^2 / 2, neuron c
 * outputs w_c . x - |w_c|^2 / 2 = (|x|^2 - |x - w_c|^2) / 2, so the neuron with
 * the highest output is the class whose average image is closest to x.
 */
import { NUM_CLASSES, PIXELS_PER_IMAGE } from './classes';
import type { Split } from './data';

/** The average image of each class (10 arrays of 784 values, 0..255). */
export function classMeanImages(split: Split): Float32Array[] {
  const sums = Array.from({ length: NUM_CLASSES }, () => new Float64Array(PIXELS_PER_IMAGE));
  const counts = new Array<number>(NUM_CLASSES).fill(0);
  for (let i = 0; i < split.count; i++) {
    const label = split.labels[i];
    counts[label]++;
    const sum = sums[label];
    const offset = i * PIXELS_PER_IMAGE;
    for (let p = 0; p < PIXELS_PER_IMAGE; p++) sum[p] += split.images[offset + p];
  }
  return sums.map((sum, c) => {
    if (counts[c] === 0) throw new RangeError(`classMeanImages: the split has no image of class ${c}, so it has no average.`);
    return Float32Array.from(sum, (v) => v / counts[c]);
  });
}

/** Weights and biases that make a Dense layer pick the nearest class average. */
export function nearestMeanLayer(means: readonly Float32Array[]): { weights: Float32Array[]; biases: number[] } {
  const biases = means.map((w) => {
    let squared = 0;
    for (const v of w) squared += v * v;
    return -squared / 2;
  });
  return { weights: means.map((w) => Float32Array.from(w)), biases };
}
