/**
 * Choosing where the tensor maths runs. In order of preference:
 *   1. 'wasm': @tensorflow/tfjs-backend-wasm, compiled WebAssembly, always installable. With the
 *      kernels of src/fast-kernels.ts it is the fastest for the course's small models: each
 *      training step is ~100 tiny operations, and wasm starts one in a few microseconds;
 *      measured on 2 cores, 1.4 s per epoch for the article's model against 2.4 s native and
 *      2.6 s for Keras (see "Which backend runs" in the README);
 *   2. 'tensorflow': @tensorflow/tfjs-node, TensorFlow's native C++ library (if `npm run native`
 *      built it): the same numbers (the parity test), for bigger models and more cores;
 *   3. 'cpu': plain JavaScript, slow but always there.
 * Set BRAIN_BACKEND=tensorflow|wasm|cpu to insist on one.
 */
import * as tf from '@tensorflow/tfjs';
import { installFastKernels } from './fast-kernels';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['wasm', 'tensorflow', 'cpu'];

export interface BackendChoice {
  name: BackendName;
  /** Why this one: what was tried before it and why that did not work. */
  reason: string;
  skipped: { name: BackendName; why: string }[];
}

let current: BackendChoice | null = null;

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'tensorflow') {
      // Keep TensorFlow's start-up log lines (oneDNN, CPU features) out of the lessons; errors still show.
      process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
      process.env.TF_ENABLE_ONEDNN_OPTS ??= '0'; // oneDNN's start-up notice ignores the log level; these small models also train faster without it
      require('@tensorflow/tfjs-node');
    } else if (name === 'wasm') {
      require('@tensorflow/tfjs-backend-wasm');
    }
    installFastKernels(); // before setBackend, so a backend starting now sets up the kernels as usual
    if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') returned false`;
    await tf.ready();
    return null;
  } catch (err) {
    if (name === 'tensorflow' && ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' || /tfjs_binding\.node\) can not be found/.test(firstLine(err)))) {
      return 'the native binding is not installed (its prebuilt download is gone since 2026; see "Which backend runs" in the README)';
    }
    return firstLine(err);
  }
}

/**
 * Switches tfjs to the best backend that works here and says why. Calling it again
 * returns the same choice without switching anything (safe to re-run a cell).
 */
export async function useBestBackend(env: NodeJS.ProcessEnv = process.env): Promise<BackendChoice> {
  if (current && tf.getBackend() === current.name) return current;
  const wanted = env.BRAIN_BACKEND?.trim();
  if (wanted) {
    if (!BACKEND_ORDER.includes(wanted as BackendName)) {
      throw new Error(`BRAIN_BACKEND is "${wanted}"; use one of ${BACKEND_ORDER.join(', ')}, or unset it.`);
    }
    const why = await tryBackend(wanted as BackendName);
    if (why) throw new Error(`BRAIN_BACKEND=${wanted} was asked for, but it did not load: ${why}.`);
    current = { name: wanted as BackendName, reason: `BRAIN_BACKEND=${wanted} asked for it`, skipped: [] };
    return current;
  }
  const skipped: BackendChoice['skipped'] = [];
  for (const name of BACKEND_ORDER) {
    const why = await tryBackend(name);
    if (why === null) {
      const reason =
        skipped.length === 0
          ? 'it is the fastest backend for these small models and it loaded'
          : skipped.map((s) => `${s.name} was skipped: ${s.why}`).join('; ');
      current = { name, reason, skipped };
      return current;
    }
    skipped.push({ name, why });
  }
  throw new Error(`No TensorFlow.js backend could start: ${skipped.map((s) => `${s.name}: ${s.why}`).join('; ')}`);
}

/** One line for the learner, e.g. "Backend: wasm (tensorflow was skipped: ...)". */
export function describeBackend(choice: BackendChoice): string {
  return `TensorFlow.js ${tf.version.tfjs} is running on the "${choice.name}" backend: ${choice.reason}.`;
}
