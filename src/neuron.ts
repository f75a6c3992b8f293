/**
 * The neuron arithmetic of lessons 1 and 2, in plain TypeScript (no tensors),
 * so every number can be checked by hand.
 */

/** A straight line: y = m * x + b. */
export function line(m: number, x: number, b: number): number {
  return m * x + b;
}

function checkSameLength(inputs: ArrayLike<number>, weights: ArrayLike<number>, where: string): void {
  if (inputs.length !== weights.length) {
    throw new RangeError(`${where}: ${inputs.length} inputs but ${weights.length} weights; a neuron needs one weight per input.`);
  }
}

/** One artificial neuron: y = w0*x0 + w1*x1 + ... + b (a weighted sum plus a bias). */
export function neuron(inputs: ArrayLike<number>, weights: ArrayLike<number>, bias: number): number {
  checkSameLength(inputs, weights, 'neuron');
  let sum = bias;
  for (let i = 0; i < inputs.length; i++) sum += weights[i] * inputs[i];
  return sum;
}

/** The same sum written out term by term, e.g. "0.5*2 + -1*3 + 0.25 = -1.75". */
export function neuronWorking(inputs: ArrayLike<number>, weights: ArrayLike<number>, bias: number): string {
  checkSameLength(inputs, weights, 'neuronWorking');
  const terms = Array.from(inputs, (x, i) => `${weights[i]}*${x}`);
  return `${[...terms, String(bias)].join(' + ')} = ${neuron(inputs, weights, bias)}`;
}

/**
 * A toy "biological" neuron: it fires (1) when the summed signal from its
 * dendrites passes a threshold, else stays quiet (0). Artificial neurons keep
 * the sum and drop the all-or-nothing spike.
 */
export function fires(inputs: ArrayLike<number>, weights: ArrayLike<number>, threshold: number): 0 | 1 {
  return neuron(inputs, weights, 0) > threshold ? 1 : 0;
}

/** Ten (or any number of) neurons side by side on the same inputs: one Dense layer. weights[u] belongs to neuron u. */
export function denseLayer(inputs: ArrayLike<number>, weights: ArrayLike<number>[], biases: ArrayLike<number>): number[] {
  if (weights.length !== biases.length) {
    throw new RangeError(`denseLayer: ${weights.length} weight rows but ${biases.length} biases; each neuron needs one of each.`);
  }
  return weights.map((w, u) => neuron(inputs, w, biases[u]));
}

/** Index of the largest value: the neuron with the highest output names the class. */
export function argmax(values: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError('argmax: needs at least one value.');
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
