/**
 * The article's brain as lesson 6 trains it (raw pixels, seed 42, 5 epochs,
 * batch 32), shared by the lessons after it: they load the copy lesson 6 saved,
 * or train it again the same way if there is none (or it came from another backend).
 */
import type * as tf from '@tensorflow/tfjs';
import { CheckpointMeta, loadCheckpoint, saveCheckpoint } from './checkpoint';
import { buildArticleModel } from './model';
import type { TensorData } from './preprocess';
import { DEFAULT_SEED } from './seed';
import { compileModel, fitModel, TrainingRun } from './train';

export const ARTICLE_CHECKPOINT = 'article-raw';

export interface ArticleBrain {
  model: tf.LayersModel;
  meta: CheckpointMeta;
  /** True when it was loaded from lesson 6's checkpoint rather than trained just now. */
  loaded: boolean;
}

/** Saves lesson 6's trained brain, with how it was trained, for the lessons after it. */
export async function saveArticleBrain(model: tf.LayersModel, run: TrainingRun, backend: string): Promise<CheckpointMeta> {
  const meta: CheckpointMeta = {
    backend,
    seed: DEFAULT_SEED,
    epochs: run.epochs.length,
    scaled: false,
    valAccuracy: run.finalValAccuracy,
    savedAt: new Date().toISOString(),
    history: run.epochs,
  };
  await saveCheckpoint(model, ARTICLE_CHECKPOINT, meta);
  return meta;
}

/** Lesson 6's brain: loaded if saved on this backend, else trained now (about half a minute) and saved. */
export async function loadOrTrainArticleBrain(raw: TensorData, backend: string): Promise<ArticleBrain> {
  const saved = await loadCheckpoint(ARTICLE_CHECKPOINT);
  if (saved && saved.meta.backend === backend && Array.isArray(saved.meta.history)) {
    console.log(`Loaded the brain lesson 6 trained (${saved.meta.backend} backend, validation accuracy ${saved.meta.valAccuracy.toFixed(4)}).`);
    return { ...saved, loaded: true };
  }
  saved?.model.dispose();
  console.log(`No brain saved by lesson 6 on the ${backend} backend yet: training it now, exactly as lesson 6 does.`);
  const model = buildArticleModel({ seed: DEFAULT_SEED });
  compileModel(model);
  const run = await fitModel(model, raw, { epochs: 5, batchSize: 32, seed: DEFAULT_SEED });
  const meta = await saveArticleBrain(model, run, backend);
  return { model, meta, loaded: false };
}
