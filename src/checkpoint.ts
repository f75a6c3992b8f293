/**
 * Saving a trained model so the next lesson can pick it up instead of training
 * again. Files go to models/<name>/ (git-ignored): model.json (architecture and
 * weight manifest), weights.bin, and meta.json (how it was trained). Writes go to
 * a temporary folder that is renamed into place only when complete.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MODELS_DIR } from './paths';
import type { EpochLog } from './progress';

export interface CheckpointMeta {
  backend: string;
  seed: number;
  epochs: number;
  scaled: boolean;
  valAccuracy: number;
  savedAt: string;
  /** The training run, epoch by epoch. */
  history: EpochLog[];
}

function checkName(name: string): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new Error(`Checkpoint name "${name}" must be lower-case letters, digits and dashes, e.g. "article-raw".`);
  }
}

export async function saveCheckpoint(model: tf.LayersModel, name: string, meta: CheckpointMeta, dir = MODELS_DIR): Promise<string> {
  checkName(name);
  const target = path.join(dir, name);
  const temp = `${target}.tmp-${process.pid}`;
  await fs.rm(temp, { recursive: true, force: true });
  await fs.mkdir(temp, { recursive: true });
  try {
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        const { weightData, ...rest } = artifacts;
        const weights = tf.io.CompositeArrayBuffer.join(weightData as ArrayBuffer | ArrayBuffer[]);
        await fs.writeFile(path.join(temp, 'weights.bin'), Buffer.from(weights));
        await fs.writeFile(path.join(temp, 'model.json'), JSON.stringify(rest));
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
      }),
    );
    await fs.writeFile(path.join(temp, 'meta.json'), JSON.stringify(meta, null, 2));
    await fs.rm(target, { recursive: true, force: true });
    await fs.rename(temp, target);
  } finally {
    await fs.rm(temp, { recursive: true, force: true });
  }
  return target;
}

/** The saved model and its meta, or null if there is none. */
export async function loadCheckpoint(name: string, dir = MODELS_DIR): Promise<{ model: tf.LayersModel; meta: CheckpointMeta } | null> {
  checkName(name);
  const folder = path.join(dir, name);
  if (!existsSync(path.join(folder, 'meta.json'))) return null;
  try {
    const json = JSON.parse(await fs.readFile(path.join(folder, 'model.json'), 'utf8'));
    const weights = await fs.readFile(path.join(folder, 'weights.bin'));
    const meta = JSON.parse(await fs.readFile(path.join(folder, 'meta.json'), 'utf8')) as CheckpointMeta;
    const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
    const model = await tf.loadLayersModel(tf.io.fromMemory({ ...json, weightData }));
    return { model, meta };
  } catch (err) {
    throw new Error(
      `The saved model in ${folder} cannot be read (${(err as Error).message.split('\n')[0]}). Delete that folder and run the lesson that trains it again.`,
    );
  }
}
